import CopydeskCore
import CopydeskRules
import Testing

/// What the examples cannot show: related locations, messages, options and the no-cascade guarantee.
@Suite("Repetition rules")
struct RepetitionRuleTests {
  static func lint(_ id: RuleID, _ text: String, options: String? = nil, format: DraftFormat = .markdown) throws -> (Document, [Diagnostic]) {
    let factory = try #require(BuiltInRules.all.first { $0.id == id })
    let rule = try factory.makeRule(options: try OptionReader(json5: options))
    let document = Document(path: format == .markdown ? "d.md" : "d.txt", format: format, string: text)
    return (document, Linter(rules: [ConfiguredRule(rule: rule, severity: .warning)]).lint(document))
  }

  @Test func repeatsPointAtTheFirstUse() throws {
    let text = """
      At the end of the day the plan failed. Voters noticed, and at the end of the day they left. \
      Later, at the end of the day, nobody cared.
      """
    let (document, found) = try Self.lint("repetition/phrase", text)
    #expect(found.map { document.string($0.range) } == ["at the end of the day", "at the end of the day"])
    #expect(found.map(\.message) == Array(repeating: "“at the end of the day” is used 3 times; vary or cut the repeats", count: 2))
    for diagnostic in found {
      #expect(diagnostic.related.count == 1)
      #expect(diagnostic.related.first?.range == TextRange(start: 0, end: 21))
      #expect(diagnostic.related.first?.message == "First use of “At the end of the day”")
    }
  }

  @Test func longestPhraseOnlyNoCascade() throws {
    // “in the wake of the crisis” repeats three times; its sub-phrases (“the wake of the crisis”,
    // “in the wake of”) must not be reported again, and a separate use of the shorter “in the wake of”
    // elsewhere does not reach three uses of any qualifying phrase.
    let text = """
      Markets fell in the wake of the crisis. Banks closed in the wake of the crisis, officials said. \
      Trade slowed in the wake of the crisis. Ships sailed in the wake of the storm.
      """
    let (document, found) = try Self.lint("repetition/phrase", text)
    #expect(found.map { document.string($0.range) } == ["in the wake of the crisis", "in the wake of the crisis"])
  }

  @Test func windowOptionControlsCloseRepeats() throws {
    let text = "Farmers waited for the rain to come back. Officials hoped for the rain to come back soon."
    #expect(try Self.lint("repetition/phrase", text).1.count == 1)
    #expect(try Self.lint("repetition/phrase", text, options: #"{"window": 0}"#).1.isEmpty)
    #expect(try Self.lint("repetition/phrase", text, options: #"{"window": 5}"#).1.isEmpty)
    let (_, close) = try Self.lint("repetition/phrase", text)
    #expect(close.first?.message == "“for the rain to come back” repeats a phrase from 8 words earlier; vary or cut it")
    // Phrases shorter than windowMinWords (5) need three uses unless the option allows them.
    let short = "Crews cleared the way out. Later they cleared the way out again."
    #expect(try Self.lint("repetition/phrase", short).1.isEmpty)
    #expect(try Self.lint("repetition/phrase", short, options: #"{"windowMinWords": 4}"#).1.count == 1)
    let three = "Prices rose by far. Costs rose by far too."
    #expect(try Self.lint("repetition/phrase", three).1.isEmpty)
    #expect(try Self.lint("repetition/phrase", three, options: #"{"windowMinWords": 3}"#).1.count == 1)
  }

