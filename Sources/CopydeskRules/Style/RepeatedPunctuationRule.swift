public import CopydeskCore

/// Flags doubled punctuation: `!!`, `??`, `,,`, `;;` and runs such as `?!?!`.
///
/// Fix: one mark (`!!` → `!`), or a single `?!` / `!?` for mixed runs. An ellipsis (`...`) and a
/// lone interrobang (`?!`) are fine.
public struct RepeatedPunctuationRule: Rule {
  public static let description = RuleDescription(
    id: "style/repeated-punctuation", name: "Repeated Punctuation",
    summary: "Use one punctuation mark, not several",
    explanation: """
      Flags runs of the same mark (“!!”, “??”, “,,”, “;;”) and longer mixed runs such as “?!?!”. Doubled \
      commas and semicolons are typing slips; stacked exclamation and question marks read as shouting \
      and do not belong in reporting. An ellipsis and a single “?!” are left alone. The fix keeps one \
      mark (or one “?!” for a mixed run).
      """,
    defaultSeverity: .warning, isFixable: true,
    examples: [
      .triggers("This is huge⟦!!⟧"),
      .triggers("Did they really vote for it⟦???⟧"),
      .triggers("The vote failed⟦,,⟧ and the bill died⟦;;⟧ nobody cared."),
      .triggers("## Why now⟦?!?!⟧"),
      .triggers("He shouted “Stop⟦!!⟧” and ran."),
      .passes("It trailed off... and then?! Nothing."),
      .passes("Run `wow!!` or `a,,b` in the shell."),
      .passes("```\nalert('hi!!')\n```"),
      .passes("See https://example.com/?q=a,,b and <!-- wow!! --> the notes."),
      .passes("Really? Yes! Fine."),
      .fixes("This is huge!!", to: "This is huge!"),
      .fixes("The vote failed,, and why??? Why?!?!", to: "The vote failed, and why? Why?!"),
    ])

  public var description: RuleDescription { Self.description }
  public init() {}
  public static let factory = RuleFactory(RepeatedPunctuationRule())

  public func check(_ document: Document, context: RuleContext) -> [Diagnostic] {
    var results: [Diagnostic] = []
    let bytes = document.text.bytes
    for token in document.tokens where token.kind == .punctuation && token.role.isProse && token.end - token.start >= 2 {
      let first = bytes[token.start]
      guard first == UInt8(ascii: "!") || first == UInt8(ascii: "?") || first == UInt8(ascii: ",") || first == UInt8(ascii: ";") else { continue }
      let run = bytes[token.start..<token.end]
      var hasDouble = false
      var hasQuestion = false
      var hasExclamation = false
      var previous: UInt8 = 0
      for byte in run {
        if byte == previous { hasDouble = true }
        if byte == UInt8(ascii: "?") { hasQuestion = true }
        if byte == UInt8(ascii: "!") { hasExclamation = true }
        previous = byte
      }
      // `?!` and `!?` alone are accepted interrobangs; anything longer or doubled is not.
      guard hasDouble || run.count > 2 else { continue }
      let replacement: String
      if hasQuestion && hasExclamation {
        replacement = first == UInt8(ascii: "?") ? "?!" : "!?"
      } else {
        replacement = String(UnicodeScalar(first))
      }
      let original = document.string(token)
      let fix = Fix(title: "Replace “\(original)” with “\(replacement)”", edits: [TextEdit(range: token.range, newText: replacement)])
      results.append(diagnostic(token.range, "Use one “\(replacement)” instead of “\(original)”", fix: fix))
    }
    return results
  }
}
