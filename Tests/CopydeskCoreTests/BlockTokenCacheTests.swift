import CopydeskCore
import CopydeskTestSupport
import Testing

/// A parse that reuses cached blocks must build exactly the document a fresh parse builds.
@Suite("Block token cache")
struct BlockTokenCacheTests {
  static let paragraphs = [
    "Analysts say the harbour plan will cost $3 billion, according to “people familiar with it.”",
    "Officials moved quickly in order to protect the budget; the the council met at 9:30 a.m. in the U.S.",
    "- A list item with `code at the end of the day` and a [link](https://example.com/a_b).\n- Another 👩‍👩‍👧 item.",
    "> A quoted line that “opens a quote\n> and closes it” on the next line.",
    "## A heading with e\u{301}mphasis",
    "```\ncode block with “quotes” and analysts say\n```",
    "Plain paragraph\r\nwith CRLF line breaks\r\nand a trailing space ",
    "<!-- copydesk-disable-next-line claims/weasel -->\nCritics argue that the scheme was rushed.",
    "Prices rose 14 percent. Wages fell. Some 4 million people were affected, it is believed.",
    "He said \"straight quotes can stay open",
    "Ending without a closing quote, then a new block.",
  ]

  static func draft(_ random: inout SplitMix64, blocks: Int) -> String {
    var parts = ["---\ntitle: Cache test\nsummary: A summary of the draft for the cache test.\n---\n# Cache test"]
    for _ in 0..<blocks { parts.append(paragraphs[random.below(paragraphs.count)]) }
    return parts.joined(separator: "\n\n") + "\n"
  }

  /// Inserts or deletes a few bytes at a scalar boundary: letters, quotes, line breaks, markup.
  static func edit(_ text: String, _ random: inout SplitMix64) -> String {
    var scalars = Array(text.unicodeScalars)
    let position = random.below(scalars.count + 1)
    let pieces: [String] = ["a", " ", "\n", "\n\n", "“", "”", "\"", "`", "> ", "- ", "#", "—", "😀", "\r\n", "analysts say "]
    if random.below(3) == 0 && position < scalars.count {
      scalars.removeSubrange(position..<Swift.min(scalars.count, position + 1 + random.below(4)))
    } else {
      scalars.insert(contentsOf: pieces[random.below(pieces.count)].unicodeScalars, at: position)
    }
    var result = String.UnicodeScalarView()
    result.append(contentsOf: scalars)
    return String(result)
  }

  static func expectSame(_ cached: Document, _ fresh: Document, seed: UInt64, round: Int) {
    #expect(cached.tokens == fresh.tokens, "seed \(seed) round \(round): tokens")
    #expect(cached.sentences == fresh.sentences, "seed \(seed) round \(round): sentences")
    #expect(cached.blocks == fresh.blocks, "seed \(seed) round \(round): blocks")
    #expect(cached.protectedRanges == fresh.protectedRanges, "seed \(seed) round \(round): protected ranges")
    #expect(cached.suppressions == fresh.suppressions, "seed \(seed) round \(round): suppressions")
    #expect(cached.article == fresh.article, "seed \(seed) round \(round): article")
  }

  @Test(arguments: [DraftFormat.markdown, .plainText])
  func cachedParsesEqualFreshParsesAcrossRandomEdits(format: DraftFormat) {
    var reused = 0
    for seed: UInt64 in 1...12 {
      var random = SplitMix64(seed: seed)
      var text = Self.draft(&random, blocks: 30)
      let cache = BlockTokenCache()
      for round in 0..<25 {
        let cached = Document(path: "d", format: format, text: SourceText(text), cache: cache)
        if round > 0 { reused += cache.lastParse.reused }
        let fresh = Document(path: "d", format: format, text: SourceText(text))
        Self.expectSame(cached, fresh, seed: seed, round: round)
        text = Self.edit(text, &random)
      }
    }
    // The comparison is only worth something if most blocks came from the cache: 30 blocks a draft, one
    // edit a round.
    #expect(reused > 12 * 24 * 20, "reused \(reused) blocks")
  }

  @Test func anEditReusesEveryOtherBlock() {
    // Distinct prose paragraphs, so no block is reused within one parse.
    let prose = [Self.paragraphs[0], Self.paragraphs[1], Self.paragraphs[8], Self.paragraphs[10]]
    let text = "# Reuse\n\n" + (0..<200).map { "Paragraph \($0): " + prose[$0 % prose.count] }.joined(separator: "\n\n") + "\n"
    let cache = BlockTokenCache()
    let first = Document(path: "d.md", text: SourceText(text), cache: cache)
    #expect(cache.lastParse.reused == 0)
    // Type a letter in the middle of one paragraph.
    let middle = first.blocks[first.blocks.count / 2]
    var bytes = Array(text.utf8)
    bytes.insert(UInt8(ascii: "x"), at: middle.range.start + 1)
    let edited = Document(path: "d.md", text: SourceText(decoding: bytes), cache: cache)
    #expect(edited.blocks.count == 201)
    #expect(cache.lastParse.tokenized == 1)
    #expect(cache.lastParse.reused == 199)  // every other paragraph (the heading has its own path)
    Self.expectSame(edited, Document(path: "d.md", text: SourceText(decoding: bytes)), seed: 99, round: 1)
  }
}
