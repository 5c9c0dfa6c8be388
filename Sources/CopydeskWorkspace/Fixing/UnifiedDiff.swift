public import CopydeskCore

/// Renders unified diffs (`--- a/path`, `+++ b/path`, `@@` hunks) that `git apply` and `patch -p1` accept.
///
/// The diff is built from the list of changed regions the fixer reports, not by searching for a longest
/// common subsequence: each change grows to whole lines, changes whose lines meet are merged, lines the
/// two sides share at a block's edges become context, and blocks whose context overlaps share a hunk.
/// This is linear in the size of the file however many fixes there are.
///
/// Lines are split at `\n` only, as `diff` and `git` do: a CRLF line keeps its `\r` in the diff, and a
/// file with lone-CR line breaks is one line. A last line without a line break is followed by
/// `\ No newline at end of file`.
public enum UnifiedDiff {
  /// Lines of context around each change.
  public static let defaultContext = 3

  /// The diff from `old` to `new`, or "" when they are equal.
  ///
  /// - Parameters:
  ///   - changes: sorted, disjoint regions that differ (old ranges in `old`, new ranges in `new`), with
  ///     every byte outside them equal. When nil, one region is found by trimming the common prefix and
  ///     suffix.
  ///   - oldPath: the path after `a/` (relative, with `/` separators).
  public static func render(
    old: [UInt8], new: [UInt8], changes: [TextChange]? = nil, oldPath: String, newPath: String,
    context: Int = defaultContext
  ) -> String {
    guard old != new else { return "" }
    let regions = changes ?? [singleChange(old: old, new: new)]
    let oldLines = LineTable(old)
    let newLines = LineTable(new)
    let blocks = lineBlocks(regions, old: old, new: new, oldLines: oldLines, newLines: newLines)
    guard !blocks.isEmpty else { return "" }

    var output: [UInt8] = []
    output.append(contentsOf: "--- \(quoted("a/" + oldPath))\n+++ \(quoted("b/" + newPath))\n".utf8)
    var index = 0
    while index < blocks.count {
      // Blocks whose context windows meet share a hunk.
      var last = index
      while last + 1 < blocks.count,
        blocks[last + 1].oldLines.lowerBound - blocks[last].oldLines.upperBound <= 2 * context
      {
        last += 1
      }
      let first = blocks[index]
      let oldStart = Swift.max(0, first.oldLines.lowerBound - context)
      let oldEnd = Swift.min(oldLines.count, blocks[last].oldLines.upperBound + context)
      let lineDelta = first.newLines.lowerBound - first.oldLines.lowerBound
      let newStart = oldStart + lineDelta
      var newCount = oldEnd - oldStart
      for block in blocks[index...last] { newCount += block.newLines.count - block.oldLines.count }
      output.append(contentsOf: "@@ -\(header(oldStart, oldEnd - oldStart)) +\(header(newStart, newCount)) @@\n".utf8)

      var cursor = oldStart
      for block in blocks[index...last] {
        for line in cursor..<block.oldLines.lowerBound { emit(" ", oldLines.line(line, in: old), into: &output) }
        for line in block.oldLines { emit("-", oldLines.line(line, in: old), into: &output) }
        for line in block.newLines { emit("+", newLines.line(line, in: new), into: &output) }
        cursor = block.oldLines.upperBound
      }
      for line in cursor..<oldEnd { emit(" ", oldLines.line(line, in: old), into: &output) }
      index = last + 1
    }
    return String(decoding: output, as: UTF8.self)
  }

  /// Line numbers in a hunk header: `start,count`, `start` alone for one line, and for an empty side
  /// the line before it with count 0 (the form `diff -u` and `git diff` print).
  private static func header(_ start: Int, _ count: Int) -> String {
    if count == 0 { return "\(start),0" }
    if count == 1 { return "\(start + 1)" }
    return "\(start + 1),\(count)"
  }

  private static func emit(_ marker: String, _ line: ArraySlice<UInt8>, into output: inout [UInt8]) {
    output.append(contentsOf: marker.utf8)
    output.append(contentsOf: line)
    if line.last != 0x0A {
      output.append(contentsOf: "\n\\ No newline at end of file\n".utf8)
    }
  }

  /// A path as `git` writes it in a header: C-quoted when it holds a quote, a backslash or a control
  /// character (other text, spaces and non-ASCII included, goes as is).
  static func quoted(_ path: String) -> String {
    guard path.unicodeScalars.contains(where: { $0 == "\"" || $0 == "\\" || $0.value < 0x20 || $0.value == 0x7F })
    else {
      return path
    }
    var result = "\""
    for scalar in path.unicodeScalars {
      switch scalar {
      case "\"": result += "\\\""
      case "\\": result += "\\\\"
      case "\t": result += "\\t"
      case "\n": result += "\\n"
      case "\r": result += "\\r"
      default:
        if scalar.value < 0x20 || scalar.value == 0x7F {
          let octal = String(scalar.value, radix: 8)
          result += "\\" + String(repeating: "0", count: 3 - octal.count) + octal
        } else {
          result.unicodeScalars.append(scalar)
        }
      }
    }
    return result + "\""
  }

