/// Something the framer found in the incoming byte stream.
public enum FramingEvent: Hashable, Sendable {
  /// The body of one complete message (the bytes after the header block, exactly `Content-Length` of them).
  case message([UInt8])
  /// Bytes that could not be framed; the framer has already resynchronised past them.
  case error(FramingError)
}

/// Why bytes of the incoming stream were not a message.
public enum FramingError: Error, Hashable, Sendable, CustomStringConvertible {
  /// Bytes before a header that were not part of any header block.
  case skippedGarbage(byteCount: Int)
  /// A header block that could not be used (the reason says why); it was dropped.
  case malformedHeader(String)
  /// A message longer than the limit; its body was discarded without being buffered.
  case oversized(contentLength: Int, limit: Int)
  /// A `Content-Type` charset other than UTF-8; the body was discarded.
  case unsupportedCharset(String)

  public var description: String {
    switch self {
    case .skippedGarbage(let count):
      "Skipped \(count) byte\(count == 1 ? "" : "s") that were not part of a Content-Length header"
    case .malformedHeader(let reason):
      "Malformed message header: \(reason)"
    case .oversized(let length, let limit):
      "Message of \(length) bytes exceeds the \(limit)-byte limit and was discarded"
    case .unsupportedCharset(let charset):
      "Unsupported charset “\(charset)”; send UTF-8"
    }
  }
}

/// A pure, byte-level parser for LSP base-protocol framing (`Content-Length: N\r\n\r\n` + N bytes of body).
///
/// Feed it chunks as they arrive (split or merged at any byte) with `append(_:)` and drain events with
/// `next()`. It accepts a `Content-Type` header (charset must be UTF-8), header lines ended by `\r\n` or a bare
/// `\n`, header names in any case, and blank lines between frames. Anything else before a header is garbage:
/// it is reported once per run and skipped up to the next `Content-Length`/`Content-Type` header, so one bad
/// write never desynchronises the stream. Bodies over `maximumContentLength` are reported and discarded as they
/// stream in, without being buffered.
public struct MessageFramer: Sendable {
  /// 64 MiB: far above any real draft, low enough that a bogus length cannot exhaust memory.
  public static let defaultMaximumContentLength = 64 << 20
  /// A header block longer than this without its terminating blank line is garbage.
  public static let maximumHeaderBytes = 8 << 10

  public let maximumContentLength: Int

  private var buffer: [UInt8] = []
  /// Index of the first unconsumed byte in `buffer` (consumed bytes are compacted away lazily).
  private var readIndex = 0
  /// Body bytes of a refused message still to be discarded.
  private var bytesToDiscard = 0
  /// The length of the body being waited for, once its header block has been read.
  private var pendingContentLength: Int?
  /// Garbage skipped and not yet reported (reported when the run ends, so one run gives one error).
  private var unreportedGarbage = 0

  private static let headerNames: [[UInt8]] = [Array("content-length:".utf8), Array("content-type:".utf8)]

  public init(maximumContentLength: Int = MessageFramer.defaultMaximumContentLength) {
    self.maximumContentLength = maximumContentLength
  }

  /// Bytes received but not yet returned as events.
  public var bufferedByteCount: Int { buffer.count - readIndex }

  /// Adds received bytes.
  public mutating func append<Bytes: Sequence>(_ chunk: Bytes) where Bytes.Element == UInt8 {
    if readIndex > 0 && readIndex >= buffer.count / 2 {
      buffer.removeSubrange(0..<readIndex)
      readIndex = 0
    }
    buffer.append(contentsOf: chunk)
  }

