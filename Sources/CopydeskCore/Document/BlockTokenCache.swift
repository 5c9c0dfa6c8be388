internal import Synchronization

/// The tokenised text blocks (paragraphs, list items, headings…) of one document's previous parse, so that
/// parsing the next version re-tokenises only the blocks an edit touched.
///
/// The editor keeps one cache per open document. A text block's tokens, sentences and protected ranges
/// depend only on its kind, the draft format and its bytes (plus one byte either side, which word-boundary
/// checks read): the tokenizer's quote state starts afresh in every block. So a block whose bytes are
/// unchanged reuses the earlier result, moved to its new offset, and the document is exactly what a fresh
/// parse would build (a test compares the two). Blocks holding a suppression comment are never cached,
/// because a comment's directive also records the line after it.
///
/// Only entries used or made by the latest parse are kept, and each refers to the latest text, so the cache
/// holds about one version's tokens and at most two versions' bytes.
public final class BlockTokenCache: Sendable {
  struct Key: Hashable {
    var hash: UInt64
    var length: Int
    var kind: BlockKind
    var format: DraftFormat
  }

  /// One block as tokenised before, with offsets relative to the start of its span.
  struct Entry: Sendable {
    /// The text the block was read from and where its span starts there (the bytes, shared, not copied).
    var source: [UInt8]
    var spanStart: Int
    var tokens: [Token]
    var sentences: [Sentence]
    var protectedRanges: [TextRange]
    var blockRange: TextRange
    var quoteDepth: Int
    var straightDoubleOpen: Bool
  }

  private struct State {
    var previous: [Key: Entry] = [:]
    var current: [Key: Entry] = [:]
    var hits = 0
    var misses = 0
  }

  private let state = Mutex(State())

  public init() {}

  /// Blocks reused and blocks tokenised by the latest parse (for tests and measurements).
  public var lastParse: (reused: Int, tokenized: Int) { state.withLock { ($0.hits, $0.misses) } }

  /// Starts a parse: what the last parse used or made becomes what this one may reuse.
  func beginParse() {
    state.withLock { state in
      if !state.current.isEmpty { state.previous = state.current }
      state.current = [:]
      state.hits = 0
      state.misses = 0
    }
  }

  /// The earlier result for a block whose span (with one byte either side) reads `bytes[spanStart - 1 ..< spanEnd + 1]`.
  func entry(for key: Key, bytes: [UInt8], spanStart: Int) -> Entry? {
    state.withLock { state in
      guard var entry = state.previous[key] ?? state.current[key],
        BlockTokenCache.sameSpan(entry.source, entry.spanStart, bytes, spanStart, length: key.length)
      else {
        state.misses += 1
        return nil
      }
      // Point at this version's bytes (equal in the span), so no entry keeps an older version alive.
      entry.source = bytes
      entry.spanStart = spanStart
      state.current[key] = entry
      state.hits += 1
      return entry
    }
  }

  func store(_ entry: Entry, for key: Key) {
    state.withLock { $0.current[key] = entry }
  }

  /// True when both spans, and the byte before and after each (or the lack of one), are the same.
  private static func sameSpan(_ old: [UInt8], _ oldStart: Int, _ new: [UInt8], _ newStart: Int, length: Int) -> Bool {
    func neighbour(_ bytes: [UInt8], _ index: Int) -> Int { index >= 0 && index < bytes.count ? Int(bytes[index]) : -1 }
    guard neighbour(old, oldStart - 1) == neighbour(new, newStart - 1),
      neighbour(old, oldStart + length) == neighbour(new, newStart + length),
      oldStart + length <= old.count, newStart + length <= new.count
    else { return false }
    guard length > 0 else { return true }
    return old.withUnsafeBufferPointer { oldBuffer in
      new.withUnsafeBufferPointer { newBuffer in
        let oldBase = UnsafeRawPointer(oldBuffer.baseAddress! + oldStart)
        let newBase = UnsafeRawPointer(newBuffer.baseAddress! + newStart)
        var index = 0
        while index + 8 <= length {
          if oldBase.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            != newBase.loadUnaligned(fromByteOffset: index, as: UInt64.self)
          {
            return false
          }
          index += 8
        }
        while index < length {
          if oldBase.load(fromByteOffset: index, as: UInt8.self) != newBase.load(fromByteOffset: index, as: UInt8.self) {
            return false
          }
          index += 1
        }
        return true
      }
    }
  }

  /// A fast 64-bit hash of a span, eight bytes at a time.
  static func hash(_ bytes: [UInt8], _ range: Range<Int>) -> UInt64 {
    bytes.withUnsafeBufferPointer { buffer in
      var hash: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(range.count)
      var index = range.lowerBound
      while index + 8 <= range.upperBound {
        let word = UnsafeRawPointer(buffer.baseAddress! + index).loadUnaligned(as: UInt64.self)
        hash = (hash ^ word) &* 0xBF58_476D_1CE4_E5B9
        hash ^= hash >> 29
        index += 8
      }
      while index < range.upperBound {
        hash = (hash ^ UInt64(buffer[index])) &* 0x94D0_49BB_1331_11EB
        index += 1
      }
      return hash ^ (hash >> 32)
    }
  }
}
