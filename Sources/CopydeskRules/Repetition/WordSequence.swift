import CopydeskCore

/// The body's words in order, as the phrase-repetition rules see them: one entry per word or number
/// of the article body, minus quoted speech, block quotes and site chrome.
///
/// Words form *runs*: a run breaks at punctuation, code, links' targets, excluded words and block
/// boundaries, so a phrase never spans `…the day. The…`. Line breaks and emphasis markers do not break a run.
struct WordSequence {
  /// What the rules ask about each word, packed in one entry (one append per word while building).
  struct Info {
    /// Index into `Document.tokens`.
    var tokenIndex: Int32
    /// First word index of the run holding the word.
    var runStart: Int32
    /// Exclusive end (word index) of the run holding the word.
    var runEnd: Int32
    /// Position among all word tokens of the document (quoted ones included), for distances.
    var ordinal: Int32
    var flags: UInt8

    var isCapitalized: Bool { flags & 1 != 0 }
    var isStop: Bool { flags & 2 != 0 }
    var isNumber: Bool { flags & 4 != 0 }
  }

  /// Folded hash of each word (kept apart: the hot loops compare only these).
  var hashes: [UInt64] = []
  var info: [Info] = []

  var count: Int { hashes.count }

  /// Stop words as the repetition rules count them.
  static let stopWords = WordHashSet(BuiltInRuleData.list("stop-words"))

  /// The document's sequence, built once per document and shared by the rules that need it.
  static func shared(_ document: Document) -> WordSequence {
    document.memo.value(for: WordSequence.self) { WordSequence(document, stopWords: stopWords) }
  }

  init(_ document: Document, stopWords: WordHashSet) {
    let tokens = document.tokens
    let estimate = tokens.count / 2 + 1
    hashes.reserveCapacity(estimate)
    info.reserveCapacity(estimate)
    var currentRunStart = 0
    var lastBlock: Int32 = -1
    var wordOrdinal: Int32 = 0
    var broken = true
    for index in tokens.indices {
      let token = tokens[index]
      if PhraseMatcher.isSeparator(token) { continue }
      guard token.isWordLike else {
        broken = true
        continue
      }
      wordOrdinal += 1
      guard token.role == .body, !token.flags.contains(.quoted), !token.flags.contains(.blockQuote) else {
        broken = true
        continue
      }
      if broken || token.blockIndex != lastBlock {
        closeRun(from: currentRunStart)
        currentRunStart = hashes.count
      }
      broken = false
      lastBlock = token.blockIndex
      var flags: UInt8 = token.flags.contains(.capitalized) ? 1 : 0
      if stopWords.contains(token.foldedHash) { flags |= 2 }
      if token.kind == .number { flags |= 4 }
      hashes.append(token.foldedHash)
      info.append(Info(tokenIndex: Int32(index), runStart: Int32(currentRunStart), runEnd: 0, ordinal: wordOrdinal, flags: flags))
    }
    closeRun(from: currentRunStart)
  }

  private mutating func closeRun(from start: Int) {
    let end = Int32(hashes.count)
    var index = start
    while index < hashes.count {
      info[index].runEnd = end
      index += 1
    }
  }

  /// The text range from the first to the last word of `words` (word indices).
  func range(of words: Range<Int>, in document: Document) -> TextRange {
    TextRange(start: document.tokens[Int(info[words.lowerBound].tokenIndex)].start, end: document.tokens[Int(info[words.upperBound - 1].tokenIndex)].end)
  }

  /// The text of `words` as written, with each run of whitespace (a line break, double spaces) shown as
  /// one space, shortened past `limit` words.
  func phrase(_ words: Range<Int>, in document: Document, limit: Int = 12) -> String {
    let shown = words.lowerBound..<Swift.min(words.upperBound, words.lowerBound + limit)
    let bytes = document.text.bytes[range(of: shown, in: document).asRange]
    var output: [UInt8] = []
    output.reserveCapacity(bytes.count)
    var inSpace = false
    for byte in bytes {
      if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D {
        if !inSpace { output.append(0x20) }
        inSpace = true
      } else {
        output.append(byte)
        inSpace = false
      }
    }
    return String(decoding: output, as: UTF8.self) + (words.count > limit ? " …" : "")
  }
}

/// Hashing for word n-grams. Word hashes are already well spread (FNV-1a), so sequences combine with a
/// cheap order-sensitive step; tables apply the full `mix` once per key.
enum NGramHash {
  /// The splitmix64 finaliser.
  @inline(__always)
  static func mix(_ value: UInt64) -> UInt64 {
    var z = value &+ 0x9E37_79B9_7F4A_7C15
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  @inline(__always)
  static func combine(_ seed: UInt64, _ value: UInt64) -> UInt64 {
    ((seed &<< 17 | seed &>> 47) ^ value) &* 0x9E37_79B9_7F4A_7C15
  }
}

/// A fixed set of folded word hashes with a flat open-addressing table: membership costs one multiply
/// and usually one probe, where `Set<UInt64>` would run SipHash for every word of a long draft.
struct WordHashSet: Sendable {
  private let slots: [UInt64]
  private let mask: Int

