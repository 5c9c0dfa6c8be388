import CopydeskCore
import CopydeskLSP
import Testing

/// The column of `needle` in `line`, counted independently of the server with Swift's own views.
private func column(of needle: String, in line: String, encoding: PositionEncoding) -> Int {
  let index = line.range(of: needle)!.lowerBound
  switch encoding {
  case .utf8: return line.utf8.distance(from: line.startIndex, to: index)
  case .utf16: return line.utf16.distance(from: line.startIndex, to: index)
  case .scalar: return line.unicodeScalars.distance(from: line.startIndex, to: index)
  }
}

@Suite("Diagnostics: push, pull, versions, encodings")
struct DiagnosticsTests {
  static let uri = "file:///draft.md"
  static let emojiLine = "Ça 😀👍🏽 — it was the the best"

  @Test(arguments: [PositionEncoding.utf16, .utf8])
  func rangesAreInTheNegotiatedEncoding(_ encoding: PositionEncoding) async throws {
    let client = TestClient()
    let result = try await client.initialize(positionEncodings: encoding == .utf8 ? ["utf-8", "utf-16"] : ["utf-16"])
    #expect(result.capabilities.positionEncoding == encoding.rawValue)
    let text = "# Title\n\n\(Self.emojiLine)\n"
    try client.open(Self.uri, text)
    let published = try await client.nextDiagnostics(for: Self.uri)
    #expect(published.version == 1)
    #expect(published.diagnostics.count == 1)
    let diagnostic = try #require(published.diagnostics.first)
    let start = column(of: "the the", in: Self.emojiLine, encoding: encoding)
    #expect(start == (encoding == .utf8 ? 28 : 19))
    #expect(
      diagnostic.range
        == LSPRange(
          start: Position(lineIndex: 2, codeUnitColumn: start), end: Position(lineIndex: 2, codeUnitColumn: start + 7)))
    #expect(diagnostic.code == "repetition/word")
    #expect(diagnostic.source == "copydesk")
    #expect(diagnostic.severity == .warning)
    #expect(diagnostic.message == "“the” is repeated; delete the second one")

    // An incremental edit in the same units: insert "really " before the first "the".
    let insertAt = Position(lineIndex: 2, codeUnitColumn: start)
    try client.change(
      Self.uri, version: 2,
      [TextDocumentContentChangeEvent(range: LSPRange(start: insertAt, end: insertAt), text: "really ")])
    let moved = try await client.nextDiagnostics(for: Self.uri, version: 2)
    #expect(moved.diagnostics.map(\.range.start.codeUnitColumn) == [start + 7])

