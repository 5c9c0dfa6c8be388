public import CopydeskCore

/// Flags a previous/next reference that matches a title or slug only after folding case,
/// punctuation, whitespace or a leading `Revised:`-style label.
///
/// Fix: rewrite the reference to the exact name. A plain-text footer names articles by title, so it
/// gets the exact title. A front-matter value gets the exact slug when it loosely matched the slug,
/// or when the draft's other front-matter reference already names its article by slug (one style
/// per draft); otherwise the exact title. The reference still resolves for the other navigation
/// rules. Reports nothing without a corpus.
public struct TitleMismatchRule: CorpusRule {
  public static let description = RuleDescription(
    id: "navigation/title-mismatch", name: "Title Mismatch",
    summary: "Write a previous or next title exactly as the article spells it",
    explanation: """
      Flags a previous or next reference that names an article only loosely: different capitals, \
      punctuation or spacing, or a leading label such as “Revised:” or “Updated:” on one side. Copydesk \
      still links it to that article, but a site generator that matches names exactly would not. The \
      fix rewrites the reference to the article's exact title (a front-matter reference that matched \
      the slug, or whose sibling reference uses a slug, gets the exact slug instead).
      """,
    defaultSeverity: .warning, isFixable: true,
    scope: .document,
    examples: [
      .triggers(
        "Budget talks resume\n\nThe council met.\n\nNext Article\n\n⟦tax reform passes⟧\n", format: .plainText,
        corpus: NavigationExamples.corpus),
      .triggers(
        "Budget talks resume\n\nThe council met.\n\nNext Article\n\n⟦Revised: Tax reform passes⟧\n", format: .plainText,
        corpus: NavigationExamples.corpus),
      .triggers(
        "# Budget talks resume\n\nThe council met.\n\nPrevious Article\n\n⟦Derby ends  in a draw!⟧\n",
        corpus: NavigationExamples.corpus),
      .triggers("---\ntitle: Budget talks resume\nprevious: ⟦TAX⟧\n---\n\nThe council met.\n", corpus: NavigationExamples.corpus),
      .passes(
        "Budget talks resume\n\nThe council met.\n\nNext Article\n\nTax reform passes\n", format: .plainText,
        corpus: NavigationExamples.corpus),
      .passes("---\ntitle: Budget talks resume\nprevious: tax\n---\n\nThe council met.\n", corpus: NavigationExamples.corpus),
      .passes(
        "Budget talks resume\n\nThe council met.\n\nNext Article\n\nTax reform passed\n", format: .plainText,
        corpus: NavigationExamples.corpus),
      .passes(
        "Budget talks resume\n\nThe council met.\n\nNext Article\n\nbudget talks resume\n", format: .plainText,
        corpus: NavigationExamples.corpus),
      .fixes(
        "Budget talks resume\n\nThe council met.\n\nNext Article\n\nRevised: tax reform passes\n",
        to: "Budget talks resume\n\nThe council met.\n\nNext Article\n\nTax reform passes\n", format: .plainText,
        corpus: NavigationExamples.corpus),
      .fixes(
        "---\ntitle: Budget talks resume\nprevious: tax reform passes\n---\n\nThe council met.\n",
        to: "---\ntitle: Budget talks resume\nprevious: Tax reform passes\n---\n\nThe council met.\n",
        corpus: NavigationExamples.corpus),
      .fixes(
        "---\ntitle: Budget talks resume\nprevious: TAX REFORM PASSES\nnext: derby\n---\n\nThe council met.\n",
        to: "---\ntitle: Budget talks resume\nprevious: tax\nnext: derby\n---\n\nThe council met.\n",
        corpus: NavigationExamples.corpus),
    ])

  public var description: RuleDescription { Self.description }

  public init() {}

  public static let factory = RuleFactory(TitleMismatchRule())

  public func check(_ document: Document, context: RuleContext) -> [Diagnostic] {
    guard let navigation = NavigationContext.shared(document, context) else { return [] }
    var results: [Diagnostic] = []
    for resolved in navigation.references where !resolved.isSelf {
      guard case .titleMismatch(let target) = resolved.resolution else { continue }
      let reference = resolved.reference
      let (exact, key) = TitleMismatchRule.exactName(for: reference, target: target, navigation: navigation)
      let fix = Fix(title: "Replace with “\(exact)”", edits: [NavigationText.rename(reference, to: exact, in: document)])
      results.append(diagnostic(
        reference.range, "“\(reference.name)” only loosely matches the \(key) “\(exact)”; write it exactly", fix: fix))
    }
    return results
  }

  /// The name the fix writes, and whether it is a title or a slug (see the type's documentation).
  static func exactName(
    for reference: NavigationReference, target: DraftSummary, navigation: NavigationContext
  ) -> (name: String, key: String) {
    let folded = CorpusIndex.foldTitle(reference.name)
    guard let title = target.title, !title.isEmpty else { return (target.slug, "slug") }
    if reference.isFooter { return (title, "title") }
    let matchesTitle = CorpusIndex.foldTitle(title) == folded
    let siblingUsesSlug = navigation.reference(reference.direction.opposite).map { sibling in
      !sibling.reference.isFooter && sibling.resolution.target.map { $0.slug == sibling.reference.name.trimmingSpacesAndTabs() } == true
    } ?? false
    return matchesTitle && !siblingUsesSlug ? (title, "title") : (target.slug, "slug")
  }
}
