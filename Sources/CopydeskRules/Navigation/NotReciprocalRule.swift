public import CopydeskCore

/// Flags a previous/next reference whose article does not point back: A's next is B but B's
/// previous is not A (or is missing), and the same for previous.
///
/// Sits on the reference that is not answered, naming the other draft's path and the line of its
/// own reference. Title-keyed plain-text references and slug-keyed front-matter ones count alike,
/// whatever the format of either draft. Not reported when the other reference is itself dangling or
/// ambiguous (that draft gets its own error), nor for published articles (their links are not
/// known). Fix: none (either side may be the wrong one). Reports nothing without a corpus.
public struct NotReciprocalRule: CorpusRule {
  public static let description = RuleDescription(
    id: "navigation/not-reciprocal", name: "Not Reciprocal",
    summary: "Make previous and next references point at each other",
    explanation: """
      Flags a next reference to an article whose previous reference does not name this draft, and a \
      previous reference to an article whose next reference does not. Chains of articles that disagree \
      send readers in circles or skip articles. The finding sits on the reference that is not answered \
      and names the other draft's path and the line of its reference: decide which side is wrong and \
      make the two agree. A plain-text footer title and a front-matter slug link to each other. \
      Published articles (`navigation.index`) are not checked, since their links are not known.
      """,
    defaultSeverity: .warning,
    scope: .document,
    examples: [
      .triggers(
        "Budget talks resume\n\nThe council met.\n\nNext Article\n\n⟦Derby ends in a draw⟧\n", format: .plainText,
        corpus: NavigationExamples.corpus),
      .triggers(
        "Budget talks resume\n\nThe council met.\n\nPrevious Article\n\n⟦Derby ends in a draw⟧\n", format: .plainText,
        corpus: NavigationExamples.corpus),
      .triggers("---\ntitle: Budget talks resume\nprevious: ⟦tax⟧\n---\n\nThe council met.\n", corpus: NavigationExamples.corpus),
      .triggers(
        "# Budget talks resume\n\nThe council met.\n\nNext Article\n\n⟦sport/derby.txt⟧\n", corpus: NavigationExamples.corpus),
      .passes(
        "Budget talks resume\n\nThe council met.\n\nNext Article\n\nTax reform passes\n", format: .plainText,
        corpus: NavigationExamples.corpus),
      .passes("---\ntitle: Budget talks resume\nnext: tax\n---\n\nThe council met.\n", corpus: NavigationExamples.corpus),
      .passes(
        "Budget talks resume\n\nThe council met.\n\nNext Article\n\ntax reform passes\n", format: .plainText,
        corpus: NavigationExamples.corpus),
      .passes(
        "Budget talks resume\n\nThe council met.\n\nNext Article\n\nNowhere to be found\n", format: .plainText,
        corpus: NavigationExamples.corpus),
    ])

  public var description: RuleDescription { Self.description }

  public init() {}

  public static let factory = RuleFactory(NotReciprocalRule())

  public func check(_ document: Document, context: RuleContext) -> [Diagnostic] {
    guard let navigation = NavigationContext.shared(document, context) else { return [] }
    var results: [Diagnostic] = []
    for resolved in navigation.references where !resolved.isSelf {
      guard let other = resolved.resolution.target, !other.isPublished else { continue }
      let direction = resolved.reference.direction
      let back = direction.opposite.rawValue
      let lead = "The \(direction.rawValue) article \(other.displayName)"
      guard let answer = other.reference(direction.opposite) else {
        results.append(diagnostic(
          resolved.reference.range, "\(lead) has no \(back) article; name this article there, or fix this reference"))
        continue
      }
      if navigation.namesDocument(answer.name) { continue }
      // A dangling or ambiguous answer is that draft's own error; only a clear other target counts.
      guard navigation.corpus.resolve(answer.name, suggesting: false).target != nil else { continue }
      let line = other.lineNumber(of: direction.opposite).map { " on line \($0)" } ?? ""
      results.append(diagnostic(
        resolved.reference.range,
        "\(lead) names “\(answer.name)” as its \(back) article\(line), not this one; make the two references agree"))
    }
    return results
  }
}
