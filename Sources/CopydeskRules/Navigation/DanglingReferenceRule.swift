public import CopydeskCore

/// Flags a previous/next reference that names no draft of the corpus and no published article.
///
/// Fix: when exactly one title or slug is within a few edits of the name, rewrite the reference to
/// it (the title in a plain-text footer; in front matter, whichever of title or slug was close).
/// Reports nothing without a corpus.
public struct DanglingReferenceRule: CorpusRule {
  public static let description = RuleDescription(
    id: "navigation/dangling", name: "Dangling Reference",
    summary: "Point previous and next at an article that exists",
    explanation: """
      Flags a previous or next reference (the title under “Previous Article” / “Next Article”, or the \
      `previous:` / `next:` front-matter value) that matches no draft under the corpus root by slug, \
      relative path or title, and no article in the published index (`navigation.index`). Readers who \
      follow the link on the live site hit a missing page. The message suggests the closest titles or \
      slugs by edit distance; when exactly one is close, the fix rewrites the reference to it. A reference \
      is only a name: paths such as “../../etc/passwd” are never read, they simply match nothing.
      """,
    defaultSeverity: .error, isFixable: true,
    scope: .document,
    examples: [
      .triggers(
        "Budget talks resume\n\nThe council met.\n\nNext Article\n\n⟦Rail strike ends⟧\n", format: .plainText,
        corpus: NavigationExamples.corpus),
      .triggers(
        "Budget talks resume\n\nThe council met.\n\nPrevious Article\n\n⟦Tax reform pases⟧\n", format: .plainText,
        corpus: NavigationExamples.corpus),
      .triggers(
        "# Budget talks resume\n\nThe council met.\n\nNext Article\n\n⟦../../etc/passwd⟧\n", corpus: NavigationExamples.corpus),
      .triggers(
        "---\ntitle: Budget talks resume\nnext: ⟦news/rail.md⟧\n---\n\nThe council met.\n", corpus: NavigationExamples.corpus),
      .passes(
        "Budget talks resume\n\nThe council met.\n\nNext Article\n\nTax reform passes\n", format: .plainText,
        corpus: NavigationExamples.corpus),
      .passes("---\ntitle: Budget talks resume\nprevious: tax\n---\n\nThe council met.\n", corpus: NavigationExamples.corpus),
      .passes("---\ntitle: Budget talks resume\nnext: news/tax.md\n---\n\nThe council met.\n", corpus: NavigationExamples.corpus),
      .passes("# Budget talks resume\n\nThe council met.\n", corpus: NavigationExamples.corpus),
      .fixes(
        "Budget talks resume\n\nThe council met.\n\nPrevious Article\n\nTax reform pases\n",
        to: "Budget talks resume\n\nThe council met.\n\nPrevious Article\n\nTax reform passes\n", format: .plainText,
        corpus: NavigationExamples.corpus),
      .fixes(
        "---\ntitle: Budget talks resume\nnext: taks\n---\n\nThe council met.\n",
        to: "---\ntitle: Budget talks resume\nnext: tax\n---\n\nThe council met.\n", corpus: NavigationExamples.corpus),
    ])

  public var description: RuleDescription { Self.description }

  public init() {}

  public static let factory = RuleFactory(DanglingReferenceRule())

  public func check(_ document: Document, context: RuleContext) -> [Diagnostic] {
    guard let navigation = NavigationContext.shared(document, context) else { return [] }
    var results: [Diagnostic] = []
    for resolved in navigation.references where !resolved.isSelf {
      guard case .dangling = resolved.resolution else { continue }
      let reference = resolved.reference
      let suggestions = navigation.corpus.closestNames(to: reference.name, limit: 3)
      let names = suggestions.map { replacement(for: $0, in: reference) }
      var message = "No draft or published article matches “\(reference.name)”"
      if names.isEmpty {
        message += "; use the exact title, slug or path of an existing article"
      } else {
        message += "; did you mean " + NavigationText.list(names.map { "“\($0)”" }, conjunction: "or") + "?"
      }
      var fix: Fix? = nil
      if names.count == 1 {
        fix = Fix(title: "Replace with “\(names[0])”", edits: [NavigationText.rename(reference, to: names[0], in: document)])
      }
      results.append(diagnostic(reference.range, message, fix: fix))
    }
    return results
  }

  /// A plain-text footer names articles by title; front matter keeps the kind of name that was close.
  private func replacement(for suggestion: NameSuggestion, in reference: NavigationReference) -> String {
    if reference.isFooter, let title = suggestion.draft.title, !title.isEmpty { return title }
    return suggestion.name
  }
}
