public import CopydeskCore

/// Flags three or more consecutive sentences that begin with the same word.
///
/// Range: the opening word of the third sentence of a run and of every later one, each pointing at the
/// first sentence's opening word. Runs count within one body paragraph: a paragraph break is a fresh
/// start, list items and headings are parallel by design, and a sentence that opens with quoted speech
/// ends the run.
public struct RepeatedOpenerRule: Rule {
  public static let description = RuleDescription(
    id: "repetition/opener", name: "Repeated Sentence Opener",
    summary: "Vary the first word of consecutive sentences",
    explanation: """
      Flags the third and every later sentence in a row that starts with the same word, as in “The \
      minister arrived. The talks began. The deal fell through.” A run of identical openers makes prose \
      monotonous; start one of the sentences another way or join two of them. Each finding sits on the \
      repeated opening word and points at the first sentence of the run. Runs count within one \
      paragraph; list items and headings are parallel on purpose. Option: minSentences.
      """,
    defaultSeverity: .info,
    options: [
      RuleOptionDescription(name: "minSentences", defaultValue: 3, summary: "Sentences in a row with the same opener before the rule reports")
    ],
    examples: [
      .triggers("The minister arrived. The talks began. ⟦The⟧ deal fell through."),
      .triggers("We met. We argued. ⟦We⟧ left.\n⟦We⟧ came back. Then we slept."),
      .triggers("""
        Talks stalled.

        Officials denied it. Officials then confirmed it. ⟦Officials⟧ later apologised.
        """),
      .triggers("Title\n\nIt rained. It snowed. ⟦It⟧ cleared.", format: .plainText),
      .passes("The minister arrived. Talks began. The deal fell through."),
      .passes("The minister arrived. The talks began.\n\nThe deal fell through. The end came."),
      .passes("- The first item.\n- The second item.\n- The third item."),
      .passes("“The plan works,” he said. The talks began. “The deal is off,” she said."),
      .passes("The minister arrived. The talks began.\n\n## The outcome\n\nThe deal fell through."),
      .passes("The plan began. `The` code. See https://example.com/The and <!-- The --> notes. Then it ended."),
      .passes("```\nThe a. The b. The c.\n```"),
    ])

  public var description: RuleDescription { Self.description }
  public let minSentences: Int

  public init(minSentences: Int = 3) {
    self.minSentences = minSentences
  }

  public static let factory = RuleFactory(description) { options throws(RuleOptionError) in
    RepeatedOpenerRule(minSentences: try options.int("minSentences", default: 3, range: 2...20))
  }

  public func check(_ document: Document, context: RuleContext) -> [Diagnostic] {
    var results: [Diagnostic] = []
    var runWord: UInt64? = nil
    var runFirst: Token? = nil
    var runLength = 0
    var runBlock = -1
    for sentence in document.sentences {
      guard let opener = opener(of: sentence, in: document) else {
        runWord = nil
        runLength = 0
        continue
      }
      // A paragraph break is a fresh start: runs count within one paragraph.
      if sentence.blockIndex != runBlock {
        runBlock = sentence.blockIndex
        runWord = nil
      }
      if opener.foldedHash == runWord {
        runLength += 1
      } else {
        runWord = opener.foldedHash
        runFirst = opener
        runLength = 1
      }
      guard runLength >= minSentences, let first = runFirst else { continue }
      let word = document.string(opener)
      let related = [RelatedLocation(range: first.range, message: "The run of sentences starting with “\(document.string(first))” begins here")]
      results.append(diagnostic(opener.range, "\(runLength) sentences in a row start with “\(word)”; vary the opening", related: related))
    }
    return results
  }

  /// The sentence's first word, when the sentence is in a body paragraph and does not open with quoted speech.
  private func opener(of sentence: Sentence, in document: Document) -> Token? {
    switch document.blocks[sentence.blockIndex].kind {
    case .paragraph: break
    default: return nil
    }
    for index in sentence.tokenRange {
      let token = document.tokens[index]
      if token.kind == .space || token.kind == .lineBreak || PhraseMatcher.isSeparator(token) { continue }
      // Leading symbols (a dash, an emoji, a bracket) are not the opener; an opening quote is, via `quoted`.
      if token.kind == .punctuation && !token.isQuoted { continue }
      guard token.isWordLike, token.role == .body, !token.isQuoted, !token.flags.contains(.blockQuote) else { return nil }
      return token
    }
    return nil
  }
}
