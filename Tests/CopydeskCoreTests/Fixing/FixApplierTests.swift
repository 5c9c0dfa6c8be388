import CopydeskCore
import CopydeskTestSupport
import Testing

/// A rule whose findings a test writes by hand.
struct ScriptedRule: Rule {
  let description: RuleDescription
  let findings: @Sendable (Document) -> [Diagnostic]

  init(_ id: RuleID, findings: @escaping @Sendable (Document) -> [Diagnostic]) {
    description = RuleDescription(
      id: id, name: "Scripted", summary: "Scripted", explanation: "Test rule.", defaultSeverity: .warning,
      isFixable: true,
      examples: [])
    self.findings = findings
  }

  func check(_ document: Document, context: RuleContext) -> [Diagnostic] { findings(document) }
}

/// Replaces every occurrence of `find` with `replacement`, byte for byte, anywhere in the text.
struct NaiveReplaceTestRule: Rule {
  let description: RuleDescription
  let find: String
  let replacement: String

  init(_ find: String, with replacement: String, id: RuleID = "test/naive-replace") {
    description = RuleDescription(
      id: id, name: "Naive replace", summary: "Replace", explanation: "Test rule.", defaultSeverity: .warning,
      isFixable: true, examples: [])
    self.find = find
    self.replacement = replacement
  }

  func check(_ document: Document, context: RuleContext) -> [Diagnostic] {
    let needle = Array(find.utf8)
    let bytes = document.text.bytes
    var results: [Diagnostic] = []
    var index = 0
    while index + needle.count <= bytes.count {
      if bytes[index..<index + needle.count].elementsEqual(needle) {
        let range = TextRange(start: index, end: index + needle.count)
        results.append(
          diagnostic(
            range, "Replace", fix: Fix(title: "Replace", edits: [TextEdit(range: range, newText: replacement)])))
        index += needle.count
      } else {
        index += 1
      }
    }
    return results
  }
}

func finding(_ rule: RuleID, _ edits: [(Int, Int, String)], message: String = "m") -> Diagnostic {
  let textEdits = edits.map { TextEdit(range: TextRange(start: $0.0, end: $0.1), newText: $0.2) }
  let start = textEdits.map(\.range.start).min() ?? 0
  let end = textEdits.map(\.range.end).max() ?? 0
  return Diagnostic(
    ruleID: rule, severity: .warning, range: TextRange(start: start, end: end), message: message,
    fix: Fix(title: "t", edits: textEdits))
}

/// Fixes `input` to a fixpoint with a linter of `rules`.
func fixed(_ input: String, rules: [any Rule], path: String = "draft.md", maxPasses: Int = 10)
  -> FixApplier.FixpointResult
{
  let linter = testLinter(rules)
  return FixApplier.fixToFixpoint(input, path: path, maxPasses: maxPasses) { linter.lint($0) }
}

@Suite("FixApplier: one round")
struct FixApplierRoundTests {
  let text = SourceText("0123456789abcdef")

