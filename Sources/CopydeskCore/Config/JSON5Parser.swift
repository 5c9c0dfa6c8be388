/// A JSON5 syntax error with the 1-based line and scalar column of the offending character.
public struct JSON5Error: Error, Hashable, Sendable, CustomStringConvertible {
  /// Lowercase, no trailing period, e.g. "expected ',' or '}' after object member".
  public var message: String
  /// The offending character's 1-based line and scalar column.
  public var location: SourceLocation

  /// An error at `location`.
  public init(message: String, location: SourceLocation) {
    self.message = message
    self.location = location
  }

  /// `line:column: message`.
  public var description: String { "\(location.line):\(location.column): \(message)" }
}

/// A JSON5 parser that keeps key and value locations for config error messages.
public enum JSON5Parser {
  /// Arrays and objects may nest this deep; deeper input is an error rather than a risk to the stack.
  public static let maximumDepth = 512

  /// Parses JSON5 (a superset of JSON): // and /* */ comments, trailing commas, single-quoted strings,
  /// unquoted identifier keys, hex numbers, leading/trailing decimal point, +/-Infinity, NaN, leading '+',
  /// escaped line continuations in strings, \x and \u escapes (with surrogate pairs), a UTF-8 BOM.
  ///
  /// Errors carry the exact 1-based line and column (scalar count) of the offending character, e.g.
  /// "expected ',' or '}' after object member" or "unexpected end of input". "unterminated string" and
  /// "unterminated comment" point at the opening quote or `/*`. Duplicate keys are not an error: both
  /// members are kept and lookups see the last. Invalid UTF-8 inside strings becomes U+FFFD, and so does
  /// an unpaired surrogate escape. Nesting deeper than `maximumDepth` is an error.
  public static func parse(_ bytes: [UInt8]) throws(JSON5Error) -> JSONValue {
    var parser = JSON5Scanner(bytes: bytes)
    return try parser.parseDocument()
  }

  /// Parses JSON5 text; see `parse(_:)` for bytes.
  public static func parse(_ text: String) throws(JSON5Error) -> JSONValue {
    try parse(Array(text.utf8))
  }
}

// MARK: - Scanner

private enum ASCII {
  static let tab: UInt8 = 0x09
  static let lineFeed: UInt8 = 0x0A
  static let verticalTab: UInt8 = 0x0B
  static let formFeed: UInt8 = 0x0C
  static let carriageReturn: UInt8 = 0x0D
  static let space: UInt8 = 0x20
  static let quote: UInt8 = 0x22
  static let dollar: UInt8 = 0x24
  static let apostrophe: UInt8 = 0x27
  static let plus: UInt8 = 0x2B
  static let comma: UInt8 = 0x2C
  static let minus: UInt8 = 0x2D
  static let period: UInt8 = 0x2E
  static let slash: UInt8 = 0x2F
  static let zero: UInt8 = 0x30
  static let nine: UInt8 = 0x39
  static let colon: UInt8 = 0x3A
  static let asterisk: UInt8 = 0x2A
  static let backslash: UInt8 = 0x5C
  static let underscore: UInt8 = 0x5F
  static let openBracket: UInt8 = 0x5B
  static let closeBracket: UInt8 = 0x5D
  static let openBrace: UInt8 = 0x7B
  static let closeBrace: UInt8 = 0x7D

  static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
  static func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A }
  static func isIdentifierStart(_ byte: UInt8) -> Bool {
    isLetter(byte) || byte == dollar || byte == underscore
  }
  static func isIdentifierPart(_ byte: UInt8) -> Bool { isIdentifierStart(byte) || isDigit(byte) }

  static func hexValue(_ byte: UInt8) -> UInt32? {
    switch byte {
    case 0x30...0x39: return UInt32(byte - 0x30)
    case 0x41...0x46: return UInt32(byte - 0x41 + 10)
    case 0x61...0x66: return UInt32(byte - 0x61 + 10)
    default: return nil
    }
  }
}

/// An open array or object while parsing; kept on an explicit stack so deep input cannot overflow
/// the call stack.
private struct Frame {
  var isObject: Bool
  var elements: [JSONValue] = []
  var members: [JSONObject.Member] = []
  // The member whose value is being parsed.
  var key = ""
  var keyLocation = SourceLocation.unknown
  var valueLocation = SourceLocation.unknown
}

