import CopydeskCore
import CopydeskTestSupport
import Testing

@Suite("Phrase matcher")
struct PhraseMatcherTests {
  /// Each match as the text it covers.
  private func matchedTexts(_ phrases: [String], in text: String, accept: ((Document, Token) -> Bool)? = nil) -> [String] {
    let document = Document(path: "draft.md", string: text)
    let matcher = PhraseMatcher(phrases)
    let matches =
      if let accept {
        matcher.matches(in: document, tokenRange: 0..<document.tokens.count) { accept(document, $0) }
      } else {
        matcher.matches(in: document, tokenRange: 0..<document.tokens.count)
      }
    return matches.map { document.string(TextRange(start: document.tokens[$0.firstToken].start, end: document.tokens[$0.lastToken].end)) }
  }

  @Test func theLongestPhraseWinsAndMatchesDoNotOverlap() {
    #expect(matchedTexts(["in order", "in order to"], in: "We left in order to win.") == ["in order to"])
    #expect(matchedTexts(["the fact", "fact that"], in: "Given the fact that it rained.") == ["the fact"])
    #expect(matchedTexts(["a lot"], in: "A lot of rain and a lot of wind.") == ["A lot", "a lot"])
  }

  @Test func wordsMayBeSeparatedBySpacesLineBreaksAndEmphasisOnly() {
    #expect(matchedTexts(["in order to"], in: "We left In *order* to win.") == ["In *order* to"])
    #expect(matchedTexts(["in order to"], in: "We left in order\nto win.") == ["in order\nto"])
    #expect(matchedTexts(["in order to"], in: "We left in order, to win.").isEmpty)
    // A blank line ends the paragraph, and a phrase never runs across paragraphs.
    #expect(matchedTexts(["in order to"], in: "We left in order\n\nto win.").isEmpty)
  }

  @Test func aWordTheCallerRejectsEndsThePhraseBeforeIt() {
    let rejectTo: (Document, Token) -> Bool = { document, token in document.string(token) != "to" }
    #expect(matchedTexts(["in order", "in order to"], in: "We left in order to win.", accept: rejectTo) == ["in order"])
    #expect(matchedTexts(["in order to"], in: "We left in order to win.", accept: rejectTo).isEmpty)
    let rejectIn: (Document, Token) -> Bool = { document, token in document.string(token) != "in" }
    #expect(matchedTexts(["in order"], in: "We left in order to win; in order.", accept: rejectIn).isEmpty)
  }

  @Test func matchesStayInsideTheTokenRange() {
    let document = Document(path: "draft.md", string: "We left in order to win.")
    let toToken = document.tokens.firstIndex { document.string($0) == "to" }!
    let inToken = document.tokens.firstIndex { document.string($0) == "in" }!
    let matcher = PhraseMatcher(["in order", "in order to"])
    #expect(matcher.matches(in: document, tokenRange: 0..<toToken).map(\.lastToken) == [toToken - 2])
    #expect(matcher.matches(in: document, tokenRange: (inToken + 1)..<document.tokens.count).isEmpty)
  }

  /// Random drafts from a small vocabulary against a direct token-by-token reading of the same definition.
  @Test func agreesWithADirectReadingOnRandomDrafts() {
    let vocabulary = ["in", "order", "to", "the", "fact", "that", "a", "lot", "of", "In", "THE"]
    let separators = [" ", " ", " ", "\n", ", ", " *", "* ", "\n\n", ". "]
    var random = SplitMix64(seed: 0x5EED_0F_F00D)
    for round in 0..<300 {
      var phrases: [String] = []
      for _ in 0..<(1 + random.below(6)) {
        phrases.append((0..<(1 + random.below(3))).map { _ in random.pick(vocabulary).lowercased() }.joined(separator: " "))
      }
      var text = ""
      for _ in 0..<(5 + random.below(40)) { text += random.pick(vocabulary) + random.pick(separators) }
      let document = Document(path: "draft.md", string: text)
      let count = document.tokens.count
      let lower = random.below(count / 2 + 1)
      let upper = lower + random.below(count - lower + 1)
      let rejected = Set((0..<count).filter { _ in random.below(8) == 0 })
      let accept: (Token) -> Bool = { token in token.role.isProse && !rejected.contains(token.start) }
      let found = PhraseMatcher(phrases).matches(in: document, tokenRange: lower..<upper, accept: accept).map {
        [$0.firstToken, $0.lastToken, $0.phraseIndex]
      }
      let expected = Self.directMatches(phrases, in: document, tokenRange: lower..<upper, accept: accept)
      #expect(found == expected, "round \(round): \(phrases) in \(text.debugDescription), tokens \(lower)..<\(upper)")
    }
  }

  /// The definition read directly: at each word, the longest phrase (the first listed of equal ones) whose
  /// words follow with separators only and are all accepted; then on after it. Each match is its first and
  /// last token and the phrase's index.
  private static func directMatches(
    _ phrases: [String], in document: Document, tokenRange: Range<Int>, accept: (Token) -> Bool
  ) -> [[Int]] {
    let tokens = document.tokens
    let wordLists = phrases.map { $0.split(separator: " ").map(String.init) }
    var results: [[Int]] = []
    var start = tokenRange.lowerBound
    while start < tokenRange.upperBound {
      guard tokens[start].isWordLike else {
        start += 1
        continue
      }
      var best: (last: Int, phrase: Int)? = nil
      for (phraseIndex, words) in wordLists.enumerated() {
        var index = start
        var last: Int? = nil
        for (position, word) in words.enumerated() {
          if position > 0 {
            var next = index + 1
            while next < tokenRange.upperBound, PhraseMatcher.isSeparator(tokens[next]) { next += 1 }
            guard next > index + 1, next < tokenRange.upperBound, tokens[next].isWordLike else { break }
            index = next
          }
          guard document.string(tokens[index]).lowercased() == word, accept(tokens[index]) else { break }
          if position == words.count - 1 { last = index }
        }
        if let last, best.map({ last > $0.last }) ?? true { best = (last, phraseIndex) }
      }
      if let best {
        results.append([start, best.last, best.phrase])
        start = best.last + 1
      } else {
        start += 1
      }
    }
    return results
  }
}