  /// The one region that differs, found by trimming the common prefix and suffix.
  static func singleChange(old: [UInt8], new: [UInt8]) -> TextChange {
    var prefix = 0
    let limit = Swift.min(old.count, new.count)
    while prefix < limit, old[prefix] == new[prefix] { prefix += 1 }
    var suffix = 0
    while suffix < limit - prefix, old[old.count - 1 - suffix] == new[new.count - 1 - suffix] { suffix += 1 }
    return TextChange(
      oldRange: TextRange(start: prefix, end: old.count - suffix),
      newRange: TextRange(start: prefix, end: new.count - suffix))
  }

  /// A replaced run of whole lines: `oldLines` of the old text became `newLines` of the new one.
  struct LineBlock: Equatable {
    var oldLines: Range<Int>
    var newLines: Range<Int>
  }

  /// Grows each change to whole lines on both sides, merges changes that end up sharing a line, and
  /// turns lines equal on both sides at a block's edges into context.
  static func lineBlocks(
    _ changes: [TextChange], old: [UInt8], new: [UInt8], oldLines: LineTable, newLines: LineTable
  ) -> [LineBlock] {
    func isLineStart(_ bytes: [UInt8], _ offset: Int) -> Bool {
      offset == 0 || offset == bytes.count || bytes[offset - 1] == 0x0A
    }
    var blocks: [LineBlock] = []
    var index = 0
    while index < changes.count {
      let change = changes[index]
      // Back to a line start on both sides. The bytes before a change are shared, so the two offsets
      // move together; the previous block ended on a line start, so this never crosses it.
      var oldStart = change.oldRange.start
      var newStart = change.newRange.start
      while !(isLineStart(old, oldStart) && isLineStart(new, newStart)) {
        oldStart -= 1
        newStart -= 1
      }
      // Forward to a line end on both sides, swallowing any change met on the way.
      var oldEnd = change.oldRange.end
      var newEnd = change.newRange.end
      index += 1
      while !(isLineStart(old, oldEnd) && isLineStart(new, newEnd)) {
        if index < changes.count, changes[index].oldRange.start <= oldEnd {
          oldEnd = Swift.max(oldEnd, changes[index].oldRange.end)
          newEnd = Swift.max(newEnd, changes[index].newRange.end)
          index += 1
          continue
        }
        oldEnd += 1
        newEnd += 1
      }
      var block = LineBlock(
        oldLines: oldLines.index(ofLineStart: oldStart)..<oldLines.index(ofLineStart: oldEnd),
        newLines: newLines.index(ofLineStart: newStart)..<newLines.index(ofLineStart: newEnd))
      // Shared lines at the edges are context, not changes.
      while !block.oldLines.isEmpty, !block.newLines.isEmpty,
        oldLines.line(block.oldLines.lowerBound, in: old) == newLines.line(block.newLines.lowerBound, in: new)
      {
        block.oldLines = (block.oldLines.lowerBound + 1)..<block.oldLines.upperBound
        block.newLines = (block.newLines.lowerBound + 1)..<block.newLines.upperBound
      }
      while !block.oldLines.isEmpty, !block.newLines.isEmpty,
        oldLines.line(block.oldLines.upperBound - 1, in: old) == newLines.line(block.newLines.upperBound - 1, in: new)
      {
        block.oldLines = block.oldLines.lowerBound..<(block.oldLines.upperBound - 1)
        block.newLines = block.newLines.lowerBound..<(block.newLines.upperBound - 1)
      }
      if !block.oldLines.isEmpty || !block.newLines.isEmpty { blocks.append(block) }
    }
    return blocks
  }

  /// Start offsets of the `\n`-separated lines of a text.
  struct LineTable {
    /// Offset of each line's first byte. Empty for an empty text; no entry after a final `\n`.
    let starts: [Int]
    let byteCount: Int

    init(_ bytes: [UInt8]) {
      var starts: [Int] = bytes.isEmpty ? [] : [0]
      for index in bytes.indices where bytes[index] == 0x0A && index + 1 < bytes.count { starts.append(index + 1) }
      self.starts = starts
      self.byteCount = bytes.count
    }

    var count: Int { starts.count }

    /// The index of the line that starts at `offset` (a line start), or `count` at the end of the text.
    func index(ofLineStart offset: Int) -> Int {
      var low = 0
      var high = starts.count
      while low < high {
        let mid = (low + high) / 2
        if starts[mid] < offset { low = mid + 1 } else { high = mid }
      }
      return low
    }

    /// A line's bytes, with its `\n` when it has one.
    func line(_ index: Int, in bytes: [UInt8]) -> ArraySlice<UInt8> {
      bytes[starts[index]..<(index + 1 < starts.count ? starts[index + 1] : byteCount)]
    }
  }
}
