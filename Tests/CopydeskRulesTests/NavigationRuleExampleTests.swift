import CopydeskCore
import CopydeskRules
import Testing

/// Runs the navigation rules' own examples against their example corpora.
@Suite("Navigation rule examples")
struct NavigationRuleExampleTests {
  static let rules: [any Rule] = [
    AmbiguousReferenceRule(), DanglingReferenceRule(), NotReciprocalRule(), SelfReferenceRule(), TitleMismatchRule(),
  ]

  struct Case: CustomTestStringConvertible, Sendable {
    let rule: any Rule
    let example: RuleExample
    let index: Int
    var testDescription: String { "\(rule.description.id) example \(index + 1) (line \(example.line))" }
  }

  static let cases: [Case] = rules.flatMap { rule in
    rule.description.examples.enumerated().map { Case(rule: rule, example: $1, index: $0) }
  }

  static func document(_ text: String, _ example: RuleExample) -> Document {
    Document(path: example.corpusPath, format: example.format, string: text)
  }

  /// The text with `⟦ ⟧` around the given ranges, for readable failures.
  static func marked(_ text: String, _ ranges: [TextRange]) -> String {
    var bytes = Array(text.utf8)
    for range in ranges.sorted(by: { $0.start > $1.start }) {
      bytes.insert(contentsOf: Array("⟧".utf8), at: range.end)
      bytes.insert(contentsOf: Array("⟦".utf8), at: range.start)
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  @Test(arguments: cases)
  func exampleHolds(_ testCase: Case) {
    let example = testCase.example
    let location = SourceLocation(fileID: "CopydeskRules/Navigation", filePath: example.file, line: example.line, column: 1)
    let (text, expected) = example.unmarked
    let document = Self.document(text, example)
    let diagnostics = testCase.rule.check(document, context: example.context(for: document))
    switch example.expectation {
    case .triggers:
      let got = diagnostics.map(\.range).sorted()
      #expect(Self.marked(text, got) == Self.marked(text, expected), sourceLocation: location)
      #expect(!expected.isEmpty, "a triggering example marks at least one range", sourceLocation: location)
    case .passes:
      #expect(diagnostics.isEmpty, "\(diagnostics.map(\.message))", sourceLocation: location)
    case .fixes(let fixed):
      let result = FixApplier.fixToFixpoint(text, path: example.corpusPath, format: example.format) { document in
        testCase.rule.check(document, context: example.context(for: document))
      }
      #expect(result.text == fixed, sourceLocation: location)
      #expect(result.converged, sourceLocation: location)
      #expect(result.fixesApplied >= 1, sourceLocation: location)
    }
    // Without a corpus a navigation rule cannot judge a reference, so it says nothing.
    #expect(testCase.rule.check(document, context: RuleContext()).isEmpty, sourceLocation: location)
  }

  @Test(arguments: rules.map { $0.description.id.rawValue })
  func everyRuleHasEnoughExamples(_ id: String) throws {
    let rule = try #require(Self.rules.first { $0.description.id.rawValue == id })
    let examples = rule.description.examples
    let triggers = examples.filter { $0.expectation == .triggers }.count
    let passes = examples.filter { $0.expectation == .passes }.count
    let fixes = examples.count - triggers - passes
    #expect(triggers >= 3)
    #expect(passes >= 3)
    #expect((fixes > 0) == rule.description.isFixable)
    #expect(rule is any CorpusRule)
    #expect(id.hasPrefix("navigation/"))
  }

  @Test func registeredInBuiltInRulesAlphabetically() {
    let ids = BuiltInRules.all.map(\.id.rawValue)
    #expect(ids == ids.sorted())
    for rule in Self.rules { #expect(ids.contains(rule.description.id.rawValue)) }
  }
}