  @Test func appliesDisjointFixesAndReportsChanges() {
    let result = FixApplier.apply([finding("a/x", [(10, 12, "AB")]), finding("a/x", [(2, 4, "")])], to: text)
    #expect(result.text == "01456789ABcdef")
    #expect(result.fixedDiagnostics == 2)
    #expect(
      result.changes == [
        TextChange(oldRange: TextRange(start: 2, end: 4), newRange: TextRange(start: 2, end: 2)),
        TextChange(oldRange: TextRange(start: 10, end: 12), newRange: TextRange(start: 8, end: 10)),
      ])
  }

  @Test func earlierStartWinsAnOverlap() {
    let later = finding("a/a", [(5, 10, "L")])
    let earlier = finding("z/z", [(2, 8, "E")])
    let result = FixApplier.apply([later, earlier], to: text)
    #expect(result.text == "01E89abcdef")
    #expect(result.skipped == [FixApplier.SkippedFix(diagnostic: later, reason: .overlapsAnotherFix)])
  }

  @Test func tiesGoToTheSmallerRuleID() {
    let b = finding("style/b", [(2, 5, "B")])
    let a = finding("style/a", [(2, 4, "A")])
    #expect(FixApplier.apply([b, a], to: text).text == "01A456789abcdef")
    #expect(FixApplier.apply([a, b], to: text).text == "01A456789abcdef")
  }

  @Test func resultDoesNotDependOnInputOrder() {
    let diagnostics = [
      finding("a/one", [(0, 3, "x")]), finding("a/two", [(2, 6, "y")]), finding("b/one", [(2, 6, "z")]),
      finding("a/one", [(6, 6, "+")]), finding("c/one", [(6, 6, "-")]), finding("a/one", [(8, 9, "!"), (12, 14, "?")]),
      finding("a/two", [(13, 15, "#")]), finding("a/one", [(15, 16, "$")], message: "n"),
    ]
    var generator = SplitMix64(seed: 7)
    let expected = FixApplier.apply(diagnostics, to: text).text
    #expect(expected == "x345+67!9ab?e$")
    for _ in 0..<50 {
      #expect(FixApplier.apply(diagnostics.shuffled(using: &generator), to: text).text == expected)
    }
  }

  @Test func insertionsAtTheEdgeOfAnotherEditConflict() {
    // Which comes first, "+" or "R", would be a guess: the first fix wins, the other waits for a later pass.
    let insertBefore = finding("a/insert", [(5, 5, "+")])
    let replace = finding("b/replace", [(5, 8, "R")])
    let result = FixApplier.apply([replace, insertBefore], to: text)
    #expect(result.text == "01234+56789abcdef")
    #expect(result.skipped.map(\.reason) == [.overlapsAnotherFix])
    let insertAfter = finding("a/insert", [(8, 8, "+")])
    #expect(FixApplier.apply([replace, insertAfter], to: text).text == "01234R89abcdef")
    let twoInsertions = [finding("a/x", [(3, 3, "1")]), finding("b/x", [(3, 3, "2")])]
    #expect(FixApplier.apply(twoInsertions, to: text).text == "01213456789abcdef")
  }

  @Test func adjacentReplacementsBothApply() {
    let result = FixApplier.apply([finding("a/x", [(0, 3, "A")]), finding("a/x", [(3, 6, "B")])], to: text)
    #expect(result.text == "AB6789abcdef")
  }

  @Test func aFixIsAllOrNothing() {
    let first = finding("a/first", [(1, 3, "X")])
    let split = finding("b/split", [(10, 11, "U"), (2, 4, "T")])
    let result = FixApplier.apply([first, split], to: text)
    #expect(result.text == "0X3456789abcdef")
    #expect(!result.text.contains("U"))
  }

  @Test func invalidEditsAreSkipped() {
    let emoji = SourceText("a😀b\r\nc")  // 😀 is bytes 1..<5, CR LF at 6 and 7.
    let cases: [Diagnostic] = [
      finding("a/x", [(2, 3, "?")]),  // inside the emoji
      finding("a/x", [(7, 7, "?")]),  // between CR and LF
      finding("a/x", [(8, 12, "?")]),  // past the end
      finding("a/x", [(0, 2, "?"), (1, 3, "!")]),  // a fix whose own edits overlap
    ]
    for diagnostic in cases {
      let result = FixApplier.apply([diagnostic], to: emoji)
      #expect(result.text == "a😀b\r\nc")
      #expect(result.skipped.map(\.reason) == [.invalidEdit])
    }
    #expect(FixApplier.apply([finding("a/x", [(1, 5, "🙂")])], to: emoji).text == "a🙂b\r\nc")
  }

  @Test func insertedLineBreaksTakeTheDocumentsStyle() {
    let insert = finding("a/x", [(1, 2, "\nX\r\nY\n")])
    #expect(FixApplier.apply([insert], to: SourceText("ab\r\ncd\r\n")).text == "a\r\nX\r\nY\r\n\r\ncd\r\n")
    #expect(FixApplier.apply([insert], to: SourceText("ab\ncd\n")).text == "a\nX\nY\n\ncd\n")
    #expect(FixApplier.apply([insert], to: SourceText("ab\rcd\r")).text == "a\rX\rY\r\rcd\r")
    #expect(FixApplier.apply([insert], to: SourceText("abcd")).text == "a\nX\r\nY\ncd")
    #expect(FixApplier.apply([insert], to: SourceText("ab\r\ncd"), matchLineEndings: false).text == "a\nX\r\nY\n\r\ncd")
  }

  @Test func documentOverloadRefusesProtectedAndSuppressedEdits() {
    // Raw rule output (not through the Linter): the applier still keeps code and suppressed text intact.
    let document = Document(
      path: "a.md", string: "Keep `in order to` and <!-- copydesk-disable-next-line a/x -->\nin order to\nin order to\n"
    )
    let rule = ExactPhraseTestRule()
    let diagnostics = rule.check(document, context: RuleContext()).map {
      var copy = $0
      copy.ruleID = "a/x"
      return copy
    }
    #expect(diagnostics.count == 3)
    let result = FixApplier.apply(diagnostics, to: document)
    #expect(result.text == "Keep `in order to` and <!-- copydesk-disable-next-line a/x -->\nin order to\nto\n")
    #expect(result.skipped.map(\.reason) == [.protectedText, .protectedText])
  }
}

