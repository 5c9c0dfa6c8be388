import CopydeskCore
import CopydeskTestSupport
import Testing

/// Pieces that stress positions: astral emoji, ZWJ sequences, flags, combining marks, CJK, CRLF, lone CR.
let trickyPieces: [[UInt8]] = [
  "a", "Z", " ", "the", "\n", "\r\n", "\r", "\t", "é", "e\u{0301}", "😀", "👩‍👩‍👧", "🇺🇦", "👍🏽", "中文", "ß", "—", "…", "’",
  "\u{FEFF}", "\u{200D}", "Ω", "\u{10FFFF}",
].map { Array($0.utf8) } + [[0xFF], [0xC3], [0xE2, 0x82], [0xED, 0xA0, 0x80], [0xF0, 0x9F, 0x98], [0x00], [0x80, 0x80]]

func randomBytes(_ generator: inout SplitMix64, pieces: Int) -> [UInt8] {
  var bytes: [UInt8] = []
  for _ in 0..<pieces { bytes += trickyPieces[Int(generator.next() % UInt64(trickyPieces.count))] }
  return bytes
}

/// Brute-force positions from Swift's own string views, the reference the fast index must agree with.
func referencePositions(_ text: SourceText) -> [(offset: Int, line: Int, utf8: Int, utf16: Int, scalar: Int)] {
  var result: [(Int, Int, Int, Int, Int)] = []
  var line = 0
  var utf8Column = 0
  var utf16Column = 0
  var scalarColumn = 0
  var offset = 0
  let scalars = Array(text.string.unicodeScalars)
  var index = 0
  while index < scalars.count {
    let scalar = scalars[index]
    result.append((offset, line, utf8Column, utf16Column, scalarColumn))
    let length = String(scalar).utf8.count
    if scalar == "\n" || (scalar == "\r" && !(index + 1 < scalars.count && scalars[index + 1] == "\n")) {
      line += 1
      utf8Column = 0
      utf16Column = 0
      scalarColumn = 0
    } else if scalar == "\r" {
      // First half of CRLF: the break is after the \n.
      utf8Column += 1
      utf16Column += 1
      scalarColumn += 1
    } else {
      utf8Column += length
      utf16Column += scalar.utf16.count
      scalarColumn += 1
    }
    offset += length
    index += 1
  }
  result.append((offset, line, utf8Column, utf16Column, scalarColumn))
  return result
}

@Suite("Source text positions")
struct SourceTextTests {
  @Test(arguments: 0..<300)
  func offsetsRoundTripInEveryEncoding(seed: Int) {
    var generator = SplitMix64(seed: UInt64(seed) &* 7919 &+ 17)
    let bytes = randomBytes(&generator, pieces: Int(generator.next() % 60))
    let text = SourceText(decoding: bytes)
    #expect(String(validating: text.bytes, as: UTF8.self) != nil, "seed \(seed): stored bytes must be valid UTF-8")
    for reference in referencePositions(text) {
      // A CR before LF is not a boundary editors can address; skip it.
      if reference.offset < text.count, text.bytes[reference.offset] == 0x0A, reference.offset > 0, text.bytes[reference.offset - 1] == 0x0D {
        continue
      }
      let expected: [(PositionEncoding, Int)] = [(.utf8, reference.utf8), (.utf16, reference.utf16), (.scalar, reference.scalar)]
      for (encoding, column) in expected {
        let position = text.position(of: reference.offset, encoding: encoding)
        #expect(position == LinePosition(lineIndex: reference.line, column: column), "seed \(seed) offset \(reference.offset) \(encoding)")
        #expect(text.offset(of: position, encoding: encoding) == reference.offset, "seed \(seed) round trip \(encoding) at \(reference.offset)")
      }
    }
  }

  /// Long ASCII runs with sparse emoji, combining marks and line breaks: the construction scans skip ASCII
  /// eight bytes at a time, and every checkpoint and line start must land where a byte-by-byte walk puts it.
  @Test(arguments: 0..<40)
  func asciiRunsWithSparseNonASCIIAcrossCheckpoints(seed: Int) {
    var generator = SplitMix64(seed: UInt64(seed) &* 104_729 &+ 3)
    var bytes: [UInt8] = []
    while bytes.count < 3000 {
      let run = Int(generator.next() % 40)
      for _ in 0..<run { bytes += Array("word ".utf8).prefix(1 + Int(generator.next() % 5)) }
      bytes += trickyPieces[Int(generator.next() % UInt64(trickyPieces.count))]
    }
    let text = SourceText(decoding: bytes)
    for reference in referencePositions(text) {
      if reference.offset < text.count, text.bytes[reference.offset] == 0x0A, reference.offset > 0, text.bytes[reference.offset - 1] == 0x0D {
        continue
      }
      for (encoding, column) in [(PositionEncoding.utf8, reference.utf8), (.utf16, reference.utf16), (.scalar, reference.scalar)] {
        let position = text.position(of: reference.offset, encoding: encoding)
        #expect(position == LinePosition(lineIndex: reference.line, column: column), "seed \(seed) offset \(reference.offset) \(encoding)")
        #expect(text.offset(of: position, encoding: encoding) == reference.offset, "seed \(seed) round trip \(encoding)")
      }
    }
    #expect(text.isASCII == !text.bytes.contains { $0 >= 0x80 })
  }