private struct JSON5Scanner {
  let bytes: [UInt8]
  var index: Int
  /// Where line 1, column 1 is: after a BOM, which editors do not show.
  let contentStart: Int

  // Line and column of `cursorIndex`. Locations are requested in (almost always) increasing order, so
  // moving this cursor forward keeps location tracking linear instead of rescanning each line.
  var cursorIndex: Int
  var cursorLine = 1
  var cursorColumn = 1

  init(bytes: [UInt8]) {
    self.bytes = bytes
    let hasBOM = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
    self.contentStart = hasBOM ? 3 : 0
    self.index = contentStart
    self.cursorIndex = contentStart
  }

  // MARK: Document

  mutating func parseDocument() throws(JSON5Error) -> JSONValue {
    var stack: [Frame] = []
    parsing: while true {
      try skipTrivia()
      guard index < bytes.count else { throw error("unexpected end of input", at: index) }
      var value: JSONValue
      let byte = bytes[index]
      if byte == ASCII.openBrace || byte == ASCII.openBracket {
        guard stack.count < JSON5Parser.maximumDepth else {
          throw error("nesting deeper than \(JSON5Parser.maximumDepth) levels", at: index)
        }
        let isObject = byte == ASCII.openBrace
        index += 1
        try skipTrivia()
        if index < bytes.count, bytes[index] == (isObject ? ASCII.closeBrace : ASCII.closeBracket) {
          index += 1
          value = isObject ? .object(JSONObject()) : .array([])
        } else {
          var frame = Frame(isObject: isObject)
          if isObject { try parseMemberHead(into: &frame) }
          stack.append(frame)
          continue parsing
        }
      } else {
        value = try parseScalar()
      }

      // Attach the finished value to its container; closing a container finishes another value.
      while !stack.isEmpty {
        let top = stack.count - 1
        try skipTrivia()
        let isObject = stack[top].isObject
        if isObject {
          stack[top].members.append(
            JSONObject.Member(
              key: stack[top].key, value: value, keyLocation: stack[top].keyLocation,
              valueLocation: stack[top].valueLocation))
        } else {
          stack[top].elements.append(value)
        }
        let close = isObject ? ASCII.closeBrace : ASCII.closeBracket
        guard index < bytes.count else { throw error("unexpected end of input", at: index) }
        if bytes[index] == ASCII.comma {
          index += 1
          try skipTrivia()
          // A trailing comma is allowed before the closing bracket.
          if index >= bytes.count || bytes[index] != close {
            if isObject { try parseMemberHead(into: &stack[top]) }
            continue parsing
          }
        } else if bytes[index] != close {
          throw error(
            isObject ? "expected ',' or '}' after object member" : "expected ',' or ']' after array element",
            at: index)
        }
        index += 1
        let frame = stack.removeLast()
        value = isObject ? .object(JSONObject(members: frame.members)) : .array(frame.elements)
      }

      try skipTrivia()
      guard index >= bytes.count else {
        throw unexpectedCharacter(at: index, context: " after top-level value")
      }
      return value
    }
  }

  /// Parses `key :` up to the start of the value, recording both locations in the frame.
  mutating func parseMemberHead(into frame: inout Frame) throws(JSON5Error) {
    guard index < bytes.count else { throw error("unexpected end of input", at: index) }
    let start = index
    let byte = bytes[index]
    if byte == ASCII.quote || byte == ASCII.apostrophe {
      frame.keyLocation = location(at: start)
      frame.key = try parseString()
    } else if byte == ASCII.backslash || ASCII.isIdentifierStart(byte)
      || (byte >= 0x80 && decodeScalar(at: index).map { isIdentifierStart($0.scalar) } == true)
    {
      frame.keyLocation = location(at: start)
      frame.key = try parseIdentifier()
    } else {
      throw error("expected object key or '}'", at: index)
    }
    try skipTrivia()
    guard index < bytes.count else { throw error("unexpected end of input", at: index) }
    guard bytes[index] == ASCII.colon else { throw error("expected ':' after object key", at: index) }
    index += 1
    try skipTrivia()
    frame.valueLocation = location(at: index)
  }

