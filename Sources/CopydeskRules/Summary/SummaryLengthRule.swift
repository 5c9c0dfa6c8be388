public import CopydeskCore

/// Flags a summary shorter or longer than the configured number of words (default 15–60).
///
/// Fix: none. Words are word and number tokens; `well-known` is one word. Empty and placeholder
/// summaries are left to `summary/missing` and `summary/placeholder`.
public struct SummaryLengthRule: Rule {
  public static let description = RuleDescription(
    id: "summary/length", name: "Summary Length",
    summary: "Keep the summary within the configured number of words",
    explanation: """
      Flags a summary with fewer words than “min” (default 15) or more than “max” (default 60). A summary \
      that is too short does not tell the reader what happened; one that is too long is a second article. \
      Words and numbers count; a hyphenated word counts once. Empty and placeholder summaries are left to \
      summary/missing and summary/placeholder.
      """,
    defaultSeverity: .warning,
    options: [
      RuleOptionDescription(name: "min", defaultValue: .number(15), summary: "Fewest words a summary may have"),
      RuleOptionDescription(name: "max", defaultValue: .number(60), summary: "Most words a summary may have"),
    ],
    scope: .document,
    examples: [
      .triggers("---\ntitle: Budget talks\nsummary: ⟦The council met.⟧\n---\n\nThe council met."),
      .triggers("Budget talks\n\nSummary\n⟦Talks resumed on Monday.⟧\n\nThe council met.", format: .plainText),
      .triggers("---\ntitle: Budget talks\nsummary: ⟦The council reopened budget talks after a week of delays and a walkout.⟧\n---\n\nThe council met.", options: #"{"max": 10}"#),
      .triggers("# Budget talks\n\n## In brief\n\n⟦Talks resumed.⟧\n\n## Details\n\nThe council met."),
      .passes("---\ntitle: Budget talks\nsummary: The council reopened budget talks on Monday after a week of delays, a walkout and two missed deadlines.\n---\n\nThe council met."),
      .passes("---\ntitle: Budget talks\nsummary: The council met.\n---\n\nThe council met.", options: #"{"min": 3}"#),
      .passes("---\ntitle: Budget talks\nsummary: TK\n---\n\nThe council met."),
      .passes("# Budget talks\n\nThe council met."),
    ])

  public var description: RuleDescription { Self.description }
  let minimumWords: Int
  let maximumWords: Int

  public init(minimumWords: Int = 15, maximumWords: Int = 60) {
    self.minimumWords = minimumWords
    self.maximumWords = maximumWords
  }

  public static let factory = RuleFactory(description) { options throws(RuleOptionError) in
    SummaryLengthRule(minimumWords: try options.int("min", default: 15, range: 0...10_000), maximumWords: try options.int("max", default: 60, range: 1...10_000))
  }

  public func check(_ document: Document, context: RuleContext) -> [Diagnostic] {
    guard let summary = document.article.summary, !SummaryText.isEmpty(summary), SummaryText.placeholder(summary, in: document) == nil else {
      return []
    }
    let count = SummaryText.wordCount(summary, in: document)
    let range = SummaryText.findingRange(summary, in: document)
    if count < minimumWords {
      return [diagnostic(range, "The summary has \(count) word\(count == 1 ? "" : "s"); give it at least \(minimumWords)")]
    }
    if count > maximumWords {
      return [diagnostic(range, "The summary has \(count) words; cut it to \(maximumWords) or fewer")]
    }
    return []
  }
}