  @Test func spanGroupsUsesPassageByPassage() throws {
    // Three uses, the third far from the first two: with a short span only the first two form a group,
    // and two uses that are not close are no repeat; a span that reaches the third joins all three.
    // Forty-odd words that repeat nothing.
    let filler = """
      Crews checked every culvert along the valley road before winter. Farmers sold lambs early \
      because feed prices climbed sharply. Teachers asked parents about bus timetables. A ferry \
      captain described rough crossings near Gull Point. Nurses praised volunteers who cooked meals \
      nightly.
      """
    let text = """
      At the end of the day the plan failed. Voters left at the end of the day. \(filler) \
      Later, at the end of the day, nobody cared.
      """
    // `window: 0` leaves out close repeats, so only the count of uses decides.
    #expect(try Self.lint("repetition/phrase", text, options: #"{"window": 0}"#).1.count == 2)
    #expect(try Self.lint("repetition/phrase", text, options: #"{"window": 0, "span": 0}"#).1.count == 2)
    #expect(try Self.lint("repetition/phrase", text, options: #"{"window": 0, "span": 30}"#).1.isEmpty)
    // Each group counts its own uses and points at its own first use.
    let twice = text + " " + filler + " At the end of the day it rained. Then, at the end of the day, it stopped. Still, at the end of the day, we left."
    #expect(try Self.lint("repetition/phrase", twice, options: #"{"window": 0}"#).1.count == 5)
    let (document, grouped) = try Self.lint("repetition/phrase", twice, options: #"{"window": 0, "span": 30}"#)
    #expect(grouped.count == 2)
    #expect(grouped.allSatisfy { $0.message == "“at the end of the day” is used 3 times; vary or cut the repeats" })
    let firstOfGroup = try #require(grouped.first?.related.first?.range)
    #expect(document.string(firstOfGroup) == "At the end of the day")
    #expect(firstOfGroup.start > text.utf8.count)
    #expect(throws: (any Error).self) { try Self.lint("repetition/phrase", text, options: #"{"span": -1}"#) }
  }

  @Test func minOccurrencesOption() throws {
    let text = """
      The board met on a cold grey morning. Nothing happened for hours and hours on end, and the members \
      went home early in the afternoon, tired of waiting for news that never came from the capital, and \
      they agreed to meet again the following week to discuss the plan once more with their lawyers and \
      advisers, who had not yet read the papers sent to them by the ministry on a cold grey morning.
      """
    #expect(try Self.lint("repetition/phrase", text).1.isEmpty)
    let (document, found) = try Self.lint("repetition/phrase", text, options: #"{"minOccurrences": 2}"#)
    #expect(found.map { document.string($0.range) } == ["on a cold grey morning"])
  }

  @Test func badOptionsAreRejected() throws {
    let factory = try #require(BuiltInRules.all.first { $0.id == "repetition/phrase" })
    #expect(throws: RuleOptionError.self) { try factory.makeRule(options: try OptionReader(json5: #"{"minWords": 1}"#)) }
    #expect(throws: RuleOptionError.self) { try factory.makeRule(options: try OptionReader(json5: #"{"windw": 10}"#)) }
  }

  @Test func periodicTextStaysQuiet() throws {
    // Twenty thousand “the”s repeat nothing worth a finding; the phrase after them still counts.
    let words = String(repeating: "the ", count: 20_000) + String(repeating: "time and time again ", count: 2)
    let (document, found) = try Self.lint("repetition/phrase", words, options: #"{"windowMinWords": 4}"#)
    #expect(found.map { document.string($0.range) } == ["time and time again"])
    let (_, near) = try Self.lint("repetition/near-phrase", String(repeating: "alpha beta gamma delta ", count: 5_000))
    #expect(near.isEmpty)
  }

  @Test func duplicatedPassageIsOneFinding() throws {
    let sentence = "The committee agreed that the harbour fees would rise in stages over the next three years."
    let (document, found) = try Self.lint("repetition/phrase", sentence + "\n\n" + sentence)
    #expect(found.count == 1)
    #expect(found.first.map { document.string($0.range) } == "The committee agreed that the harbour fees would rise in stages over the next three years")
    #expect(found.first?.message.hasSuffix("…” repeats a phrase from 16 words earlier; vary or cut it") == true)
  }

  @Test func aPhraseInsideADuplicatedPassageStillCountsItsOtherUses() throws {
    // The passage repeats as a whole; “at the end of the day” inside it is used a third time elsewhere.
    // Refinement skips the passage copies' groups inside the phrase (they follow the same word, so the
    // passage covers them) but must keep both the passage and the phrase's third use.
    let text = """
      On Monday the harbour board said that at the end of the day the fees would rise in stages.

      Ferry crews heard nothing.

      On Friday the harbour board said that at the end of the day the fees would rise in stages.

      Traders, however, said at the end of the day that nobody had asked them.
      """
    let (document, found) = try Self.lint("repetition/phrase", text)
    #expect(found.map { document.string($0.range) } == ["the harbour board said that at the end of the day the fees would rise in stages", "at the end of the day"])
    #expect(found.first?.message == "“the harbour board said that at the end of the day the …” repeats a phrase from 23 words earlier; vary or cut it")
    #expect(found.last?.message == "“at the end of the day” is used 3 times; vary or cut the repeats")
  }

  @Test func nearPhrasePointsAtTheEarlierWording() throws {
    let text = """
      Moscow restated its position on Crimea and the newer Russian regions. Tehran, for its part, \
      questioned the position on Crimea and the latest Russian regions at the summit.
      """
    let (document, found) = try Self.lint("repetition/near-phrase", text)
    #expect(found.count == 1)
    let diagnostic = try #require(found.first)
    #expect(document.string(diagnostic.range) == "position on Crimea and the latest Russian regions")
    #expect(diagnostic.related.first.map { document.string($0.range) } == "position on Crimea and the newer Russian regions")
    #expect(diagnostic.message
      == "“position on Crimea and the latest Russian regions” nearly repeats “position on Crimea and the newer Russian regions”; vary the wording or merge the two")
    #expect(try Self.lint("repetition/near-phrase", text, options: #"{"contextWords": 3}"#).1.isEmpty)
  }

  @Test func openerReportsFromTheThirdSentence() throws {
    let text = "The minister arrived. The talks began. The deal fell through. The end came."
    let (document, found) = try Self.lint("repetition/opener", text)
    #expect(found.map { document.string($0.range) } == ["The", "The"])
    #expect(found.map(\.message) == ["3 sentences in a row start with “The”; vary the opening", "4 sentences in a row start with “The”; vary the opening"])
    #expect(found.allSatisfy { $0.related.first?.range == TextRange(start: 0, end: 3) })
    #expect(try Self.lint("repetition/opener", text, options: #"{"minSentences": 4}"#).1.count == 1)
  }
}
