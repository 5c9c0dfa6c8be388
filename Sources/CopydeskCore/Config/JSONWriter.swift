/// Deterministic JSON output (RFC 8259): keys in the order given, strings escaped ("\"", "\\", control chars as
/// \n \r \t \b \f or \u00XX; non-ASCII written as UTF-8; "/" not escaped), integral doubles within ±2^53 printed
/// without ".0", other numbers with the shortest round-trip representation (Swift's description), NaN/Infinity
/// written as null.
///
/// The same value always gives the same bytes, so reports and generated files diff cleanly. Duplicate keys
/// are written as they are; negative zero is written as `0`.
public enum JSONWriter {
  /// No whitespace at all: `{"a":[1,2]}`.
  public static func compact(_ value: JSONValue) -> String {
    var output: [UInt8] = []
    write(value, into: &output, indent: nil)
    return String(decoding: output, as: UTF8.self)
  }

  /// Two-space indentation, one member per line, ": " after keys, empty arrays/objects as [] and {}.
  /// No trailing newline, so callers choose how the output ends.
  public static func pretty(_ value: JSONValue) -> String {
    var output: [UInt8] = []
    write(value, into: &output, indent: 0)
    return String(decoding: output, as: UTF8.self)
  }

  /// Returns the quoted JSON string literal for `string`, e.g. `"say \"hi\""`.
  public static func escape(_ string: String) -> String {
    var output: [UInt8] = []
    output.reserveCapacity(string.utf8.count + 2)
    appendEscaped(string, into: &output)
    return String(decoding: output, as: UTF8.self)
  }

  /// The number as written in JSON output; "null" for NaN and ±Infinity, which JSON cannot express.
  public static func format(_ number: Double) -> String {
    guard number.isFinite else { return "null" }
    // Beyond 2^53 integers are no longer exact, so the exponent form is the honest one.
    if number.rounded(.towardZero) == number && number.magnitude <= 9_007_199_254_740_992 {
      return String(Int64(number))
    }
    return number.description
  }

  // MARK: Implementation

  /// `indent` is the current depth for pretty output, nil for compact.
  private static func write(_ value: JSONValue, into output: inout [UInt8], indent: Int?) {
    switch value {
    case .null:
      output.append(contentsOf: "null".utf8)
    case .bool(let flag):
      output.append(contentsOf: (flag ? "true" : "false").utf8)
    case .number(let number):
      output.append(contentsOf: format(number).utf8)
    case .string(let string):
      appendEscaped(string, into: &output)
    case .array(let elements):
      guard !elements.isEmpty else {
        output.append(contentsOf: "[]".utf8)
        return
      }
      output.append(UInt8(ascii: "["))
      for (position, element) in elements.enumerated() {
        if position > 0 { output.append(UInt8(ascii: ",")) }
        newline(into: &output, depth: indent.map { $0 + 1 })
        write(element, into: &output, indent: indent.map { $0 + 1 })
      }
      newline(into: &output, depth: indent)
      output.append(UInt8(ascii: "]"))
    case .object(let object):
      guard !object.members.isEmpty else {
        output.append(contentsOf: "{}".utf8)
        return
      }
      output.append(UInt8(ascii: "{"))
      for (position, member) in object.members.enumerated() {
        if position > 0 { output.append(UInt8(ascii: ",")) }
        newline(into: &output, depth: indent.map { $0 + 1 })
        appendEscaped(member.key, into: &output)
        output.append(UInt8(ascii: ":"))
        if indent != nil { output.append(UInt8(ascii: " ")) }
        write(member.value, into: &output, indent: indent.map { $0 + 1 })
      }
      newline(into: &output, depth: indent)
      output.append(UInt8(ascii: "}"))
    }
  }

  /// In pretty mode, a line break and two spaces per level; nothing in compact mode.
  private static func newline(into output: inout [UInt8], depth: Int?) {
    guard let depth else { return }
    output.append(UInt8(ascii: "\n"))
    output.append(contentsOf: repeatElement(UInt8(ascii: " "), count: depth * 2))
  }

  /// Appends the quoted JSON string literal for `string` to `output` (for writers that stream bytes).
  public static func appendEscaped(_ string: String, into output: inout [UInt8]) {
    output.append(UInt8(ascii: "\""))
    var string = string
    string.withUTF8 { bytes in
      // Copy runs that need no escaping in one go; reports are mostly plain text.
      var runStart = 0
      for index in 0..<bytes.count {
        let byte = bytes[index]
        guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
        output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
        appendEscape(of: byte, into: &output)
        runStart = index + 1
      }
      output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<bytes.count]))
    }
    output.append(UInt8(ascii: "\""))
  }

  /// The escape sequence of a quote, backslash or control byte. Everything else, including non-ASCII
  /// UTF-8, is copied as is: RFC 8259 requires no more.
  private static func appendEscape(of byte: UInt8, into output: inout [UInt8]) {
    switch byte {
    case UInt8(ascii: "\""): output.append(contentsOf: #"\""#.utf8)
    case UInt8(ascii: "\\"): output.append(contentsOf: #"\\"#.utf8)
    case 0x0A: output.append(contentsOf: #"\n"#.utf8)
    case 0x0D: output.append(contentsOf: #"\r"#.utf8)
    case 0x09: output.append(contentsOf: #"\t"#.utf8)
    case 0x08: output.append(contentsOf: #"\b"#.utf8)
    case 0x0C: output.append(contentsOf: #"\f"#.utf8)
    default:
      output.append(contentsOf: #"\u00"#.utf8)
      output.append(hexDigit(byte >> 4))
      output.append(hexDigit(byte & 0x0F))
    }
  }

  private static func hexDigit(_ nibble: UInt8) -> UInt8 {
    nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
  }
}
