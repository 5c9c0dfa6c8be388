public import CopydeskCore

/// Flags a summary that is a placeholder: `TK`, `TODO`, `Lorem ipsum`, `Summary goes here`.
///
/// Fix: none. An empty summary is `summary/missing`'s finding (the benchmark and editors alike treat
/// `summary:` with no value as no summary), so this rule reports only text that stands in for one.
public struct SummaryPlaceholderRule: Rule {
  public static let description = RuleDescription(
    id: "summary/placeholder", name: "Placeholder Summary",
    summary: "Replace placeholder text in the summary",
    explanation: """
      Flags a summary that is only a placeholder: the marks “TK”, “TODO”, “TBD” or “FIXME” anywhere in it, \
      “Lorem ipsum”, “Summary goes here”, or a whole summary such as “Coming soon” or “…”. Placeholders slip \
      into print when nobody notices them. Write the summary before filing. An empty summary (“summary:” \
      with no value) is reported by summary/missing, not here.
      """,
    defaultSeverity: .error, scope: .document,
    examples: [
      .triggers("---\ntitle: Budget talks\nsummary: ⟦TK⟧\n---\n\nThe council met."),
      .triggers("---\ntitle: Budget talks\nsummary: \"⟦Lorem ipsum dolor sit amet⟧\"\n---\n\nThe council met."),
      .triggers("Budget talks\n\nSummary\n⟦Summary goes here.⟧\n\nThe council met.", format: .plainText),
      .triggers("# Budget talks\n\n## Summary\n\n⟦The council TODO: add the vote count⟧\n\n## Details\n\nThe council met."),
      .triggers("---\ntitle: Budget talks\nsummary: \"⟦…⟧\"\n---\n\nThe council met."),
      .passes("---\ntitle: Budget talks\nsummary: The council reopened budget talks after a week of delays.\n---\n\nThe council met."),
      .passes("---\ntitle: Budget talks\nsummary: \"\"\n---\n\nThe council met."),
      .passes("Budget talks\n\nSummary: More cuts are to come, the council said.\n\nThe council met.", format: .plainText),
      .passes("# Budget talks\n\n## Summary\n\nThe council's to-do list grew after the vote.\n\n## Details\n\nThe council met."),
      .passes("# Budget talks\n\n## Summary\n\nThe council closed the last item in its `TODO` tracker after the vote.\n\n## Details\n\nThe council met."),
    ])

  public var description: RuleDescription { Self.description }

  public init() {}

  public static let factory = RuleFactory(SummaryPlaceholderRule())

  public func check(_ document: Document, context: RuleContext) -> [Diagnostic] {
    guard let summary = document.article.summary, let placeholder = SummaryText.placeholder(summary, in: document) else { return [] }
    return [diagnostic(SummaryText.findingRange(summary, in: document), "“\(placeholder)” is a placeholder, not a summary; write the summary")]
  }
}