  mutating func parseScalar() throws(JSON5Error) -> JSONValue {
    let byte = bytes[index]
    switch byte {
    case ASCII.quote, ASCII.apostrophe:
      return .string(try parseString())
    case ASCII.minus, ASCII.plus, ASCII.period, ASCII.zero...ASCII.nine:
      return .number(try parseNumber())
    default:
      guard ASCII.isIdentifierStart(byte) else { throw unexpectedCharacter(at: index) }
      let word = readASCIIWord()
      if matches(word, "true") { return .bool(true) }
      if matches(word, "false") { return .bool(false) }
      if matches(word, "null") { return .null }
      if matches(word, "Infinity") { return .number(.infinity) }
      if matches(word, "NaN") { return .number(.nan) }
      throw unexpectedIdentifier(word)
    }
  }

  /// Reads `[A-Za-z0-9_$]*` and returns its range (keywords are ASCII, so nothing else can complete one).
  mutating func readASCIIWord() -> Range<Int> {
    let start = index
    while index < bytes.count, ASCII.isIdentifierPart(bytes[index]) { index += 1 }
    return start..<index
  }

  /// Compares bytes in place, so keywords cost no String.
  func matches(_ word: Range<Int>, _ keyword: StaticString) -> Bool {
    guard word.count == keyword.utf8CodeUnitCount else { return false }
    return keyword.withUTF8Buffer { bytes[word].elementsEqual($0) }
  }

  // MARK: Numbers

  mutating func parseNumber() throws(JSON5Error) -> Double {
    let negative = bytes[index] == ASCII.minus
    if negative || bytes[index] == ASCII.plus { index += 1 }
    let signed: (Double) -> Double = { negative ? -$0 : $0 }
    guard index < bytes.count else { throw error("unexpected end of input", at: index) }

    // Infinity and NaN may be signed.
    if ASCII.isLetter(bytes[index]) {
      let word = readASCIIWord()
      if matches(word, "Infinity") { return signed(.infinity) }
      if matches(word, "NaN") { return .nan }
      throw unexpectedIdentifier(word)
    }

    // Hexadecimal integer.
    if bytes[index] == ASCII.zero, index + 1 < bytes.count, bytes[index + 1] | 0x20 == 0x78 {
      index += 2
      guard index < bytes.count, ASCII.hexValue(bytes[index]) != nil else {
        throw error("expected hexadecimal digit after '0x'", at: index)
      }
      // Keep the leading 60+ bits exact and remember whether any dropped bit was set (the sticky bit),
      // so that even absurdly long hex numbers round correctly.
      var significand: UInt64 = 0
      var droppedDigits = 0
      var sticky = false
      while index < bytes.count, let digit = ASCII.hexValue(bytes[index]) {
        if significand <= (UInt64.max - 15) / 16 {
          significand = significand * 16 + UInt64(digit)
        } else {
          droppedDigits += 1
          sticky = sticky || digit != 0
        }
        index += 1
      }
      try checkNumberEnd()
      if droppedDigits == 0 { return signed(Double(significand)) }
      let scale = Double(sign: .plus, exponent: min(droppedDigits, 1 << 20) * 4, significand: 1)
      return signed(Double(significand | (sticky ? 1 : 0)) * scale)
    }

    // Decimal: (digits [. digits?] | . digits) [e [+-] digits].
    let digitsStart = index
    var integer = 0
    var integerDigits = 0
    if bytes[index] == ASCII.zero, index + 1 < bytes.count, ASCII.isDigit(bytes[index + 1]) {
      throw error("leading zeros are not allowed", at: index)
    }
    while index < bytes.count, ASCII.isDigit(bytes[index]) {
      // Past 18 digits an Int could overflow; those numbers take the slow path below anyway.
      if integerDigits < 18 { integer = integer * 10 + Int(bytes[index] - ASCII.zero) }
      integerDigits += 1
      index += 1
    }
    var isInteger = true
    if index < bytes.count, bytes[index] == ASCII.period {
      isInteger = false
      index += 1
      var fractionDigits = 0
      while index < bytes.count, ASCII.isDigit(bytes[index]) {
        fractionDigits += 1
        index += 1
      }
      if integerDigits == 0 && fractionDigits == 0 {
        throw index < bytes.count
          ? error("expected digit", at: index) : error("unexpected end of input", at: index)
      }
    } else if integerDigits == 0 {
      throw index < bytes.count ? unexpectedCharacter(at: index) : error("unexpected end of input", at: index)
    }
    if index < bytes.count, bytes[index] | 0x20 == 0x65 {
      isInteger = false
      index += 1
      if index < bytes.count, bytes[index] == ASCII.plus || bytes[index] == ASCII.minus { index += 1 }
      guard index < bytes.count, ASCII.isDigit(bytes[index]) else {
        throw error("expected digit in exponent", at: index)
      }
      while index < bytes.count, ASCII.isDigit(bytes[index]) { index += 1 }
    }
    let end = index
    try checkNumberEnd()

    // Int → Double conversion rounds correctly, so short integers skip string conversion.
    if isInteger && integerDigits <= 18 { return signed(Double(integer)) }
    // The syntax is already checked, and the standard library's conversion rounds correctly.
    let text = String(decoding: bytes[digitsStart..<end], as: UTF8.self)
    return signed(Double(text) ?? .infinity)
  }

