/// The two draft shapes of the specification.
public enum DraftFormat: String, Sendable, Hashable {
  /// `.md`, `.markdown`: optional front matter, Markdown body.
  case markdown
  /// `.txt`: title line, teaser, paragraphs, `Previous Article` / `Next Article` footer.
  case plainText

  /// The format a file name implies: `.txt` is plain text, anything else Markdown.
  public static func forPath(_ path: String) -> DraftFormat {
    let lower = path.lowercased()
    return lower.hasSuffix(".txt") ? .plainText : .markdown
  }
}

/// A piece of text with its range, as parsed.
public struct TextSpan: Sendable, Hashable {
  public var text: String
  public var range: TextRange

  public init(text: String, range: TextRange) {
    self.text = text
    self.range = range
  }
}

/// One `key: value` entry of the front matter.
public struct FrontMatterEntry: Sendable, Hashable {
  public var key: TextSpan
  /// The value with surrounding quotes removed; nil when the key has no inline value.
  public var value: TextSpan?
  /// `- item` lines under the key (for `sources:`).
  public var items: [TextSpan]
}

/// The `---` block at the top of a Markdown draft.
public struct FrontMatter: Sendable, Hashable {
  public var range: TextRange
  public var entries: [FrontMatterEntry]

  /// The last entry with this key (keys compare case-insensitively).
  public func entry(_ key: String) -> FrontMatterEntry? {
    let lower = key.lowercased()
    return entries.last { $0.key.text.lowercased() == lower }
  }
}

/// How a summary was found.
public enum SummarySource: Sendable, Hashable {
  /// Front matter `summary:`.
  case frontMatter
  /// A paragraph starting with `Summary:`.
  case labelledParagraph
  /// The paragraph after a line reading `Summary`, or under a `Summary` / `TL;DR` / `In brief` / `Key points` heading.
  case section
}

/// The article's summary.
public struct Summary: Sendable, Hashable {
  /// The summary text without its label; may be empty.
  public var text: String
  /// Where the text is; for an empty value, the empty range where it would be (or the key).
  public var range: TextRange
  public var source: SummarySource
}

/// Which neighbour a reference names.
public enum NavigationDirection: String, Sendable, Hashable {
  case previous
  case next

  public var opposite: NavigationDirection { self == .previous ? .next : .previous }
}

/// A previous/next reference to another draft.
public struct NavigationReference: Sendable, Hashable {
  public var direction: NavigationDirection
  /// The name as written: a slug, relative path or title.
  public var name: String
  /// The range of the name (the front-matter value or the footer title line).
  public var range: TextRange
  /// True when it comes from the plain-text footer, false for front matter.
  public var isFooter: Bool

  public init(direction: NavigationDirection, name: String, range: TextRange, isFooter: Bool) {
    self.direction = direction
    self.name = name
    self.range = range
    self.isFooter = isFooter
  }
}

/// What the article parser found beyond the token stream.
public struct Article: Sendable, Hashable {
  public var title: TextSpan?
  public var slug: TextSpan?
  public var summary: Summary?
  /// Each `No time to read?` / `Get a summary` teaser block.
  public var teasers: [TextRange]
  public var previous: NavigationReference?
  public var next: NavigationReference?
  public var frontMatter: FrontMatter?
  /// Front matter `sources:` items (or a single value).
  public var sources: [TextSpan]
  /// Range of the body: from the first body block to the last (empty at the end when there is none).
  public var bodyRange: TextRange

  public init() {
    title = nil
    slug = nil
    summary = nil
    teasers = []
    previous = nil
    next = nil
    frontMatter = nil
    sources = []
    bodyRange = TextRange(start: 0, end: 0)
  }

  /// Previous and next references that are present.
  public var references: [NavigationReference] { [previous, next].compactMap { $0 } }
}
