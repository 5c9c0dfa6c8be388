public import CopydeskCore

/// Flags a draft with no summary, or with an empty one (`summary:`, `summary: ""`).
///
/// Fix: none. The finding sits on the title. A `No time to read? / Get a summary` teaser promises a
/// summary and is not one. A placeholder summary (`TK`) is `summary/placeholder`'s finding, not this one.
public struct MissingSummaryRule: Rule {
  public static let description = RuleDescription(
    id: "summary/missing", name: "Missing Summary",
    summary: "Give every draft a summary",
    explanation: """
      Flags a draft that has no summary. A plain-text draft gives it as a paragraph starting with \
      “Summary:”, or as the paragraph after a line reading “Summary”, before the body; a Markdown draft \
      in the front matter (`summary: …`) or in a section headed Summary, TL;DR, In brief or Key points. \
      The “No time to read? / Get a summary” teaser is site chrome that promises a summary: it is not one. \
      An empty value (`summary:` or `summary: ""`) counts as no summary; placeholder text such as “TK” \
      is reported by summary/placeholder instead. The finding sits on the title.
      """,
    defaultSeverity: .error, scope: .document,
    examples: [
      .triggers("⟦Ties endure despite the border dispute⟧\n\nNo time to read?\nGet a summary\n\nThe two capitals signed a deal.", format: .plainText),
      .triggers("# ⟦Budget talks resume⟧\n\nThe council met on Monday."),
      .triggers("---\ntitle: ⟦Budget talks resume⟧\nsummary: \"\"\n---\n\nThe council met on Monday."),
      .triggers("---\ntitle: ⟦Budget talks resume⟧\nsummary:\n---\n\nThe council met on Monday."),
      .triggers("# ⟦Budget talks resume⟧\n\n## Summary\n\n## Details\n\nThe council met on Monday."),
      .triggers("# ⟦Budget talks resume⟧\n\n<!-- Summary: the council reopened talks. -->\n\nThe council met on Monday."),
      .passes("Ties endure\n\nSummary: The two capitals signed a trade deal despite their border dispute.\n\nThe deal was signed.", format: .plainText),
      .passes("Ties endure\n\nSummary\nThe two capitals signed a trade deal.\n\nThe deal was signed.", format: .plainText),
      .passes("---\ntitle: Budget talks resume\nsummary: The council reopened budget talks after a week of delays.\n---\n\nThe council met."),
      .passes("# Budget talks resume\n\n## TL;DR\n\nThe council reopened budget talks.\n\n## Details\n\nThe council met."),
      .passes("---\ntitle: Budget talks resume\nsummary: TK\n---\n\nThe council met on Monday."),
    ])

  public var description: RuleDescription { Self.description }

  public init() {}

  public static let factory = RuleFactory(MissingSummaryRule())

  public func check(_ document: Document, context: RuleContext) -> [Diagnostic] {
    let article = document.article
    if let summary = article.summary, !SummaryText.isEmpty(summary) { return [] }
    guard let title = article.title else {
      // A draft with no title and no prose has nothing to summarise.
      guard let first = document.tokens.first(where: { $0.isWordLike && $0.role.isProse }) else { return [] }
      return [diagnostic(first.range, message(for: document))]
    }
    return [diagnostic(title.range, message(for: document))]
  }

  func message(for document: Document) -> String {
    let remedy =
      document.format == .plainText
      ? "add a “Summary:” paragraph before the body"
      : "add “summary:” to the front matter or a “Summary” section"
    if let summary = document.article.summary, SummaryText.isEmpty(summary) {
      return "The summary is empty; write one or two sentences that sum up the article"
    }
    if !document.article.teasers.isEmpty {
      return "The “Get a summary” teaser promises a summary, but the draft has none; \(remedy)"
    }
    return "The draft has no summary; \(remedy)"
  }
}
