/// A half-open range of UTF-8 byte offsets into a document's text.
///
/// This is the only range type rules and the engine use. Conversions to lines and
/// columns (UTF-8, UTF-16 or Unicode-scalar units) happen in `SourceText` only.
public struct TextRange: Hashable, Sendable, Comparable, CustomStringConvertible {
  /// Offset of the first byte, in UTF-8 code units from the start of the document.
  public var start: Int
  /// Offset one past the last byte, in UTF-8 code units from the start of the document.
  public var end: Int

  @inlinable
  public init(start: Int, end: Int) {
    precondition(start <= end, "TextRange start \(start) after end \(end)")
    self.start = start
    self.end = end
  }

  @inlinable
  public init(_ range: Range<Int>) {
    self.start = range.lowerBound
    self.end = range.upperBound
  }

  @inlinable
  public var isEmpty: Bool { start == end }
  @inlinable
  public var length: Int { end - start }
  @inlinable
  public var asRange: Range<Int> { start..<end }

  @inlinable
  public func contains(_ offset: Int) -> Bool { offset >= start && offset < end }
  public func contains(_ other: TextRange) -> Bool { other.start >= start && other.end <= end }
  public func overlaps(_ other: TextRange) -> Bool { start < other.end && other.start < end }

  /// The smallest range covering both.
  public func union(_ other: TextRange) -> TextRange {
    TextRange(start: Swift.min(start, other.start), end: Swift.max(end, other.end))
  }

  public static func < (lhs: TextRange, rhs: TextRange) -> Bool {
    lhs.start != rhs.start ? lhs.start < rhs.start : lhs.end < rhs.end
  }

  public var description: String { "\(start)..<\(end)" }
}