  /// A number must not run straight into an identifier or digit (`1a`, `0x1g`, `Infinityx`).
  mutating func checkNumberEnd() throws(JSON5Error) {
    guard index < bytes.count else { return }
    let byte = bytes[index]
    let runsOn =
      byte < 0x80
      ? ASCII.isIdentifierPart(byte) || byte == ASCII.backslash
      : decodeScalar(at: index).map { isIdentifierStart($0.scalar) } == true
    if runsOn { throw unexpectedCharacter(at: index, context: " after number") }
  }

  // MARK: Strings and identifiers

  /// Parses a single- or double-quoted string starting at `index`.
  mutating func parseString() throws(JSON5Error) -> String {
    let open = index
    let quote = bytes[index]
    index += 1
    var segmentStart = index
    // Only used once an escape appears; plain strings decode straight from the input.
    var buffer: [UInt8] = []
    var escaped = false
    while index < bytes.count {
      let byte = bytes[index]
      if byte == quote {
        let result: String
        if escaped {
          buffer.append(contentsOf: bytes[segmentStart..<index])
          result = String(decoding: buffer, as: UTF8.self)
        } else {
          // String(decoding:) replaces invalid UTF-8 with U+FFFD (maximal subparts, like `location`).
          result = String(decoding: bytes[segmentStart..<index], as: UTF8.self)
        }
        index += 1
        return result
      } else if byte == ASCII.backslash {
        if !escaped {
          escaped = true
          buffer.reserveCapacity(index - segmentStart + 16)
        }
        buffer.append(contentsOf: bytes[segmentStart..<index])
        try parseEscape(into: &buffer, stringStart: open)
        segmentStart = index
      } else if byte == ASCII.lineFeed || byte == ASCII.carriageReturn {
        // Only escaped line breaks may continue a string.
        throw error("unterminated string", at: open)
      } else {
        index += 1
      }
    }
    throw error("unterminated string", at: open)
  }

