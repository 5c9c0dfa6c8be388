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

  /// Trie edges in one open-addressing table keyed by (parent node, word hash): the folded hashes are
  /// already well mixed, so a lookup is a multiply, a mask and usually one probe — no SipHash per word.
  private var edgeKeys: [UInt64] = []
  private var edgeTargets: [Int32] = []
  private var edgeMask = 0
  /// Phrase index ending at each node, or -1.
  private var terminal: [Int32] = [-1]
  /// The phrases' first words: most words start no phrase and are rejected with one load.
  private let firstWords: WordHashFilter
  /// The phrases as given.
  public let phrases: [String]

  /// - Parameter phrases: phrases of words separated by spaces; matched case-insensitively.
  public init(_ phrases: [String]) {
    self.phrases = phrases
    var edges: [(key: UInt64, target: Int32)] = []
    var lookup: [UInt64: Int32] = [:]
    var firstWordHashes: [UInt64] = []
    for (index, phrase) in phrases.enumerated() {
      let words = PhraseMatcher.words(of: phrase)
      guard !words.isEmpty else { continue }
      var node: Int32 = 0
      firstWordHashes.append(FoldedHash.fold(words[0]))
      for word in words {
        let key = PhraseMatcher.edgeKey(node: node, word: FoldedHash.fold(word))
        if let child = lookup[key] {
          node = child
        } else {
          terminal.append(-1)
          let child = Int32(terminal.count - 1)
          lookup[key] = child
          edges.append((key, child))
          node = child
        }
      }
      if terminal[Int(node)] < 0 { terminal[Int(node)] = Int32(index) }
    }
    firstWords = WordHashFilter(bucketBits: 14, hashes: firstWordHashes)
    var capacity = 16
    while capacity < edges.count * 3 { capacity *= 2 }
    edgeMask = capacity - 1
    edgeKeys = [UInt64](repeating: 0, count: capacity)
    edgeTargets = [Int32](repeating: -1, count: capacity)
    for edge in edges {
      var slot = Int(truncatingIfNeeded: edge.key) & edgeMask
      while edgeTargets[slot] >= 0 { slot = (slot + 1) & edgeMask }
      edgeKeys[slot] = edge.key
      edgeTargets[slot] = edge.target
    }
  }

  @inline(__always)
  private static func edgeKey(node: Int32, word: UInt64) -> UInt64 {
    (word ^ (UInt64(UInt32(bitPattern: node)) &* 0x9E37_79B9_7F4A_7C15)) &* 0xFF51_AFD7_ED55_8CCD
  }

  /// The child of `node` along `word`, or -1.
  @inline(__always)
  private func child(of node: Int32, word: UInt64) -> Int32 {
    let key = PhraseMatcher.edgeKey(node: node, word: word)
    var slot = Int(truncatingIfNeeded: key) & edgeMask
    while true {
      let target = edgeTargets[slot]
      if target < 0 { return -1 }
      if edgeKeys[slot] == key { return target }
      slot = (slot + 1) & edgeMask
    }
  }

  public var isEmpty: Bool { phrases.isEmpty }

  /// Splits a phrase into words the way the tokenizer would (spaces separate; punctuation stays in words).
  static func words(of phrase: String) -> [Substring] {
    phrase.split(whereSeparator: { $0 == " " || $0 == "\t" })
  }

  /// The longest matches in `tokenRange`, left to right and not overlapping, over the words `accept` keeps.
  /// Words are adjacent when only spaces, line breaks or emphasis markers separate them.
  public func matches(in document: Document, tokenRange: Range<Int>, accept: (Token) -> Bool = { $0.role.isProse }) -> [Match] {
    var results: [Match] = []
    let tokens = document.tokens
    // Visit only word tokens (shared per document) whose hash may start a phrase.
    let words = document.wordTokens
    var position = words.firstPosition(atOrAfterToken: tokenRange.lowerBound)
    // The scan stops at the range's end: a sentence's matches must not cost a walk to the document's end.
    let endPosition = words.firstPosition(atOrAfterToken: tokenRange.upperBound)
    words.hashes.withUnsafeBufferPointer { hashes in
      words.isJoined.withUnsafeBufferPointer { isJoined in
        words.indices.withUnsafeBufferPointer { indices in
          while true {
            position = firstWords.firstPossibleMember(in: words.hashes, from: position, to: endPosition)
            guard position < endPosition else { break }
            let found = longestPhrase(from: position, before: endPosition, hashes: hashes, isJoined: isJoined) { accept(tokens[Int(indices[$0])]) }
            guard let found else {
              position += 1
              continue
            }
            results.append(Match(firstToken: Int(indices[position]), lastToken: Int(indices[found.last]), phraseIndex: found.phrase))
            // Matches do not overlap: continue after this one.
            position = found.last + 1
          }
        }
      }
    }
    return results
  }

  /// The longest phrase whose first word is at `first`, over words before `end` that are joined to the one
  /// before and accepted, as its last word's position and the phrase's index.
  ///
  /// The trie is walked over the packed hashes first and tokens are read (by `isAccepted`) only for a phrase
  /// found: on a long draft most starts (`the`, `in`) lead nowhere, and reading their tokens would miss the cache.
  private func longestPhrase(
    from first: Int, before end: Int, hashes: UnsafeBufferPointer<UInt64>, isJoined: UnsafeBufferPointer<Bool>,
    isAccepted: (Int) -> Bool
  ) -> (last: Int, phrase: Int)? {
    var node = child(of: 0, word: hashes[first])
    guard node >= 0 else { return nil }
    var best: (last: Int, phrase: Int)? = terminal[Int(node)] >= 0 ? (first, Int(terminal[Int(node)])) : nil
    var position = first
    while position + 1 < end, isJoined[position + 1] {
      let next = child(of: node, word: hashes[position + 1])
      guard next >= 0 else { break }
      node = next
      position += 1
      if terminal[Int(node)] >= 0 { best = (position, Int(terminal[Int(node)])) }
    }
    guard let best else { return nil }
    // A word that is not accepted ends the walk there: the phrase is then the longest before it.
    for word in first...best.last where !isAccepted(word) {
      return word == first ? nil : longestPhrase(from: first, before: word, hashes: hashes, isJoined: isJoined, isAccepted: isAccepted)
    }
    return best
  }

  /// Separators allowed between the words of a phrase. Inlinable: rules in other modules call it per token.
  @inlinable
  public static func isSeparator(_ token: Token) -> Bool {
    token.kind == .space || token.kind == .lineBreak || (token.kind == .opaque && token.flags.contains(.emphasisMarker))
  }
}

