public import CopydeskCore

/// Flags a space before `, . ; : ! ?` and a missing space after them.
///
/// Fix: delete the space before, or insert one after. Decimals (`3.5`), times (`10:30`), ratios
/// (`3 : 1`), URLs, abbreviations (`U.S.`), file names (`notes.md`), ellipses (`...`, `. . .`),
/// interrobangs (`?!`), emoticons (`:)`, `;P`), punctuation before a closing quote or bracket and
/// French spacing with non-breaking spaces are not flagged.
public struct PunctuationSpaceRule: Rule {
  public static let description = RuleDescription(
    id: "style/punctuation-space", name: "Punctuation Spacing",
    summary: "Put no space before punctuation and one space after it",
    explanation: """
      Flags a space before a comma, full stop, semicolon, colon, exclamation or question mark (“the \
      plan , which”) and a missing space after one (“the plan,which”, “It ended.Then”). Both are usually \
      editing slips, and a space before a mark lets it wrap to the start of a line. Decimals, times, \
      ratios, URLs, abbreviations, file names, ellipses, emoticons and marks followed by a closing quote \
      or bracket are left alone. The fix removes the stray space or adds the missing one.
      """,
    defaultSeverity: .warning, isFixable: true,
    examples: [
      .triggers("The plan⟦ ,⟧ officials said, worked."),
      .triggers("Did it work⟦ ?⟧"),
      .triggers("The vote failed⟦,⟧the bill died."),
      .triggers("It ended⟦.⟧Then it began again."),
      .triggers("Three items⟦ :⟧ bread⟦;⟧milk and eggs."),
      .triggers("“Stop⟦ ,⟧ please⟦,⟧now,” he said."),
      .passes("Growth was 3.5 percent at 10:30 on Monday, a ratio of 3 : 1, with a 2,000-foot hole."),
      .passes("The U.S. and the U.K. signed; e.g. trade rules changed."),
      .passes("Wait . . . what? Really?! Fine... then go :) or ;P"),
      .passes("He said, “Stop.” She asked (why?) and left."),
      .passes("Run `a ,b` or see https://example.com/a,b?x=1 and notes.md today."),
      .passes("```\nx = f(a ,b)\n```"),
      .passes("<!-- a ,b --> Text here."),
      .fixes("The plan , officials said , worked .", to: "The plan, officials said, worked."),
      .fixes("The vote failed,the bill died.Then it rained!", to: "The vote failed, the bill died. Then it rained!"),
    ])

  public var description: RuleDescription { Self.description }
  public init() {}
  public static let factory = RuleFactory(PunctuationSpaceRule())

  public func check(_ document: Document, context: RuleContext) -> [Diagnostic] {
    var results: [Diagnostic] = []
    let tokens = document.tokens
    for index in tokens.indices {
      let token = tokens[index]
      guard token.kind == .punctuation, token.role.isProse, let mark = mark(of: token, in: document) else { continue }
      if let found = spaceBefore(index, mark: mark, in: document) { results.append(found) }
      if let found = missingSpaceAfter(index, mark: mark, in: document) { results.append(found) }
    }
    return results
  }

