import CopydeskCore
import CopydeskRules
import Testing

/// A draft and the ranges one rule must report in it (`⟦…⟧`), beyond the rules' documented examples:
/// the attribution judgements that are easy to get wrong in either direction.
struct AttributionCase: CustomTestStringConvertible, Sendable {
  let rule: RuleID
  let text: String
  let format: DraftFormat

  init(_ rule: RuleID, _ text: String, format: DraftFormat = .markdown) {
    self.rule = rule
    self.text = text
    self.format = format
  }

  var testDescription: String { "\(rule): \(text.prefix(60))" }
}

@Suite("Claims attribution")
struct ClaimsAttributionTests {
  static let cases: [AttributionCase] = [
    // A name in the sentence is not a source unless it is attached to the claim.
    AttributionCase("claims/weasel", "We need a clear energy policy for the United States, ⟦analysts say⟧."),
    AttributionCase("claims/weasel", "Recently, we signed agreements with India and China, ⟦observers note⟧."),
    AttributionCase("claims/weasel", "⟦Analysts say⟧ Iran will keep buying grain from Russia."),
    AttributionCase("claims/weasel", "⟦Critics, however, argue⟧ that the plan costs too much."),
    AttributionCase("claims/weasel", "⟦Western analysts believe⟧ the talks will stall."),
    AttributionCase("claims/weasel", "⟦Many people believe⟧ the bridge is unsafe."),
    AttributionCase("claims/weasel", "⟦There are those who⟧ doubt the figures."),
    AttributionCase("claims/weasel", "---\ntitle: Ties\nsummary: ⟦Analysts say⟧ the ties will hold.\n---\n\nThe ties held."),
    // Named, cited or not a claim at all.
    AttributionCase("claims/weasel", "Economists at the Pew Research Center noted that the plan had been revised twice."),
    AttributionCase("claims/weasel", "Analysts such as Jane Doe expect a rebound."),
    AttributionCase("claims/weasel", "Analysts expect a rebound, said Jane Doe of the IMF."),
    AttributionCase("claims/weasel", "Most of us agree that the deficit must fall."),
    AttributionCase("claims/weasel", "Few would have predicted the scale of the change."),
    AttributionCase("claims/weasel", "The school encouraged many of our young people to say no."),
    AttributionCase("claims/weasel", "Critics tend to see the plan as rushed."),
    // A pronoun points at someone, but the crowd stays anonymous.
    AttributionCase("claims/weasel", "He declared that it was no business of his, ⟦observers note⟧."),
    AttributionCase("claims/weasel", "Observers note a thaw in relations, Dedov stressed."),
    // An unclosed quotation earlier in the paragraph does not hide later claims.
    AttributionCase("claims/weasel", "She called it 'the real prize—and left. ⟦Observers note⟧ that nobody noticed."),

    AttributionCase("claims/vague-source", "⟦Officials said⟧ Iran would comply."),
    AttributionCase("claims/vague-source", "⟦Iranian leadership has suggested⟧ that the West's approach contributed to the crisis, viewing certain Western states as catalysts."),
    AttributionCase("claims/vague-source", "⟦Intelligence sources indicate⟧ that the order was given."),
    AttributionCase("claims/vague-source", "⟦White House officials said⟧ the order was given."),
    AttributionCase("claims/vague-source", "Officials at the Treasury said the border would reopen, and Russia agreed.", format: .plainText),
    AttributionCase("claims/vague-source", "The ministry said officials would review the order."),
    AttributionCase("claims/vague-source", "Losses were attributed to the drought, the ministry said."),
    AttributionCase("claims/vague-source", "The memo lists official hints and source code."),
    AttributionCase("claims/vague-source", "⟦Officials said⟧ the talks had stalled, he added."),

    AttributionCase("claims/passive", "The vessel ⟦is believed to⟧ have sunk near the coast."),
    AttributionCase("claims/passive", "The vessel is believed to have sunk near the coast, the Coast Guard said."),
    AttributionCase("claims/passive", "The vessel reportedly sank near the coast, she said."),

    AttributionCase("claims/statistic", "Inflation hit ⟦12 percent⟧ in 2023, in the wake of Hurricane Maria."),
    AttributionCase("claims/statistic", "The IMF's latest figures put inflation at 12 percent."),
    AttributionCase("claims/statistic", "Trade grew 12 percent, said Li Wei of the commerce ministry."),
    AttributionCase("claims/statistic", "Exports rose ⟦12 percent⟧. A [new port](https://example.org/port) opened in June.\n\nThe port is busy."),
    AttributionCase("claims/statistic", "Exports rose 12 percent. Source: trade ministry annual report."),
    AttributionCase("claims/statistic", "Debt reached ⟦$3.2bn⟧, up from ⟦4bn⟧ yuan, as ⟦two million⟧ people moved."),
    AttributionCase("claims/statistic", "The tower is 3 m tall and has 40 floors."),
    // A speaker named earlier, or a named poll, sources the figure.
    AttributionCase("claims/statistic", "The company said revenue rose 12 percent."),
    AttributionCase("claims/statistic", "Revenue rose 12 percent, he said."),
    AttributionCase("claims/statistic", "Dedov, the ambassador, said trade doubled."),
    AttributionCase("claims/statistic", "Some 40 percent of voters backed the plan, according to a Gallup poll."),
    AttributionCase("claims/statistic", "A Reuters analysis found that 12 percent of loans failed."),
    AttributionCase("claims/statistic", "They said turnout hit ⟦60 percent⟧."),
    AttributionCase("claims/statistic", "The chart ![turnout](chart.png) shows turnout at ⟦60 percent⟧."),
    AttributionCase("claims/statistic", "Turnout fell ⟦4 percentage points⟧ from the record set in 1992."),
  ]

