import CopydeskCore
import CopydeskLSP
import Testing

@Suite("Document store and conversions")
struct DocumentStoreTests {
  private func place(_ name: String) -> DocumentPlace {
    DocumentPlace(
      absolutePath: nil, rootPath: nil, relativePath: nil, displayPath: name, format: .markdown, isConfiguration: false,
      isIgnored: false)
  }

  private func range(_ line: Int, _ start: Int, _ endLine: Int, _ end: Int) -> LSPRange {
    LSPRange(
      start: Position(lineIndex: line, codeUnitColumn: start), end: Position(lineIndex: endLine, codeUnitColumn: end))
  }

  /// "😀" is 2 UTF-16 units and 4 UTF-8 bytes: the same edit has different columns in each encoding.
  @Test func appliesIncrementalEditsInTheNegotiatedEncoding() throws {
    let original = "x\n😀 the end\n"
    let utf16 = DocumentStore.apply(
      [TextDocumentContentChangeEvent(range: range(1, 3, 1, 3), text: "the ")], to: SourceText(original),
      encoding: .utf16)
    #expect(utf16.string == "x\n😀 the the end\n")
    let utf8 = DocumentStore.apply(
      [TextDocumentContentChangeEvent(range: range(1, 5, 1, 5), text: "the ")], to: SourceText(original),
      encoding: .utf8)
    #expect(utf8.string == "x\n😀 the the end\n")
  }

  @Test func appliesSeveralChangesInOrderAndFullReplacements() {
    var text = SourceText("abc\r\ndef")
    text = DocumentStore.apply(
      [
        TextDocumentContentChangeEvent(range: range(1, 0, 1, 3), text: "DEF"),
        TextDocumentContentChangeEvent(range: range(0, 1, 1, 1), text: "-"),
      ], to: text, encoding: .utf16)
    #expect(text.string == "a-EF")
    text = DocumentStore.apply([TextDocumentContentChangeEvent(text: "new")], to: text, encoding: .utf16)
    #expect(text.string == "new")
  }

  @Test func clampsPositionsOutsideTheText() {
    let text = DocumentStore.apply(
      [TextDocumentContentChangeEvent(range: range(0, 99, 7, 0), text: "!")], to: SourceText("ab\ncd"), encoding: .utf16
    )
    #expect(text.string == "ab!")
    // A column inside a surrogate pair moves to the start of the emoji rather than splitting it.
    let split = DocumentStore.apply(
      [TextDocumentContentChangeEvent(range: range(0, 1, 0, 1), text: "[")], to: SourceText("😀"), encoding: .utf16)
    #expect(split.string == "[😀")
  }

  /// Editors count a leading U+FEFF as a character; an edit must not silently drop it and shift every column.
  @Test func aLeadingByteOrderMarkStaysText() {
    let text = DocumentStore.apply(
      [TextDocumentContentChangeEvent(range: range(0, 1, 0, 1), text: "x")], to: SourceText("\u{FEFF}ab"),
      encoding: .utf16)
    #expect(text.string == "\u{FEFF}xab")
    #expect(text.position(of: text.count, encoding: .utf16) == LinePosition(lineIndex: 0, column: 4))
  }

  @Test func versionsOnlyMoveForward() throws {
    var store = DocumentStore()
    store.open(OpenDocument(uri: "u", version: 3, text: SourceText("a"), languageId: "markdown", place: place("a.md")))
    #expect(throws: DocumentChangeError.staleVersion(received: 3, current: 3)) {
      try store.change("u", version: 3, changes: [TextDocumentContentChangeEvent(text: "b")], encoding: .utf16)
    }
    #expect(throws: DocumentChangeError.notOpen("v")) {
      try store.change("v", version: 4, changes: [], encoding: .utf16)
    }
    let changed = try store.change(
      "u", version: 5, changes: [TextDocumentContentChangeEvent(text: "b")], encoding: .utf16)
    #expect(changed.version == 5)
    #expect(store["u"]?.text.string == "b")
  }

  @Test func diagnosticIdentityMatchesOnlyTheSameFinding() {
    let diagnostic = Diagnostic(
      ruleID: "repetition/word", severity: .warning, range: TextRange(start: 4, end: 11), message: "m")
    let identity = DiagnosticIdentity(diagnostic)
    #expect(DiagnosticIdentity(json: identity.json) == identity)
    #expect(identity.matches(diagnostic))
    var moved = diagnostic
    moved.range = TextRange(start: 5, end: 12)
    #expect(!identity.matches(moved))
    var reworded = diagnostic
    reworded.message = "n"
    #expect(!identity.matches(reworded))
    #expect(DiagnosticIdentity(json: ["rule": "x/y"]) == nil)
    #expect(DiagnosticIdentity(json: nil) == nil)
  }

  @Test func fileURIsRoundTrip() {
    let uri = FileURI.uri(forPath: "/tmp/a folder/été.md")
    #expect(uri == "file:///tmp/a%20folder/%C3%A9t%C3%A9.md")
    #expect(FileURI.path(of: uri) == "/tmp/a folder/été.md")
    #expect(FileURI.path(of: "untitled:Untitled-1") == nil)
    #expect(FileURI.fileName(of: "untitled:notes%201.txt") == "untitled:notes 1.txt")
  }
}