  init(_ words: [String]) {
    self.init(hashes: words.map(FoldedHash.fold))
  }

  /// A set of folded hashes; repeats are stored once and 0 (never a word's hash) is left out. The table
  /// grows with the distinct hashes (kept at most half full), not with `hashes.count`.
  init(hashes: [UInt64]) {
    var slots = [UInt64](repeating: 0, count: 16)
    var stored = 0
    for hash in hashes where hash != 0 {
      if WordHashSet.insert(hash, into: &slots) {
        stored += 1
        if stored * 2 > slots.count {
          var larger = [UInt64](repeating: 0, count: slots.count * 2)
          for old in slots where old != 0 { _ = WordHashSet.insert(old, into: &larger) }
          slots = larger
        }
      }
    }
    self.slots = slots
    self.mask = slots.count - 1
  }

  /// Inserts into a table whose size is a power of two; true when `hash` was not there yet.
  private static func insert(_ hash: UInt64, into slots: inout [UInt64]) -> Bool {
    let mask = slots.count - 1
    var slot = Int(truncatingIfNeeded: (hash &* 0x9E37_79B9_7F4A_7C15) >> 40) & mask
    while slots[slot] != 0 {
      if slots[slot] == hash { return false }
      slot = (slot + 1) & mask
    }
    slots[slot] = hash
    return true
  }

  @inline(__always)
  func contains(_ hash: UInt64) -> Bool {
    guard hash != 0 else { return false }
    var slot = Int(truncatingIfNeeded: (hash &* 0x9E37_79B9_7F4A_7C15) >> 40) & mask
    while true {
      let value = slots[slot]
      if value == hash { return true }
      if value == 0 { return false }
      slot = (slot + 1) & mask
    }
  }
}

/// An open-addressing table from 64-bit keys to dense class numbers (0, 1, 2, … in order of first insertion).
///
/// Cheaper than `Dictionary` for millions of n-gram keys: two flat arrays, no per-entry allocation.
struct HashClasses {
  /// Key and class side by side, so a probe costs one cache miss: on a long draft the table outgrows the
  /// cache and these loads dominate. A class of -1 marks an empty slot.
  private var slots: [(key: UInt64, value: Int32)]
  private let mask: Int
  private(set) var classCount = 0

  init(capacity: Int) {
    var size = 16
    while size < capacity * 2 { size <<= 1 }
    slots = Array(repeating: (0, -1), count: size)
    mask = size - 1
  }

  /// The class of `key`, creating a new one on first sight.
  @inline(__always)
  mutating func classOf(_ key: UInt64) -> Int32 {
    var slot = Int(truncatingIfNeeded: NGramHash.mix(key)) & mask
    while true {
      let entry = slots[slot]
      if entry.value < 0 {
        let value = Int32(classCount)
        slots[slot] = (key, value)
        classCount += 1
        return value
      }
      if entry.key == key { return entry.value }
      slot = (slot + 1) & mask
    }
  }

  /// Empties the table, keeping its size, for the next batch of keys.
  mutating func removeAll() {
    for index in slots.indices { slots[index] = (0, -1) }
    classCount = 0
  }

