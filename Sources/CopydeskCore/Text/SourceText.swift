/// The unit in which a column is counted.
public enum PositionEncoding: String, Sendable, Hashable, CaseIterable {
  /// UTF-8 code units (bytes). LSP `positionEncoding` "utf-8".
  case utf8 = "utf-8"
  /// UTF-16 code units. LSP's default.
  case utf16 = "utf-16"
  /// Unicode scalar values. The CLI's text, JSON and GitHub output; LSP "utf-32".
  case scalar = "utf-32"
}

/// A zero-based line index and a zero-based column counted in some `PositionEncoding`.
public struct LinePosition: Hashable, Sendable, Comparable, CustomStringConvertible {
  /// Zero-based line index.
  public var lineIndex: Int
  /// Zero-based column, in the unit of the encoding it was computed for.
  public var column: Int

  public init(lineIndex: Int, column: Int) {
    self.lineIndex = lineIndex
    self.column = column
  }

  public static func < (lhs: LinePosition, rhs: LinePosition) -> Bool {
    lhs.lineIndex != rhs.lineIndex ? lhs.lineIndex < rhs.lineIndex : lhs.column < rhs.column
  }

  public var description: String { "\(lineIndex + 1):\(column + 1)" }
}

/// A document's text as valid UTF-8 bytes, with a line table and a sparse index that makes every
/// offset ↔ (line, column) conversion O(log n) in all three encodings.
///
/// - Important: This is the only place where units convert. Invalid UTF-8 in the input is replaced
///   with U+FFFD at construction, so every offset here refers to valid UTF-8.
public struct SourceText: Sendable {
  /// The text, always valid UTF-8.
  public let bytes: [UInt8]
  /// Offset of the first byte of each line. Line breaks are `\n`, `\r\n` and a lone `\r`.
  public let lineStarts: [Int]
  /// Offsets (in `bytes`, after replacement) of each U+FFFD that replaced invalid input.
  public let replacedInvalidSequences: [Int]
  /// True when the input started with a UTF-8 byte order mark (which is dropped from `bytes`).
  public let hadByteOrderMark: Bool
  /// True when every byte is ASCII, so all three column units equal byte counts.
  public let isASCII: Bool

  /// Checkpoints every `checkpointStride` bytes (moved forward to a scalar boundary): their offset and
  /// the number of UTF-16 units and scalars before them. Empty when `isASCII`.
  private let checkpointOffsets: [Int32]
  private let checkpointUTF16: [Int32]
  private let checkpointScalars: [Int32]
  private static let checkpointStride = 128

  /// Decodes bytes, replacing invalid UTF-8 with U+FFFD and dropping a leading BOM.
  public init<Bytes: Collection>(decoding input: Bytes) where Bytes.Element == UInt8 {
    var raw = Array(input)
    var bom = false
    if raw.count >= 3, raw[0] == 0xEF, raw[1] == 0xBB, raw[2] == 0xBF {
      raw.removeFirst(3)
      bom = true
    }
    let (valid, replaced) = SourceText.repairUTF8(raw)
    self.init(validBytes: valid, replaced: replaced, hadByteOrderMark: bom)
  }

  /// Builds from bytes the caller knows are valid UTF-8 without a byte order mark to drop (an edit spliced
  /// from valid text at scalar boundaries), skipping the validation pass. Debug builds check the claim.
  public init(assumingValidUTF8 bytes: [UInt8]) {
    assert(SourceText.repairUTF8(bytes).replaced.isEmpty, "bytes are not valid UTF-8")
    self.init(validBytes: bytes, replaced: [], hadByteOrderMark: false)
  }

  /// Builds from a Swift string (always valid UTF-8).
  public init(_ string: String) {
    self.init(validBytes: Array(string.utf8), replaced: [], hadByteOrderMark: false)
  }

