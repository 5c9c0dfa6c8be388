import CopydeskCore

/// Writes a message body as compact JSON straight into a frame buffer.
///
/// Produces exactly the bytes of `JSONWriter.compact` (a test compares them), but without the intermediate
/// `String`s and with whole runs of plain characters copied at once. A publish of thousands of findings on a
/// large draft is megabytes of JSON on every change, so this sits on the latency path.
enum MessageWriter {
  /// The framed message: `Content-Length` header and body.
  static func frame(_ value: JSONValue) -> [UInt8] {
    var body: [UInt8] = []
    body.reserveCapacity(256)
    write(value, into: &body)
    return MessageFramer.frame(body)
  }

  static func body(_ value: JSONValue) -> [UInt8] {
    var body: [UInt8] = []
    write(value, into: &body)
    return body
  }

  static func write(_ value: JSONValue, into output: inout [UInt8]) {
    switch value {
    case .null:
      output.append(contentsOf: "null".utf8)
    case .bool(let flag):
      output.append(contentsOf: (flag ? "true" : "false").utf8)
    case .number(let number):
      writeNumber(number, into: &output)
    case .string(let string):
      writeString(string, into: &output)
    case .array(let elements):
      output.append(UInt8(ascii: "["))
      for (position, element) in elements.enumerated() {
        if position > 0 { output.append(UInt8(ascii: ",")) }
        write(element, into: &output)
      }
      output.append(UInt8(ascii: "]"))
    case .object(let object):
      output.append(UInt8(ascii: "{"))
      for (position, member) in object.members.enumerated() {
        if position > 0 { output.append(UInt8(ascii: ",")) }
        writeString(member.key, into: &output)
        output.append(UInt8(ascii: ":"))
        write(member.value, into: &output)
      }
      output.append(UInt8(ascii: "}"))
    }
  }

  private static func writeNumber(_ number: Double, into output: inout [UInt8]) {
    // Integers (the common case: lines, columns, ids) without going through a String.
    if number.rounded(.towardZero) == number && number.magnitude <= 9_007_199_254_740_992 {
      var integer = Int64(number)
      if integer == 0 {
        output.append(UInt8(ascii: "0"))
        return
      }
      if integer < 0 {
        output.append(UInt8(ascii: "-"))
        integer = -integer
      }
      withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
        var count = 0
        while integer > 0 {
          digits[count] = UInt8(ascii: "0") + UInt8(integer % 10)
          integer /= 10
          count += 1
        }
        for index in stride(from: count - 1, through: 0, by: -1) { output.append(digits[index]) }
      }
      return
    }
    output.append(contentsOf: JSONWriter.format(number).utf8)
  }

  private static func writeString(_ string: String, into output: inout [UInt8]) {
    // The same escaping as JSONWriter, so both writers emit identical bytes.
    JSONWriter.appendEscaped(string, into: &output)
  }
}
