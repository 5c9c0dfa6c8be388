import CopydeskCore

/// Byte-level positions in a pack file, for what the parsed `JSONValue` does not record: where each
/// element of an array starts (so a bad list entry or a failing example points at its own line).
struct PackSourceMap: Sendable {
  let bytes: [UInt8]
  /// Offset of the first byte of each line (lines break at `\n`, `\r\n` and a lone `\r`, as in the parser).
  private let lineStarts: [Int]

  init(_ bytes: [UInt8]) {
    self.bytes = bytes
    var starts = [0]
    var index = 0
    while index < bytes.count {
      if bytes[index] == 0x0A {
        starts.append(index + 1)
      } else if bytes[index] == 0x0D {
        if index + 1 < bytes.count, bytes[index + 1] == 0x0A { index += 1 }
        starts.append(index + 1)
      }
      index += 1
    }
    lineStarts = starts
  }

  /// The byte offset of a 1-based line and scalar column, or nil when it is not in the file.
  func offset(of location: SourceLocation) -> Int? {
    guard location.line >= 1, location.line <= lineStarts.count, location.column >= 1 else { return nil }
    var offset = lineStarts[location.line - 1]
    var column = 1
    while column < location.column, offset < bytes.count {
      offset += SourceText.scalarLength(lead: bytes[offset])
      column += 1
    }
    return offset < bytes.count ? offset : nil
  }

  /// The 1-based line and scalar column of a byte offset.
  func location(of offset: Int) -> SourceLocation {
    var low = 0
    var high = lineStarts.count - 1
    while low < high {
      let mid = (low + high + 1) / 2
      if lineStarts[mid] <= offset { low = mid } else { high = mid - 1 }
    }
    var column = 1
    var index = lineStarts[low]
    while index < offset, index < bytes.count {
      index += SourceText.scalarLength(lead: bytes[index])
      column += 1
    }
    return SourceLocation(line: low + 1, column: column)
  }

  /// Where each element of the array that starts (with `[`) at `location` begins. Empty when the
  /// location is unknown or not an array; callers then fall back to the array's own location.
  func elementLocations(ofArrayAt location: SourceLocation) -> [SourceLocation] {
    guard let open = offset(of: location), bytes[open] == UInt8(ascii: "[") else { return [] }
    var result: [SourceLocation] = []
    var index = skipTrivia(from: open + 1)
    while index < bytes.count, bytes[index] != UInt8(ascii: "]") {
      result.append(self.location(of: index))
      index = skipValue(from: index)
      index = skipTrivia(from: index)
      guard index < bytes.count, bytes[index] == UInt8(ascii: ",") else { break }
      index = skipTrivia(from: index + 1)
    }
    return result
  }

  /// Where the top-level value starts (after a BOM, whitespace and comments).
  var firstValueLocation: SourceLocation {
    var start = 0
    if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { start = 3 }
    let offset = skipTrivia(from: start)
    return offset < bytes.count ? location(of: offset) : SourceLocation(line: 1, column: 1)
  }

  /// Skips whitespace and JSON5 comments.
  private func skipTrivia(from start: Int) -> Int {
    var index = start
    while index < bytes.count {
      let byte = bytes[index]
      if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0B || byte == 0x0C {
        index += 1
      } else if byte == 0xC2, index + 1 < bytes.count, bytes[index + 1] == 0xA0 {
        index += 2
      } else if byte == UInt8(ascii: "/"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "/") {
        while index < bytes.count, bytes[index] != 0x0A, bytes[index] != 0x0D { index += 1 }
      } else if byte == UInt8(ascii: "/"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "*") {
        index += 2
        while index + 1 < bytes.count, !(bytes[index] == UInt8(ascii: "*") && bytes[index + 1] == UInt8(ascii: "/")) { index += 1 }
        index = Swift.min(bytes.count, index + 2)
      } else {
        break
      }
    }
    return index
  }

  /// Skips one value: a string, a nested array or object, or a bare scalar.
  private func skipValue(from start: Int) -> Int {
    var index = start
    var depth = 0
    while index < bytes.count {
      let byte = bytes[index]
      if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
        index = skipString(from: index)
        if depth == 0 { return index }
        continue
      }
      if byte == UInt8(ascii: "/"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "/") || bytes[index + 1] == UInt8(ascii: "*") {
        index = skipTrivia(from: index)
        continue
      }
      if byte == UInt8(ascii: "[") || byte == UInt8(ascii: "{") {
        depth += 1
      } else if byte == UInt8(ascii: "]") || byte == UInt8(ascii: "}") {
        if depth == 0 { return index }
        depth -= 1
        if depth == 0 { return index + 1 }
      } else if depth == 0, byte == UInt8(ascii: ",") || byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D {
        return index
      }
      index += 1
    }
    return index
  }

  private func skipString(from start: Int) -> Int {
    let quote = bytes[start]
    var index = start + 1
    while index < bytes.count {
      if bytes[index] == UInt8(ascii: "\\") {
        index += 2
        continue
      }
      if bytes[index] == quote { return index + 1 }
      index += 1
    }
    return index
  }
}
