import CopydeskCore
import CopydeskRules
import Testing

/// One documented example of one rule, as a test argument.
struct ExampleCase: CustomTestStringConvertible, Sendable {
  let factory: RuleFactory
  let example: RuleExample
  let index: Int

  var testDescription: String {
    "\(factory.id) #\(index) \(example.expectation) \(example.text.prefix(40).replacingNewlines())"
  }

  static var all: [ExampleCase] {
    BuiltInRules.all.flatMap { factory in
      factory.description.examples.enumerated().map { ExampleCase(factory: factory, example: $0.element, index: $0.offset) }
    }
  }
}

extension StringProtocol {
  func replacingNewlines() -> String { String(self).split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "⏎") }
}

/// Runs every rule's documented examples, plus variants that must not change the outcome (emoji and
/// combining marks before the finding) or must silence it (code, disable comments).
@Suite("Rule examples")
struct RuleExampleTests {
  /// Symbols, a ZWJ family, a flag and a combining mark, but no words, so no rule sees new prose.
  static let emojiPrefix = "😀 👩‍👩‍👧 🇺🇦 ✔\u{0301} — "

  static func linter(for testCase: ExampleCase) throws -> Linter {
    let rule = try testCase.factory.makeRule(options: try OptionReader(json5: testCase.example.options))
    return Linter(rules: [ConfiguredRule(rule: rule, severity: testCase.factory.description.defaultSeverity)])
  }

  static func path(for format: DraftFormat) -> String { format == .plainText ? "example.txt" : "example.md" }

  /// Lints with the example's corpus, if it has one (navigation rules).
  static func lint(_ document: Document, _ example: RuleExample, linter: Linter) -> [Diagnostic] {
    linter.lint(document, context: example.context(for: document))
  }

  static func ranges(_ text: String, _ testCase: ExampleCase, linter: Linter) -> [TextRange] {
    let document = Document(path: path(for: testCase.example.format), format: testCase.example.format, string: text)
    return lint(document, testCase.example, linter: linter).filter { $0.ruleID == testCase.factory.id }.map(\.range).sorted()
  }

