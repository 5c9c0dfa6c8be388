/// A line-break style: what a file uses, so inserted text can use the same.
public enum LineEnding: String, Sendable, Hashable, CaseIterable {
  case lf = "\n"
  case crlf = "\r\n"
  case cr = "\r"

  /// The style most lines of `bytes` end with, or nil when there is no line break at all.
  ///
  /// Ties go to CRLF, then LF, then CR: a file with any CRLF was most likely saved on Windows.
  public static func dominant<Bytes: Collection>(in bytes: Bytes) -> LineEnding? where Bytes.Element == UInt8 {
    var lf = 0
    var crlf = 0
    var cr = 0
    var previousWasCR = false
    for byte in bytes {
      if byte == 0x0A {
        if previousWasCR {
          crlf += 1
          cr -= 1
        } else {
          lf += 1
        }
      } else if byte == 0x0D {
        cr += 1
      }
      previousWasCR = byte == 0x0D
    }
    if crlf == 0 && lf == 0 && cr == 0 { return nil }
    if crlf >= lf && crlf >= cr { return .crlf }
    return lf >= cr ? .lf : .cr
  }

  /// `text` with every line break (`\n`, `\r\n`, lone `\r`) written in this style.
  public func normalizing(_ text: String) -> String {
    guard text.utf8.contains(where: { $0 == 0x0A || $0 == 0x0D }) else { return text }
    var output: [UInt8] = []
    let input = Array(text.utf8)
    output.reserveCapacity(input.count + 8)
    let ending = Array(rawValue.utf8)
    var index = 0
    while index < input.count {
      let byte = input[index]
      if byte == 0x0D {
        output.append(contentsOf: ending)
        if index + 1 < input.count, input[index + 1] == 0x0A { index += 1 }
      } else if byte == 0x0A {
        output.append(contentsOf: ending)
      } else {
        output.append(byte)
      }
      index += 1
    }
    return String(decoding: output, as: UTF8.self)
  }
}