  /// The next complete message or framing error, or nil when more bytes are needed.
  public mutating func next() -> FramingEvent? {
    while true {
      if bytesToDiscard > 0 {
        let available = Swift.min(bytesToDiscard, buffer.count - readIndex)
        readIndex += available
        bytesToDiscard -= available
        if bytesToDiscard > 0 { return nil }
      }
      if let length = pendingContentLength {
        guard buffer.count - readIndex >= length else { return nil }
        let body = Array(buffer[readIndex..<readIndex + length])
        readIndex += length
        pendingContentLength = nil
        return .message(body)
      }
      skipBlankLines()
      guard readIndex < buffer.count else { return nil }
      // Resynchronise: the stream must continue with a header name.
      switch headerNameMatch(at: readIndex) {
      case .partial:
        return nil
      case .mismatch:
        if let event = skipGarbage() { return event }
        if readIndex >= buffer.count || headerNameMatch(at: readIndex) != .full { return nil }
        continue
      case .full:
        if unreportedGarbage > 0 {
          let count = unreportedGarbage
          unreportedGarbage = 0
          return .error(.skippedGarbage(byteCount: count))
        }
      }
      guard let (headerEnd, blockEnd) = findHeaderTerminator() else {
        if buffer.count - readIndex > MessageFramer.maximumHeaderBytes {
          // No blank line after a header name: drop the name and look for the next header.
          readIndex += 1
          unreportedGarbage += 1
          continue
        }
        return nil
      }
      let header = buffer[readIndex..<headerEnd]
      switch parseHeader(header) {
      case .success(let length):
        readIndex = blockEnd
        pendingContentLength = length
      case .failure(.resynchronise(let offset)):
        // A header name appears later in the block: what precedes it is garbage.
        unreportedGarbage += offset
        readIndex += offset
      case .failure(.refuse(let error, let length)):
        readIndex = blockEnd
        bytesToDiscard = length
        return .error(error)
      case .failure(.drop(let error)):
        readIndex = blockEnd
        return .error(error)
      }
    }
  }

  // MARK: Header parsing

  private enum Match { case full, partial, mismatch }

  private func headerNameMatch(at index: Int) -> Match {
    var anyPartial = false
    for name in MessageFramer.headerNames {
      var offset = 0
      while offset < name.count, index + offset < buffer.count,
        MessageFramer.lower(buffer[index + offset]) == name[offset]
      {
        offset += 1
      }
      if offset == name.count { return .full }
      if index + offset == buffer.count { anyPartial = true }
    }
    return anyPartial ? .partial : .mismatch
  }

  /// Skips garbage up to the next header name (or keeps a tail that may be the start of one).
  /// Returns an event only when the garbage run has to be reported before waiting for more input.
  private mutating func skipGarbage() -> FramingEvent? {
    var index = readIndex
    while index < buffer.count {
      let match = headerNameMatch(at: index)
      if match == .full || match == .partial { break }
      index += 1
    }
    unreportedGarbage += index - readIndex
    readIndex = index
    return nil
  }

  private static func lower(_ byte: UInt8) -> UInt8 {
    byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
  }

  private mutating func skipBlankLines() {
    while readIndex < buffer.count, buffer[readIndex] == 0x0D || buffer[readIndex] == 0x0A {
      if buffer[readIndex] == 0x0D {
        // A lone CR at the end may be the start of CRLF; it is skipped either way.
        readIndex += 1
      } else {
        readIndex += 1
      }
    }
  }

  /// The end of the header lines and the end of the whole block (after the blank line).
  private func findHeaderTerminator() -> (Int, Int)? {
    var index = readIndex
    let limit = Swift.min(buffer.count, readIndex + MessageFramer.maximumHeaderBytes + 4)
    while index < limit {
      if buffer[index] == 0x0A {
        if index + 1 < buffer.count, buffer[index + 1] == 0x0A { return (index, index + 2) }
        if index + 2 < buffer.count, buffer[index + 1] == 0x0D, buffer[index + 2] == 0x0A { return (index, index + 3) }
      }
      index += 1
    }
    return nil
  }

  private enum HeaderFailure: Error {
    case resynchronise(offset: Int)
    case refuse(FramingError, discarding: Int)
    case drop(FramingError)
  }

