import CopydeskCore
import CopydeskRules
import CopydeskTestSupport
import Testing

/// Random drafts built from hostile pieces: mixed scripts, emoji and ZWJ sequences, combining marks,
/// NUL, encoded lone surrogates, invalid UTF-8, CR/LF/CRLF mixes, unclosed front matter and fences,
/// very long lines, deep lists and quotes, and the phrases rules look for.
enum HostileDraft {
  static let words = [
    "the", "the the", "Analysts say", "observers note", "officials said", "it is believed", "reportedly", "12%", "$3 billion",
    "4 million", "in order to", "due to the fact that", "unprecedented", "Lugansk", "Luhansk", "e-mail", "email", "!!", ",,", " ,", "  ",
    "Iran’s", "“quoted analysts say”", "\"straight quote\"", "Mr.", "U.S.", "3.5", "…", "—", "Zoë", "e\u{301}", "中文", "العربية",
    "עברית", "हिन्दी", "😀", "👩‍👩‍👧", "🇺🇦", "👍🏽", "\u{200D}", "\u{FEFF}", "`code`", "[link](http://x.y)", "<!-- c -->",
    "<!-- copydesk-disable -->", "<!-- copydesk-enable -->", "<!-- copydesk-disable-next-line style/wordy -->", "[^1]", "**bold**",
    "_em_", "http://example.org/a_b", "<https://x.y>", "TK", "Summary:", "according to Reuters", "said Alexei Dedov", "at the end of the day",
  ]
  static let lineStarts = ["", "# ", "## ", "- ", "* ", "1. ", "> ", "> > > ", "    ", "```", "~~~", "---", "Previous Article", "Next Article", "No time to read?", "Get a summary", "Summary", "<!--", "title: ", "previous: ", "next: ", "summary: "]
  static let breaks: [[UInt8]] = [[0x0A], [0x0D, 0x0A], [0x0D], [0x0A, 0x0A], [0x0D, 0x0A, 0x0D, 0x0A]]
  static let raw: [[UInt8]] = [[0x00], [0xFF], [0xC3], [0xED, 0xA0, 0x80], [0xED, 0xBF, 0xBF], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82], [0x80]]

  static func make(_ random: inout SplitMix64) -> [UInt8] {
    var bytes: [UInt8] = []
    if random.below(3) == 0 { bytes += Array("---\ntitle: Fuzz \(random.next() % 100)\n".utf8) }  // Often unclosed.
    if random.below(4) == 0 { bytes += Array("---\n".utf8) }
    let lines = random.below(40)
    for _ in 0..<lines {
      bytes += Array(random.pick(lineStarts).utf8)
      let pieces = random.below(30)
      for _ in 0..<pieces {
        if random.below(12) == 0 {
          bytes += random.pick(raw)
        } else {
          bytes += Array(random.pick(words).utf8)
        }
        bytes.append(random.below(5) == 0 ? 0x2C : 0x20)
      }
      if random.below(60) == 0 { bytes += [UInt8](repeating: UInt8(ascii: "a") + UInt8(random.below(26)), count: 10_000) }
      if random.below(40) == 0 { bytes += Array(String(repeating: "> ", count: 200).utf8) + Array(String(repeating: "  - ", count: 200).utf8) }
      bytes += random.pick(breaks)
    }
    return bytes
  }
}

@Suite("Engine fuzzing")
struct EngineFuzzTests {
  static let linter = Linter(rules: BuiltInRules.all.map { ConfiguredRule(rule: $0.makeDefaultRule(), severity: $0.description.defaultSeverity) })
  static let corpus = CorpusIndex(drafts: [
    DraftSummary(path: "a.md", title: "Fuzz 1", slug: "a", format: .markdown),
    DraftSummary(path: "b.txt", title: "Previous Article", slug: "b", format: .plainText),
  ])

  /// Checks every invariant for one input; returns a description of the first violation.
  static func check(_ bytes: [UInt8], format: DraftFormat) -> String? {
    let text = SourceText(decoding: bytes)
    let path = format == .markdown ? "fuzz.md" : "fuzz.txt"
    let document = Document(path: path, format: format, text: text)
    let context = RuleContext(corpus: corpus)
    let diagnostics = linter.lint(document, context: context)
    for diagnostic in diagnostics {
      let ranges = [diagnostic.range] + (diagnostic.fix?.edits.map(\.range) ?? []) + diagnostic.related.filter { $0.path == nil }.map(\.range)
      for range in ranges {
        guard range.start >= 0, range.end <= text.count, range.start <= range.end else {
          return "\(diagnostic.ruleID) range \(range) outside 0..<\(text.count)"
        }
        guard text.isScalarBoundary(range.start), text.isScalarBoundary(range.end) else {
          return "\(diagnostic.ruleID) range \(range) not on scalar boundaries"
        }
        for encoding in PositionEncoding.allCases {
          let start = text.position(of: range.start, encoding: encoding)
          let back = text.offset(of: start, encoding: encoding)
          // Offsets between CR and LF are not addressable; everything else must round-trip.
          if back != range.start && !(range.start > 0 && text.bytes[range.start - 1] == 0x0D && range.start < text.count && text.bytes[range.start] == 0x0A) {
            return "\(diagnostic.ruleID) offset \(range.start) does not round-trip in \(encoding) (got \(back))"
          }
        }
      }
    }
    if diagnostics.contains(where: { $0.fix != nil }) {
      let lint: (Document) -> [Diagnostic] = { linter.lint($0, context: context) }
      let once = FixApplier.fixToFixpoint(text.string, path: path, format: format, lint: lint)
      let twice = FixApplier.fixToFixpoint(once.text, path: path, format: format, lint: lint)
      if once.converged && twice.text != once.text { return "fixing is not idempotent" }
    }
    return nil
  }