@Suite("FixApplier: to a fixpoint")
struct FixpointTests {
  @Test func aTripleNeedsTwoPasses() {
    let result = fixed("It was the the the end.", rules: [DoubledWordTestRule()])
    #expect(result.text == "It was the end.")
    #expect(result.passes == 2)
    #expect(result.fixesApplied == 2)
    #expect(result.converged)
    #expect(result.remaining.isEmpty)
    #expect(result.initialDiagnostics.count == 1)
  }

  @Test func reportsNonConvergence() {
    let result = fixed("A ping here.", rules: [PingPongTestRule()], maxPasses: 3)
    #expect(!result.converged)
    #expect(result.passes == 3)
    #expect(result.text == "A pong here.")
    #expect(result.remainingFixable == 1)
    let settled = fixed("Nothing to do.", rules: [PingPongTestRule()], maxPasses: 3)
    #expect(settled.converged && settled.passes == 0 && !settled.isChanged && settled.changes.isEmpty)
  }

  @Test func aWordyPhraseWithADoubleSpaceInsideComposes() {
    // The phrase matcher sees through the double space: the substitution wins, the inner double space
    // goes with it, and the one after the phrase is collapsed in the same pass.
    let tokenBased = fixed("We left in  order to  rest.", rules: [WordyTestRule(), DoubleSpaceTestRule()])
    #expect(tokenBased.text == "We left to rest.")
    #expect(tokenBased.passes == 1)
    // An exact-text rule only sees the phrase once the spaces are collapsed: a second pass finishes it.
    let exact = fixed("We left In  order  to rest.", rules: [ExactPhraseTestRule(), DoubleSpaceTestRule()])
    #expect(exact.text == "We left To rest.")
    #expect(exact.passes == 2)
    #expect(exact.fixesApplied == 3)
    #expect(
      exact.changes == [TextChange(oldRange: TextRange(start: 8, end: 21), newRange: TextRange(start: 8, end: 10))])
  }

  @Test func editsOnTheOriginalReproduceTheResult() {
    let input = "Due to the fact that we won, IN ORDER TO  celebrate we sang sang NEWLINE loudly.\n"
    let result = fixed(input, rules: standardTestRules)
    #expect(result.text == "Because we won, TO celebrate we sang\nloudly.\n")
    let diagnostics = result.edits.map {
      Diagnostic(ruleID: "a/x", severity: .info, range: $0.range, message: "", fix: Fix(title: "", edits: [$0]))
    }
    #expect(FixApplier.apply(diagnostics, to: result.original).text == result.text)
  }

  @Test func fixesNeverTouchProtectedRegions() {
    let input = """
      ---
      title: The order of things
      order: order
      ---
      An order. `order` and <!-- order --> and [order](/order "order") at https://example.com/order.

      ```
      order
      ```

          order in indented code

      <!-- copydesk-disable test/naive-replace -->
      order stays here.
      <!-- copydesk-enable test/naive-replace -->
      <!-- copydesk-disable-next-line test/naive-replace -->
      order stays.
      order goes.

      """
    let result = fixed(input, rules: [NaiveReplaceTestRule("order", with: "ORDER")])
    let expected = """
      ---
      title: The ORDER of things
      order: order
      ---
      An ORDER. `order` and <!-- order --> and [ORDER](/order "order") at https://example.com/order.

      ```
      order
      ```

          order in indented code

      <!-- copydesk-disable test/naive-replace -->
      order stays here.
      <!-- copydesk-enable test/naive-replace -->
      <!-- copydesk-disable-next-line test/naive-replace -->
      order stays.
      ORDER goes.

      """
    #expect(result.text == expected)
    #expect(result.converged)
  }

  @Test func theLinterDropsFixesThatReachIntoSuppressedText() {
    // The finding sits on line 1 (not suppressed) but its edit is on line 2, which is.
    let rule = ScriptedRule("test/reach") { document in
      let target = document.text.lineContentRange(2)
      return [
        Diagnostic(
          ruleID: "test/reach", severity: .warning, range: document.text.lineContentRange(0), message: "m",
          fix: Fix(title: "t", edits: [TextEdit(range: target, newText: "changed")]))
      ]
    }
    let input = "First line.\n<!-- copydesk-disable-next-line test/reach -->\nSecond line.\n"
    let diagnostics = testLinter([rule]).lint(Document(path: "a.md", string: input))
    #expect(diagnostics.count == 1)
    #expect(diagnostics[0].fix == nil)
    #expect(fixed(input, rules: [rule]).text == input)
  }
}

