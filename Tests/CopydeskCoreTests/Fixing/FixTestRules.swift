import CopydeskCore

// Small fixable rules that exist only for the fixer's tests, so every path of the applier (substitution
// with case, deletion, insertion of line breaks, composition across passes, protection, non-convergence)
// is exercised whatever built-in rules exist. Some are deliberately naive: they scan raw bytes, code and
// front matter included, so that the engine's protection is what keeps those regions intact.

/// Substitutes wordy phrases matched over word tokens (any spacing between the words), keeping case.
struct WordyTestRule: Rule {
  static let table: [(phrase: String, replacement: String)] = [
    ("in order to", "to"), ("due to the fact that", "because"), ("at this point in time", "now"),
  ]
  let description = RuleDescription(
    id: "test/wordy", name: "Wordy", summary: "Say it shorter", explanation: "Test rule.", defaultSeverity: .warning,
    isFixable: true, options: [], examples: [])
  let matcher = PhraseMatcher(WordyTestRule.table.map(\.phrase))

  func check(_ document: Document, context: RuleContext) -> [Diagnostic] {
    matcher.matches(in: document, tokenRange: 0..<document.tokens.count).map { match in
      let range = TextRange(start: document.tokens[match.firstToken].start, end: document.tokens[match.lastToken].end)
      let original = document.string(range)
      let replacement = CasePreserving.apply(
        replacement: WordyTestRule.table[match.phraseIndex].replacement, like: original)
      return diagnostic(
        range, "Use “\(replacement)” instead of “\(original)”",
        fix: Fix(title: "Replace with “\(replacement)”", edits: [TextEdit(range: range, newText: replacement)]))
    }
  }
}

/// Finds "in order to" written with single spaces by searching the raw bytes, everywhere (code too).
struct ExactPhraseTestRule: Rule {
  let description = RuleDescription(
    id: "test/exact-phrase", name: "Exact phrase", summary: "Say it shorter", explanation: "Test rule.",
    defaultSeverity: .warning, isFixable: true, options: [], examples: [])

  func check(_ document: Document, context: RuleContext) -> [Diagnostic] {
    let needle = Array("in order to".utf8)
    let bytes = document.text.bytes
    var results: [Diagnostic] = []
    var index = 0
    func isLetter(_ offset: Int) -> Bool {
      offset >= 0 && offset < bytes.count && ((bytes[offset] | 0x20) >= 0x61 && (bytes[offset] | 0x20) <= 0x7A)
    }
    while index + needle.count <= bytes.count {
      let matches = (0..<needle.count).allSatisfy { (bytes[index + $0] | 0x20) == needle[$0] }
      if matches, !isLetter(index - 1), !isLetter(index + needle.count) {
        let range = TextRange(start: index, end: index + needle.count)
        let replacement = CasePreserving.apply(replacement: "to", like: document.string(range))
        results.append(
          diagnostic(
            range, "Use “\(replacement)”",
            fix: Fix(title: "Shorten", edits: [TextEdit(range: range, newText: replacement)])))
        index += needle.count
      } else {
        index += 1
      }
    }
    return results
  }
}

/// Collapses two or more spaces between non-space characters to one, scanning raw bytes everywhere.
struct DoubleSpaceTestRule: Rule {
  let description = RuleDescription(
    id: "test/double-space", name: "Double space", summary: "Use one space", explanation: "Test rule.",
    defaultSeverity: .warning, isFixable: true, options: [], examples: [])

  func check(_ document: Document, context: RuleContext) -> [Diagnostic] {
    let bytes = document.text.bytes
    var results: [Diagnostic] = []
    var index = 1
    func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 }
    while index < bytes.count {
      guard bytes[index] == 0x20, !isBlank(bytes[index - 1]) else {
        index += 1
        continue
      }
      var end = index
      while end < bytes.count, bytes[end] == 0x20 { end += 1 }
      if end - index >= 2, end < bytes.count, !isBlank(bytes[end]) {
        let range = TextRange(start: index, end: end)
        results.append(
          diagnostic(
            range, "Use one space", fix: Fix(title: "Use one space", edits: [TextEdit(range: range, newText: " ")])))
      }
      index = end
    }
    return results
  }
}

/// Deletes the second of two equal adjacent words (like `repetition/word`, but only one per pair, so a
/// triple needs two passes).
struct DoubledWordTestRule: Rule {
  let description = RuleDescription(
    id: "test/doubled-word", name: "Doubled word", summary: "Delete the repeat", explanation: "Test rule.",
    defaultSeverity: .warning, isFixable: true, options: [], examples: [])

  func check(_ document: Document, context: RuleContext) -> [Diagnostic] {
    var results: [Diagnostic] = []
    var previous: Token? = nil
    for token in document.tokens {
      if PhraseMatcher.isSeparator(token) { continue }
      guard token.kind == .word, token.role.isProse else {
        previous = nil
        continue
      }
      if let first = previous, first.foldedHash == token.foldedHash, first.blockIndex == token.blockIndex {
        let edit = TextEdit(range: TextRange(start: first.end, end: token.end), newText: "")
        results.append(
          diagnostic(
            TextRange(start: first.start, end: token.end), "Delete the repeat", fix: Fix(title: "Delete", edits: [edit])
          ))
        previous = nil
      } else {
        previous = token
      }
    }
    return results
  }
}

/// Replaces the word `NEWLINE` (and one space on each side) with a line break written as `\n`, so tests
/// can see inserted line breaks follow the file's style.
struct LineBreakTestRule: Rule {
  let description = RuleDescription(
    id: "test/line-break", name: "Line break", summary: "Break the line", explanation: "Test rule.",
    defaultSeverity: .info, isFixable: true, options: [], examples: [])

  func check(_ document: Document, context: RuleContext) -> [Diagnostic] {
    let bytes = document.text.bytes
    return document.tokens.filter { $0.kind == .word && $0.role.isProse && document.token($0, is: "NEWLINE") }.map {
      token in
      let start = token.start > 0 && bytes[token.start - 1] == 0x20 ? token.start - 1 : token.start
      let end = token.end < bytes.count && bytes[token.end] == 0x20 ? token.end + 1 : token.end
      let range = TextRange(start: start, end: end)
      return diagnostic(
        range, "Break the line", fix: Fix(title: "Break", edits: [TextEdit(range: range, newText: "\n")]))
    }
  }
}

/// Turns `ping` into `pong` and back: never settles.
struct PingPongTestRule: Rule {
  let description = RuleDescription(
    id: "test/ping-pong", name: "Ping pong", summary: "Never settles", explanation: "Test rule.",
    defaultSeverity: .warning, isFixable: true, options: [], examples: [])

  func check(_ document: Document, context: RuleContext) -> [Diagnostic] {
    document.tokens.compactMap { token in
      guard token.kind == .word else { return nil }
      let word = document.string(token)
      guard word == "ping" || word == "pong" else { return nil }
      let other = word == "ping" ? "pong" : "ping"
      return diagnostic(
        token.range, "Swap", fix: Fix(title: "Swap", edits: [TextEdit(range: token.range, newText: other)]))
    }
  }
}

/// Builds a linter from test rules, in id order as the catalog would.
func testLinter(_ rules: [any Rule]) -> Linter {
  Linter(
    rules: rules.sorted { $0.id < $1.id }.map { ConfiguredRule(rule: $0, severity: $0.description.defaultSeverity) })
}

/// Every test rule except the ones that compete for the same text or never settle.
let standardTestRules: [any Rule] = [
  WordyTestRule(), DoubleSpaceTestRule(), DoubledWordTestRule(), LineBreakTestRule(),
]
