import CopydeskCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// A name found by the scanner: its text and its UTF-8 range in the draft's text.
struct ScannedSpan: Equatable {
  var text: String
  var range: TextRange
}

/// A previous/next reference found by the scanner, with its 0-based line.
struct ScannedReference: Equatable {
  var name: ScannedSpan
  var isFooter: Bool
  var lineIndex: Int
}

/// What a cheap scan of a draft's bytes found: the fields of its index entry.
struct DraftScan: Equatable {
  var title: ScannedSpan?
  var slug: ScannedSpan?
  var previous: ScannedReference?
  var next: ScannedReference?
  /// The scan met something only the full parser decides exactly (a Markdown title that is not a
  /// leading `# heading`, a footer in Markdown, unclosed front matter): parse the whole draft instead.
  var needsFullParse = false

  mutating func set(_ direction: NavigationDirection, _ reference: ScannedReference) {
    if direction == .previous { previous = reference } else { next = reference }
  }
}

/// Reads the index fields of a draft straight from its bytes, line by line, without tokenising:
/// the title line, the front matter and the `Previous Article` / `Next Article` footer.
///
/// It follows `DocumentParser` exactly for what it accepts (a test compares the two on many drafts)
/// and asks for a full parse for everything else. Offsets are counted from `start` (after a byte
/// order mark); they equal the parser's offsets when the bytes are valid UTF-8, which is what the
/// parser's repair leaves unchanged.
enum DraftScanner {
  static let previousMarker = Array("Previous Article".utf8)
  static let nextMarker = Array("Next Article".utf8)
  static let teaserMarker = Array("No time to read?".utf8)

  /// One line: content range (without its break) and whether a break ends it inside the buffer.
  struct Line {
    var start: Int
    var end: Int
    var isTerminated: Bool
  }

  /// Splits `bytes[start..<end]` into lines as `SourceText` does: `\n`, `\r\n` and a lone `\r` end a
  /// line, and a final break is followed by one empty line. Without any `\r`, `memchr` finds the
  /// breaks (most drafts), which is several times faster than a byte loop.
  static func lines(_ bytes: [UInt8], start: Int, end: Int) -> [Line] {
    guard start < end else { return [Line(start: start, end: end, isTerminated: false)] }
    var lines: [Line] = []
    lines.reserveCapacity((end - start) / 64 + 1)
    bytes.withUnsafeBufferPointer { buffer in
      let base = buffer.baseAddress!
      var lineStart = start
      if memchr(base + start, 0x0D, end - start) == nil {
        while lineStart < end, let found = memchr(base + lineStart, 0x0A, end - lineStart) {
          let index = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
          lines.append(Line(start: lineStart, end: index, isTerminated: true))
          lineStart = index + 1
        }
      } else {
        var index = start
        while index < end {
          let byte = buffer[index]
          if byte == 0x0A || byte == 0x0D {
            lines.append(Line(start: lineStart, end: index, isTerminated: true))
            if byte == 0x0D, index + 1 < end, buffer[index + 1] == 0x0A { index += 1 }
            lineStart = index + 1
          }
          index += 1
        }
      }
      lines.append(Line(start: lineStart, end: end, isTerminated: false))
    }
    return lines
  }

  /// `DraftReader.isBinary`, eight bytes at a time: a word is inspected byte by byte only when it
  /// holds a byte below 0x20 (a test checks both agree).
  static func isBinary(_ bytes: [UInt8]) -> Bool {
    let count = Swift.min(bytes.count, 8192)
    let magic: [[UInt8]] = [
      [0x89, 0x50, 0x4E, 0x47], [0xFF, 0xD8, 0xFF], [0x25, 0x50, 0x44, 0x46], [0x50, 0x4B, 0x03, 0x04], [0x47, 0x49, 0x46, 0x38],
      [0x7F, 0x45, 0x4C, 0x46],
    ]
    if magic.contains(where: { bytes.starts(with: $0) }) { return true }
    var nulCount = 0
    var controlCount = 0
    bytes.withUnsafeBytes { raw in
      func inspect(_ byte: UInt8) {
        if byte == 0 { nulCount += 1 }
        if byte < 0x09 || (byte > 0x0D && byte < 0x20) { controlCount += 1 }
      }
      var index = 0
      while index + 8 <= count {
        let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
        // Non-zero exactly when some byte of the word is below 0x20.
        if (word &- 0x2020_2020_2020_2020) & ~word & 0x8080_8080_8080_8080 != 0 {
          for offset in 0..<8 { inspect(raw[index + offset]) }
        }
        index += 8
      }
      while index < count {
        inspect(raw[index])
        index += 1
      }
    }
    return nulCount > 8 || (count > 0 && controlCount * 10 > count)
  }

  /// The line without leading and trailing spaces and tabs.
  static func trimmed(_ line: Line, _ bytes: [UInt8]) -> (start: Int, end: Int) {
    var start = line.start
    var end = line.end
    while start < end, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
    while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
    return (start, end)
  }

