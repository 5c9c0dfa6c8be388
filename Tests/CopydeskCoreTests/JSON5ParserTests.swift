import CopydeskCore
import CopydeskTestSupport
import Testing

/// The error `text` fails with, or nil when it parses.
private func parseError(_ text: String) -> JSON5Error? {
  do throws(JSON5Error) {
    _ = try JSON5Parser.parse(text)
    return nil
  } catch {
    return error
  }
}

private func parseError(bytes: [UInt8]) -> JSON5Error? {
  do throws(JSON5Error) {
    _ = try JSON5Parser.parse(bytes)
    return nil
  } catch {
    return error
  }
}

private func at(_ line: Int, _ column: Int) -> CopydeskCore.SourceLocation {
  CopydeskCore.SourceLocation(line: line, column: column)
}

@Suite("JSON5Parser")
struct JSON5ParserTests {
  // MARK: Valid input

  @Test func parsesPlainJSON() throws {
    let text = #"""
      {"name": "copydesk", "version": 2, "ratio": -0.25, "big": 1.5e3, "small": 2E-2,
       "on": true, "off": false, "none": null, "list": [1, "two", [], {}], "esc": "q\"b\\s\/u\u0041"}
      """#
    let value = try JSON5Parser.parse(text)
    let expected: JSONValue = [
      "name": "copydesk", "version": 2, "ratio": -0.25, "big": 1500, "small": 0.02,
      "on": true, "off": false, "none": nil, "list": [1, "two", [], [:]], "esc": "q\"b\\s/uA",
    ]
    #expect(value == expected)
    #expect(
      value.objectValue?.keys == ["name", "version", "ratio", "big", "small", "on", "off", "none", "list", "esc"])
  }

  @Test func parsesTopLevelScalars() throws {
    #expect(try JSON5Parser.parse("null") == .null)
    #expect(try JSON5Parser.parse(" true ") == .bool(true))
    #expect(try JSON5Parser.parse("'x'") == .string("x"))
    #expect(try JSON5Parser.parse("// lead\n42 /* tail */") == .number(42))
    #expect(try JSON5Parser.parse("[]") == .array([]))
  }

  @Test func parsesJSON5Features() throws {
    let text = """
      // config
      {
        unquoted: 'single \\'quoted\\' "double"',
        $dollar_1: 0xFF,
        trailing: [1, 2, 3,],
        /* block
           comment */ half: .5,
        whole: 5.,
        plus: +1,
        negHex: -0x10,
        inf: Infinity,
        ninf: -Infinity,
        nan: NaN,
        "quoted": "line \\
      continued",
      }
      """
    let object = try #require(try JSON5Parser.parse(text).objectValue)
    #expect(
      object.keys == [
        "unquoted", "$dollar_1", "trailing", "half", "whole", "plus", "negHex", "inf", "ninf", "nan", "quoted",
      ])
    #expect(object["unquoted"] == "single 'quoted' \"double\"")
    #expect(object["$dollar_1"] == 255)
    #expect(object["trailing"] == [1, 2, 3])
    #expect(object["half"] == 0.5)
    #expect(object["whole"] == 5)
    #expect(object["plus"] == 1)
    #expect(object["negHex"] == -16)
    #expect(object["inf"]?.doubleValue == .infinity)
    #expect(object["ninf"]?.doubleValue == -.infinity)
    #expect(object["nan"]?.doubleValue?.isNaN == true)
    #expect(object["quoted"] == "line continued")
  }

  @Test func decodesEscapes() throws {
    #expect(
      try JSON5Parser.parse(#""\x41\u00e9\uD83D\uDE00\v\0\a\/\t\b\f\n\r""#)
        == "A\u{E9}😀\u{0B}\u{00}a/\t\u{08}\u{0C}\n\r")
    // Unpaired surrogates cannot live in a String, so they become U+FFFD.
    #expect(try JSON5Parser.parse(#""\uD800x""#) == "\u{FFFD}x")
    #expect(try JSON5Parser.parse(#""\uDC00""#) == "\u{FFFD}")
    #expect(try JSON5Parser.parse(#""\uD83D\u0041""#) == "\u{FFFD}A")
    // Line continuations: LF, CRLF, CR, LS and PS after a backslash vanish.
    #expect(try JSON5Parser.parse("'a\\\r\nb\\\rc\\\u{2028}d\\\u{2029}e'") == "abcde")
    // Raw LS/PS are allowed in JSON5 strings, and so are tabs.
    #expect(try JSON5Parser.parse("'a\u{2028}b\tc'") == "a\u{2028}b\tc")
    #expect(try JSON5Parser.parse(#"'\é'"#) == "\u{E9}")
  }

  @Test func replacesInvalidUTF8InStringsWithReplacementCharacter() throws {
    // "a<FF>b<E2 82>c" — a lone invalid byte and a truncated 3-byte sequence.
    let bytes: [UInt8] = [0x22, 0x61, 0xFF, 0x62, 0xE2, 0x82, 0x63, 0x22]
    #expect(try JSON5Parser.parse(bytes) == "a\u{FFFD}b\u{FFFD}c")
    // The same inside a string that also has escapes (the slow path).
    let escaped: [UInt8] = [0x22, 0xC0, 0x5C, 0x6E, 0xF5, 0x22]
    #expect(try JSON5Parser.parse(escaped) == "\u{FFFD}\n\u{FFFD}")
  }

  @Test func parsesNumbers() throws {
    let cases: [(String, Double)] = [
      ("0", 0), ("-1", -1), ("1.e2", 100), ("+.5e1", 5), ("-.25", -0.25), ("0e5", 0), ("1E-3", 0.001),
      ("0xff", 255), ("0XAbC", 2748), ("+0x10", 16),
      ("9007199254740993", 9_007_199_254_740_992),  // ties round to even
      ("123456789012345678901234567890", 1.2345678901234568e29),
      ("0x7FFFFFFFFFFFFFFF", 9.223372036854775807e18),
      ("0x1FFFFFFFFFFFFFFFFF", 590_295_810_358_705_651_712),
      // 2^125 + 2^72 + 1: just above a tie, so it must round up (needs the sticky bit).
      ("0x20000000000001000000000000000001", 0x1.0000000000001p125), ("1e400", .infinity), ("-1e400", -.infinity),
      ("0.1", 0.1), ("2.5e-3", 0.0025),
    ]
    for (text, expected) in cases {
      #expect(try JSON5Parser.parse(text).doubleValue == expected, "\(text)")
    }
    #expect(try JSON5Parser.parse("-0").doubleValue?.sign == .minus)
    #expect(try JSON5Parser.parse("9007199254740992").intValue == 9_007_199_254_740_992)
    #expect(try JSON5Parser.parse("-9007199254740992").intValue == -9_007_199_254_740_992)
    #expect(try JSON5Parser.parse("-NaN").doubleValue?.isNaN == true)
    #expect(try JSON5Parser.parse("+Infinity").doubleValue == .infinity)
  }

  @Test func parsesIdentifierKeys() throws {
    let value = try JSON5Parser.parse(#"{café: 1, _x$9: 2, \u0061b: 3, ĳ٣: 4, null: 5, true: 6, Infinity: 7}"#)
    #expect(value.objectValue?.keys == ["café", "_x$9", "ab", "ĳ٣", "null", "true", "Infinity"])
    #expect(value["ab"] == 3)
  }

  @Test func acceptsUnicodeWhitespaceAndByteOrderMark() throws {
    #expect(try JSON5Parser.parse("\u{FEFF}\u{A0}[\u{2028}1,\u{FEFF}2\u{3000}]\u{2029}\u{2003}") == [1, 2])
    #expect(try JSON5Parser.parse([0xEF, 0xBB, 0xBF, 0x5B, 0x5D]) == [])
  }

  @Test func duplicateKeysKeepBothAndLastWins() throws {
    let object = try #require(try JSON5Parser.parse("{a: 1, b: 2, a: 3}").objectValue)
    #expect(object["a"] == 3)
    #expect(object.members.count == 3)
    #expect(object.members.map(\.key) == ["a", "b", "a"])
    #expect(object.keys == ["a", "b"])
    #expect(object.member("a")?.keyLocation == at(1, 14))
    #expect(object.member("a")?.valueLocation == at(1, 17))
    #expect(object["missing"] == nil)
  }

  @Test func recordsKeyAndValueLocations() throws {
    let text = """
      {
        // comment 😀
        "name": "x",
        'émoji😀': [1],
        nested: { deep: -1 },
      }
      """
    let object = try #require(try JSON5Parser.parse(text).objectValue)
    #expect(object.member("name")?.keyLocation == at(3, 3))
    #expect(object.member("name")?.valueLocation == at(3, 11))
    #expect(object.member("émoji😀")?.keyLocation == at(4, 3))
    #expect(object.member("émoji😀")?.valueLocation == at(4, 13))
    #expect(object.member("nested")?.keyLocation == at(5, 3))
    #expect(object.member("nested")?.valueLocation == at(5, 11))
    let nested = try #require(object["nested"]?.objectValue)
    #expect(nested.member("deep")?.keyLocation == at(5, 13))
    #expect(nested.member("deep")?.valueLocation == at(5, 19))
  }

  @Test func locationsCountCRLFTabsAndByteOrderMark() throws {
    // BOM is not a column; CRLF is one line break; a tab is one column.
    let text = "\u{FEFF}{\r\n\tk: 1,\r  m:\r\n\r\n   true}"
    let object = try #require(try JSON5Parser.parse(text).objectValue)
    #expect(object.member("k")?.keyLocation == at(2, 2))
    #expect(object.member("k")?.valueLocation == at(2, 5))
    #expect(object.member("m")?.keyLocation == at(3, 3))
    #expect(object.member("m")?.valueLocation == at(5, 4))
  }

  // MARK: Errors

  struct ErrorCase: Sendable, CustomTestStringConvertible {
    var input: String
    var message: String
    var line: Int
    var column: Int
    var testDescription: String { "\(input.debugDescription) → \(line):\(column) \(message)" }
  }

  static let errorCases: [ErrorCase] = [
    // Missing comma: line 3 is "  1 2", the '2' is column 5.
    ErrorCase(input: "[\n  0,\n  1 2\n]", message: "expected ',' or ']' after array element", line: 3, column: 5),
    // Line 3 is "  b:2 \"c\": 3": the '"' of "c" is column 7.
    ErrorCase(
      input: "{\n  \"a\": 1,\n  b:2 \"c\": 3\n}", message: "expected ',' or '}' after object member", line: 3,
      column: 7),
    // Line 2 is `  "👍🏽é": 1 2`: 👍 and 🏽 are two scalars (one grapheme), é one, so '2' is column 12
    // (byte column 18, UTF-16 column 14).
    ErrorCase(
      input: "{\n  \"\u{1F44D}\u{1F3FD}\u{E9}\": 1 2\n}", message: "expected ',' or '}' after object member",
      line: 2, column: 12),
    // Line 2 is "/*😀*/x: 1 y": the emoji is one column, so 'y' is column 11.
    ErrorCase(
      input: "{\n/*😀*/x: 1 y\n}", message: "expected ',' or '}' after object member", line: 2, column: 11),
    ErrorCase(input: "{\"a\": \"abc\n}", message: "unterminated string", line: 1, column: 7),
    ErrorCase(input: "[\n  'abc", message: "unterminated string", line: 2, column: 3),
    ErrorCase(input: "{\"a\": [1, 2", message: "unexpected end of input", line: 1, column: 12),
    ErrorCase(input: "[\n  1,\n", message: "unexpected end of input", line: 3, column: 1),
    ErrorCase(input: "", message: "unexpected end of input", line: 1, column: 1),
    ErrorCase(input: "// nothing\n", message: "unexpected end of input", line: 2, column: 1),
    ErrorCase(input: "{a: 1,", message: "unexpected end of input", line: 1, column: 7),
    ErrorCase(input: "[1, /* open\n 2]", message: "unterminated comment", line: 1, column: 5),
    ErrorCase(input: "[1 / 2]", message: "unexpected character '/'", line: 1, column: 4),
    ErrorCase(input: #"["ok", "bad \1"]"#, message: #"invalid escape sequence '\1'"#, line: 1, column: 13),
    ErrorCase(input: #""\01""#, message: #"invalid escape sequence '\01'"#, line: 1, column: 2),
    ErrorCase(
      input: #""\u12G4""#, message: #"invalid escape sequence: '\u' needs 4 hexadecimal digits"#, line: 1, column: 2),
    ErrorCase(
      input: #"'ab\x4'"#, message: #"invalid escape sequence: '\x' needs 2 hexadecimal digits"#, line: 1, column: 4),
    ErrorCase(input: "{a\\u0020b: 1}", message: "invalid escape sequence in identifier", line: 1, column: 3),
    ErrorCase(input: "[01]", message: "leading zeros are not allowed", line: 1, column: 2),
    ErrorCase(input: "[-00.5]", message: "leading zeros are not allowed", line: 1, column: 3),
    ErrorCase(input: "{a: yes}", message: "unexpected identifier 'yes' (strings must be quoted)", line: 1, column: 5),
    ErrorCase(
      input: "[-Infinite]", message: "unexpected identifier 'Infinite' (strings must be quoted)", line: 1, column: 3),
    ErrorCase(input: "{} x", message: "unexpected character 'x' after top-level value", line: 1, column: 4),
    ErrorCase(input: "{}}", message: "unexpected character '}' after top-level value", line: 1, column: 3),
    ErrorCase(input: "[12px]", message: "unexpected character 'p' after number", line: 1, column: 4),
    ErrorCase(input: "0x1g", message: "unexpected character 'g' after number", line: 1, column: 4),
    ErrorCase(input: "0x", message: "expected hexadecimal digit after '0x'", line: 1, column: 3),
    ErrorCase(input: "1e+", message: "expected digit in exponent", line: 1, column: 4),
    ErrorCase(input: "[.]", message: "expected digit", line: 1, column: 3),
    ErrorCase(input: "{a 1}", message: "expected ':' after object key", line: 1, column: 4),
    ErrorCase(input: "{1: 2}", message: "expected object key or '}'", line: 1, column: 2),
    ErrorCase(input: "{a: 1,, b: 2}", message: "expected object key or '}'", line: 1, column: 7),
    ErrorCase(input: "[1,,2]", message: "unexpected character ','", line: 1, column: 4),
    ErrorCase(input: "{a: }", message: "unexpected character '}'", line: 1, column: 5),
    ErrorCase(input: "[\u{01}]", message: "unexpected character U+0001", line: 1, column: 2),
    ErrorCase(input: "[\u{E9}]", message: "unexpected character 'é'", line: 1, column: 2),
    // CRLF is one break; the tab is one column: line 3 is "\t\"b\": @".
    ErrorCase(input: "{\r\n\t\"a\": 1,\r\n\t\"b\": @\r\n}", message: "unexpected character '@'", line: 3, column: 7),
    // Lone CRs break lines too.
    ErrorCase(input: "[\r1\r,\r?]", message: "unexpected character '?'", line: 4, column: 1),
    // LS does not start a new line (editors and SourceText do not break there).
    ErrorCase(input: "[\u{2028}x]", message: "unexpected identifier 'x' (strings must be quoted)", line: 1, column: 3),
    // A BOM is not a column.
    ErrorCase(input: "\u{FEFF}[1 2]", message: "expected ',' or ']' after array element", line: 1, column: 4),
    // An escaped line break inside a string still moves to the next line.
    ErrorCase(input: "\"a\\\nb\" x", message: "unexpected character 'x' after top-level value", line: 2, column: 4),
  ]

  @Test(arguments: errorCases)
  func reportsErrorWithExactLocation(_ errorCase: ErrorCase) {
    let error = parseError(errorCase.input)
    #expect(error == JSON5Error(message: errorCase.message, location: at(errorCase.line, errorCase.column)))
  }

  @Test func reportsInvalidUTF8OutsideStringsAndCountsItAsOneColumn() {
    #expect(
      parseError(bytes: [0x5B, 0xFF, 0x5D])
        == JSON5Error(message: "invalid UTF-8 byte 0xFF", location: at(1, 2)))
    // "<FF>" inside a string is one column, so the 'x' after `"<FF>" ` is column 5.
    #expect(
      parseError(bytes: [0x22, 0xFF, 0x22, 0x20, 0x78])
        == JSON5Error(message: "unexpected character 'x' after top-level value", location: at(1, 5)))
    // A truncated 4-byte sequence (F0 9F 98) is one maximal subpart, so one column.
    #expect(
      parseError(bytes: [0x22, 0xF0, 0x9F, 0x98, 0x22, 0x78])
        == JSON5Error(message: "unexpected character 'x' after top-level value", location: at(1, 4)))
  }

  @Test func errorDescriptionIsLineColonColumn() {
    let error = JSON5Error(message: "unexpected end of input", location: at(3, 5))
    #expect(error.description == "3:5: unexpected end of input")
    #expect(parseError("[1,\n")?.description == "2:1: unexpected end of input")
  }

  // MARK: Depth

  @Test func nestingUpTo512LevelsIsAllowed() throws {
    var value = try JSON5Parser.parse(String(repeating: "[", count: 512) + String(repeating: "]", count: 512))
    var depth = 0
    while let elements = value.arrayValue {
      depth += 1
      value = elements.first ?? .null
    }
    #expect(depth == 512)
    let objects = String(repeating: "{a:", count: 511) + "{}" + String(repeating: "}", count: 511)
    #expect(try JSON5Parser.parse(objects).objectValue?.keys == ["a"])
  }

  @Test func nestingDeeperThan512LevelsIsAnError() {
    let message = "nesting deeper than 512 levels"
    #expect(
      parseError(String(repeating: "[", count: 513) + String(repeating: "]", count: 513))
        == JSON5Error(message: message, location: at(1, 513)))
    // Each "{a:" is three columns, so the 513th '{' is at column 3 × 512 + 1.
    #expect(
      parseError(String(repeating: "{a:", count: 600)) == JSON5Error(message: message, location: at(1, 1537)))
    // Far deeper input fails at the limit instead of exhausting the stack.
    #expect(parseError(String(repeating: "[", count: 200_000)) == JSON5Error(message: message, location: at(1, 513)))
  }

  // MARK: Values

  @Test func accessorsAndTypeNames() throws {
    let value = try JSON5Parser.parse("{s: 'x', b: true, i: 3, f: 1.5, huge: 1e300, a: [null], o: {}}")
    #expect(value["s"]?.stringValue == "x")
    #expect(value["b"]?.boolValue == true)
    #expect(value["i"]?.intValue == 3)
    #expect(value["f"]?.intValue == nil)
    #expect(value["f"]?.doubleValue == 1.5)
    #expect(value["huge"]?.intValue == nil)
    #expect(value["a"]?.arrayValue == [.null])
    #expect(value["o"]?.objectValue == JSONObject())
    #expect(value["s"]?.intValue == nil)
    #expect(value["i"]?.stringValue == nil)
    let names = ["s", "b", "i", "a", "o"].compactMap { value[$0]?.typeName }
    #expect(names == ["string", "boolean", "number", "array", "object"])
    #expect(value["a"]?.arrayValue?.first?.typeName == "null")
    #expect(value["a"]?.arrayValue?.first?.isNull == true)
  }

  @Test func literalsKeepOrderAndEqualParsedValues() throws {
    let literal: JSONValue = ["version": 1, "files": [], "ratio": 0.5, "name": "x", "on": false, "off": nil]
    #expect(literal.objectValue?.keys == ["version", "files", "ratio", "name", "on", "off"])
    #expect(literal.objectValue?.member("version")?.keyLocation == CopydeskCore.SourceLocation(line: 0, column: 0))
    #expect(literal.objectValue?.member("version")?.valueLocation == .unknown)
    // Locations are not part of equality.
    #expect(try JSON5Parser.parse("{version: 1, files: [], ratio: .5, name: 'x', on: false, off: null}") == literal)
    // Order is.
    #expect(try JSON5Parser.parse("{files: [], version: 1, ratio: .5, name: 'x', on: false, off: null}") != literal)
    // NaN equals NaN so Hashable stays reflexive.
    #expect(JSONValue.number(.nan) == JSONValue.number(.nan))
    #expect(Set<JSONValue>([.number(.nan), .number(-.nan), 1, 1.0]).count == 2)
  }

  @Test func buildersMakeExpectedValues() {
    #expect(JSONValue(3) == .number(3))
    #expect(JSONValue(2.5) == .number(2.5))
    #expect(JSONValue(true) == .bool(true))
    #expect(JSONValue("s") == .string("s"))
    #expect(JSONValue([1, "a"]) == .array([.number(1), .string("a")]))
    #expect(JSONValue(strings: ["a", "b"]) == ["a", "b"])
    #expect(JSONValue(pairs: [("z", 1), ("a", 2)]).objectValue?.keys == ["z", "a"])
    var object: JSONObject = ["a": 1, "b": 2]
    object.set("a", 10)
    object.set("c", 3)
    object.append("b", 20)
    #expect(object.members.map(\.key) == ["a", "b", "c", "b"])
    #expect(object["a"] == 10)
    #expect(object["b"] == 20)
    #expect(JSONValue(object) == .object(object))
  }

  // MARK: Fuzzing

  @Test func randomAndMutatedInputNeverCrash() throws {
    var random = SplitMix64(seed: 0x5EED_C0DE)
    let seeds: [String] = [
      #"{"name": "copydesk", "list": [1, 2.5, -3e2, true, false, null], "o": {"k": "v\n\u00e9"}}"#,
      "// c\n{a: 'b', $c: [0x1F, .5, 5., +1, -Infinity, NaN,], /* x */ 'd': \"e\\\nf\", é: '😀'}",
      "[[[[[[{}]]]]], {x: {y: {z: []}}}]",
      "\u{FEFF}{\r\n\tkey: '\\x41\\uD83D\\uDE00',\r\n}",
    ]
    let alphabet = Array("{}[]:,\"'\\/*-+.0123456789eExXaIN nul tr\n\r\t".utf8) + [0xC3, 0xA9, 0xE2, 0x80, 0xA8, 0xFF]
    var parsed = 0
    var failed = 0
    for iteration in 0..<15_000 {
      var bytes: [UInt8]
      if iteration % 3 == 0 {
        // Random bytes, mostly from JSON5's own alphabet so the parser gets past the first character.
        bytes = (0..<random.below(40)).map { _ in
          random.below(4) == 0 ? UInt8(random.below(256)) : alphabet[random.below(alphabet.count)]
        }
      } else {
        bytes = Array(seeds[random.below(seeds.count)].utf8)
        for _ in 0...random.below(4) {
          let position = random.below(bytes.count + 1)
          switch random.below(5) {
          case 0:
            bytes.insert(alphabet[random.below(alphabet.count)], at: position)
          case 1 where position < bytes.count:
            bytes.remove(at: position)
          case 2 where position < bytes.count:
            bytes[position] = UInt8(random.below(256))
          case 3:
            let end = min(bytes.count, position + random.below(8))
            bytes.insert(contentsOf: bytes[position..<end], at: position)
          default:
            bytes.removeSubrange(position...)
          }
        }
      }
      switch Result(catching: { () throws(JSON5Error) in try JSON5Parser.parse(bytes) }) {
      case .success(let value):
        parsed += 1
        // Whatever parses must survive a trip through the writer (non-finite numbers become null).
        #expect(try JSON5Parser.parse(JSONWriter.compact(value)) == withoutNonFinite(value))
        #expect(try JSON5Parser.parse(JSONWriter.pretty(value)) == withoutNonFinite(value))
      case .failure(let error):
        failed += 1
        let lines = scalarsPerLine(bytes)
        #expect(error.location.line >= 1 && error.location.line <= lines.count, "\(bytes) \(error)")
        if error.location.line >= 1 && error.location.line <= lines.count {
          #expect(
            error.location.column >= 1 && error.location.column <= lines[error.location.line - 1] + 1,
            "\(bytes) \(error)")
        }
        #expect(!error.message.isEmpty)
      }
    }
    // Both paths were exercised.
    #expect(parsed > 500)
    #expect(failed > 10_000)
  }
}

/// Scalar count of each line, decoded the way the parser counts (BOM dropped, invalid UTF-8 as U+FFFD,
/// breaks at \n, \r\n and \r).
private func scalarsPerLine(_ bytes: [UInt8]) -> [Int] {
  let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes
  var counts = [0]
  var previousWasCR = false
  for scalar in String(decoding: body, as: UTF8.self).unicodeScalars {
    if scalar == "\n" && previousWasCR {
      previousWasCR = false
      continue
    }
    previousWasCR = scalar == "\r"
    if scalar == "\n" || scalar == "\r" {
      counts.append(0)
    } else {
      counts[counts.count - 1] += 1
    }
  }
  return counts
}

private func withoutNonFinite(_ value: JSONValue) -> JSONValue {
  switch value {
  case .number(let number) where !number.isFinite: return .null
  case .array(let elements): return .array(elements.map(withoutNonFinite))
  case .object(var object):
    for index in object.members.indices {
      object.members[index].value = withoutNonFinite(object.members[index].value)
    }
    return .object(object)
  default: return value
  }
}