  private init(validBytes: [UInt8], replaced: [Int], hadByteOrderMark: Bool) {
    self.bytes = validBytes
    self.replacedInvalidSequences = replaced
    self.hadByteOrderMark = hadByteOrderMark
    var starts = [0]
    var ascii = true
    var offsets: [Int32] = []
    var utf16: [Int32] = []
    var scalars: [Int32] = []
    validBytes.withUnsafeBufferPointer { buffer in
      let count = buffer.count
      var index = 0
      // Fast scan for line breaks and non-ASCII bytes: eight bytes at a time skip runs holding neither.
      while index < count {
        if index + 8 <= count {
          let chunk = UnsafeRawPointer(buffer.baseAddress! + index).loadUnaligned(as: UInt64.self)
          if !SourceText.mayHoldBreakOrNonASCII(chunk) {
            index += 8
            continue
          }
          if chunk & SourceText.highBits != 0 { ascii = false }
        }
        let byte = buffer[index]
        if byte == 0x0A {
          starts.append(index + 1)
        } else if byte == 0x0D {
          if index + 1 < count, buffer[index + 1] == 0x0A {
            index += 1
          }
          starts.append(index + 1)
        } else if byte >= 0x80 {
          ascii = false
        }
        index += 1
      }
      guard !ascii else { return }
      var utf16Count = 0
      var scalarCount = 0
      var nextCheckpoint = 0
      index = 0
      while index < count {
        if index >= nextCheckpoint {
          offsets.append(Int32(truncatingIfNeeded: index))
          utf16.append(Int32(truncatingIfNeeded: utf16Count))
          scalars.append(Int32(truncatingIfNeeded: scalarCount))
          nextCheckpoint = index + SourceText.checkpointStride
        }
        // Eight ASCII bytes are eight scalars and eight UTF-16 units; stop short of the next checkpoint,
        // which must land exactly where the byte-by-byte walk would put it.
        if index + 8 <= Swift.min(count, nextCheckpoint), SourceText.eightASCIIBytes(buffer, at: index) {
          utf16Count += 8
          scalarCount += 8
          index += 8
          continue
        }
        let length = SourceText.scalarLength(lead: buffer[index])
        utf16Count += length == 4 ? 2 : 1
        scalarCount += 1
        index += length
      }
    }
    self.lineStarts = starts
    self.isASCII = ascii
    self.checkpointOffsets = offsets
    self.checkpointUTF16 = utf16
    self.checkpointScalars = scalars
  }

  /// Number of bytes.
  public var count: Int { bytes.count }
  public var lineCount: Int { lineStarts.count }
  /// The whole text as a string.
  public var string: String { String(decoding: bytes, as: UTF8.self) }

  /// The text of a range, clamped to the document.
  public subscript(range: TextRange) -> String {
    let start = clamp(range.start)
    let end = Swift.max(start, clamp(range.end))
    return String(decoding: bytes[start..<end], as: UTF8.self)
  }

  /// Byte length of the UTF-8 sequence that starts with `lead` (1 for continuation bytes, so scans advance).
  @inline(__always)
  /// The high bit of each byte of a 64-bit word.
  private static let highBits: UInt64 = 0x8080_8080_8080_8080

  /// True when the eight bytes from `index` (which must be in bounds) are all ASCII.
  @inline(__always)
  private static func eightASCIIBytes(_ buffer: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
    UnsafeRawPointer(buffer.baseAddress! + index).loadUnaligned(as: UInt64.self) & highBits == 0
  }

  /// False when none of the eight bytes is `\n`, `\r` or non-ASCII (may be true without one: it is a filter).
  @inline(__always)
  private static func mayHoldBreakOrNonASCII(_ chunk: UInt64) -> Bool {
    let ones: UInt64 = 0x0101_0101_0101_0101
    // A byte is zero after XOR exactly where it equalled the pattern; `(x - 1) & ~x & 0x80` flags zero bytes.
    func hasZeroByte(_ value: UInt64) -> Bool { (value &- ones) & ~value & highBits != 0 }
    return chunk & highBits != 0 || hasZeroByte(chunk ^ (ones &* 0x0A)) || hasZeroByte(chunk ^ (ones &* 0x0D))
  }

  public static func scalarLength(lead: UInt8) -> Int {
    if lead < 0xC0 { return 1 }
    if lead < 0xE0 { return 2 }
    if lead < 0xF0 { return 3 }
    return 4
  }