  @Test(arguments: cases)
  func attributionIsJudged(_ testCase: AttributionCase) throws {
    let factory = try #require(BuiltInRules.all.first { $0.id == testCase.rule })
    let linter = Linter(rules: [ConfiguredRule(rule: factory.makeDefaultRule(), severity: factory.description.defaultSeverity)])
    let (text, expected) = RuleExample.stripMarkers(testCase.text)
    let path = testCase.format == .plainText ? "case.txt" : "case.md"
    let actual = linter.lint(Document(path: path, format: testCase.format, string: text)).map(\.range).sorted()
    #expect(actual == expected, "got \(actual.map { text.utf8Slice($0) })")
  }

  static func findings(_ rule: RuleID, _ text: String, options: String? = nil, format: DraftFormat = .markdown) throws -> [Diagnostic] {
    let factory = try #require(BuiltInRules.all.first { $0.id == rule })
    let linter = Linter(rules: [ConfiguredRule(rule: try factory.makeRule(options: try OptionReader(json5: options)), severity: factory.description.defaultSeverity)])
    return linter.lint(Document(path: format == .plainText ? "case.txt" : "case.md", format: format, string: text))
  }

  @Test func messagesNameWhatIsMissingAndHowToFixIt() throws {
    let weasel = try Self.findings("claims/weasel", "Analysts say the deal will hold.")
    #expect(weasel.map(\.message) == ["“Analysts say” does not say which analysts; name them or cite the source"])
    let vague = try Self.findings("claims/vague-source", "Iranian officials earlier asserted a clear line.")
    #expect(vague.map(\.message) == ["“Iranian officials earlier asserted” does not name the officials; name who said it or cite where it was said"])
    let statistic = try Self.findings("claims/statistic", "Support reached 76 percent.")
    #expect(statistic.map(\.message) == ["“76 percent” has no source; cite where the figure comes from (a link, a footnote or “according to …”)"])
    #expect(statistic.map(\.severity) == [.warning])
  }

  @Test func frontMatterSourcesSupportEveryFigure() throws {
    let text = "---\ntitle: Trade\nsources:\n  - Customs office yearbook\n---\n\nExports rose 4 per cent and imports fell 12%."
    #expect(try Self.findings("claims/statistic", text).isEmpty)
    #expect(try Self.findings("claims/statistic", text.replacingOccurrences("sources:\n  - Customs office yearbook\n", "")).count == 2)
  }
}