  /// The mark a token is made of: one of `, . ; : ! ?`, or `?`/`!` for runs such as `?!`; nil otherwise.
  private func mark(of token: Token, in document: Document) -> UInt8? {
    let bytes = document.text.bytes
    let first = bytes[token.start]
    switch first {
    case UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: ":"), UInt8(ascii: "."):
      return token.end - token.start == 1 ? first : nil  // `...`, `,,` and `::` are other matters.
    case UInt8(ascii: "!"), UInt8(ascii: "?"):
      return first
    default:
      return nil
    }
  }

  // MARK: Space before

  private func spaceBefore(_ index: Int, mark: UInt8, in document: Document) -> Diagnostic? {
    let tokens = document.tokens
    let bytes = document.text.bytes
    guard index >= 2 else { return nil }
    let space = tokens[index - 1]
    let before = tokens[index - 2]
    let token = tokens[index]
    guard space.kind == .space, space.role.isProse, space.end == token.start, before.end == space.start, before.isWordLike else { return nil }
    // Only ASCII spaces and tabs: a non-breaking space before `;:!?` is French typography.
    for offset in space.start..<space.end where bytes[offset] != 0x20 && bytes[offset] != 0x09 { return nil }
    // What follows the mark: the end of the line, a space, or (except after `:` and `;`) a closing quote or bracket.
    let after = token.end < bytes.count ? bytes[token.end] : 0x0A
    let closes = after == UInt8(ascii: "\"") || after == UInt8(ascii: ")") || after == UInt8(ascii: "]") || isClosingCurlyQuote(at: token.end, bytes)
    guard after == 0x20 || after == 0x09 || after == 0x0A || after == 0x0D || (closes && mark != UInt8(ascii: ":") && mark != UInt8(ascii: ";")) else {
      return nil  // `.5`, `.NET`, `:)`: not a mark standing after a space.
    }
    if index + 2 < tokens.count, tokens[index + 1].kind == .space {
      let next = tokens[index + 2]
      // Spaced ellipsis `. . .`.
      if mark == UInt8(ascii: "."), next.kind == .punctuation, bytes[next.start] == UInt8(ascii: ".") { return nil }
      // A ratio or score: `3 : 1`.
      if mark == UInt8(ascii: ":"), before.kind == .number, next.kind == .number { return nil }
    }
    let markText = document.string(token)
    let fix = Fix(title: "Delete the space before “\(markText)”", edits: [TextEdit(range: space.range, newText: "")])
    return diagnostic(TextRange(start: space.start, end: token.end), "Delete the space before “\(markText)”", fix: fix)
  }

  // MARK: Space after

  private func missingSpaceAfter(_ index: Int, mark: UInt8, in document: Document) -> Diagnostic? {
    let tokens = document.tokens
    guard index >= 1, index + 1 < tokens.count else { return nil }
    let token = tokens[index]
    let previous = tokens[index - 1]
    let next = tokens[index + 1]
    guard previous.end == token.start, next.start == token.end, next.kind == .word, next.role.isProse, previous.isWordLike else { return nil }
    let bytes = document.text.bytes
    // A digit on both sides is number formatting (`2,000-foot`, `3.5`), however it was tokenised.
    if isDigit(bytes[token.start - 1]) && isDigit(bytes[token.end]) { return nil }
    let nextLetters = next.end - next.start
    switch mark {
    case UInt8(ascii: "."):
      // `It ended.Then`: a lowercase word, then a capitalised one. `notes.md`, `ASP.NET`, `Node.js` pass.
      guard previous.kind == .word, !previous.flags.contains(.allCaps), previous.end - previous.start >= 2,
        next.flags.contains(.capitalized), !next.flags.contains(.allCaps), nextLetters >= 2
      else { return nil }
    case UInt8(ascii: ":"), UInt8(ascii: ";"):
      // Emoticons `:D`, `;P`, `:o`.
      if nextLetters == 1 { return nil }
      // HTML entities such as `&amp;nbsp`.
      if mark == UInt8(ascii: ";"), index >= 2, tokens[index - 2].kind == .punctuation, bytes[tokens[index - 2].start] == UInt8(ascii: "&") {
        return nil
      }
    default:
      break
    }
    let markText = document.string(token)
    let fix = Fix(title: "Add a space after “\(markText)”", edits: [TextEdit(range: TextRange(start: token.end, end: token.end), newText: " ")])
    return diagnostic(token.range, "Add a space after “\(markText)”", fix: fix)
  }

  private func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

  private func isClosingCurlyQuote(at offset: Int, _ bytes: [UInt8]) -> Bool {
    offset + 2 < bytes.count && bytes[offset] == 0xE2 && bytes[offset + 1] == 0x80 && (bytes[offset + 2] == 0x9D || bytes[offset + 2] == 0x99)
  }
}