  private func parseHeader(_ header: ArraySlice<UInt8>) -> Result<Int, HeaderFailure> {
    var contentLength: Int?
    var charsetProblem: String?
    var lineStart = header.startIndex
    while lineStart < header.endIndex {
      var lineEnd = lineStart
      while lineEnd < header.endIndex, header[lineEnd] != 0x0A { lineEnd += 1 }
      var contentEnd = lineEnd
      if contentEnd > lineStart, header[contentEnd - 1] == 0x0D { contentEnd -= 1 }
      let line = header[lineStart..<contentEnd]
      guard let colon = line.firstIndex(of: 0x3A), colon > line.startIndex,
        line[line.startIndex..<colon].allSatisfy({ $0 > 0x20 && $0 < 0x7F })
      else {
        return .failure(
          resynchroniseOrDrop(
            header, after: lineStart, reason: "“\(MessageFramer.printable(line))” is not a header line"))
      }
      let name = String(decoding: line[line.startIndex..<colon].map(MessageFramer.lower), as: UTF8.self)
      let value = String(decoding: line[(colon + 1)...], as: UTF8.self).trimmingASCIISpaces()
      switch name {
      case "content-length":
        guard !value.isEmpty, value.utf8.count <= 18, value.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
          let length = Int(value)
        else {
          return .failure(.drop(.malformedHeader("Content-Length “\(value)” is not a byte count")))
        }
        if let existing = contentLength, existing != length {
          return .failure(.drop(.malformedHeader("conflicting Content-Length values \(existing) and \(length)")))
        }
        contentLength = length
      case "content-type":
        if let charset = MessageFramer.charset(in: value), !["utf-8", "utf8"].contains(charset.lowercased()) {
          charsetProblem = charset
        }
      default:
        break  // Unknown headers are allowed and ignored.
      }
      lineStart = lineEnd + 1
    }
    guard let length = contentLength else {
      return .failure(.drop(.malformedHeader("no Content-Length header")))
    }
    if length > maximumContentLength {
      return .failure(.refuse(.oversized(contentLength: length, limit: maximumContentLength), discarding: length))
    }
    if let charset = charsetProblem {
      return .failure(.refuse(.unsupportedCharset(charset), discarding: length))
    }
    return .success(length)
  }

  /// When a bad line is followed by a header name later in the block, the bad part is garbage before a real
  /// header; otherwise the whole block is dropped.
  private func resynchroniseOrDrop(_ header: ArraySlice<UInt8>, after start: Int, reason: String) -> HeaderFailure {
    var index = Swift.max(start, header.startIndex + 1)
    while index < header.endIndex {
      if headerNameMatch(at: index) == .full { return .resynchronise(offset: index - header.startIndex) }
      index += 1
    }
    return .drop(.malformedHeader(reason))
  }

  private static func charset(in contentType: String) -> String? {
    for parameter in contentType.split(separator: ";").dropFirst() {
      let parts = parameter.split(separator: "=", maxSplits: 1)
      guard parts.count == 2, parts[0].trimmingASCIISpaces().lowercased() == "charset" else { continue }
      return parts[1].trimmingASCIISpaces().trimmingCharacters(in: "\"")
    }
    return nil
  }

  private static func printable(_ bytes: ArraySlice<UInt8>) -> String {
    let text = String(decoding: bytes.prefix(40), as: UTF8.self)
    let cleaned = String(text.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? "·" : Character($0) })
    return bytes.count > 40 ? cleaned + "…" : cleaned
  }

  // MARK: Writing

  /// One frame: the `Content-Length` header and the body.
  public static func frame<Body: Collection>(_ body: Body) -> [UInt8] where Body.Element == UInt8 {
    var output = Array("Content-Length: \(body.count)\r\n\r\n".utf8)
    output.reserveCapacity(output.count + body.count)
    output.append(contentsOf: body)
    return output
  }
}

extension StringProtocol {
  /// Without leading and trailing spaces and tabs.
  func trimmingASCIISpaces() -> String {
    var scalars = Substring(self).unicodeScalars[...]
    while let first = scalars.first, first == " " || first == "\t" { scalars.removeFirst() }
    while let last = scalars.last, last == " " || last == "\t" { scalars.removeLast() }
    return String(String.UnicodeScalarView(scalars))
  }

  /// Without leading and trailing occurrences of `character`.
  func trimmingCharacters(in character: Character) -> String {
    var text = Substring(self)
    while text.first == character { text.removeFirst() }
    while text.last == character { text.removeLast() }
    return String(text)
  }
}
