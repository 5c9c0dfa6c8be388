import CopydeskCore
import Testing

/// One golden fix: a draft's exact bytes in, the exact bytes `--fix` must save.
///
/// To add a case, append a row to `FixGoldenTests.cases`. Byte order marks, CRLF and other invisible
/// bytes are written as escapes so the table shows exactly what is tested.
struct FixGolden: Sendable, CustomTestStringConvertible {
  let name: String
  let path: String
  let input: [UInt8]
  let expected: [UInt8]
  let rules: [any Rule]

  init(
    _ name: String, path: String = "draft.md", _ input: String, _ expected: String,
    rules: [any Rule] = standardTestRules
  ) {
    self.name = name
    self.path = path
    // A leading U+FEFF in the table stands for the file's byte order mark.
    self.input = Array(input.utf8)
    self.expected = Array(expected.utf8)
    self.rules = rules
  }

  var testDescription: String { name }
}

@Suite("Fix goldens")
struct FixGoldenTests {
  static let cases: [FixGolden] = [
    FixGolden(
      "substitution keeps case",
      "In order to win, we ran in order to rest. IN ORDER TO SHOUT. At This Point In Time, no.\n",
      "To win, we ran to rest. TO SHOUT. Now, no.\n"),
    FixGolden("substitution across a line break", "We met in order\nto talk.\n", "We met to talk.\n"),
    FixGolden(
      "double spaces collapse, indented code keeps its spaces",
      "One  two   three.\n\n    code  keeps  spaces\n",
      "One two three.\n\n    code  keeps  spaces\n"),
    FixGolden("a triple across line breaks takes two passes", "It was the\nthe\nthe end.\n", "It was the end.\n"),
    FixGolden(
      "CRLF file: inserted line breaks become CRLF",
      "Title\r\n\r\nFirst NEWLINE second in  order to go.\r\nLast  line.\r\n",
      "Title\r\n\r\nFirst\r\nsecond to go.\r\nLast line.\r\n"),
    FixGolden(
      "lone-CR file: inserted line breaks become CR",
      "Title\r\rGo in order to win NEWLINE now.\r",
      "Title\r\rGo to win\rnow.\r"),
    FixGolden(
      "byte order mark is kept", "\u{FEFF}# Heading\n\nIt was the the end.\n", "\u{FEFF}# Heading\n\nIt was the end.\n"),
    FixGolden(
      "plain text with a byte order mark and CRLF", path: "draft.txt",
      "\u{FEFF}Title line\r\n\r\nDue to the fact that it rained, we left.\r\n",
      "\u{FEFF}Title line\r\n\r\nBecause it rained, we left.\r\n"),
    FixGolden(
      "emoji, a family emoji and combining marks before the edit",
      "Zoe\u{301} 😀 👩‍👩‍👧 — in order to win  big.\n",
      "Zoe\u{301} 😀 👩‍👩‍👧 — to win big.\n"),
    FixGolden(
      "typographic quotes and apostrophes",
      "“In order to win,” she said — it’s the the plan…\n",
      "“To win,” she said — it’s the plan…\n"),
    FixGolden(
      "fixable-looking text in code stays",
      "Use `in  order  to` and `the the`.\n\n```\nin order to  the the\n```\n\nIn  order to finish, the the end.\n",
      "Use `in  order  to` and `the the`.\n\n```\nin order to  the the\n```\n\nTo finish, the end.\n",
      rules: [ExactPhraseTestRule(), DoubleSpaceTestRule(), DoubledWordTestRule()]),
    FixGolden(
      "front matter: prose values are fixed, keys and other values are not",
      "---\ntitle: In order to  win\nslug: in  order  to\n---\nBody in order to go.\n",
      "---\ntitle: To win\nslug: in  order  to\n---\nBody to go.\n",
      rules: [ExactPhraseTestRule(), DoubleSpaceTestRule()]),
    FixGolden(
      "URLs, link targets and HTML comments stay",
      "See [in order to](https://example.com/a  b \"in  order\") <!-- in  order to --> in  order to go.\n",
      "See [to](https://example.com/a  b \"in  order\") <!-- in  order to --> to go.\n",
      rules: [ExactPhraseTestRule(), DoubleSpaceTestRule()]),
    FixGolden(
      "suppressed text stays",
      "<!-- copydesk-disable test/wordy -->\nIn order to stay.\n<!-- copydesk-enable test/wordy -->\nIn order to go.\n",
      "<!-- copydesk-disable test/wordy -->\nIn order to stay.\n<!-- copydesk-enable test/wordy -->\nTo go.\n"),
    FixGolden("no newline at the end", "in order to go", "to go"),
    FixGolden("empty file", "", ""),
  ]

  @Test(arguments: cases)
  func fixesToTheExactBytes(_ golden: FixGolden) {
    let linter = testLinter(golden.rules)
    let result = FixApplier.fixToFixpoint(SourceText(decoding: golden.input), path: golden.path) { linter.lint($0) }
    #expect(
      result.bytesToSave == golden.expected,
      "got \(escaped(result.bytesToSave)), expected \(escaped(golden.expected))")
    #expect(result.converged)
    #expect(result.remainingFixable == 0)
    // Fixing the output again changes nothing.
    let again = FixApplier.fixToFixpoint(SourceText(decoding: result.bytesToSave), path: golden.path) {
      linter.lint($0)
    }
    #expect(again.bytesToSave == result.bytesToSave)
    #expect(again.passes == 0)
  }
}

/// Bytes as a Swift-like literal with invisible characters escaped, for failure messages.
func escaped(_ bytes: [UInt8]) -> String {
  var result = "\""
  for scalar in String(decoding: bytes, as: UTF8.self).unicodeScalars {
    switch scalar {
    case "\n": result += "\\n"
    case "\r": result += "\\r"
    case "\t": result += "\\t"
    case "\u{FEFF}": result += "\\u{FEFF}"
    case "\"": result += "\\\""
    default: result.unicodeScalars.append(scalar)
    }
  }
  return result + "\""
}
