/// One bit per bucket of folded word hashes: a word whose bucket is clear is certainly not in the set, so
/// most words are rejected with one load before a real lookup (a trie, a `Set`). Hashes are bucketed by a
/// multiply and their top bits, so a few thousand bits stay in the cache.
public struct WordHashFilter: Sendable {
  @usableFromInline let bits: [UInt64]
  @usableFromInline let shift: UInt64

  /// A filter of 2^`bucketBits` buckets (at least 64) holding `hashes`.
  public init(bucketBits: Int, hashes: some Sequence<UInt64>) {
    let bucketBits = Swift.max(6, bucketBits)
    shift = UInt64(64 - bucketBits)
    var bits = [UInt64](repeating: 0, count: (1 << bucketBits) / 64)
    for hash in hashes {
      let bucket = WordHashFilter.bucket(hash, shift: shift)
      bits[bucket >> 6] |= 1 << UInt64(bucket & 63)
    }
    self.bits = bits
  }

  @inlinable @inline(__always)
  static func bucket(_ hash: UInt64, shift: UInt64) -> Int { Int(truncatingIfNeeded: (hash &* 0x9E37_79B9_7F4A_7C15) >> shift) }

  /// False only when no hash of the set shares the bucket of `hash`.
  @inlinable @inline(__always)
  public func mayContain(_ hash: UInt64) -> Bool {
    let bucket = WordHashFilter.bucket(hash, shift: shift)
    return bits[bucket >> 6] & (1 << UInt64(bucket & 63)) != 0
  }

  /// The first position in `position..<end` of `hashes` that may be in the set (`end` if none): the scan
  /// the matchers run over a document's packed word hashes (`Document.wordTokens`).
  public func firstPossibleMember(in hashes: [UInt64], from position: Int, to end: Int) -> Int {
    hashes.withUnsafeBufferPointer { hashes in
      bits.withUnsafeBufferPointer { bits in
        var position = position
        while position < end {
          let bucket = WordHashFilter.bucket(hashes[position], shift: shift)
          if bits[bucket >> 6] & (1 << UInt64(bucket & 63)) != 0 { return position }
          position += 1
        }
        return position
      }
    }
  }
}
