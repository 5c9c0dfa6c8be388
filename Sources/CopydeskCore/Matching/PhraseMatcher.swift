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
  private func mayStartPhrase(_ word: UInt64) -> Bool {
    let bucket = PhraseMatcher.bucket(word)
    return firstWordBits[bucket >> 6] & (1 << UInt64(bucket & 63)) != 0
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

  /// Word-like token indices in `range`, as the sequence matching runs over. Words are adjacent when
  /// only spaces, line breaks or emphasis markers separate them.
  public func matches(in document: Document, tokenRange: Range<Int>, accept: (Token) -> Bool = { $0.role.isProse }) -> [Match] {
    var results: [Match] = []
    let tokens = document.tokens
    // Visit only word tokens (shared per document) whose hash may start a phrase.
    let words = document.memo.value(for: WordTokenIndices.self) { WordTokenIndices(document) }.indices
    var wordPosition = words.partitionPoint { Int($0) < tokenRange.lowerBound }
    while wordPosition < words.count {
      let start = Int(words[wordPosition])
      wordPosition += 1
      guard start < tokenRange.upperBound else { break }
      let token = tokens[start]
      guard mayStartPhrase(token.foldedHash) else { continue }
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
        while wordPosition < words.count, Int(words[wordPosition]) <= match.lastToken { wordPosition += 1 }
      }
    }
    return results
  }

  /// Separators allowed between the words of a phrase. Inlinable: rules in other modules call it per token.
  @inlinable
  public static func isSeparator(_ token: Token) -> Bool {
    token.kind == .space || token.kind == .lineBreak || (token.kind == .opaque && token.flags.contains(.emphasisMarker))
  }
}

/// The indices of a document's word and number tokens, in order (computed once per document).
struct WordTokenIndices: Sendable {
  let indices: [Int32]

  init(_ document: Document) {
    var indices: [Int32] = []
    indices.reserveCapacity(document.tokens.count / 2)
    for (index, token) in document.tokens.enumerated() where token.isWordLike { indices.append(Int32(index)) }
    self.indices = indices
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
