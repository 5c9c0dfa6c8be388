/// A pure, stateless check over one document.
///
/// Rules must not do I/O, cache, or consult suppressions (the engine filters); they report
/// diagnostics with their description's default severity (the engine applies overrides).
public protocol Rule: Sendable {
  /// The rule's id, documentation and examples.
  var description: RuleDescription { get }
  /// Finds problems in `document`.
  func check(_ document: Document, context: RuleContext) -> [Diagnostic]
  /// The rule's time on a long draft relative to a typical rule (1): when the linter runs rules side by
  /// side it starts the costliest first, so no thread is left with a long rule at the end.
  var relativeCost: Int { get }
}

extension Rule {
  public var id: RuleID { description.id }

  public var relativeCost: Int { 1 }

  /// A diagnostic of this rule at its default severity.
  public func diagnostic(
    _ range: TextRange, _ message: String, fix: Fix? = nil, related: [RelatedLocation] = []
  ) -> Diagnostic {
    Diagnostic(ruleID: description.id, severity: description.defaultSeverity, range: range, message: message, fix: fix, related: related)
  }
}

/// A rule that reads `RuleContext.corpus` (the navigation rules).
///
/// A marker: front ends build the corpus index only when an enabled rule needs it. Such a rule
/// reports nothing when the context has no corpus, so a draft linted alone is never misjudged.
public protocol CorpusRule: Rule {}

/// What a rule may know beyond its document.
public struct RuleContext: Sendable {
  /// The other drafts (for navigation rules); nil when linting without a corpus.
  public var corpus: (any DraftIndex)?
  /// The document's own key in `corpus`: its path relative to the corpus root with `/` separators.
  /// Nil when the document is not part of the corpus (standard input without a name, a file outside
  /// the root); rules then recognise the document by its title and slug.
  public var corpusPath: String?

  /// Values derived from the document and this context, shared by the rules of one `Linter.lint` call,
  /// which sets it afresh (so nothing outlives the lint); nil when a rule is checked on its own.
  var lintValues: DocumentMemo?

  public init(corpus: (any DraftIndex)? = nil, corpusPath: String? = nil) {
    self.corpus = corpus
    self.corpusPath = corpusPath
  }

  /// The value stored under `key` for this lint, computed by `make` on first use (every time when the rule
  /// runs outside `Linter.lint`). Like `DocumentMemo.value(for:_:)`, but `make` may read the context too.
  public func shared<Value: Sendable>(_ key: Any.Type, _ make: () -> Value) -> Value {
    guard let lintValues else { return make() }
    return lintValues.value(for: key, make)
  }
}

/// One draft as the corpus index knows it: enough to resolve previous/next references.
public struct DraftSummary: Sendable, Hashable {
  /// Path relative to the corpus root, with `/` separators (`published:<slug>` for published entries).
  public var path: String
  public var title: String?
  public var slug: String
  public var format: DraftFormat
  /// The previous-article reference; its range is in UTF-8 bytes of the draft's text.
  public var previous: NavigationReference?
  /// The next-article reference; its range is in UTF-8 bytes of the draft's text.
  public var next: NavigationReference?
  /// 1-based line of `previous` in the draft, when known.
  public var previousLineNumber: Int?
  /// 1-based line of `next` in the draft, when known.
  public var nextLineNumber: Int?
  /// True for an entry of the published-articles index (no file in the corpus).
  public var isPublished: Bool

  public init(
    path: String, title: String?, slug: String, format: DraftFormat, previous: NavigationReference? = nil,
    next: NavigationReference? = nil, previousLineNumber: Int? = nil, nextLineNumber: Int? = nil,
    isPublished: Bool = false
  ) {
    self.path = path
    self.title = title
    self.slug = slug
    self.format = format
    self.previous = previous
    self.next = next
    self.previousLineNumber = previousLineNumber
    self.nextLineNumber = nextLineNumber
    self.isPublished = isPublished
  }

  /// The reference in `direction`, if the draft has one.
  public func reference(_ direction: NavigationDirection) -> NavigationReference? {
    direction == .previous ? previous : next
  }

  /// The 1-based line of the reference in `direction`, when known.
  public func lineNumber(of direction: NavigationDirection) -> Int? {
    direction == .previous ? previousLineNumber : nextLineNumber
  }

  /// How messages name the draft: `“Title” (path)`, or the path alone when it has no title.
  public var displayName: String {
    let location = isPublished ? "published article “\(slug)”" : path
    guard let title, !title.isEmpty else { return location }
    return "“\(title)” (\(location))"
  }
}

/// A close name for a reference that matches nothing, with the key it came from.
public struct NameSuggestion: Sendable, Hashable {
  /// Which key of the draft is close.
  public enum Key: Sendable, Hashable {
    case title
    case slug
  }

  public var draft: DraftSummary
  /// The draft's title or slug, exactly as written there.
  public var name: String
  public var key: Key
  /// Edit distance between the folded reference and the folded name.
  public var distance: Int

  public init(draft: DraftSummary, name: String, key: Key, distance: Int) {
    self.draft = draft
    self.name = name
    self.key = key
    self.distance = distance
  }
}

/// The corpus as navigation rules see it. Implemented by `CorpusIndex`.
public protocol DraftIndex: Sendable {
  /// Every draft and published entry, sorted by path.
  var drafts: [DraftSummary] { get }
  /// The entry for a path relative to the root, if indexed.
  func draft(atPath path: String) -> DraftSummary?
  /// Resolves a previous/next name. With `suggesting` false, `.dangling` carries no suggestions
  /// (they cost a scan of every entry).
  func resolve(_ name: String, suggesting: Bool) -> ReferenceResolution
  /// The drafts whose title or slug is within a small edit distance of `name`, best first.
  func closestNames(to name: String, limit: Int) -> [NameSuggestion]
}

extension DraftIndex {
  /// Resolves a previous/next name, with suggestions when it dangles.
  public func resolve(_ name: String) -> ReferenceResolution { resolve(name, suggesting: true) }
}
