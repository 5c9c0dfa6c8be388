import CopydeskCore
import CopydeskTestSupport
import Testing

@Suite("JSONWriter")
struct JSONWriterTests {
  @Test func compactKeepsKeyOrderAndHasNoWhitespace() {
    let value: JSONValue = ["b": 1, "a": [true, nil, "x", false], "c": [:], "d": []]
    #expect(JSONWriter.compact(value) == #"{"b":1,"a":[true,null,"x",false],"c":{},"d":[]}"#)
  }

  @Test func prettyUsesTwoSpacesAndOneMemberPerLine() {
    let value: JSONValue = [
      "name": "copydesk",
      "rules": ["a", ["on": true, "level": 2]],
      "empty": [],
      "none": [:],
      "nested": [[1]],
    ]
    let expected = """
      {
        "name": "copydesk",
        "rules": [
          "a",
          {
            "on": true,
            "level": 2
          }
        ],
        "empty": [],
        "none": {},
        "nested": [
          [
            1
          ]
        ]
      }
      """
    #expect(JSONWriter.pretty(value) == expected)
  }

  @Test func topLevelScalarsAndEmptyContainers() {
    #expect(JSONWriter.compact("x") == #""x""#)
    #expect(JSONWriter.pretty(1) == "1")
    #expect(JSONWriter.pretty(nil) == "null")
    #expect(JSONWriter.pretty(true) == "true")
    #expect(JSONWriter.pretty([]) == "[]")
    #expect(JSONWriter.pretty([:]) == "{}")
  }

  @Test func escapesQuotesBackslashesAndControlCharacters() {
    #expect(JSONWriter.escape("plain") == #""plain""#)
    #expect(JSONWriter.escape("a\"b\\c/d") == #""a\"b\\c/d""#)
    #expect(JSONWriter.escape("\n\r\t\u{08}\u{0C}") == #""\n\r\t\b\f""#)
    #expect(JSONWriter.escape("\u{00}\u{01}\u{1F}\u{0B}") == #""\u0000\u0001\u001f\u000b""#)
    // DEL, non-ASCII and U+2028 are legal in JSON strings and stay as UTF-8.
    #expect(JSONWriter.escape("\u{7F}é😀\u{2028}") == "\"\u{7F}é😀\u{2028}\"")
    #expect(Array(JSONWriter.escape("é").utf8) == [0x22, 0xC3, 0xA9, 0x22])
    // Keys are escaped the same way.
    let object: JSONValue = ["k\"\n": "v"]
    #expect(JSONWriter.compact(object) == #"{"k\"\n":"v"}"#)
  }

  @Test func formatsNumbers() {
    let value: JSONValue = [
      1.0, -0.0, 42, -7, 9_007_199_254_740_992, -9_007_199_254_740_992, 9_007_199_254_740_994, 0.1, 1e-7,
      1e21, 1.5, -2.25, 123_456.789, .number(.leastNonzeroMagnitude), .number(.nan), .number(.infinity),
      .number(-.infinity),
    ]
    #expect(
      JSONWriter.compact(value)
        == "[1,0,42,-7,9007199254740992,-9007199254740992,9.007199254740994e+15,0.1,1e-07,1e+21,1.5,-2.25,"
        + "123456.789,5e-324,null,null,null]")
    #expect(JSONWriter.format(3) == "3")
    #expect(JSONWriter.format(1.7976931348623157e308) == "1.7976931348623157e+308")
  }

  @Test func duplicateKeysAreWrittenAsGiven() {
    let object = JSONObject(members: [
      .init(key: "a", value: 1), .init(key: "b", value: 2), .init(key: "a", value: 3),
    ])
    #expect(JSONWriter.compact(.object(object)) == #"{"a":1,"b":2,"a":3}"#)
  }

  @Test func writerOutputParsesBackToTheSameValue() throws {
    let value: JSONValue = [
      "string": "tab\there \"quoted\" \\ / é 😀 \u{1F}\u{7F}",
      "numbers": [0, -1, 0.5, 1e-300, 1.7976931348623157e308, 9_007_199_254_740_993, -123.456],
      "flags": [true, false, nil],
      "nested": ["deeper": ["deepest": [[], [:], [[:]]]]],
      "": "empty key",
    ]
    #expect(try JSON5Parser.parse(JSONWriter.compact(value)) == value)
    #expect(try JSON5Parser.parse(JSONWriter.pretty(value)) == value)
    // Writing what was parsed gives the same text again.
    let compact = JSONWriter.compact(value)
    #expect(JSONWriter.compact(try JSON5Parser.parse(compact)) == compact)
  }

  @Test func everyASCIICharacterRoundTripsThroughEscape() throws {
    let string = String(String.UnicodeScalarView((0..<0x80).compactMap(Unicode.Scalar.init) + ["é", "😀"]))
    let literal = JSONWriter.escape(string)
    #expect(try JSON5Parser.parse(literal) == .string(string))
    // Only the 32 control characters (5 with short escapes), '"' and '\' grow; the rest are copied.
    #expect(literal.utf8.count == 2 + string.utf8.count + 27 * 5 + 5 * 1 + 2 * 1)
  }

  @Test func randomDoublesRoundTripExactly() throws {
    var random = SplitMix64(seed: 42)
    var checked = 0
    for _ in 0..<2_000 {
      let number = Double(bitPattern: random.next())
      guard number.isFinite, number != 0 else { continue }
      let text = JSONWriter.compact(.number(number))
      let parsed = try #require(try JSON5Parser.parse(text).doubleValue)
      #expect(parsed.bitPattern == number.bitPattern, "\(text)")
      checked += 1
    }
    #expect(checked > 1_900)
    // Integers written without ".0" come back exact.
    for integer in [0, 1, -1, 1 << 40, (1 << 53) - 1, 1 << 53, -(1 << 53)] {
      let text = JSONWriter.compact(JSONValue(integer))
      #expect(text == String(integer))
      #expect(try JSON5Parser.parse(text).intValue == integer)
    }
  }

  @Test func convertsJSON5ToPlainJSON() throws {
    let json5 = """
      // settings
      {
        unquoted: 'single',
        hex: 0x10, half: .5, inf: Infinity,
        list: [1, 2,],
      }
      """
    let value = try JSON5Parser.parse(json5)
    #expect(JSONWriter.compact(value) == #"{"unquoted":"single","hex":16,"half":0.5,"inf":null,"list":[1,2]}"#)
  }
}
