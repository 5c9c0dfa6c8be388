import CopydeskCore
import Foundation
import Testing

@testable import CopydeskWorkspace

/// The corpus index reads drafts with a cheap line scanner; these tests hold it to the full parser.
@Suite("Draft scanner")
struct DraftScannerTests {
  /// Drafts covering what the scanner settles itself and what it must hand to the parser.
  static let drafts: [(String, String)] = [
    ("a.txt", "Budget talks resume\n\nBody text.\n\nPrevious Article\n\nOld one\n\nNext Article\n\nNew one\n"),
    ("a.txt", "\n\n  Budget talks resume  \n\nNo time to read?\nGet a summary\n\nBody.\nPrevious Article\nOld one"),
    ("a.txt", "Budget\r\n\r\nBody.\r\n\r\nNext Article\r\n\r\n  New one\t\r\n"),
    ("a.txt", "Budget\rBody.\rPrevious Article\r\rOld one\r"),
    ("a.txt", "\u{FEFF}Zoë’s budget 😀\n\nBody.\n\nNext Article\n\nÉté — suite\n"),
    ("a.txt", "Previous Article\n\nBody.\n\nNext Article\n\nNew one\n"),
    ("a.txt", "Title\n\nPrevious Article\n\nNext Article\n\nNew one\n"),
    ("a.txt", "Title\n\nNext Article\n\nNo time to read?\nGet a summary\n"),
    ("a.txt", "Title\n\nNext Article\n\nFirst\n\nNext Article\n\nSecond\n"),
    ("a.txt", "Title\n\nNext Article\n"),
    ("a.txt", "Title\n\nSummary\n\nA summary.\n\nBody line one\nNext Article\nInside a paragraph\n"),
    ("a.txt", ""),
    ("a.txt", "   \n\t\n"),
    ("a.txt", "Only a title"),
    ("a.md", "---\ntitle: Budget talks\nslug: budget\nprevious: old-one\nnext: \"New one\"\n---\n\n# Heading\n\nBody.\n"),
    ("a.md", "---\ntitle: 'Budget: the talks'\nprevious: ~\nnext: null\n---\nBody.\n"),
    ("a.md", "---\nTitle: First\ntitle:\nsources:\n  - a\n  - b\n# comment\nno colon here\n---\n\n# Heading title\n"),
    ("a.md", "---\r\nslug: crlf\r\nnext:   spaced value   \r\n...\r\n\r\n  # Indented *heading* `code` #\r\n"),
    ("a.md", "# Just a heading\n\nBody.\n"),
    ("a.md", "# \n\nBody.\n"),
    ("a.md", "#Not a heading\n\n# Later heading\n"),
    ("a.md", "## Second level first\n\n# The title\n"),
    ("a.md", "Intro paragraph.\n\n# The title\n"),
    ("a.md", "No time to read?\nGet a summary\n\n# After the teaser\n"),
    ("a.md", "---\ntitle: Unclosed\n\n# Heading\n"),
    ("a.md", "---\n"),
    ("a.md", "---\n---\n# Empty front matter\n"),
    ("a.md", "# Title\n\n```\nPrevious Article\n\nIn code\n```\n"),
    ("a.md", "# Title\n\nBody.\n\nPrevious Article\n\nFooter in Markdown\n"),
    ("a.md", "---\ntitle: FM\nnext: fm-next\n---\n\nBody.\n\nNext Article\n\nFooter wins\n"),
    ("a.md", "\u{FEFF}---\ntitle: \"Zoë 😀\"\nprevious: \"\"\n---\n"),
    ("a.md", "    # indented code, not a heading\n\n# Real\n"),
    ("a.md", "  # Two spaces in\n"),
    ("a.md", "\t# Tab is four columns\n\n# Real\n"),
    ("a.md", ""),
  ]

  static func expected(_ path: String, _ text: String) -> DraftSummary {
    let document = Document(path: path, text: SourceText(decoding: Array(text.utf8)))
    return CorpusIndex.summary(of: document, relativePath: "dir/" + path)
  }

  @Test(arguments: drafts.indices)
  func wholeDraftScanAgreesWithTheParser(_ index: Int) {
    let (path, text) = Self.drafts[index]
    let scanned = CorpusBuilder.summary(ofWhole: Array(text.utf8), relativePath: "dir/" + path, format: DraftFormat.forPath(path))
    #expect(scanned == Self.expected(path, text), "\(text.debugDescription)")
  }

  @Test func theScannerSettlesCommonDraftsWithoutTheParser() {
    let cheap = [
      ("a.txt", "Title\n\nBody.\n\nNext Article\n\nNew one\n"),
      ("a.md", "---\ntitle: T\nprevious: p\n---\n\nBody.\n"),
      ("a.md", "# Heading title\n\nBody.\n"),
    ]
    for (path, text) in cheap {
      let bytes = Array(text.utf8)
      #expect(!DraftScanner.scan(bytes, start: 0, end: bytes.count, format: DraftFormat.forPath(path)).needsFullParse)
    }
    let bytes = Array("# Title\n\nNext Article\n\nX\n".utf8)
    #expect(DraftScanner.scan(bytes, start: 0, end: bytes.count, format: .markdown).needsFullParse)
  }

