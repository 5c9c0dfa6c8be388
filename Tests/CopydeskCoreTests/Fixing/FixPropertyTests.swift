import CopydeskCore
import CopydeskTestSupport
import Testing

/// Generates drafts full of fixable slips, protected look-alikes, typographic characters and mixed
/// line-ending styles, from a seed.
struct DraftGenerator {
  var random: SplitMix64

  init(seed: UInt64) { random = SplitMix64(seed: seed) }

  mutating func pick<T>(_ items: [T]) -> T { items[Int(random.next() % UInt64(items.count))] }
  mutating func chance(_ percent: UInt64) -> Bool { random.next() % 100 < percent }

  static let words = [
    "the", "The", "plan", "in", "order", "to", "In", "IN", "ORDER", "TO", "due", "fact", "that", "at", "this", "point",
    "time", "Zoë", "Zoe\u{301}", "😀", "👩‍👩‍👧", "“quoted”", "it’s", "NEWLINE", "naïve", "Kyiv", "—", "…",
  ]
  static let phrases = [
    "in order to", "In order to", "IN  ORDER TO", "due to the fact that", "the the", "The the the",
    "at this point in time",
  ]
  static let separators = [" ", " ", " ", "  ", "   ", ", ", ". ", "\n"]
  static let protected = [
    "`in  order  to the the`", "<!-- in order to  the the -->", "[in order to](https://example.com/in  order)",
    "https://example.com/the-the", "<!-- copydesk-disable-next-line -->\nin order to  the the\n",
  ]

  /// A Markdown draft, as file bytes (maybe with a byte order mark).
  mutating func draft() -> [UInt8] {
    var text = ""
    if chance(20) { text += "---\ntitle: In order to  win the the race\nslug: in  order  to\n---\n" }
    if chance(50) { text += "# " + pick(Self.phrases) + " heading\n\n" }
    let paragraphs = 1 + Int(random.next() % 4)
    for paragraph in 0..<paragraphs {
      if paragraph > 0 { text += "\n\n" }
      if chance(20) {
        text += "```\nin order to  the the NEWLINE\n```\n\n"
      }
      let pieces = 3 + Int(random.next() % 25)
      for piece in 0..<pieces {
        if piece > 0 { text += pick(Self.separators) }
        if chance(20) {
          text += pick(Self.phrases)
        } else if chance(8) {
          text += pick(Self.protected)
        } else {
          text += pick(Self.words)
        }
      }
      text += pick([".", "", " ", "!"])
    }
    if chance(70) { text += "\n" }
    switch random.next() % 3 {
    case 0: text = text.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\r\n")
    case 1:
      if chance(30) { text = text.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\r") }
    default: break
    }
    let bytes = Array(text.utf8)
    return chance(25) ? [0xEF, 0xBB, 0xBF] + bytes : bytes
  }
}

@Suite("Fix properties over generated drafts")
struct FixPropertyTests {
  static let seeds: [UInt64] = Array(0..<300)

  @Test(arguments: seeds)
  func fixingIsIdempotentCompleteAndLocal(seed: UInt64) {
    var generator = DraftGenerator(seed: seed)
    let input = generator.draft()
    let linter = testLinter(standardTestRules)
    let original = SourceText(decoding: input)
    let result = FixApplier.fixToFixpoint(original, path: "draft.md") { linter.lint($0) }
    let output = result.bytesToSave

    // fix(fix(x)) == fix(x)
    let again = FixApplier.fixToFixpoint(SourceText(decoding: output), path: "draft.md") { linter.lint($0) }
    #expect(again.bytesToSave == output, "seed \(seed): not idempotent on \(escaped(input))")
    #expect(again.passes == 0)

    // Nothing fixable remains, and it settled well within the limit.
    #expect(result.converged, "seed \(seed)")
    #expect(result.remainingFixable == 0, "seed \(seed): \(result.remaining.filter { $0.fix != nil })")
    #expect(linter.lint(Document(path: "draft.md", text: SourceText(decoding: output))).allSatisfy { $0.fix == nil })

    // Every byte outside the reported changes is unchanged, in order.
    let old = original.bytes
    let new = result.document.text.bytes
    var oldCursor = 0
    var newCursor = 0
    for change in result.changes {
      #expect(change.oldRange.start - oldCursor == change.newRange.start - newCursor, "seed \(seed)")
      #expect(
        old[oldCursor..<change.oldRange.start].elementsEqual(new[newCursor..<change.newRange.start]), "seed \(seed)")
      oldCursor = change.oldRange.end
      newCursor = change.newRange.end
    }
    #expect(old[oldCursor...].elementsEqual(new[newCursor...]), "seed \(seed)")

    // No change touches code, URLs, link targets, comments or front-matter keys of the original.
    let document = Document(path: "draft.md", text: original)
    for change in result.changes {
      #expect(
        !document.isProtected(change.oldRange), "seed \(seed): \(change) touches protected text in \(escaped(input))")
    }

