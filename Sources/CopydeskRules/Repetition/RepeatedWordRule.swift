public import CopydeskCore

/// Flags a word immediately repeated (`the the`), across line breaks and inline markup.
///
/// Fix: delete the second word and the space before it. Grammatical doubles (`had had`,
/// `that that`) come from the allow-list in `Rules/lists/doubled-word-allow.json`. A sentence
/// boundary (`…in. In…`) or punctuation between the words is not a repeat.
public struct RepeatedWordRule: Rule {
  public static let description = RuleDescription(
    id: "repetition/word", name: "Repeated Word",
    summary: "Remove a word typed twice in a row",
    explanation: """
      Flags the same word written twice in a row, such as “the the”, even when a line break or inline \
      markup separates the two. Doubled words are almost always typing slips that spell-checkers miss. \
      Grammatical doubles such as “had had” and “that that” are allowed (the allowList option adds more). \
      The fix deletes the second word.
      """,
    defaultSeverity: .warning, isFixable: true,
    options: [
      RuleOptionDescription(name: "allowList", defaultValue: .array([]), summary: "Extra words that may be doubled")
    ],
    examples: [
      .triggers("It was ⟦the the⟧ best plan."),
      .triggers("Officials said ⟦The the⟧ deal was done."),
      .triggers("The budget ⟦is is⟧ too large."),
      .triggers("The plan moved to\n⟦the\nthe⟧ committee."),
      .triggers("We saw *⟦the* the⟧ report.", format: .markdown),
      .passes("Those who had had doubts stayed silent."),
      .passes("He said that that was enough."),
      .passes("They went in. In the end, nothing changed."),
      .passes("Run `the the` to test the parser."),
      .passes("He said “no, no” twice.", options: #"{"allowList": []}"#),
      .passes("Search for the, the word.", format: .plainText),
      .passes("He lived in the U.S. U.S. officials agreed."),
      .fixes("It was the the best plan.", to: "It was the best plan."),
      .fixes("The plan moved to\nthe\nthe committee.", to: "The plan moved to\nthe committee."),
    ])

  public var description: RuleDescription { Self.description }
  private let allowed: Set<UInt64>

  public init(allowList: [String] = []) {
    allowed = Set((BuiltInRuleData.list("doubled-word-allow") + allowList).map { FoldedHash.fold($0) })
  }

  public static let factory = RuleFactory(description) { options throws(RuleOptionError) in
    RepeatedWordRule(allowList: try options.strings("allowList", default: []))
  }

  public func check(_ document: Document, context: RuleContext) -> [Diagnostic] {
    var results: [Diagnostic] = []
    let tokens = document.tokens
    var previousWord: Int? = nil
    for index in tokens.indices {
      let token = tokens[index]
      if PhraseMatcher.isSeparator(token) { continue }
      guard token.kind == .word, token.role.isProse else {
        previousWord = nil
        continue
      }
      defer { previousWord = index }
      guard let previous = previousWord else { continue }
      let first = tokens[previous]
      guard first.foldedHash == token.foldedHash, first.blockIndex == token.blockIndex, !allowed.contains(token.foldedHash) else {
        continue
      }
      // `…in the U.S. U.S. officials…`: an abbreviation's full stop can end the sentence.
      if document.text.bytes[first.end - 1] == UInt8(ascii: "."), token.flags.contains(.capitalized) { continue }
      let word = document.string(first)
      let range = TextRange(start: first.start, end: token.end)
      let fix = Fix(title: "Delete the repeated “\(document.string(token))”", edits: [TextEdit(range: TextRange(start: first.end, end: token.end), newText: "")])
      results.append(diagnostic(range, "“\(word)” is repeated; delete the second one", fix: fix))
      previousWord = nil
    }
    return results
  }
}
