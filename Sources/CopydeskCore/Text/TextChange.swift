/// A region that differs between two versions of a text: `oldRange` in the old version was replaced
/// by the bytes at `newRange` in the new one. Outside a list of changes the two versions are byte for
/// byte equal, shifted by the length differences of the changes before.
public struct TextChange: Hashable, Sendable, CustomStringConvertible {
  public var oldRange: TextRange
  public var newRange: TextRange

  public init(oldRange: TextRange, newRange: TextRange) {
    self.oldRange = oldRange
    self.newRange = newRange
  }

  /// Bytes gained (positive) or lost (negative).
  public var lengthDelta: Int { newRange.length - oldRange.length }

  public var description: String { "\(oldRange)→\(newRange)" }

  /// Composes two rounds of changes: `first` turns A into B, `second` (in B's coordinates) turns B into C;
  /// the result turns A into C. Changes that overlap or touch are merged, so the result is sorted and
  /// disjoint.
  ///
  /// - Parameters:
  ///   - first: sorted, disjoint changes from A to B.
  ///   - second: sorted, disjoint changes from B to C.
  public static func compose(_ first: [TextChange], _ second: [TextChange]) -> [TextChange] {
    if first.isEmpty { return second }
    if second.isEmpty { return first }
    // Every change, as an interval of B with its length delta; `isFirst` says which round it came from.
    struct Interval {
      var range: TextRange
      var delta: Int
      var isFirst: Bool
    }
    var intervals = first.map { Interval(range: $0.newRange, delta: $0.lengthDelta, isFirst: true) }
    intervals += second.map { Interval(range: $0.oldRange, delta: $0.lengthDelta, isFirst: false) }
    intervals.sort { $0.range.start != $1.range.start ? $0.range.start < $1.range.start : $0.range.end < $1.range.end }

    var result: [TextChange] = []
    // Deltas of the groups already emitted: A→B for the first round, B→C for the second.
    var firstDeltaBefore = 0
    var secondDeltaBefore = 0
    var index = 0
    while index < intervals.count {
      var groupStart = intervals[index].range.start
      var groupEnd = intervals[index].range.end
      var firstDelta = 0
      var secondDelta = 0
      // Touching intervals merge too: an insertion at the edge of an earlier change belongs to it.
      while index < intervals.count, intervals[index].range.start <= groupEnd {
        let interval = intervals[index]
        groupStart = Swift.min(groupStart, interval.range.start)
        groupEnd = Swift.max(groupEnd, interval.range.end)
        if interval.isFirst { firstDelta += interval.delta } else { secondDelta += interval.delta }
        index += 1
      }
      // Outside any change the shift is uniform, and the group's edges lie outside every change.
      let old = TextRange(start: groupStart - firstDeltaBefore, end: groupEnd - firstDeltaBefore - firstDelta)
      let new = TextRange(start: groupStart + secondDeltaBefore, end: groupEnd + secondDeltaBefore + secondDelta)
      result.append(TextChange(oldRange: old, newRange: new))
      firstDeltaBefore += firstDelta
      secondDeltaBefore += secondDelta
    }
    return result
  }
}
