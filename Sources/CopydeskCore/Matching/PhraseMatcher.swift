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
  /// One bit per first-word hash bucket: most words start no phrase and are rejected with one load.
  private var firstWordBits = [UInt64](repeating: 0, count: PhraseMatcher.firstWordBuckets / 64)
  private static let firstWordBuckets = 1 << 14
  /// The phrases as given.
  public let phrases: [String]

  /// - Parameter phrases: phrases of words separated by spaces; matched case-insensitively.
  public init(_ phrases: [String]) {
    self.phrases = phrases
    var edges: [(key: UInt64, target: Int32)] = []
    var lookup: [UInt64: Int32] = [:]
    for (index, phrase) in phrases.enumerated() {
      let words = PhraseMatcher.words(of: phrase)
      guard !words.isEmpty else { continue }
      var node: Int32 = 0
      let firstBucket = PhraseMatcher.bucket(FoldedHash.fold(words[0]))
      firstWordBits[firstBucket >> 6] |= 1 << UInt64(firstBucket & 63)
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
  private static func bucket(_ word: UInt64) -> Int { Int(truncatingIfNeeded: (word &* 0x9E37_79B9_7F4A_7C15) >> 50) }

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

  /// Word-like token indices in `range`, as the sequence matching runs over. Words are adjacent when
  /// only spaces, line breaks or emphasis markers separate them.
  public func matches(in document: Document, tokenRange: Range<Int>, accept: (Token) -> Bool = { $0.role.isProse }) -> [Match] {
    var results: [Match] = []
    let tokens = document.tokens
    // Visit only word tokens (shared per document) whose hash may start a phrase.
    let words = document.wordTokens
    var wordPosition = words.firstPosition(atOrAfterToken: tokenRange.lowerBound)
    while true {
      wordPosition = nextPossibleStart(in: words.hashes, from: wordPosition)
      guard wordPosition < words.count else { break }
      let start = Int(words.indices[wordPosition])
      wordPosition += 1
      guard start < tokenRange.upperBound else { break }
      let token = tokens[start]
      var node = child(of: 0, word: token.foldedHash)
      guard node >= 0, accept(token) else { continue }
      var best: Match? = nil
      if terminal[Int(node)] >= 0 { best = Match(firstToken: start, lastToken: start, phraseIndex: Int(terminal[Int(node)])) }
      var cursor = start + 1
      while cursor < tokenRange.upperBound {
        // Skip separators; words must be separated by at least one.
        var next = cursor
        while next < tokenRange.upperBound, PhraseMatcher.isSeparator(tokens[next]) { next += 1 }
        guard next > cursor, next < tokenRange.upperBound else { break }
        let candidate = tokens[next]
        guard candidate.isWordLike else { break }
        let childNode = child(of: node, word: candidate.foldedHash)
        guard childNode >= 0, accept(candidate) else { break }
        node = childNode
        if terminal[Int(node)] >= 0 { best = Match(firstToken: start, lastToken: next, phraseIndex: Int(terminal[Int(node)])) }
        cursor = next + 1
      }
      if let match = best {
        results.append(match)
        // Matches do not overlap: continue after this one.
        while wordPosition < words.count, Int(words.indices[wordPosition]) <= match.lastToken { wordPosition += 1 }
      }
    }
    return results
  }

  /// The first position at or after `position` whose word may start a phrase (`hashes.count` if none).
  /// Most words start none, so this loop over the packed hashes is where matching spends its time.
  private func nextPossibleStart(in hashes: [UInt64], from position: Int) -> Int {
    hashes.withUnsafeBufferPointer { hashes in
      firstWordBits.withUnsafeBufferPointer { bits in
        var position = position
        while position < hashes.count {
          let bucket = PhraseMatcher.bucket(hashes[position])
          if bits[bucket >> 6] & (1 << UInt64(bucket & 63)) != 0 { return position }
          position += 1
        }
        return position
      }
    }
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
  public var count: Int { indices.count }

  init(_ tokens: [Token]) {
    var indices: [Int32] = []
    var hashes: [UInt64] = []
    tokens.withUnsafeBufferPointer { tokens in
      var wordCount = 0
      for token in tokens where token.isWordLike { wordCount += 1 }
      indices.reserveCapacity(wordCount)
      hashes.reserveCapacity(wordCount)
      for index in tokens.indices where tokens[index].isWordLike {
        indices.append(Int32(truncatingIfNeeded: index))
        hashes.append(tokens[index].foldedHash)
      }
    }
    self.indices = indices
    self.hashes = hashes
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
