/// A pure, stateless check over one document.
///
/// Rules must not do I/O, cache, or consult suppressions (the engine filters); they report
/// diagnostics with their description's default severity (the engine applies overrides).
public protocol Rule: Sendable {
  /// The rule's id, documentation and examples.
  var description: RuleDescription { get }
  /// Finds problems in `document`.
  func check(_ document: Document, context: RuleContext) -> [Diagnostic]
}

extension Rule {
  public var id: RuleID { description.id }

  /// A diagnostic of this rule at its default severity.
  public func diagnostic(
    _ range: TextRange, _ message: String, fix: Fix? = nil, related: [RelatedLocation] = []
  ) -> Diagnostic {
    Diagnostic(ruleID: description.id, severity: description.defaultSeverity, range: range, message: message, fix: fix, related: related)
  }
}

/// What a rule may know beyond its document.
public struct RuleContext: Sendable {
  /// The other drafts (for navigation rules); nil when linting without a corpus.
  public var corpus: (any DraftIndex)?

  public init(corpus: (any DraftIndex)? = nil) {
    self.corpus = corpus
  }
}

/// One draft as the corpus index knows it: enough to resolve previous/next references.
public struct DraftSummary: Sendable, Hashable {
  /// Path relative to the corpus root, with `/` separators.
  public var path: String
  public var title: String?
  public var slug: String
  public var format: DraftFormat
  public var previous: NavigationReference?
  public var next: NavigationReference?
  /// True for an entry of the published-articles index (no file in the corpus).
  public var isPublished: Bool

  public init(
    path: String, title: String?, slug: String, format: DraftFormat, previous: NavigationReference? = nil,
    next: NavigationReference? = nil, isPublished: Bool = false
  ) {
    self.path = path
    self.title = title
    self.slug = slug
    self.format = format
    self.previous = previous
    self.next = next
    self.isPublished = isPublished
  }
}

/// The corpus as navigation rules see it. Implemented by the workspace's corpus index.
public protocol DraftIndex: Sendable {
  /// Every draft and published entry.
  var drafts: [DraftSummary] { get }
  /// The entry for a path relative to the root, if indexed.
  func draft(atPath path: String) -> DraftSummary?
}