  @Test func binaryDetectionAgreesWithTheLinter() {
    var generator = SystemRandomNumberGenerator()
    var samples: [[UInt8]] = [[], Array("plain text\n".utf8), [0x89, 0x50, 0x4E, 0x47, 0x0D], Array(repeating: 0, count: 9)]
    for _ in 0..<120 {
      let count = Int.random(in: 0...3000, using: &generator)
      let controlShare = Int.random(in: 0...30, using: &generator)
      samples.append((0..<count).map { _ in
        Int.random(in: 0..<100, using: &generator) < controlShare
          ? UInt8.random(in: 0...0x1F, using: &generator) : UInt8.random(in: 0x20...0xFF, using: &generator)
      })
    }
    for sample in samples {
      #expect(DraftScanner.isBinary(sample) == DraftReader.isBinary(sample), "\(sample.prefix(16))")
    }
  }

  // MARK: Big files: head and tail

  static func temporaryFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("copydesk-scan-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  /// A body long enough to push the file past `CorpusBuilder.wholeFileBytes`.
  static func body(lines: Int, lineBreak: String) -> String {
    (0..<lines).map { "Paragraph \($0) of the body, with “quotes” — and an emoji 😀 here." }.joined(separator: lineBreak + lineBreak)
  }

  /// A CRLF draft whose last `count` bytes hold the footer, so the tail read starts at a chosen byte.
  static func crlfDraft(lastBytes count: Int, splitBefore: String) -> String {
    let footer = "\r\nPrevious Article\r\n\r\nOld one\r\n"
    let fill = String(repeating: "x", count: count - footer.utf8.count - (splitBefore == "\n" ? 1 : 0))
    return "Boundary story\r\n\r\n" + body(lines: 400, lineBreak: "\r\n") + "\r" + splitBefore + fill + footer
  }

  static let bigDrafts: [(String, String)] = [
    // The tail (last tailBytes + 1 bytes) starts on the `\r` of a `\r\n`, then on its `\n`.
    ("big.txt", crlfDraft(lastBytes: CorpusBuilder.tailBytes + 1, splitBefore: "\n")),
    ("big.txt", crlfDraft(lastBytes: CorpusBuilder.tailBytes, splitBefore: "\n")),
    ("big.txt", "Big budget story\n\n" + body(lines: 400, lineBreak: "\n") + "\n\nPrevious Article\n\nOld one\n\nNext Article\n\nNew one\n"),
    ("big.txt", "\u{FEFF}Big budget story\r\n\r\n" + body(lines: 400, lineBreak: "\r\n") + "\r\n\r\nNext Article\r\n\r\nNew one"),
    ("big.txt", "Big budget story\r" + body(lines: 400, lineBreak: "\r") + "\rPrevious Article\rOld one\r"),
    ("big.txt", "Big budget story\n\nNext Article\n\nEarly footer\n\n" + body(lines: 400, lineBreak: "\n")),
    ("big.txt", "Big story without footer\n\n" + body(lines: 400, lineBreak: "\n")),
    ("big.md", "---\ntitle: Big one\nslug: big\nprevious: old\nnext: new\n---\n\n" + body(lines: 400, lineBreak: "\n")),
    ("big.md", "# Big heading\n\n" + body(lines: 400, lineBreak: "\n") + "\n\nNext Article\n\nFooter in Markdown\n"),
    ("big.md", "Intro first.\n\n# Late title\n\n" + body(lines: 400, lineBreak: "\n")),
    ("big.md", "---\ntitle: Long front matter\nsources:\n" + String(repeating: "  - https://example.com/a/long/source/link\n", count: 300)
      + "next: after-sources\n---\n\n" + body(lines: 50, lineBreak: "\n")),
  ]

  @Test(arguments: bigDrafts.indices)
  func bigDraftsReadByHeadAndTailAgreeWithTheParser(_ index: Int) throws {
    let (path, text) = Self.bigDrafts[index]
    #expect(text.utf8.count > CorpusBuilder.wholeFileBytes)
    let folder = try Self.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent(path)
    try Data(text.utf8).write(to: file)
    let summary = CorpusBuilder.summary(ofFile: file.path, relativePath: "dir/" + path)
    #expect(summary == Self.expected(path, text))
  }

  @Test func binaryFilesAndFoldersAreNotIndexed() throws {
    let folder = try Self.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let image = folder.appendingPathComponent("image.md")
    try Data([0x89, 0x50, 0x4E, 0x47] + Array(repeating: 0, count: 40_000)).write(to: image)
    #expect(CorpusBuilder.summary(ofFile: image.path, relativePath: "image.md") == nil)
    #expect(CorpusBuilder.summary(ofFile: folder.path, relativePath: "folder.md") == nil)
    #expect(CorpusBuilder.summary(ofFile: folder.appendingPathComponent("missing.md").path, relativePath: "missing.md") == nil)
  }
}
