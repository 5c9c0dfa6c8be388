/// A compiled list of word phrases (`analysts say`, `in order to`), matched over folded word tokens.
///
/// Built once per rule: a trie keyed by each word's folded hash. Matching walks the document's
/// word tokens once; at each start it follows the trie as far as the words allow and keeps the
/// longest phrase, so cost is O(tokens × longest phrase) with no regular expressions.
public struct PhraseMatcher: Sendable {
  /// One phrase hit: token indices of its first and last word, and which phrase.
  public struct Match: Sendable, Hashable {
    public var firstToken: Int
    public var lastToken: Int
    public var phraseIndex: Int
  }

  private struct Node: Sendable {
    var children: [UInt64: Int32] = [:]
    var phraseIndex: Int32 = -1
  }

  private var nodes: [Node] = [Node()]
  /// A 4,096-bit filter over the top bits of the first words' hashes: most words start no phrase, and
  /// the filter says so without a dictionary lookup.
  private var firstWordFilter = [UInt64](repeating: 0, count: 64)
  /// The phrases as given.
  public let phrases: [String]

  /// - Parameter phrases: phrases of words separated by spaces; matched case-insensitively.
  public init(_ phrases: [String]) {
    self.phrases = phrases
    for (index, phrase) in phrases.enumerated() {
      let words = PhraseMatcher.words(of: phrase)
      guard !words.isEmpty else { continue }
      var node = 0
      let first = Int(FoldedHash.fold(words[0]) >> 52)
      firstWordFilter[first >> 6] |= 1 << UInt64(first & 63)
      for word in words {
        let key = FoldedHash.fold(word)
        if let child = nodes[node].children[key] {
          node = Int(child)
        } else {
          nodes.append(Node())
          nodes[node].children[key] = Int32(nodes.count - 1)
          node = nodes.count - 1
        }
      }
      if nodes[node].phraseIndex < 0 { nodes[node].phraseIndex = Int32(index) }
    }
  }

  public var isEmpty: Bool { phrases.isEmpty }

  /// Splits a phrase into words the way the tokenizer would (spaces separate; punctuation stays in words).
  static func words(of phrase: String) -> [Substring] {
    phrase.split(whereSeparator: { $0 == " " || $0 == "\t" })
  }

  /// Word-like token indices in `range`, as the sequence matching runs over. Words are adjacent when
  /// only spaces, line breaks or emphasis markers separate them.
  public func matches(in document: Document, tokenRange: Range<Int>, accept: (Token) -> Bool = { $0.role.isProse }) -> [Match] {
    var results: [Match] = []
    let tokens = document.tokens
    var start = tokenRange.lowerBound
    while start < tokenRange.upperBound {
      let token = tokens[start]
      let bit = Int(token.foldedHash >> 52)
      guard token.isWordLike, firstWordFilter[bit >> 6] & (1 << UInt64(bit & 63)) != 0, accept(token),
        let firstChild = nodes[0].children[token.foldedHash]
      else {
        start += 1
        continue
      }
      var node = Int(firstChild)
      var best: Match? = nil
      if nodes[node].phraseIndex >= 0 { best = Match(firstToken: start, lastToken: start, phraseIndex: Int(nodes[node].phraseIndex)) }
      var cursor = start + 1
      while cursor < tokenRange.upperBound {
        // Skip separators.
        var next = cursor
        while next < tokenRange.upperBound, PhraseMatcher.isSeparator(tokens[next]) { next += 1 }
        guard next < tokenRange.upperBound, next > cursor || tokens[next].isWordLike else { break }
        let candidate = tokens[next]
        guard candidate.isWordLike, accept(candidate), next > cursor, let child = nodes[node].children[candidate.foldedHash] else { break }
        node = Int(child)
        if nodes[node].phraseIndex >= 0 { best = Match(firstToken: start, lastToken: next, phraseIndex: Int(nodes[node].phraseIndex)) }
        cursor = next + 1
      }
      if let match = best {
        results.append(match)
        start = match.lastToken + 1
      } else {
        start += 1
      }
    }
    return results
  }

  /// Separators allowed between the words of a phrase.
  @inline(__always)
  public static func isSeparator(_ token: Token) -> Bool {
    token.kind == .space || token.kind == .lineBreak || (token.kind == .opaque && token.flags.contains(.emphasisMarker))
  }
}