  /// Renders ranges as markers in the text, for readable failures.
  static func marked(_ text: String, _ ranges: [TextRange]) -> String {
    var bytes = Array(text.utf8)
    var inserts: [(Int, String)] = []
    for range in ranges {
      inserts.append((range.start, "⟦"))
      inserts.append((range.end, "⟧"))
    }
    for (offset, marker) in inserts.sorted(by: { $0.0 > $1.0 }) where offset <= bytes.count {
      bytes.insert(contentsOf: Array(marker.utf8), at: offset)
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  static func location(_ example: RuleExample) -> Testing.SourceLocation {
    Testing.SourceLocation(fileID: "CopydeskRules/\(example.file.split(separator: "/").last ?? "")", filePath: example.file, line: example.line, column: 1)
  }

  @Test("Documented examples hold", arguments: ExampleCase.all)
  func exampleHolds(_ testCase: ExampleCase) throws {
    let example = testCase.example
    let linter = try Self.linter(for: testCase)
    let (text, expected) = example.unmarked
    let where_ = Self.location(example)
    switch example.expectation {
    case .triggers:
      #expect(!expected.isEmpty, "a triggering example must mark at least one range", sourceLocation: where_)
      let actual = Self.ranges(text, testCase, linter: linter)
      #expect(actual == expected, "expected \(Self.marked(text, expected)) but got \(Self.marked(text, actual))", sourceLocation: where_)
    case .passes:
      let actual = Self.ranges(text, testCase, linter: linter)
      #expect(actual.isEmpty, "expected no finding but got \(Self.marked(text, actual))", sourceLocation: where_)
    case .fixes(let fixed):
      let lint: (Document) -> [Diagnostic] = { Self.lint($0, example, linter: linter) }
      let once = FixApplier.fixToFixpoint(text, path: Self.path(for: example.format), format: example.format, lint: lint)
      #expect(once.text == fixed, "fixing gave \(once.text.debugDescription)", sourceLocation: where_)
      #expect(once.fixesApplied > 0, "the example must apply at least one fix", sourceLocation: where_)
      let twice = FixApplier.fixToFixpoint(once.text, path: Self.path(for: example.format), format: example.format, lint: lint)
      #expect(twice.text == once.text, "fixing is not idempotent", sourceLocation: where_)
      let remaining = Self.lint(Document(path: Self.path(for: example.format), format: example.format, string: once.text), example, linter: linter)
      #expect(!remaining.contains { $0.fix != nil }, "fixable findings remain after fixing", sourceLocation: where_)
    }
  }

  @Test("Emoji and combining marks before a finding do not move it", arguments: ExampleCase.all.filter {
    if case .triggers = $0.example.expectation { return true } else { return false }
  })
  func emojiPrefixVariants(_ testCase: ExampleCase) throws {
    let example = testCase.example
    let linter = try Self.linter(for: testCase)
    let (text, expected) = example.unmarked
    let where_ = Self.location(example)
    let prefixLength = Self.emojiPrefix.utf8.count

    // A paragraph of emoji before everything (Markdown without front matter). The prefix's final space
    // is dropped so the paragraph has no trailing whitespace of its own.
    if example.format == .markdown && !text.hasPrefix("---") {
      let paragraph = String(Self.emojiPrefix.dropLast())
      let shift = paragraph.utf8.count + 2
      let shifted = expected.map { TextRange(start: $0.start + shift, end: $0.end + shift) }
      let variant = paragraph + "\n\n" + text
      let actual = Self.ranges(variant, testCase, linter: linter)
      #expect(actual == shifted, "with an emoji paragraph before: got \(Self.marked(variant, actual))", sourceLocation: where_)
    }

    // Emoji at the start of the line of the first finding, when that line is plain prose. Not for
    // corpus examples: their findings are names of other drafts, and a prefix names something else.
    guard let first = expected.first, example.corpus.isEmpty else { return }
    let bytes = Array(text.utf8)
    var lineStart = first.start
    while lineStart > 0, bytes[lineStart - 1] != 0x0A, bytes[lineStart - 1] != 0x0D { lineStart -= 1 }
    guard lineStart < bytes.count, (bytes[lineStart] | 0x20) >= 0x61, (bytes[lineStart] | 0x20) <= 0x7A else { return }
    let lineText = String(decoding: bytes[lineStart...].prefix { $0 != 0x0A && $0 != 0x0D }, as: UTF8.self)
    if ["No time to read?", "Get a summary", "Previous Article", "Next Article", "Summary"].contains(lineText) { return }
    if example.format == .plainText && lineStart == 0 { return }  // The title line.
    if Self.isInsideFrontMatter(text, offset: lineStart) { return }
    var variantBytes = bytes
    variantBytes.insert(contentsOf: Array(Self.emojiPrefix.utf8), at: lineStart)
    let variant = String(decoding: variantBytes, as: UTF8.self)
    let shifted = expected.map { range in
      TextRange(start: range.start >= lineStart ? range.start + prefixLength : range.start, end: range.end >= lineStart ? range.end + prefixLength : range.end)
    }
    let actual = Self.ranges(variant, testCase, linter: linter)
    #expect(actual == shifted, "with emoji at the start of the line: got \(Self.marked(variant, actual))", sourceLocation: where_)
  }

  static func isInsideFrontMatter(_ text: String, offset: Int) -> Bool {
    guard text.hasPrefix("---\n") || text.hasPrefix("---\r\n") else { return false }
    let document = Document(path: "example.md", format: .markdown, string: text)
    guard let frontMatter = document.article.frontMatter else { return false }
    return offset <= frontMatter.range.end
  }

  @Test("Examples inside code or after a disable comment are silent", arguments: ExampleCase.all.filter {
    if case .triggers = $0.example.expectation { return $0.example.format == .markdown } else { return false }
  })
  func silencedVariants(_ testCase: ExampleCase) throws {
    let example = testCase.example
    let id = testCase.factory.id
    let linter = try Self.linter(for: testCase)
    let (text, expected) = example.unmarked
    let where_ = Self.location(example)

    if testCase.factory.description.scope == .text {
      let fenced = "```\n" + text + "\n```\n"
      let inFence = Self.ranges(fenced, testCase, linter: linter)
      #expect(inFence.isEmpty, "inside a code block: got \(Self.marked(fenced, inFence))", sourceLocation: where_)
      if !text.contains("`") && !text.contains("\n") && !text.hasPrefix(" ") && !text.hasSuffix(" ") {
        let span = "`" + text + "`"
        let inSpan = Self.ranges(span, testCase, linter: linter)
        #expect(inSpan.isEmpty, "inside a code span: got \(Self.marked(span, inSpan))", sourceLocation: where_)
      }
    }

    // A disable-next-line comment before each line that holds a finding.
    guard !expected.contains(where: { Self.isInsideFrontMatter(text, offset: $0.start) }) else { return }
    var bytes = Array(text.utf8)
    var lineStarts: Set<Int> = []
    for range in expected {
      var start = range.start
      while start > 0, bytes[start - 1] != 0x0A, bytes[start - 1] != 0x0D { start -= 1 }
      lineStarts.insert(start)
    }
    for start in lineStarts.sorted(by: >) {
      bytes.insert(contentsOf: Array("<!-- copydesk-disable-next-line \(id) -->\n".utf8), at: start)
    }
    let disabled = String(decoding: bytes, as: UTF8.self)
    let afterComment = Self.ranges(disabled, testCase, linter: linter)
    #expect(afterComment.isEmpty, "after a disable-next-line comment: got \(Self.marked(disabled, afterComment))", sourceLocation: where_)

    if !text.hasPrefix("---") {
      let block = "<!-- copydesk-disable \(id) -->\n\n" + text
      let inBlock = Self.ranges(block, testCase, linter: linter)
      #expect(inBlock.isEmpty, "after a disable comment: got \(Self.marked(block, inBlock))", sourceLocation: where_)
      let other = "<!-- copydesk-disable some/other-rule -->\n\n" + text
      let stillFlagged = Self.ranges(other, testCase, linter: linter).count
      #expect(stillFlagged == expected.count, "disabling another rule must not silence this one", sourceLocation: where_)
    }
  }
}

@Suite("Rule registry")
struct RuleRegistryTests {
  @Test func idsAreSortedUniqueAndWellFormed() {
    let ids = BuiltInRules.all.map(\.id)
    #expect(ids == ids.sorted(), "BuiltInRules.all must be alphabetical by id")
    #expect(Set(ids).count == ids.count, "rule ids must be unique")
    for id in ids { #expect(id.isWellFormed, "\(id) is not family/kebab-name") }
  }

  @Test(arguments: BuiltInRules.all.map(\.description.id))
  func descriptionIsComplete(_ id: RuleID) throws {
    let description = try #require(BuiltInRules.all.first { $0.id == id }).description
    #expect(!description.summary.hasSuffix("."), "summary must not end with a period")
    #expect(description.summary.first?.isUppercase == true, "summary must start with a capital")
    #expect(description.explanation.count >= 60, "explanation should be a real paragraph")
    let triggers = description.examples.filter { if case .triggers = $0.expectation { return true } else { return false } }
    let passes = description.examples.filter { if case .passes = $0.expectation { return true } else { return false } }
    let fixes = description.examples.filter { if case .fixes = $0.expectation { return true } else { return false } }
    #expect(triggers.count >= 3, "at least 3 triggering examples")
    #expect(passes.count >= 3, "at least 3 passing examples")
    #expect(fixes.isEmpty != description.isFixable, "fix examples exactly when the rule is fixable")
    // The rule lives in the folder of its family.
    for example in description.examples {
      let folder = example.file.split(separator: "/").dropLast().last.map(String.init)?.lowercased() ?? ""
      #expect(folder == id.family || folder == "declarative", "\(id) is defined in folder \(folder)")
    }
  }

  @Test func defaultsBuildForEveryRule() {
    for factory in BuiltInRules.all {
      let rule = factory.makeDefaultRule()
      #expect(rule.description.id == factory.id)
    }
  }

  @Test func unknownOptionIsRejectedWithSuggestion() throws {
    let factory = try #require(BuiltInRules.all.first { $0.id == "repetition/word" })
    #expect(throws: RuleOptionError.self) { try factory.makeRule(options: try OptionReader(json5: #"{"alowList": []}"#)) }
    do {
      _ = try factory.makeRule(options: try OptionReader(json5: "{\n  \"alowList\": []}"))
    } catch {
      #expect(error.message == "unknown option \"alowList\" (did you mean \"allowList\"?)")
      #expect(error.location == CopydeskCore.SourceLocation(line: 2, column: 3))
    }
  }
}