  /// True when `offset` is 0, the end, or the start of a scalar.
  public func isScalarBoundary(_ offset: Int) -> Bool {
    if offset <= 0 || offset >= bytes.count { return offset == 0 || offset == bytes.count }
    return bytes[offset] & 0xC0 != 0x80
  }

  /// Clamps to `0...count` and moves back to a scalar boundary.
  public func clamp(_ offset: Int) -> Int {
    var value = Swift.min(Swift.max(offset, 0), bytes.count)
    while value > 0, value < bytes.count, bytes[value] & 0xC0 == 0x80 { value -= 1 }
    return value
  }

  // MARK: Lines

  /// The index of the line holding `offset` (clamped). O(log n).
  public func lineIndex(containing offset: Int) -> Int {
    let target = clamp(offset)
    var low = 0
    var high = lineStarts.count - 1
    while low < high {
      let mid = (low + high + 1) / 2
      if lineStarts[mid] <= target { low = mid } else { high = mid - 1 }
    }
    return low
  }

  /// The content range of a line, excluding its line break.
  public func lineContentRange(_ lineIndex: Int) -> TextRange {
    let index = Swift.min(Swift.max(lineIndex, 0), lineStarts.count - 1)
    let start = lineStarts[index]
    var end = index + 1 < lineStarts.count ? lineStarts[index + 1] : bytes.count
    if end > start, bytes[end - 1] == 0x0A { end -= 1 }
    if end > start, bytes[end - 1] == 0x0D { end -= 1 }
    return TextRange(start: start, end: end)
  }

  /// The range of a line including its line break.
  public func lineRange(_ lineIndex: Int) -> TextRange {
    let index = Swift.min(Swift.max(lineIndex, 0), lineStarts.count - 1)
    let end = index + 1 < lineStarts.count ? lineStarts[index + 1] : bytes.count
    return TextRange(start: lineStarts[index], end: end)
  }

  // MARK: Offsets and positions

  /// Units of `encoding` from the start of the document up to `offset` (a scalar boundary).
  private func unitsBefore(_ offset: Int, encoding: PositionEncoding) -> Int {
    if isASCII || encoding == .utf8 { return offset }
    // Largest checkpoint at or before offset.
    var low = 0
    var high = checkpointOffsets.count - 1
    while low < high {
      let mid = (low + high + 1) / 2
      if Int(checkpointOffsets[mid]) <= offset { low = mid } else { high = mid - 1 }
    }
    var index = Int(checkpointOffsets[low])
    var units = Int(encoding == .utf16 ? checkpointUTF16[low] : checkpointScalars[low])
    while index < offset {
      let length = SourceText.scalarLength(lead: bytes[index])
      units += (encoding == .utf16 && length == 4) ? 2 : 1
      index += length
    }
    return units
  }

  /// The position of a byte offset. Offsets inside a scalar or a CRLF pair, or out of bounds, are clamped.
  public func position(of offset: Int, encoding: PositionEncoding) -> LinePosition {
    var target = clamp(offset)
    let line = lineIndex(containing: target)
    let content = lineContentRange(line)
    target = Swift.min(target, content.end)
    let column = unitsBefore(target, encoding: encoding) - unitsBefore(content.start, encoding: encoding)
    return LinePosition(lineIndex: line, column: column)
  }

  /// The byte offset of a position. Lines past the end clamp to the end of the document, columns
  /// past the end of a line clamp to the end of its content, and a column inside a surrogate pair
  /// moves back to the start of that scalar. Never traps.
  public func offset(of position: LinePosition, encoding: PositionEncoding) -> Int {
    if position.lineIndex < 0 { return 0 }
    if position.lineIndex >= lineStarts.count { return bytes.count }
    let content = lineContentRange(position.lineIndex)
    let column = Swift.max(0, position.column)
    if isASCII || encoding == .utf8 {
      return clamp(Swift.min(content.start + column, content.end))
    }
    let lineUnits = unitsBefore(content.start, encoding: encoding)
    let target = lineUnits + column
    // Largest checkpoint whose unit count is <= target and offset >= line start.
    let unitsTable = encoding == .utf16 ? checkpointUTF16 : checkpointScalars
    var low = 0
    var high = unitsTable.count - 1
    while low < high {
      let mid = (low + high + 1) / 2
      if Int(unitsTable[mid]) <= target { low = mid } else { high = mid - 1 }
    }
    var index = Int(checkpointOffsets[low])
    var units = Int(unitsTable[low])
    if index < content.start {
      index = content.start
      units = lineUnits
    }
    while index < content.end {
      let length = SourceText.scalarLength(lead: bytes[index])
      let width = (encoding == .utf16 && length == 4) ? 2 : 1
      if units + width > target { break }
      units += width
      index += length
    }
    return Swift.min(index, content.end)
  }