    // The byte order mark stays, and a file with only CRLF line breaks gets no bare LF or CR.
    #expect(output.starts(with: [0xEF, 0xBB, 0xBF]) == input.starts(with: [0xEF, 0xBB, 0xBF]))
    if LineEnding.dominant(in: input) == .crlf, !containsBareBreak(input) {
      #expect(!containsBareBreak(output), "seed \(seed): \(escaped(output))")
    }
  }

  @Test func theGeneratorProducesWorkForTheFixer() {
    // Guards the property test against a generator that stopped producing anything to fix.
    var changed = 0
    var withCRLF = 0
    var withBOM = 0
    let linter = testLinter(standardTestRules)
    for seed in Self.seeds {
      var generator = DraftGenerator(seed: seed)
      let input = generator.draft()
      let result = FixApplier.fixToFixpoint(SourceText(decoding: input), path: "draft.md") { linter.lint($0) }
      if result.isChanged { changed += 1 }
      if LineEnding.dominant(in: input) == .crlf { withCRLF += 1 }
      if input.starts(with: [0xEF, 0xBB, 0xBF]) { withBOM += 1 }
    }
    #expect(changed > 250)
    #expect(withCRLF > 60)
    #expect(withBOM > 40)
  }

  /// True when a `\n` without a `\r` before it, or a `\r` without a `\n` after it, occurs.
  func containsBareBreak(_ bytes: [UInt8]) -> Bool {
    for index in bytes.indices {
      if bytes[index] == 0x0A, index == 0 || bytes[index - 1] != 0x0D { return true }
      if bytes[index] == 0x0D, index + 1 >= bytes.count || bytes[index + 1] != 0x0A { return true }
    }
    return false
  }
}

@Suite("TextChange composition")
struct TextChangeTests {
  @Test func composesDisjointAndOverlappingRounds() {
    // "abcdef" → "aXYcdef" → "aXYcef"
    let first = [TextChange(oldRange: TextRange(start: 1, end: 2), newRange: TextRange(start: 1, end: 3))]
    let second = [TextChange(oldRange: TextRange(start: 4, end: 5), newRange: TextRange(start: 4, end: 4))]
    #expect(
      TextChange.compose(first, second) == [
        TextChange(oldRange: TextRange(start: 1, end: 2), newRange: TextRange(start: 1, end: 3)),
        TextChange(oldRange: TextRange(start: 3, end: 4), newRange: TextRange(start: 4, end: 4)),
      ])
    // "aXYcdef" → "aXZdef": the second round overlaps the first change, so they merge.
    let overlapping = [TextChange(oldRange: TextRange(start: 2, end: 4), newRange: TextRange(start: 2, end: 3))]
    #expect(
      TextChange.compose(first, overlapping) == [
        TextChange(oldRange: TextRange(start: 1, end: 3), newRange: TextRange(start: 1, end: 3))
      ])
  }

  @Test(arguments: Array(UInt64(0)..<200))
  func composedChangesDescribeTheTwoRounds(seed: UInt64) {
    var random = SplitMix64(seed: seed)
    let alphabet = Array("abcdefghij".utf8)
    let a = (0..<Int(random.next() % 40)).map { _ in alphabet[Int(random.next() % 10)] }
    let (b, firstChanges) = randomRound(a, &random)
    let (c, secondChanges) = randomRound(b, &random)
    let composed = TextChange.compose(firstChanges, secondChanges)
    // Rebuild C from A and the composed changes.
    var rebuilt: [UInt8] = []
    var cursor = 0
    for change in composed {
      #expect(change.oldRange.start >= cursor)
      rebuilt += a[cursor..<change.oldRange.start]
      rebuilt += c[change.newRange.start..<change.newRange.end]
      cursor = change.oldRange.end
    }
    rebuilt += a[cursor...]
    #expect(rebuilt == c, "seed \(seed)")
  }

  /// Random non-overlapping replacements of `text`, with their changes.
  func randomRound(_ text: [UInt8], _ random: inout SplitMix64) -> ([UInt8], [TextChange]) {
    var output: [UInt8] = []
    var changes: [TextChange] = []
    var cursor = 0
    while cursor <= text.count {
      let skip = Int(random.next() % 6)
      guard cursor + skip <= text.count else { break }
      output += text[cursor..<cursor + skip]
      let start = cursor + skip
      let length = Swift.min(Int(random.next() % 4), text.count - start)
      let replacement = (0..<Int(random.next() % 3)).map { _ in UInt8(ascii: "X") }
      let newStart = output.count
      output += replacement
      changes.append(
        TextChange(
          oldRange: TextRange(start: start, end: start + length),
          newRange: TextRange(start: newStart, end: output.count)))
      cursor = start + length + 1
      if cursor <= text.count { output += text[(start + length)..<cursor] }
    }
    if cursor < text.count { output += text[cursor...] }
    return (output, changes)
  }
}
