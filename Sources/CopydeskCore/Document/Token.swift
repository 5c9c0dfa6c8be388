/// What a token is, lexically.
public enum TokenKind: UInt8, Sendable, Hashable {
  /// Letters, with inner apostrophes, hyphens and abbreviation dots (`Iran’s`, `e-mail`, `U.S.`).
  case word
  /// Digits with inner separators (`3.5`, `1,200`), optionally with a letter suffix (`15th`, `1990s`).
  case number
  /// One punctuation or symbol scalar (`,`, `“`, `%`, `—`); `...` and `!!` are one token each.
  case punctuation
  /// Horizontal whitespace inside a line.
  case space
  /// `\n`, `\r\n` or `\r`.
  case lineBreak
  /// Text that is never prose: a code span or code block line, a URL, a link target, an HTML comment,
  /// a front-matter key or raw value, Markdown markup. Its `role` says which.
  case opaque
}

/// Where a token sits in the article. Rules see `.body` (and usually `.heading`) by default.
public enum TokenRole: UInt8, Sendable, Hashable {
  /// Paragraphs, list items and block quotes of the article body.
  case body
  /// A Markdown heading or the plain-text title line.
  case heading
  /// The summary (a `Summary:` paragraph or the paragraph under a summary heading).
  case summary
  /// A front-matter value that is prose (`title`, `summary`).
  case frontMatterValue
  /// Site chrome: the `No time to read?` teaser and the `Previous Article` / `Next Article` footer.
  case chrome
  /// A code span, fenced or indented code block.
  case code
  /// A bare URL or autolink.
  case url
  /// A Markdown link or image destination (and title).
  case linkTarget
  /// An HTML comment (including suppression comments).
  case htmlComment
  /// Front-matter delimiters, keys and values that are not prose.
  case frontMatter
  /// Markdown syntax with no words: heading `#`, list markers, `>`, emphasis markers, brackets of links.
  case markup

  /// True for roles whose words are prose a writer wrote.
  @inlinable
  public var isProse: Bool {
    switch self {
    case .body, .heading, .summary, .frontMatterValue: true
    default: false
    }
  }
}

/// Facts about a token that rules ask often, computed once by the tokenizer.
///
/// The members are inlinable constants rather than stored globals: rules in other modules test them for
/// every token, and a global would be reached through its lazy-initialisation check each time.
public struct TokenFlags: OptionSet, Sendable, Hashable {
  public let rawValue: UInt16
  @inlinable public init(rawValue: UInt16) { self.rawValue = rawValue }

  /// Inside quotation marks (straight or curly): quoted speech, the speaker's wording.
  @inlinable public static var quoted: TokenFlags { TokenFlags(rawValue: 1 << 0) }
  /// Starts with an uppercase letter.
  @inlinable public static var capitalized: TokenFlags { TokenFlags(rawValue: 1 << 1) }
  /// Two or more letters, all uppercase.
  @inlinable public static var allCaps: TokenFlags { TokenFlags(rawValue: 1 << 2) }
  /// Contains a non-ASCII scalar.
  @inlinable public static var nonASCII: TokenFlags { TokenFlags(rawValue: 1 << 3) }
  /// Inside the text of a Markdown link (`[text](…)`): a citation.
  @inlinable public static var linkText: TokenFlags { TokenFlags(rawValue: 1 << 4) }
  /// A footnote reference `[^1]`: a citation.
  @inlinable public static var footnoteReference: TokenFlags { TokenFlags(rawValue: 1 << 5) }
  /// Inside a block quote (`> …`).
  @inlinable public static var blockQuote: TokenFlags { TokenFlags(rawValue: 1 << 6) }
  /// The first word of its sentence.
  @inlinable public static var sentenceStart: TokenFlags { TokenFlags(rawValue: 1 << 7) }
  /// An opening quotation mark.
  @inlinable public static var openingQuote: TokenFlags { TokenFlags(rawValue: 1 << 8) }
  /// A closing quotation mark.
  @inlinable public static var closingQuote: TokenFlags { TokenFlags(rawValue: 1 << 9) }
  /// Emphasis or strong markup (`*`, `_`) that joins words rather than separating them.
  @inlinable public static var emphasisMarker: TokenFlags { TokenFlags(rawValue: 1 << 10) }
  /// Inside a Markdown list item.
  @inlinable public static var listItem: TokenFlags { TokenFlags(rawValue: 1 << 11) }
}

/// One token of the document, produced by the single tokenising pass.
public struct Token: Sendable, Hashable {
  // Stored widest first, so the record packs into 24 bytes (in declaration order it padded to 32): the
  // token table is most of the memory a long draft touches.

  /// For words and numbers: a 64-bit hash of the case-folded text (`’` folded to `'`). 0 otherwise.
  public var foldedHash: UInt64
  /// UTF-8 offsets. Stored as 32-bit to halve the token table; documents over 2 GiB are refused earlier.
  public var startOffset: Int32
  public var endOffset: Int32
  /// Index of the block holding the token.
  public var blockIndex: Int32
  public var flags: TokenFlags
  public var kind: TokenKind
  public var role: TokenRole

  public init(
    kind: TokenKind, role: TokenRole, flags: TokenFlags, range: TextRange, foldedHash: UInt64 = 0,
    blockIndex: Int = 0
  ) {
    self.kind = kind
    self.role = role
    self.flags = flags
    self.startOffset = Int32(truncatingIfNeeded: range.start)
    self.endOffset = Int32(truncatingIfNeeded: range.end)
    self.foldedHash = foldedHash
    self.blockIndex = Int32(truncatingIfNeeded: blockIndex)
  }

  @inlinable
  public var range: TextRange { TextRange(start: Int(startOffset), end: Int(endOffset)) }
  @inlinable
  public var start: Int { Int(startOffset) }
  @inlinable
  public var end: Int { Int(endOffset) }
  @inlinable
  public var isWordLike: Bool { kind == .word || kind == .number }
  @inlinable
  public var isQuoted: Bool { flags.contains(.quoted) }
}

/// A sentence: a run of tokens inside one block.
public struct Sentence: Sendable, Hashable {
  /// Indices into `Document.tokens`.
  public var tokenRange: Range<Int>
  /// From the first to the last non-space token.
  public var range: TextRange
  public var blockIndex: Int
}

/// The kind of a block (a paragraph-level unit).
public enum BlockKind: Sendable, Hashable {
  case frontMatter
  /// The plain-text title line.
  case title
  case heading(level: Int)
  case paragraph
  case listItem
  case blockQuote
  case codeBlock
  case htmlBlock
  case thematicBreak
  /// Teaser or footer lines.
  case chrome
  /// A plain-text `Summary:` paragraph or a paragraph under a summary heading.
  case summary
}

/// A paragraph-level unit with its tokens.
public struct Block: Sendable, Hashable {
  public var kind: BlockKind
  public var range: TextRange
  /// Indices into `Document.tokens`.
  public var tokenRange: Range<Int>
}