  /// The class of each of `positions` (ascending) under `key`, numbered 0, 1, 2, … in order of first
  /// occurrence as one table would number them, in an array of `length` entries (-1 at other positions).
  ///
  /// Many keys are first split by their hash into batches of a few thousand, each classed with a table that
  /// stays in the cache: one table for all of a long draft's keys is tens of megabytes, and every probe
  /// then misses, so time would grow faster than the draft.
  static func classes(of positions: [Int32], length: Int, key: (Int) -> UInt64) -> (classes: [Int32], classCount: Int) {
    var classes = [Int32](repeating: -1, count: length)
    var batchCount = 1
    while batchCount * batchSize < positions.count { batchCount <<= 1 }
    guard batchCount > 1 else {
      var table = HashClasses(capacity: positions.count)
      for position in positions { classes[Int(position)] = table.classOf(key(Int(position))) }
      return (classes, table.classCount)
    }
    let keys = positions.map { key(Int($0)) }
    // The batch comes from the mixed hash's top bits; the table's slots from its low bits.
    let shift = UInt64(64 - batchCount.trailingZeroBitCount)
    let batchOf = keys.map { Int32(truncatingIfNeeded: NGramHash.mix($0) >> shift) }
    var batchStarts = [Int](repeating: 0, count: batchCount + 1)
    for batch in batchOf { batchStarts[Int(batch) + 1] += 1 }
    var largest = 0
    for batch in 0..<batchCount {
      largest = Swift.max(largest, batchStarts[batch + 1])
      batchStarts[batch + 1] += batchStarts[batch]
    }
    // Keys move with their index into batch order, so the classing pass reads both in sequence.
    var batchedKeys = [UInt64](repeating: 0, count: keys.count)
    var batchedIndices = [Int32](repeating: 0, count: keys.count)
    var cursor = batchStarts
    for (index, batch) in batchOf.enumerated() {
      let slot = cursor[Int(batch)]
      batchedKeys[slot] = keys[index]
      batchedIndices[slot] = Int32(index)
      cursor[Int(batch)] = slot + 1
    }
    var table = HashClasses(capacity: largest)
    var provisional = [Int32](repeating: 0, count: keys.count)
    var provisionalCount = 0
    for batch in 0..<batchCount {
      table.removeAll()
      for slot in batchStarts[batch]..<batchStarts[batch + 1] {
        provisional[Int(batchedIndices[slot])] = Int32(provisionalCount) + table.classOf(batchedKeys[slot])
      }
      provisionalCount += table.classCount
    }
    // Renumber by first occurrence, so callers see the classes in the order one table gives.
    var renumbered = [Int32](repeating: -1, count: provisionalCount)
    var classCount = 0
    for (index, position) in positions.enumerated() {
      let batchClass = Int(provisional[index])
      if renumbered[batchClass] < 0 {
        renumbered[batchClass] = Int32(classCount)
        classCount += 1
      }
      classes[Int(position)] = renumbered[batchClass]
    }
    return (classes, classCount)
  }

  /// Keys per batch: a table of twice as many 16-byte slots is 256 KiB.
  static let batchSize = 8192
}

/// Groups positions by class: `members(of: c)` lists the positions of class `c` in increasing order.
struct ClassMembers {
  private var offsets: [Int32]
  private var positions: [Int32]

  /// - Parameter classes: the class of each position, or -1 for none.
  init(classes: [Int32], classCount: Int) {
    var counts = [Int32](repeating: 0, count: classCount + 1)
    for value in classes where value >= 0 { counts[Int(value) + 1] += 1 }
    for index in 1..<counts.count { counts[index] += counts[index - 1] }
    offsets = counts
    var cursor = counts
    positions = [Int32](repeating: 0, count: Int(counts[classCount]))
    for (position, value) in classes.enumerated() where value >= 0 {
      positions[Int(cursor[Int(value)])] = Int32(position)
      cursor[Int(value)] += 1
    }
  }

  func count(of classIndex: Int) -> Int { Int(offsets[classIndex + 1] - offsets[classIndex]) }

  func members(of classIndex: Int) -> ArraySlice<Int32> { positions[Int(offsets[classIndex])..<Int(offsets[classIndex + 1])] }
}

/// Which keys occur at least twice, found in one pass over two bitsets small enough to stay in cache, so the
/// hash table of n-gram classes holds only keys that can repeat: in prose most n-grams occur once.
///
/// A key seen twice is always reported; a key seen once is reported only when its bit collides with
/// another key's (a few percent at the sizes used), which costs a table entry, never a finding.
struct RepeatFilter {
  private var seen: [UInt64]
  private var twice: [UInt64]
  private let mask: Int

  /// Sized for `keys` insertions: 8 bits a key, at most 2²³ bits (1 MiB a bitset).
  init(keys: Int) {
    var bits = 4096
    while bits < keys * 8 && bits < 1 << 23 { bits <<= 1 }
    seen = [UInt64](repeating: 0, count: bits / 64)
    twice = [UInt64](repeating: 0, count: bits / 64)
    mask = bits - 1
  }

  @inline(__always)
  private func bit(_ key: UInt64) -> Int { Int(truncatingIfNeeded: NGramHash.mix(key ^ 0x5851_F42D_4C95_7F2D) >> 17) & mask }

  @inline(__always)
  mutating func insert(_ key: UInt64) {
    let bit = bit(key)
    let word = bit >> 6
    let flag: UInt64 = 1 << UInt64(bit & 63)
    if seen[word] & flag != 0 { twice[word] |= flag } else { seen[word] |= flag }
  }

  /// False only for keys inserted at most once.
  @inline(__always)
  func mayRepeat(_ key: UInt64) -> Bool {
    let bit = bit(key)
    return twice[bit >> 6] & (1 << UInt64(bit & 63)) != 0
  }
}
