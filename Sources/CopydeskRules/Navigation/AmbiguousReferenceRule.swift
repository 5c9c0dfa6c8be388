public import CopydeskCore

/// Flags a previous/next reference that matches more than one draft.
///
/// Fix: none (the writer must choose). The message lists every match. Reports nothing without a corpus.
public struct AmbiguousReferenceRule: CorpusRule {
  public static let description = RuleDescription(
    id: "navigation/ambiguous", name: "Ambiguous Reference",
    summary: "Name exactly one article as previous or next",
    explanation: """
      Flags a previous or next reference that matches several drafts: two drafts with the same title, \
      a slug shared by files in different folders, or a name that is one draft's title and another's \
      slug. A published site can link to only one of them. The message lists the matches; name one by \
      its relative path (`news/budget.md`) or a unique slug, or retitle one of the drafts. A draft wins \
      over a published-index entry with the same name, so revising a published article is not ambiguous.
      """,
    defaultSeverity: .error,
    scope: .document,
    examples: [
      .triggers(
        "Budget talks resume\n\nThe council met.\n\nNext Article\n\n⟦Annual report published⟧\n", format: .plainText,
        corpus: NavigationExamples.corpus),
      .triggers("---\ntitle: Budget talks resume\nprevious: ⟦report⟧\n---\n\nThe council met.\n", corpus: NavigationExamples.corpus),
      .triggers(
        "# Budget talks resume\n\nThe council met.\n\nNext Article\n\n⟦ANNUAL REPORT PUBLISHED⟧\n", corpus: NavigationExamples.corpus),
      .passes("---\ntitle: Budget talks resume\nprevious: a/report.txt\n---\n\nThe council met.\n", corpus: NavigationExamples.corpus),
      .passes("---\ntitle: Budget talks resume\nprevious: b/report\n---\n\nThe council met.\n", corpus: NavigationExamples.corpus),
      .passes(
        "Budget talks resume\n\nThe council met.\n\nNext Article\n\nDerby ends in a draw\n", format: .plainText,
        corpus: NavigationExamples.corpus),
      .passes(
        "Budget talks resume\n\nThe council met.\n\nNext Article\n\nTax reform passes\n", format: .plainText,
        corpus: NavigationExamples.corpus),
    ])

  public var description: RuleDescription { Self.description }

  public init() {}

  public static let factory = RuleFactory(AmbiguousReferenceRule())

  public func check(_ document: Document, context: RuleContext) -> [Diagnostic] {
    guard let navigation = NavigationContext.shared(document, context) else { return [] }
    var results: [Diagnostic] = []
    for resolved in navigation.references where !resolved.isSelf {
      guard case .ambiguous(let matches) = resolved.resolution else { continue }
      let names = matches.map { $0.isPublished ? "published article “\($0.slug)”" : $0.path }
      results.append(diagnostic(
        resolved.reference.range,
        "“\(resolved.reference.name)” matches \(matches.count) articles: \(NavigationText.list(names)); name one by its path or a unique slug"))
    }
    return results
  }
}