  /// Decodes the escape at `index` (a backslash) and appends its UTF-8.
  mutating func parseEscape(into buffer: inout [UInt8], stringStart: Int) throws(JSON5Error) {
    let escapeStart = index
    index += 1
    guard index < bytes.count else { throw error("unterminated string", at: stringStart) }
    let byte = bytes[index]
    index += 1
    switch byte {
    case 0x62: buffer.append(0x08)  // \b
    case 0x66: buffer.append(0x0C)  // \f
    case 0x6E: buffer.append(0x0A)  // \n
    case 0x72: buffer.append(0x0D)  // \r
    case 0x74: buffer.append(0x09)  // \t
    case 0x76: buffer.append(0x0B)  // \v
    case ASCII.zero:
      // \0 is NUL only when no digit follows (no octal escapes in JSON5).
      if index < bytes.count, ASCII.isDigit(bytes[index]) {
        throw error("invalid escape sequence '\\0\(Character(Unicode.Scalar(bytes[index])))'", at: escapeStart)
      }
      buffer.append(0)
    case 0x31...0x39:
      throw error("invalid escape sequence '\\\(Character(Unicode.Scalar(byte)))'", at: escapeStart)
    case 0x78:  // \xHH
      guard let value = readHex(count: 2) else {
        throw error("invalid escape sequence: '\\x' needs 2 hexadecimal digits", at: escapeStart)
      }
      appendUTF8(Unicode.Scalar(UInt8(value)), to: &buffer)
    case 0x75:  // \uHHHH, possibly half of a surrogate pair
      guard let value = readHex(count: 4) else {
        throw error("invalid escape sequence: '\\u' needs 4 hexadecimal digits", at: escapeStart)
      }
      appendUTF8(try surrogateAware(value), to: &buffer)
    case ASCII.lineFeed:
      break  // line continuation
    case ASCII.carriageReturn:
      if index < bytes.count, bytes[index] == ASCII.lineFeed { index += 1 }
    default:
      // Any other character escapes to itself (\' \" \\ \/ and e.g. \a); LS/PS make line continuations.
      if byte >= 0x80 {
        let length = utf8Sequence(at: escapeStart + 1).length
        index = escapeStart + 1 + length
        if !isLineOrParagraphSeparator(at: escapeStart + 1) {
          buffer.append(contentsOf: bytes[(escapeStart + 1)..<index])
        }
      } else {
        buffer.append(byte)
      }
    }
  }