  @Test func longNonASCIITextUsesCheckpointsCorrectly() {
    var generator = SplitMix64(seed: 42)
    var bytes: [UInt8] = []
    for _ in 0..<5000 { bytes += trickyPieces[Int(generator.next() % 12) + 8] }  // Mostly non-ASCII, few breaks.
    let text = SourceText(decoding: bytes)
    let references = referencePositions(text)
    for reference in references.filter({ $0.offset % 97 == 0 || $0.offset == text.count }) {
      let position = text.position(of: reference.offset, encoding: .utf16)
      #expect(position.column == reference.utf16)
      #expect(text.offset(of: position, encoding: .utf16) == reference.offset)
    }
  }

  @Test func lineBreaksAreLFCRLFAndLoneCR() {
    let text = SourceText("a\nb\r\nc\rd")
    #expect(text.lineStarts == [0, 2, 5, 7])
    #expect(text.lineContentRange(1) == TextRange(start: 2, end: 3))
    #expect(text[text.lineContentRange(2)] == "c")
    #expect(text.position(of: 4, encoding: .utf8) == LinePosition(lineIndex: 1, column: 1), "inside CRLF clamps to line end")
  }

  @Test func clampsInsteadOfTrapping() {
    let text = SourceText("😀x\nab")
    #expect(text.position(of: -5, encoding: .utf16) == LinePosition(lineIndex: 0, column: 0))
    #expect(text.position(of: 999, encoding: .utf16) == LinePosition(lineIndex: 1, column: 2))
    #expect(text.position(of: 2, encoding: .utf16) == LinePosition(lineIndex: 0, column: 0), "inside a scalar moves back")
    #expect(text.offset(of: LinePosition(lineIndex: 0, column: 1), encoding: .utf16) == 0, "inside a surrogate pair moves back")
    #expect(text.offset(of: LinePosition(lineIndex: 0, column: 99), encoding: .utf16) == 5, "past the line end clamps to it")
    #expect(text.offset(of: LinePosition(lineIndex: 7, column: 0), encoding: .scalar) == text.count)
    #expect(text.offset(of: LinePosition(lineIndex: -1, column: 3), encoding: .utf8) == 0)
  }

  @Test func invalidUTF8IsReplacedAndRecorded() {
    let text = SourceText(decoding: [0x61, 0xFF, 0x62, 0xE2, 0x82, 0x63, 0xED, 0xA0, 0x80])
    #expect(text.string == "a\u{FFFD}b\u{FFFD}c\u{FFFD}\u{FFFD}\u{FFFD}")
    #expect(text.replacedInvalidSequences == [1, 5, 9, 12, 15])
  }

  @Test func byteOrderMarkIsDroppedAndRemembered() {
    let text = SourceText(decoding: [0xEF, 0xBB, 0xBF, 0x68, 0x69])
    #expect(text.string == "hi")
    #expect(text.hadByteOrderMark)
    #expect(!SourceText("hi").hadByteOrderMark)
  }

  @Test func emptyTextHasOneEmptyLine() {
    let text = SourceText("")
    #expect(text.lineCount == 1)
    #expect(text.position(of: 0, encoding: .utf16) == LinePosition(lineIndex: 0, column: 0))
    #expect(text.offset(of: LinePosition(lineIndex: 0, column: 4), encoding: .utf16) == 0)
  }
}

@Suite("Token ranges")
struct TokenRangeTests {
  @Test(arguments: 0..<200)
  func tokensAndSentencesLieOnScalarBoundaries(seed: Int) {
    var generator = SplitMix64(seed: UInt64(seed) &+ 1_000)
    var bytes = randomBytes(&generator, pieces: Int(generator.next() % 80))
    // Mix in Markdown constructs.
    let markdown = ["`code`", "[link](http://x.y/z)", "<!-- c -->", "**b**", "# H\n", "> q\n", "- li\n", "```\nx\n```\n", "\"q\"", "“q”", "Mr. X. Y", "3.5", "http://a.b"]
    for _ in 0..<Int(generator.next() % 6) {
      let insert = Array(markdown[Int(generator.next() % UInt64(markdown.count))].utf8)
      let at = bytes.isEmpty ? 0 : Int(generator.next() % UInt64(bytes.count))
      bytes.insert(contentsOf: insert, at: at)
    }
    for format in [DraftFormat.markdown, .plainText] {
      let document = Document(path: "x", format: format, text: SourceText(decoding: bytes))
      var previousEnd = 0
      for token in document.tokens {
        #expect(token.start >= previousEnd, "seed \(seed): tokens overlap or go backwards")
        #expect(token.start < token.end, "seed \(seed): empty token")
        #expect(document.text.isScalarBoundary(token.start) && document.text.isScalarBoundary(token.end), "seed \(seed): token off a scalar boundary")
        #expect(token.end <= document.text.count)
        previousEnd = token.end
      }
      for sentence in document.sentences {
        #expect(document.text.isScalarBoundary(sentence.range.start) && document.text.isScalarBoundary(sentence.range.end))
        #expect(sentence.range.end <= document.text.count)
      }
    }
  }
}