@Suite("CasePreserving")
struct CasePreservingTests {
  @Test(arguments: [
    ("in order to", "to", "to"), ("In order to", "to", "To"), ("IN ORDER TO", "to", "TO"), ("In Order To", "to", "To"),
    ("iN oRDER", "to", "to"), ("I", "we", "We"), ("A lot of", "many", "Many"), ("due to the fact that", "Kyiv", "Kyiv"),
    ("Twenty", "20 people", "20 people"), ("“In order", "“to", "“To"), ("ÉTAT", "état", "ÉTAT"),
    ("Über", "über", "Über"),
    ("in", "", ""), ("123", "x", "x"),
  ])
  func keepsTheOriginalsCase(_ original: String, _ replacement: String, _ expected: String) {
    #expect(CasePreserving.apply(replacement: replacement, like: original) == expected)
  }

  @Test func patterns() {
    #expect(CasePreserving.pattern(of: "TK") == .allCaps)
    #expect(CasePreserving.pattern(of: "T") == .capitalized)
    #expect(CasePreserving.pattern(of: "U.S.") == .allCaps)
    #expect(CasePreserving.pattern(of: "iPhone") == .asWritten)
    #expect(CasePreserving.pattern(of: "") == .asWritten)
  }
}

@Suite("LineEnding")
struct LineEndingTests {
  @Test func dominantStyle() {
    #expect(LineEnding.dominant(in: Array("a\r\nb\r\nc\n".utf8)) == .crlf)
    #expect(LineEnding.dominant(in: Array("a\nb\nc\r\n".utf8)) == .lf)
    #expect(LineEnding.dominant(in: Array("a\rb\r".utf8)) == .cr)
    #expect(LineEnding.dominant(in: Array("a\r\nb\n".utf8)) == .crlf)
    #expect(LineEnding.dominant(in: Array("abc".utf8)) == nil)
  }

  @Test func normalizing() {
    #expect(LineEnding.crlf.normalizing("a\nb\r\nc\rd") == "a\r\nb\r\nc\r\nd")
    #expect(LineEnding.lf.normalizing("a\r\n\r\n") == "a\n\n")
    #expect(LineEnding.cr.normalizing("a\n") == "a\r")
    #expect(LineEnding.crlf.normalizing("plain") == "plain")
  }
}