  // MARK: UTF-8 repair

  /// Replaces each maximal invalid subpart with U+FFFD (the Unicode "substitution of maximal subparts" practice).
  static func repairUTF8(_ raw: [UInt8]) -> (bytes: [UInt8], replaced: [Int]) {
    var index = 0
    let count = raw.count
    // Fast path: validate without copying, skipping ASCII eight bytes at a time.
    var firstInvalid: Int? = nil
    while index < count {
      if index + 8 <= count, raw.withUnsafeBufferPointer({ SourceText.eightASCIIBytes($0, at: index) }) {
        index += 8
        continue
      }
      let length = validSequenceLength(raw, at: index)
      if length == 0 {
        firstInvalid = index
        break
      }
      index += length
    }
    guard let first = firstInvalid else { return (raw, []) }
    var output = Array(raw[0..<first])
    output.reserveCapacity(count + 16)
    var replaced: [Int] = []
    index = first
    while index < count {
      let length = validSequenceLength(raw, at: index)
      if length > 0 {
        output.append(contentsOf: raw[index..<index + length])
        index += length
      } else {
        replaced.append(output.count)
        output.append(contentsOf: [0xEF, 0xBF, 0xBD])
        index += max(1, maximalInvalidPrefix(raw, at: index))
      }
    }
    return (output, replaced)
  }

  /// Length of the valid UTF-8 sequence at `index`, or 0 when invalid.
  @inline(__always)
  private static func validSequenceLength(_ raw: [UInt8], at index: Int) -> Int {
    let lead = raw[index]
    if lead < 0x80 { return 1 }
    let count = raw.count
    func isContinuation(_ offset: Int) -> Bool {
      offset < count && raw[offset] & 0xC0 == 0x80
    }
    switch lead {
    case 0xC2...0xDF:
      return isContinuation(index + 1) ? 2 : 0
    case 0xE0...0xEF:
      guard index + 2 < count, isContinuation(index + 1), isContinuation(index + 2) else { return 0 }
      let second = raw[index + 1]
      if lead == 0xE0 && second < 0xA0 { return 0 }  // overlong
      if lead == 0xED && second > 0x9F { return 0 }  // surrogates
      return 3
    case 0xF0...0xF4:
      guard index + 3 < count, isContinuation(index + 1), isContinuation(index + 2), isContinuation(index + 3)
      else { return 0 }
      let second = raw[index + 1]
      if lead == 0xF0 && second < 0x90 { return 0 }
      if lead == 0xF4 && second > 0x8F { return 0 }
      return 4
    default:
      return 0
    }
  }

  /// How many bytes one U+FFFD replaces: the lead plus the continuation bytes that could still have been valid.
  private static func maximalInvalidPrefix(_ raw: [UInt8], at index: Int) -> Int {
    let lead = raw[index]
    let expected: Int
    switch lead {
    case 0xC2...0xDF: expected = 2
    case 0xE0...0xEF: expected = 3
    case 0xF0...0xF4: expected = 4
    default: return 1
    }
    var length = 1
    while length < expected, index + length < raw.count, raw[index + length] & 0xC0 == 0x80 {
      if length == 1 {
        let second = raw[index + 1]
        if (lead == 0xE0 && second < 0xA0) || (lead == 0xED && second > 0x9F) || (lead == 0xF0 && second < 0x90)
          || (lead == 0xF4 && second > 0x8F)
        {
          break
        }
      }
      length += 1
    }
    return length
  }
}