  static func equals(_ bytes: [UInt8], _ range: (start: Int, end: Int), _ literal: [UInt8]) -> Bool {
    guard range.end - range.start == literal.count else { return false }
    var index = 0
    while index < literal.count {
      if bytes[range.start + index] != literal[index] { return false }
      index += 1
    }
    return true
  }

  static func marker(_ bytes: [UInt8], _ range: (start: Int, end: Int)) -> NavigationDirection? {
    if equals(bytes, range, previousMarker) { return .previous }
    if equals(bytes, range, nextMarker) { return .next }
    return nil
  }

  static func span(_ bytes: [UInt8], _ range: (start: Int, end: Int), origin: Int) -> ScannedSpan {
    ScannedSpan(
      text: String(decoding: bytes[range.start..<range.end], as: UTF8.self),
      range: TextRange(start: range.start - origin, end: range.end - origin))
  }

  // MARK: Whole drafts

  /// Scans a draft held in `bytes[start..<end]` (`start` skips a byte order mark). With `isComplete`
  /// false the buffer is only the head of the file: the last, unterminated line is ignored, and
  /// anything the head cannot settle asks for a full parse.
  static func scan(_ bytes: [UInt8], start: Int, end: Int, format: DraftFormat, isComplete: Bool = true) -> DraftScan {
    var lines = lines(bytes, start: start, end: end)
    if !isComplete, let last = lines.last, !last.isTerminated { lines.removeLast() }
    switch format {
    case .plainText: return scanPlainText(bytes, lines: lines, origin: start, isComplete: isComplete)
    case .markdown: return scanMarkdown(bytes, lines: lines, origin: start, isComplete: isComplete)
    }
  }

  private static func scanPlainText(_ bytes: [UInt8], lines: [Line], origin: Int, isComplete: Bool) -> DraftScan {
    var scan = DraftScan()
    // The title is the first non-blank line, whatever it says.
    guard let titleIndex = lines.firstIndex(where: { trimmed($0, bytes).start < trimmed($0, bytes).end }) else {
      scan.needsFullParse = !isComplete
      return scan
    }
    scan.title = span(bytes, trimmed(lines[titleIndex], bytes), origin: origin)
    // In a head, a marker's name may lie past the end: read the whole file instead.
    if scanFooter(bytes, lines: lines, from: titleIndex + 1, origin: origin, lineBase: 0, into: &scan) && !isComplete {
      scan.needsFullParse = true
    }
    return scan
  }

  /// Finds `Previous Article` / `Next Article` lines in `lines[from...]` and the names under them.
  ///
  /// In plain text every such line is a footer marker, wherever it is: the parser ends a paragraph
  /// before it, and the lines it consumes otherwise (teaser, `Summary` label, a name) are never
  /// markers. The last reference in each direction wins, as in the parser.
  @discardableResult
  static func scanFooter(
    _ bytes: [UInt8], lines: [Line], from first: Int, origin: Int, lineBase: Int, into scan: inout DraftScan
  ) -> Bool {
    var found = false
    var index = first
    while index < lines.count {
      let range = trimmed(lines[index], bytes)
      guard let direction = marker(bytes, range) else {
        index += 1
        continue
      }
      found = true
      var target = index + 1
      while target < lines.count, trimmed(lines[target], bytes).start == trimmed(lines[target], bytes).end { target += 1 }
      if target < lines.count {
        let name = trimmed(lines[target], bytes)
        if marker(bytes, name) == nil && !equals(bytes, name, teaserMarker) {
          scan.set(direction, ScannedReference(name: span(bytes, name, origin: origin), isFooter: true, lineIndex: lineBase + target))
          index = target + 1
          continue
        }
      }
      index += 1
    }
    return found
  }

  private static func scanMarkdown(_ bytes: [UInt8], lines: [Line], origin: Int, isComplete: Bool) -> DraftScan {
    var scan = DraftScan()
    var bodyStart = 0
    if lines.count > 1, equals(bytes, trimmed(lines[0], bytes), Array("---".utf8)) {
      guard let close = lines.indices.dropFirst().first(where: { index in
        let range = trimmed(lines[index], bytes)
        return equals(bytes, range, Array("---".utf8)) || equals(bytes, range, Array("...".utf8))
      }) else {
        // Unclosed: not front matter in a complete draft; in a head, maybe closed further down.
        scan.needsFullParse = true
        return scan
      }
      scanFrontMatter(bytes, lines: lines[1..<close], origin: origin, into: &scan)
      bodyStart = close + 1
    }
    // A footer in Markdown depends on code blocks and comments around it: the parser decides.
    for index in bodyStart..<lines.count where marker(bytes, trimmed(lines[index], bytes)) != nil {
      scan.needsFullParse = true
      return scan
    }
    if scan.title == nil {
      guard let first = lines[bodyStart...].first(where: { trimmed($0, bytes).start < trimmed($0, bytes).end }),
        let title = leadingHeadingTitle(bytes, line: first, origin: origin)
      else {
        scan.needsFullParse = true
        return scan
      }
      scan.title = title
    }
    return scan
  }

