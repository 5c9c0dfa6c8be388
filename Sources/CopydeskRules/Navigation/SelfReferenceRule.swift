public import CopydeskCore

/// Flags a draft that names itself as its previous or next article.
///
/// Fix: none (only the writer knows the right neighbour). Reports nothing without a corpus.
public struct SelfReferenceRule: CorpusRule {
  public static let description = RuleDescription(
    id: "navigation/self", name: "Self Reference",
    summary: "Do not name the article itself as previous or next",
    explanation: """
      Flags a previous or next reference that resolves to the draft it is written in, by title, slug or \
      path, even when the name matches only loosely (different case or punctuation). On the site the \
      link would lead readers back to the page they are reading; it is usually a copy-and-paste slip \
      from the article's own header. Point the reference at the neighbouring article, or remove it.
      """,
    defaultSeverity: .error,
    scope: .document,
    examples: [
      .triggers(
        "Budget talks resume\n\nThe council met.\n\nNext Article\n\n⟦Budget talks resume⟧\n", format: .plainText,
        corpus: NavigationExamples.corpus),
      .triggers(
        "Budget talks resume\n\nThe council met.\n\nPrevious Article\n\n⟦budget talks, resume⟧\n", format: .plainText,
        corpus: NavigationExamples.corpus),
      .triggers("# Budget talks resume\n\nThe council met.\n\nPrevious Article\n\n⟦example⟧\n", corpus: NavigationExamples.corpus),
      .triggers("---\ntitle: Budget talks resume\nnext: ⟦example.md⟧\n---\n\nThe council met.\n", corpus: NavigationExamples.corpus),
      .passes(
        "Budget talks resume\n\nThe council met.\n\nNext Article\n\nTax reform passes\n", format: .plainText,
        corpus: NavigationExamples.corpus),
      .passes("---\ntitle: Budget talks resume\nprevious: tax\n---\n\nThe council met.\n", corpus: NavigationExamples.corpus),
      .passes("# Budget talks resume\n\nThe council met.\n", corpus: NavigationExamples.corpus),
      .passes(
        "Budget talks resume\n\nThe council met.\n\nNext Article\n\nBudget talks resumed in May\n", format: .plainText,
        corpus: NavigationExamples.corpus),
    ])

  public var description: RuleDescription { Self.description }

  public init() {}

  public static let factory = RuleFactory(SelfReferenceRule())

  public func check(_ document: Document, context: RuleContext) -> [Diagnostic] {
    guard let navigation = NavigationContext.shared(document, context) else { return [] }
    return navigation.references.filter(\.isSelf).map { resolved in
      diagnostic(
        resolved.reference.range,
        "“\(resolved.reference.name)” is this article itself; name the \(resolved.directionName) article instead, or remove the reference")
    }
  }
}