    // The quick fix, applied by the client in its own units, gives the expected text.
    let action = try await client.request(
      CodeActionRequest(
        textDocument: TextDocumentIdentifier(uri: Self.uri), range: moved.diagnostics[0].range,
        context: CodeActionContext(diagnostics: [LSPAny(try JSONValueEncoder().encode(moved.diagnostics[0]))])))
    let edits = try #require(action.first { $0.kind == "quickfix" }?.edit).edits(for: Self.uri)
    let current = "# Title\n\nÇa 😀👍🏽 — it was really the the best\n"
    #expect(applying(edits, to: current, encoding: encoding) == "# Title\n\nÇa 😀👍🏽 — it was really the best\n")
    #expect(try await client.shutdownAndExit() == 0)
  }

  @Test func theFlaggedTextIsExactlyTheRepeatedWordsAcrossLines() async throws {
    let client = TestClient()
    try await client.initialize()
    let text = "Café 🇫🇷 moved to the\r\nthe committee.\r\n"
    try client.open(Self.uri, text)
    let diagnostic = try #require(try await client.nextDiagnostics(for: Self.uri).diagnostics.first)
    #expect(CopydeskLSPTests.text(in: diagnostic.range, of: text, encoding: .utf16) == "the\r\nthe")
    #expect(diagnostic.range.start == Position(lineIndex: 0, codeUnitColumn: 19))
    #expect(diagnostic.range.end == Position(lineIndex: 1, codeUnitColumn: 3))
  }

  @Test func staleAndReorderedChangesAreDropped() async throws {
    let client = TestClient()
    try await client.initialize()
    try client.open(Self.uri, "the the\n", version: 5)
    #expect(try await client.nextDiagnostics(for: Self.uri).version == 5)
    // A change older than the current version is ignored (and logged), not applied.
    try client.change(Self.uri, version: 4, [TextDocumentContentChangeEvent(text: "fine\n")])
    #expect(
      try await client.nextNotification(LogMessageNotification.self).message
        == "Ignored a change to version 4; the server already has version 5")
    let report = try await client.request(
      DocumentDiagnosticRequest(textDocument: TextDocumentIdentifier(uri: Self.uri)))
    guard case .full(_, let items) = report else {
      Issue.record("expected a full report")
      return
    }
    #expect(items.count == 1)
    // A burst of changes in one read: only the last version is published; results for older ones are dropped.
    var burst: [UInt8] = []
    for version in 6...9 {
      let text = version == 9 ? "a a\n" : "b b c c\n"
      burst += client.frame(
        .notification(
          method: "textDocument/didChange",
          params: try JSONValueEncoder().encode(
            DidChangeTextDocumentNotification(
              textDocument: VersionedTextDocumentIdentifier(uri: Self.uri, version: version),
              contentChanges: [TextDocumentContentChangeEvent(text: text)]))))
    }
    client.sendRaw(burst)
    let latest = try await client.nextDiagnostics(for: Self.uri)
    #expect(latest.version == 9)
    #expect(latest.diagnostics.map(\.message) == ["“a” is repeated; delete the second one"])
    #expect(try await client.shutdownAndExit() == 0)
    let stale = await client.pending().filter {
      if case .notification("textDocument/publishDiagnostics", _) = $0 { return true }
      return false
    }
    #expect(stale.isEmpty)
  }

  @Test func debouncedChangesPublishOnceForTheLastVersion() async throws {
    let client = TestClient(options: TestClient.options(debounce: .milliseconds(200)))
    try await client.initialize()
    try client.open(Self.uri, "one\n")
    #expect(try await client.nextDiagnostics(for: Self.uri).diagnostics.isEmpty)
    for version in 2...4 {
      try client.change(Self.uri, version: version, [TextDocumentContentChangeEvent(text: "x x \(version)\n")])
    }
    let published = try await client.nextDiagnostics(for: Self.uri)
    #expect(published.version == 4)
    #expect(published.diagnostics.count == 1)
  }

  @Test func pullDiagnosticsReportUnchangedForTheSameResult() async throws {
    let client = TestClient()
    try await client.initialize(capabilities: ["textDocument": ["diagnostic": ["dynamicRegistration": false]]])
    try client.open(Self.uri, "It was the the best.\n")
    let identifier = TextDocumentIdentifier(uri: Self.uri)
    let first = try await client.request(DocumentDiagnosticRequest(textDocument: identifier))
    guard case .full(let resultID, let items) = first else {
      Issue.record("expected a full report, got \(first)")
      return
    }
    #expect(items.map(\.code) == ["repetition/word"])
    #expect(
      try await client.request(DocumentDiagnosticRequest(textDocument: identifier, previousResultId: resultID))
        == .unchanged(resultId: resultID))
    // An edit elsewhere that keeps the findings keeps the result id.
    try client.change(
      Self.uri, version: 2,
      [
        TextDocumentContentChangeEvent(
          range: LSPRange(
            start: Position(lineIndex: 1, codeUnitColumn: 0), end: Position(lineIndex: 1, codeUnitColumn: 0)),
          text: "More.\n")
      ])
    #expect(
      try await client.request(DocumentDiagnosticRequest(textDocument: identifier, previousResultId: resultID))
        == .unchanged(resultId: resultID))
    // Fixing the text changes it.
    try client.change(Self.uri, version: 3, [TextDocumentContentChangeEvent(text: "It was the best.\n")])
    let fixed = try await client.request(
      DocumentDiagnosticRequest(textDocument: identifier, previousResultId: resultID))
    guard case .full(let newID, let newItems) = fixed else {
      Issue.record("expected a full report, got \(fixed)")
      return
    }
    #expect(newItems.isEmpty)
    #expect(newID != resultID)
    #expect(try await client.shutdownAndExit() == 0)
    // A client that pulls is not also pushed to (it would show every finding twice).
    let pushed = await client.pending().filter {
      if case .notification("textDocument/publishDiagnostics", _) = $0 { return true }
      return false
    }
    #expect(pushed.isEmpty)
  }

  @Test func closingClearsPushedDiagnostics() async throws {
    let client = TestClient()
    try await client.initialize()
    try client.open(Self.uri, "the the\n")
    #expect(try await client.nextDiagnostics(for: Self.uri).diagnostics.count == 1)
    try client.notify(DidSaveTextDocumentNotification(textDocument: TextDocumentIdentifier(uri: Self.uri)))
    try client.notify(DidCloseTextDocumentNotification(textDocument: TextDocumentIdentifier(uri: Self.uri)))
    let cleared = try await client.nextDiagnostics(for: Self.uri)
    #expect(cleared.diagnostics.isEmpty)
    #expect(cleared.version == nil)
  }

  @Test func plainTextAndUntitledDocumentsAreLinted() async throws {
    let client = TestClient()
    try await client.initialize()
    try client.open("untitled:Untitled-1", "Title\n\nWe we left.\n", languageId: "plaintext")
    let diagnostics = try await client.nextDiagnostics(for: "untitled:Untitled-1").diagnostics
    #expect(diagnostics.map(\.range.start) == [Position(lineIndex: 2, codeUnitColumn: 0)])
  }
}