  /// The front-matter keys the index needs, in `NavigationDirection`-independent order.
  private static let frontMatterKeys: [[UInt8]] = ["title", "slug", "previous", "next"].map { Array($0.utf8) }

  /// `key: value` lines as the parser reads them: the last entry of a key wins, even without a value.
  private static func scanFrontMatter(_ bytes: [UInt8], lines: ArraySlice<Line>, origin: Int, into scan: inout DraftScan) {
    // Per key of `frontMatterKeys`: nil when absent, else the value (nil when empty) and its line.
    var values: [(span: ScannedSpan?, lineIndex: Int)?] = [nil, nil, nil, nil]
    for (index, line) in zip(lines.indices, lines) {
      let inner = trimmed(line, bytes)
      guard inner.start < inner.end, bytes[inner.start] != UInt8(ascii: "#") else { continue }
      if bytes[inner.start] == UInt8(ascii: "-") && (inner.end - inner.start == 1 || bytes[inner.start + 1] == 0x20) { continue }
      guard let colon = bytes[inner.start..<inner.end].firstIndex(of: UInt8(ascii: ":")) else { continue }
      let key = trimmed(Line(start: inner.start, end: colon, isTerminated: true), bytes)
      guard let keyIndex = frontMatterKeys.firstIndex(where: { equalsIgnoringASCIICase(bytes, key, $0) }) else { continue }
      let raw = trimmed(Line(start: colon + 1, end: inner.end, isTerminated: true), bytes)
      var value: ScannedSpan? = nil
      if raw.start < raw.end {
        if equals(bytes, raw, Array("null".utf8)) || equals(bytes, raw, Array("~".utf8)) {
          value = ScannedSpan(text: "", range: TextRange(start: raw.start - origin, end: raw.start - origin))
        } else {
          value = span(bytes, unquote(bytes, raw), origin: origin)
        }
      }
      values[keyIndex] = (value, index)
    }
    if let title = values[0]?.span, !title.text.isEmpty { scan.title = title }
    if let slug = values[1]?.span, !slug.text.isEmpty { scan.slug = slug }
    for (keyIndex, direction) in [(2, NavigationDirection.previous), (3, .next)] {
      if let entry = values[keyIndex], let value = entry.span, !value.text.isEmpty {
        scan.set(direction, ScannedReference(name: value, isFooter: false, lineIndex: entry.lineIndex))
      }
    }
  }

  /// Byte equality after lowercasing ASCII letters of `bytes` (`literal` is lowercase ASCII). The
  /// parser lowercases keys with `String.lowercased()`; a key with non-ASCII letters that lowercase to
  /// ASCII (the Kelvin sign) is the one case this misses, and no real key is written so.
  private static func equalsIgnoringASCIICase(_ bytes: [UInt8], _ range: (start: Int, end: Int), _ literal: [UInt8]) -> Bool {
    guard range.end - range.start == literal.count else { return false }
    for (offset, expected) in literal.enumerated() {
      let byte = bytes[range.start + offset]
      let lowered = byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte
      if lowered != expected { return false }
    }
    return true
  }

  private static func unquote(_ bytes: [UInt8], _ range: (start: Int, end: Int)) -> (start: Int, end: Int) {
    guard range.end - range.start >= 2 else { return range }
    let first = bytes[range.start]
    guard first == UInt8(ascii: "\"") || first == UInt8(ascii: "'"), bytes[range.end - 1] == first else { return range }
    return (range.start + 1, range.end - 1)
  }

  /// The title of a `# Heading` line that is the first non-blank line of the body, read by parsing
  /// that line alone (heading text is line-local), or nil when the line is not a level-1 ATX heading.
  private static func leadingHeadingTitle(_ bytes: [UInt8], line: Line, origin: Int) -> ScannedSpan? {
    var columns = 0
    var index = line.start
    while index < line.end, bytes[index] == 0x20 || bytes[index] == 0x09 {
      columns += bytes[index] == 0x09 ? 4 - columns % 4 : 1
      index += 1
    }
    guard columns < 4, index < line.end, bytes[index] == UInt8(ascii: "#") else { return nil }
    let after = index + 1
    guard after == line.end || bytes[after] == 0x20 || bytes[after] == 0x09 else { return nil }
    let lineText = String(decoding: bytes[line.start..<line.end], as: UTF8.self)
    guard lineText.utf8.count == line.end - line.start else { return nil }  // Invalid UTF-8: let the parser repair it.
    let document = Document(path: "heading.md", format: .markdown, string: lineText)
    guard let title = document.article.title else { return nil }
    let shift = line.start - origin
    return ScannedSpan(text: title.text, range: TextRange(start: title.range.start + shift, end: title.range.end + shift))
  }
}