  @Test("Random hostile drafts never break an invariant", arguments: 0..<8)
  func hostileDrafts(batch: Int) {
    for iteration in 0..<40 {
      let seed = UInt64(batch * 1_000 + iteration) &* 0x5851_F42D_4C95_7F2D &+ 11
      var random = SplitMix64(seed: seed)
      let bytes = HostileDraft.make(&random)
      for format in [DraftFormat.markdown, .plainText] {
        if let problem = Self.check(bytes, format: format) {
          Issue.record("seed \(seed) (\(format)): \(problem) — replay with HostileDraft.make(&SplitMix64(seed: \(seed)))")
          return
        }
      }
    }
  }

  @Test("Random bytes never break an invariant", arguments: 0..<4)
  func randomBytes(batch: Int) {
    for iteration in 0..<50 {
      let seed = UInt64(batch * 1_000 + iteration) &+ 0xC0FFEE
      var random = SplitMix64(seed: seed)
      let bytes = (0..<random.below(2_000)).map { _ in UInt8(truncatingIfNeeded: random.next()) }
      if let problem = Self.check(bytes, format: iteration % 2 == 0 ? .markdown : .plainText) {
        Issue.record("seed \(seed): \(problem)")
        return
      }
    }
  }

  @Test func edgeCaseInputs() {
    let inputs: [[UInt8]] = [
      [], [0x0A], [0x0D], [0x0D, 0x0A], [0x00], Array("---".utf8), Array("---\n".utf8), Array("```".utf8), Array("<!--".utf8),
      Array("[".utf8), Array("[^".utf8), Array("`".utf8), Array("Previous Article".utf8), Array("Previous Article\n\n".utf8),
      Array("No time to read?\nGet a summary".utf8), [0xEF, 0xBB, 0xBF], [0xEF, 0xBB, 0xBF, 0x0A], Array("#".utf8), Array("> ".utf8),
      Array("- ".utf8), Array(String(repeating: "[", count: 5_000).utf8), Array(String(repeating: "`", count: 5_000).utf8),
      Array(String(repeating: "\"", count: 1_000).utf8), Array(String(repeating: "the ", count: 5_000).utf8),
    ]
    for input in inputs {
      for format in [DraftFormat.markdown, .plainText] {
        #expect(Self.check(input, format: format) == nil, "input \(input.prefix(20))")
      }
    }
  }

  @Test func invalidUTF8IsReportedOnceAndTheRestIsLinted() {
    var bytes = Array("# Title\n\nIt was the the plan ".utf8)
    bytes += [0xFF, 0xFE]
    bytes += Array(" and ".utf8) + [0xC3] + Array(" the end.\n".utf8)
    let document = Document(path: "a.md", text: SourceText(decoding: bytes))
    let findings = Self.linter.lint(document)
    #expect(findings.filter { $0.ruleID == Linter.encodingRuleID }.count == 1)
    #expect(findings.contains { $0.ruleID == "repetition/word" })
  }
}

@Suite("Parallel rule families")
struct ParallelLintTests {
  /// A draft over `Linter.parallelThresholdBytes`, made of every rule example, so each family finds something.
  static func largeDraft() -> String {
    var paragraphs: [String] = []
    var round = 0
    while paragraphs.joined(separator: "\n\n").utf8.count < Linter.parallelThresholdBytes * 2 {
      for factory in BuiltInRules.all {
        for example in factory.description.examples where example.format == .markdown {
          // Vary each copy so the draft is not one block pasted many times.
          paragraphs.append("Part \(round) of \(factory.id.rawValue). " + example.unmarked.text)
        }
      }
      round += 1
    }
    return "---\ntitle: Every example\nsummary: TK\n---\n# Every example\n\n" + paragraphs.joined(separator: "\n\n") + "\n"
  }

  @Test func findingsDoNotDependOnWorkers() {
    let text = Self.largeDraft()
    let linter = EngineFuzzTests.linter
    let sequential = linter.lint(Document(path: "d.md", string: text), context: RuleContext(corpus: EngineFuzzTests.corpus), workers: 1)
    let parallel = linter.lint(Document(path: "d.md", string: text), context: RuleContext(corpus: EngineFuzzTests.corpus), workers: 4)
    #expect(text.utf8.count >= Linter.parallelThresholdBytes)
    #expect(Set(sequential.map(\.ruleID.family)).count >= 4)
    #expect(parallel == sequential)
  }
}