  /// Given the value of a `\u` escape just read, returns the scalar, consuming a following low
  /// surrogate escape when `value` is a high surrogate. Unpaired surrogates become U+FFFD.
  mutating func surrogateAware(_ value: UInt32) throws(JSON5Error) -> Unicode.Scalar {
    if value >= 0xD800 && value <= 0xDBFF, index + 5 < bytes.count, bytes[index] == ASCII.backslash,
      bytes[index + 1] == 0x75
    {
      let saved = index
      index += 2
      if let low = readHex(count: 4), low >= 0xDC00 && low <= 0xDFFF {
        return Unicode.Scalar(0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00)) ?? "\u{FFFD}"
      }
      // Not a low surrogate: leave the escape to be decoded on its own.
      index = saved
    }
    return Unicode.Scalar(value) ?? "\u{FFFD}"
  }

  /// Reads exactly `count` hex digits at `index`, or returns nil without moving.
  mutating func readHex(count: Int) -> UInt32? {
    guard index + count <= bytes.count else { return nil }
    var value: UInt32 = 0
    for offset in 0..<count {
      guard let digit = ASCII.hexValue(bytes[index + offset]) else { return nil }
      value = value << 4 | digit
    }
    index += count
    return value
  }

  /// Parses an unquoted key: an ECMAScript 5.1 IdentifierName, which may contain `\uHHHH` escapes.
  mutating func parseIdentifier() throws(JSON5Error) -> String {
    let start = index
    var buffer: [UInt8] = []
    var escaped = false
    while index < bytes.count {
      let byte = bytes[index]
      let isFirst = index == start
      if byte < 0x80 {
        if byte == ASCII.backslash {
          // Only \uHHHH, and only for a scalar that could appear there unescaped.
          let escapeStart = index
          index += 2
          guard index <= bytes.count, bytes[index - 1] == 0x75, let value = readHex(count: 4),
            let scalar = Unicode.Scalar(value), isFirst ? isIdentifierStart(scalar) : isIdentifierPart(scalar)
          else {
            throw error("invalid escape sequence in identifier", at: escapeStart)
          }
          if !escaped {
            escaped = true
            buffer.append(contentsOf: bytes[start..<escapeStart])
          }
          appendUTF8(scalar, to: &buffer)
          continue
        }
        guard isFirst ? ASCII.isIdentifierStart(byte) : ASCII.isIdentifierPart(byte) else { break }
        if escaped { buffer.append(byte) }
        index += 1
      } else {
        guard let (scalar, length) = decodeScalar(at: index),
          isFirst ? isIdentifierStart(scalar) : isIdentifierPart(scalar)
        else { break }
        if escaped { buffer.append(contentsOf: bytes[index..<(index + length)]) }
        index += length
      }
    }
    return escaped ? String(decoding: buffer, as: UTF8.self) : String(decoding: bytes[start..<index], as: UTF8.self)
  }

  func isIdentifierStart(_ scalar: Unicode.Scalar) -> Bool {
    if scalar == "$" || scalar == "_" { return true }
    switch scalar.properties.generalCategory {
    case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter, .letterNumber:
      return true
    default:
      return false
    }
  }

  func isIdentifierPart(_ scalar: Unicode.Scalar) -> Bool {
    if isIdentifierStart(scalar) || scalar == "\u{200C}" || scalar == "\u{200D}" { return true }
    switch scalar.properties.generalCategory {
    case .nonspacingMark, .spacingMark, .decimalNumber, .connectorPunctuation: return true
    default: return false
    }
  }

  // MARK: Whitespace and comments

  /// Skips JSON5 whitespace and comments.
  mutating func skipTrivia() throws(JSON5Error) {
    while index < bytes.count {
      let byte = bytes[index]
      switch byte {
      case ASCII.space, ASCII.lineFeed, ASCII.carriageReturn, ASCII.tab, ASCII.verticalTab, ASCII.formFeed:
        index += 1
      case ASCII.slash:
        let next = index + 1 < bytes.count ? bytes[index + 1] : 0
        if next == ASCII.slash {
          index += 2
          while index < bytes.count, bytes[index] != ASCII.lineFeed, bytes[index] != ASCII.carriageReturn,
            !isLineOrParagraphSeparator(at: index)
          {
            index += 1
          }
        } else if next == ASCII.asterisk {
          let open = index
          index += 2
          while true {
            guard index + 1 < bytes.count else {
              index = bytes.count
              throw error("unterminated comment", at: open)
            }
            if bytes[index] == ASCII.asterisk && bytes[index + 1] == ASCII.slash {
              index += 2
              break
            }
            index += 1
          }
        } else {
          throw unexpectedCharacter(at: index)
        }
      case 0x80...:
        // NBSP, BOM, LS, PS and other space separators are whitespace in JSON5.
        guard let (scalar, length) = decodeScalar(at: index),
          scalar == "\u{FEFF}" || scalar == "\u{2028}" || scalar == "\u{2029}"
            || scalar.properties.generalCategory == .spaceSeparator
        else { return }
        index += length
      default:
        return
      }
    }
  }

  func isLineOrParagraphSeparator(at offset: Int) -> Bool {
    offset + 2 < bytes.count && bytes[offset] == 0xE2 && bytes[offset + 1] == 0x80
      && (bytes[offset + 2] == 0xA8 || bytes[offset + 2] == 0xA9)
  }

  // MARK: UTF-8

  /// The length of the UTF-8 sequence at `offset` and whether it is well formed. An ill-formed one has the
  /// length of its maximal subpart, which is what `String(decoding:)` replaces with one U+FFFD.
  func utf8Sequence(at offset: Int) -> (length: Int, isValid: Bool) {
    let lead = bytes[offset]
    if lead < 0x80 { return (1, true) }
    var needed = 0
    var low: UInt8 = 0x80
    var high: UInt8 = 0xBF
    switch lead {
    case 0xC2...0xDF: needed = 1
    case 0xE0:
      needed = 2
      low = 0xA0
    case 0xE1...0xEC, 0xEE...0xEF: needed = 2
    case 0xED:
      needed = 2
      high = 0x9F  // no surrogates
    case 0xF0:
      needed = 3
      low = 0x90
    case 0xF1...0xF3: needed = 3
    case 0xF4:
      needed = 3
      high = 0x8F  // nothing above U+10FFFF
    default: return (1, false)
    }
    var next = offset + 1
    for position in 0..<needed {
      guard next < bytes.count else { return (next - offset, false) }
      let byte = bytes[next]
      let (min, max): (UInt8, UInt8) = position == 0 ? (low, high) : (0x80, 0xBF)
      guard byte >= min && byte <= max else { return (next - offset, false) }
      next += 1
    }
    return (next - offset, true)
  }

  /// The scalar at `offset` and its length in bytes, or nil for ill-formed UTF-8.
  func decodeScalar(at offset: Int) -> (scalar: Unicode.Scalar, length: Int)? {
    let (length, isValid) = utf8Sequence(at: offset)
    guard isValid else { return nil }
    var value = length == 1 ? UInt32(bytes[offset]) : UInt32(bytes[offset]) & (0xFF >> (length + 1))
    for position in 1..<length {
      value = value << 6 | UInt32(bytes[offset + position] & 0x3F)
    }
    guard let scalar = Unicode.Scalar(value) else { return nil }
    return (scalar, length)
  }

  func appendUTF8(_ scalar: Unicode.Scalar, to buffer: inout [UInt8]) {
    let value = scalar.value
    switch value {
    case 0..<0x80:
      buffer.append(UInt8(value))
    case 0x80..<0x800:
      buffer.append(UInt8(0xC0 | value >> 6))
      buffer.append(UInt8(0x80 | value & 0x3F))
    case 0x800..<0x10000:
      buffer.append(UInt8(0xE0 | value >> 12))
      buffer.append(UInt8(0x80 | value >> 6 & 0x3F))
      buffer.append(UInt8(0x80 | value & 0x3F))
    default:
      buffer.append(UInt8(0xF0 | value >> 18))
      buffer.append(UInt8(0x80 | value >> 12 & 0x3F))
      buffer.append(UInt8(0x80 | value >> 6 & 0x3F))
      buffer.append(UInt8(0x80 | value & 0x3F))
    }
  }

  // MARK: Locations and errors

  /// The line and scalar column of byte `offset`; each ill-formed UTF-8 subpart counts as one column,
  /// like the U+FFFD that replaces it.
  mutating func location(at offset: Int) -> SourceLocation {
    let target = min(max(offset, contentStart), bytes.count)
    if target < cursorIndex {
      cursorIndex = contentStart
      cursorLine = 1
      cursorColumn = 1
    }
    var position = cursorIndex
    var line = cursorLine
    var column = cursorColumn
    while position < target {
      let byte = bytes[position]
      if byte == ASCII.lineFeed {
        // The LF of a CRLF belongs to the break the CR already counted.
        if position == contentStart || bytes[position - 1] != ASCII.carriageReturn { line += 1 }
        column = 1
        position += 1
      } else if byte == ASCII.carriageReturn {
        line += 1
        column = 1
        position += 1
      } else if byte < 0x80 {
        column += 1
        position += 1
      } else {
        column += 1
        position += utf8Sequence(at: position).length
      }
    }
    cursorIndex = position
    cursorLine = line
    cursorColumn = column
    return SourceLocation(line: line, column: column)
  }

  mutating func error(_ message: String, at offset: Int) -> JSON5Error {
    JSON5Error(message: message, location: location(at: offset))
  }

  /// "unexpected character 'x'", naming invisible characters by code point and bad bytes by value.
  mutating func unexpectedCharacter(at offset: Int, context: String = "") -> JSON5Error {
    guard let (scalar, _) = decodeScalar(at: offset) else {
      return error("invalid UTF-8 byte 0x\(hex(UInt32(bytes[offset]), digits: 2))", at: offset)
    }
    let shown: String
    switch scalar.properties.generalCategory {
    case .control, .format, .spaceSeparator, .lineSeparator, .paragraphSeparator, .surrogate, .privateUse,
      .unassigned:
      shown = "U+\(hex(scalar.value, digits: 4))"
    default:
      shown = "'\(Character(scalar))'"
    }
    return error("unexpected character \(shown)\(context)", at: offset)
  }

  mutating func unexpectedIdentifier(_ word: Range<Int>) -> JSON5Error {
    // Long words are cut so a pasted blob does not flood the message.
    let shown = String(decoding: bytes[word.prefix(32)], as: UTF8.self) + (word.count > 32 ? "…" : "")
    return error("unexpected identifier '\(shown)' (strings must be quoted)", at: word.lowerBound)
  }

  func hex(_ value: UInt32, digits: Int) -> String {
    let text = String(value, radix: 16, uppercase: true)
    return String(repeating: "0", count: max(0, digits - text.count)) + text
  }
}