/// The document's word and number tokens, in order (see `Document.wordTokens`): their token indices,
/// and their folded hashes packed apart so a scan for a few words reads eight bytes a word, not a whole token.
public struct WordTokenIndices: Sendable {
  /// Index in `Document.tokens` of each word.
  public let indices: [Int32]
  /// `foldedHash` of each word.
  public let hashes: [UInt64]
  /// Whether only separators (`PhraseMatcher.isSeparator`), at least one, come between the previous word and
  /// this one, so a phrase may continue from one to the other. False for the first word.
  public let isJoined: [Bool]
  public var count: Int { indices.count }

  init(_ tokens: [Token]) {
    // Written through buffers of the exact size: appending to three arrays costs more than the scan itself.
    let wordCount = tokens.withUnsafeBufferPointer { tokens in tokens.reduce(0) { $0 + ($1.isWordLike ? 1 : 0) } }
    var hashes = [UInt64](repeating: 0, count: wordCount)
    var isJoined = [Bool](repeating: false, count: wordCount)
    var indices = [Int32](repeating: 0, count: wordCount)
    tokens.withUnsafeBufferPointer { tokens in
      hashes.withUnsafeMutableBufferPointer { hashes in
        isJoined.withUnsafeMutableBufferPointer { isJoined in
          indices.withUnsafeMutableBufferPointer { indices in
            var word = 0
            var separatorsSinceWord = 0
            var onlySeparators = false
            for index in tokens.indices {
              let token = tokens[index]
              if token.isWordLike {
                indices[word] = Int32(truncatingIfNeeded: index)
                hashes[word] = token.foldedHash
                isJoined[word] = onlySeparators && separatorsSinceWord > 0
                word += 1
                separatorsSinceWord = 0
                onlySeparators = true
              } else if PhraseMatcher.isSeparator(token) {
                separatorsSinceWord += 1
              } else {
                onlySeparators = false
              }
            }
          }
        }
      }
    }
    self.indices = indices
    self.hashes = hashes
    self.isJoined = isJoined
  }

  /// The position of the first word whose token index is `tokenIndex` or later (`count` if none).
  public func firstPosition(atOrAfterToken tokenIndex: Int) -> Int {
    indices.partitionPoint { Int($0) < tokenIndex }
  }
}

extension Document {
  /// The word and number tokens, packed (computed once per document, shared by every rule).
  public var wordTokens: WordTokenIndices {
    // The closure captures the token array only: capturing `self` would copy every field of the document.
    memo.value(for: WordTokenIndices.self) { [tokens] in WordTokenIndices(tokens) }
  }
}

extension Array where Element == Int32 {
  /// The first index whose element fails `belongsBefore` (elements are sorted so that it holds for a prefix).
  func partitionPoint(_ belongsBefore: (Int32) -> Bool) -> Int {
    var low = 0
    var high = count
    while low < high {
      let mid = (low + high) / 2
      if belongsBefore(self[mid]) { low = mid + 1 } else { high = mid }
    }
    return low
  }
}