@Suite("Summary rules")
struct SummaryRuleTests {
  @Test(arguments: ["summary:", "summary: \"\"", "summary: ''", "summary: null", ""])
  func anEmptySummaryIsMissingNotAPlaceholder(_ line: String) throws {
    let text = "---\ntitle: Budget talks resume\n\(line)\n---\n\nThe council met on Monday."
    let missing = try ClaimsAttributionTests.findings("summary/missing", text)
    #expect(missing.count == 1)
    #expect(missing.first.map { text.utf8Slice($0.range) } == "Budget talks resume")
    #expect(try ClaimsAttributionTests.findings("summary/placeholder", text).isEmpty)
    #expect(try ClaimsAttributionTests.findings("summary/length", text).isEmpty)
  }

  @Test func theTeaserIsNotASummary() throws {
    let text = "Ties endure\n\nNo time to read?\nGet a summary\n\nThe two capitals signed a deal.\n\nNo time to read?\nGet a summary\n"
    let missing = try ClaimsAttributionTests.findings("summary/missing", text, format: .plainText)
    #expect(missing.map(\.message) == ["The “Get a summary” teaser promises a summary, but the draft has none; add a “Summary:” paragraph before the body"])
    #expect(missing.map(\.severity) == [.error])
  }

  @Test func lengthBoundsAreOptions() throws {
    let text = "---\ntitle: Talks\nsummary: The council reopened budget talks after a week of delays.\n---\n\nThe council met."
    #expect(try ClaimsAttributionTests.findings("summary/length", text).map(\.message) == ["The summary has 10 words; give it at least 15"])
    #expect(try ClaimsAttributionTests.findings("summary/length", text, options: #"{"min": 10}"#).isEmpty)
    #expect(try ClaimsAttributionTests.findings("summary/length", text, options: #"{"min": 1, "max": 9}"#).map(\.message) == ["The summary has 10 words; cut it to 9 or fewer"])
    let factory = try #require(BuiltInRules.all.first { $0.id == "summary/length" })
    #expect(throws: RuleOptionError.self) { try factory.makeRule(options: try OptionReader(json5: #"{"minimum": 10}"#)) }
  }

  @Test func placeholdersAreNamed() throws {
    let text = "---\ntitle: Talks\nsummary: \"Lorem ipsum dolor sit amet\"\n---\n\nThe council met."
    #expect(try ClaimsAttributionTests.findings("summary/placeholder", text).map(\.message) == ["“Lorem ipsum” is a placeholder, not a summary; write the summary"])
    let marker = "---\ntitle: Talks\nsummary: The council met TK times this week.\n---\n\nThe council met."
    #expect(try ClaimsAttributionTests.findings("summary/placeholder", marker).map(\.message) == ["“TK” is a placeholder, not a summary; write the summary"])
  }

  @Test func unsupportedItemsAreListed() throws {
    let text = """
      ---
      title: Ties endure
      summary: Ambassador Alexei Dedov says Iran’s partnership with Russia covers 12 sectors and “a new era”.
      ---

      The ambassador says Iran's partnership with the Russian side covers several sectors.
      """
    let findings = try ClaimsAttributionTests.findings("summary/unsupported", text)
    #expect(findings.map(\.message) == ["The body never mentions “Alexei Dedov”, “12” and “a new era” from the summary; support them in the article or cut them from the summary"])
    #expect(findings.first.map { text.utf8Slice($0.range) } == "Ambassador Alexei Dedov says Iran’s partnership with Russia covers 12 sectors and “a new era”.")
  }
}

extension String {
  func utf8Slice(_ range: TextRange) -> String {
    String(decoding: Array(utf8)[range.start..<range.end], as: UTF8.self)
  }

  func replacingOccurrences(_ target: String, _ replacement: String) -> String {
    var result = ""
    var rest = self[...]
    while let found = rest.firstRange(of: target) {
      result += rest[..<found.lowerBound] + replacement
      rest = rest[found.upperBound...]
    }
    return result + rest
  }
}
