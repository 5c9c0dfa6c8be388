public import CopydeskCore

/// Flags two or more spaces between words or after a sentence.
///
/// Fix: one space. Leading indentation, trailing whitespace (see `style/trailing-space`), code,
/// Markdown table padding and non-breaking spaces are left alone.
public struct DoubleSpaceRule: Rule {
  public static let description = RuleDescription(
    id: "style/double-space", name: "Double Space",
    summary: "Use one space between words and sentences",
    explanation: """
      Flags two or more spaces between words or after a full stop, the leftovers of typewriter habits \
      and careless edits. Published text uses one space; extra spaces show up as ragged gaps on the \
      page and break searches for phrases. Indentation at the start of a line, trailing whitespace, \
      code, tables and non-breaking spaces are not flagged. The fix leaves one space.
      """,
    defaultSeverity: .warning, isFixable: true,
    examples: [
      .triggers("The plan⟦  ⟧worked."),
      .triggers("It ended.⟦  ⟧Then it began again."),
      .triggers("# A heading⟦   ⟧with gaps"),
      .triggers("Shelling hit the city,⟦  ⟧*officials* said.\nThe talks⟦  ⟧resumed."),
      .triggers("The council met⟦  ⟧in Narva.", format: .plainText),
      .triggers("“We⟦  ⟧won,” she said."),
      .passes("Run `a  b` to see the gap."),
      .passes("```\nlet x  =  1\n```"),
      .passes("    indented  code block"),
      .passes("Read <!-- a  b --> the notes at https://example.com/a  "),
      .passes("| a  | b  |\n|----|----|\n| 1  | 2  |"),
      .passes("A line with a hard break  \nand the next line."),
      .fixes("The plan  worked.", to: "The plan worked."),
      .fixes("It ended.   Then it began again.", to: "It ended. Then it began again."),
    ])

  public var description: RuleDescription { Self.description }
  public init() {}
  public static let factory = RuleFactory(DoubleSpaceRule())

  public func check(_ document: Document, context: RuleContext) -> [Diagnostic] {
    var results: [Diagnostic] = []
    let tokens = document.tokens
    let bytes = document.text.bytes
    guard tokens.count >= 3 else { return results }
    for index in 1..<(tokens.count - 1) {
      let token = tokens[index]
      guard token.kind == .space, token.role.isProse, token.end - token.start >= 2 else { continue }
      // Only plain spaces: tabs align, non-breaking spaces are deliberate.
      var plain = true
      for offset in token.start..<token.end where bytes[offset] != 0x20 {
        plain = false
        break
      }
      guard plain else { continue }
      let previous = tokens[index - 1]
      let next = tokens[index + 1]
      guard previous.end == token.start, next.start == token.end else { continue }
      guard isContent(previous), isContent(next) else { continue }
      // Table padding: `| a  | b |`.
      if document.token(previous, is: "|") || document.token(next, is: "|") { continue }
      let count = token.end - token.start
      let fix = Fix(title: "Replace \(count) spaces with one", edits: [TextEdit(range: token.range, newText: " ")])
      results.append(diagnostic(token.range, "Replace these \(count) spaces with one", fix: fix))
    }
    return results
  }

  /// Words, numbers, punctuation and inline emphasis count as text on either side; a heading's `#`,
  /// a list marker or a line break does not.
  private func isContent(_ token: Token) -> Bool {
    switch token.kind {
    case .word, .number, .punctuation: return true
    case .opaque: return token.role != .markup || token.flags.contains(.emphasisMarker) || token.flags.contains(.linkText)
    case .space, .lineBreak: return false
    }
  }
}
