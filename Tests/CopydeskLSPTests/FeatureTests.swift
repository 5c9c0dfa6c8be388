import CopydeskCore
import CopydeskLSP
import Foundation
import Testing

@Suite("Code actions, hover, navigation and completion")
struct FeatureTests {
  static let uri = "file:///draft.md"

  private func codeActions(
    _ client: TestClient, range: LSPRange, diagnostics: [JSONValue], only: [String]? = nil,
    uri: DocumentURI = FeatureTests.uri
  ) async throws -> [CodeAction] {
    try await client.request(
      CodeActionRequest(
        textDocument: TextDocumentIdentifier(uri: uri), range: range,
        context: CodeActionContext(diagnostics: diagnostics.map(LSPAny.init), only: only)))
  }

  private static func point(_ line: Int, _ column: Int) -> LSPRange {
    LSPRange(
      start: Position(lineIndex: line, codeUnitColumn: column), end: Position(lineIndex: line, codeUnitColumn: column))
  }

  /// Neovim 0.7 sends diagnostics back with byte columns labelled as UTF-16: the server must use its own ranges.
  @Test func quickFixTrustsDataNotTheClientsRange() async throws {
    let client = TestClient()
    try await client.initialize(capabilities: ["workspace": ["workspaceEdit": ["documentChanges": true]]])
    let text = "😀😀 It was the the best.\n"
    try client.open(Self.uri, text, version: 3)
    let published = try await client.nextDiagnostics(for: Self.uri)
    var echoed = try JSONValueEncoder().encode(published.diagnostics[0]).objectValue!
    #expect(
      published.diagnostics[0].range
        == LSPRange(
          start: Position(lineIndex: 0, codeUnitColumn: 12), end: Position(lineIndex: 0, codeUnitColumn: 19)))
    // Byte columns (4 + 4 + 1 + 7 = 16 … 23) where the UTF-16 columns are 12 … 19.
    echoed.set(
      "range",
      try JSONValueEncoder().encode(
        LSPRange(
          start: Position(lineIndex: 0, codeUnitColumn: 16), end: Position(lineIndex: 0, codeUnitColumn: 23))))
    let actions = try await codeActions(
      client, range: Self.point(0, 16), diagnostics: [.object(echoed)], only: ["quickfix"])
    #expect(actions.count == 1)
    let action = try #require(actions.first)
    #expect(action.title == "Delete the repeated “the”")
    #expect(action.kind == "quickfix")
    #expect(action.isPreferred == true)
    #expect(action.diagnostics == [published.diagnostics[0]])
    let change = try #require(action.edit?.documentChanges?.first)
    #expect(change.textDocument == OptionalVersionedTextDocumentIdentifier(uri: Self.uri, version: 3))
    #expect(
      change.edits == [
        LSPTextEdit(
          range: LSPRange(
            start: Position(lineIndex: 0, codeUnitColumn: 15), end: Position(lineIndex: 0, codeUnitColumn: 19)),
          newText: "")
      ])
    #expect(applying(change.edits, to: text, encoding: .utf16) == "😀😀 It was the best.\n")
  }

  @Test func unknownOrOutdatedDataOffersNoQuickFix() async throws {
    let client = TestClient()
    try await client.initialize()
    try client.open(Self.uri, "It was the the best.\n")
    let published = try await client.nextDiagnostics(for: Self.uri)
    var forged = try JSONValueEncoder().encode(published.diagnostics[0]).objectValue!
    forged.set("data", ["rule": "repetition/word", "utf8Start": 7, "utf8End": 14, "fingerprint": "0000000000000000"])
    let other: JSONValue = [
      "range": ["start": ["line": 0, "character": 0], "end": ["line": 0, "character": 1]], "message": "spelling",
      "source": "other", "data": 42,
    ]
    let actions = try await codeActions(
      client, range: Self.point(0, 8), diagnostics: [.object(forged), other], only: ["quickfix"])
    #expect(actions.isEmpty)
  }

  @Test func withoutDiagnosticsTheRangeSelectsFixes() async throws {
    let client = TestClient()
    try await client.initialize()
    try client.open(Self.uri, "It was the the best. We we left.\n")
    _ = try await client.nextDiagnostics(for: Self.uri)
    let atSecond = try await codeActions(client, range: Self.point(0, 22), diagnostics: [], only: ["quickfix"])
    #expect(atSecond.map(\.title) == ["Delete the repeated “we”"])
    #expect(atSecond.first?.edit?.changes?[Self.uri]?.count == 1)
    let nowhere = try await codeActions(client, range: Self.point(0, 2), diagnostics: [], only: ["quickfix"])
    #expect(nowhere.isEmpty)
  }

  @Test func fixAllReachesTheFixpoint() async throws {
    let client = TestClient()
    try await client.initialize()
    let text = "# Title\n\n👍 It was the the the best. We we left.\n\nNothing to fix here.\n"
    try client.open(Self.uri, text)
    _ = try await client.nextDiagnostics(for: Self.uri)
    let actions = try await codeActions(client, range: Self.point(0, 0), diagnostics: [], only: ["source.fixAll"])
    #expect(actions.map(\.kind) == ["source.fixAll.copydesk"])
    let edits = try #require(actions.first?.edit?.changes?[Self.uri])
    // One edit per changed region: nothing outside the fixed line is rewritten.
    #expect(!edits.isEmpty)
    #expect(edits.allSatisfy { $0.range.start.lineIndex == 2 && $0.range.end.lineIndex == 2 })
    #expect(
      applying(edits, to: text, encoding: .utf16) == "# Title\n\n👍 It was the best. We left.\n\nNothing to fix here.\n")
    // Without `only`, both kinds come back; with an unrelated kind, none.
    let all = try await codeActions(client, range: Self.point(2, 12), diagnostics: [])
    #expect(all.map(\.kind) == ["quickfix", "source.fixAll.copydesk"])
    #expect(try await codeActions(client, range: Self.point(2, 12), diagnostics: [], only: ["refactor"]).isEmpty)
  }

  @Test func fixAllIsAbsentWhenNothingIsFixable() async throws {
    let client = TestClient()
    try await client.initialize()
    try client.open(Self.uri, "All clean.\n")
    _ = try await client.nextDiagnostics(for: Self.uri)
    #expect(try await codeActions(client, range: Self.point(0, 0), diagnostics: []).isEmpty)
  }

  @Test func hoverExplainsTheRule() async throws {
    let client = TestClient()
    try await client.initialize(capabilities: ["textDocument": ["hover": ["contentFormat": ["markdown", "plaintext"]]]])
    try client.open(Self.uri, "😀 It was the the best.\n")
    _ = try await client.nextDiagnostics(for: Self.uri)
    let identifier = TextDocumentIdentifier(uri: Self.uri)
    let hover = try #require(
      try await client.request(
        HoverRequest(textDocument: identifier, position: Position(lineIndex: 0, codeUnitColumn: 14))))
    #expect(hover.contents.kind == "markdown")
    #expect(
      hover.contents.value.hasPrefix(
        "**“the” is repeated; delete the second one** `repetition/word`\n\n```text\nrepetition/word — Repeated Word\n"))
    #expect(
      hover.range
        == LSPRange(start: Position(lineIndex: 0, codeUnitColumn: 10), end: Position(lineIndex: 0, codeUnitColumn: 17)))
    #expect(
      try await client.request(
        HoverRequest(textDocument: identifier, position: Position(lineIndex: 0, codeUnitColumn: 4))) == nil)
  }

  @Test func hoverIsPlainTextForPlainClients() async throws {
    let client = TestClient()
    try await client.initialize()
    try client.open(Self.uri, "the the\n")
    let hover = try #require(
      try await client.request(
        HoverRequest(
          textDocument: TextDocumentIdentifier(uri: Self.uri), position: Position(lineIndex: 0, codeUnitColumn: 0))))
    #expect(hover.contents.kind == "plaintext")
    #expect(
      hover.contents.value.hasPrefix(
        "“the” is repeated; delete the second one [repetition/word]\n\nrepetition/word — Repeated Word"))
  }

  @Test func requestsOnUnopenedDocumentsAreInvalidParams() async throws {
    let client = TestClient()
    try await client.initialize()
    let result = try await client.requestRaw(
      "textDocument/codeAction",
      [
        "textDocument": ["uri": "file:///nowhere.md"], "range": try JSONValueEncoder().encode(Self.point(0, 0)),
        "context": ["diagnostics": []],
      ])
    #expect(
      result
        == .failure(
          ResponseError(
            code: -32602, message: "The document file:///nowhere.md is not open; send textDocument/didOpen first")))
  }
}

@Suite("Workspace: indexing, navigation, watched files, configuration")
struct WorkspaceFeatureTests {
  /// A workspace with a Markdown chain a → b → c and a plain-text pair.
  private func makeWorkspace() throws -> TemporaryFolder {
    let folder = try TemporaryFolder()
    try folder.write("a.md", "---\ntitle: First Steps\nnext: b\n---\n\nIntro.\n")
    try folder.write("b.md", "---\ntitle: Second Thoughts\nslug: b\nprevious: a\nnext: c\n---\n\nMiddle.\n")
    try folder.write("c.md", "---\ntitle: Third Act\nprevious: b\n---\n\nEnd.\n")
    try folder.write("news/story.txt", "Iran and Russia\n\nBody text.\n\nPrevious Article\n\nThird Act\n")
    try folder.write("archive/old.md", "---\ntitle: Old Piece\n---\n")
    try folder.write(".copydesk.json", #"{ "ignore": ["archive/**"] }"#)
    return folder
  }

  /// Initializes on the folder and waits until it is indexed.
  private func start(
    _ folder: TemporaryFolder, capabilities: JSONValue = [:], options: ServerOptions = TestClient.options()
  ) async throws -> TestClient {
    let client = TestClient(options: options)
    try await client.initialize(rootPath: folder.path, capabilities: capabilities)
    let indexed = try await client.nextNotification(LogMessageNotification.self) { $0.message.hasPrefix("Indexed") }
    #expect(indexed.message.hasPrefix("Indexed 4 drafts in \(folder.path) in "))
    return client
  }

  @Test func definitionAndLinksFollowPreviousAndNext() async throws {
    let folder = try makeWorkspace()
    let client = try await start(folder)
    let b = folder.uri("b.md")
    let text = try String(contentsOfFile: folder.path + "/b.md", encoding: .utf8)
    try client.open(b, text)
    let identifier = TextDocumentIdentifier(uri: b)
    let origin = LSPRange(
      start: Position(lineIndex: 0, codeUnitColumn: 0), end: Position(lineIndex: 0, codeUnitColumn: 0))
    #expect(
      try await client.request(
        DefinitionRequest(textDocument: identifier, position: Position(lineIndex: 3, codeUnitColumn: 11)))
        == Location(uri: folder.uri("a.md"), range: origin))
    #expect(
      try await client.request(
        DefinitionRequest(textDocument: identifier, position: Position(lineIndex: 4, codeUnitColumn: 6)))
        == Location(uri: folder.uri("c.md"), range: origin))
    #expect(
      try await client.request(
        DefinitionRequest(textDocument: identifier, position: Position(lineIndex: 7, codeUnitColumn: 0))) == nil)
    let links = try await client.request(DocumentLinkRequest(textDocument: identifier))
    #expect(
      links == [
        DocumentLink(
          range: LSPRange(
            start: Position(lineIndex: 3, codeUnitColumn: 10), end: Position(lineIndex: 3, codeUnitColumn: 11)),
          target: folder.uri("a.md"), tooltip: "Open the previous article, “First Steps”"),
        DocumentLink(
          range: LSPRange(
            start: Position(lineIndex: 4, codeUnitColumn: 6), end: Position(lineIndex: 4, codeUnitColumn: 7)),
          target: folder.uri("c.md"), tooltip: "Open the next article, “Third Act”"),
      ])
    // A plain-text footer names its neighbour by title.
    let story = folder.uri("news/story.txt")
    try client.open(story, "Iran and Russia\n\nBody text.\n\nPrevious Article\n\nThird Act\n", languageId: "plaintext")
    let storyLinks = try await client.request(DocumentLinkRequest(textDocument: TextDocumentIdentifier(uri: story)))
    #expect(storyLinks.map(\.target) == [folder.uri("c.md")])
    #expect(
      storyLinks.first?.range
        == LSPRange(start: Position(lineIndex: 6, codeUnitColumn: 0), end: Position(lineIndex: 6, codeUnitColumn: 9)))
  }

  @Test func completionOffersSlugsInFrontMatterAndTitlesInTheFooter() async throws {
    let folder = try makeWorkspace()
    let client = try await start(folder)
    let draft = folder.uri("d.md")
    try client.open(draft, "---\ntitle: Fourth\nprevious: \n---\n\nPrevious Article\n\nThi\n")
    let inFrontMatter = try await client.request(
      CompletionRequest(
        textDocument: TextDocumentIdentifier(uri: draft), position: Position(lineIndex: 2, codeUnitColumn: 10)))
    #expect(inFrontMatter.items.map(\.label) == ["a", "b", "c", "story"])
    #expect(inFrontMatter.items.map(\.detail) == ["First Steps", "Second Thoughts", "Third Act", "Iran and Russia"])
    #expect(
      inFrontMatter.items.first?.textEdit
        == LSPTextEdit(
          range: LSPRange(
            start: Position(lineIndex: 2, codeUnitColumn: 10), end: Position(lineIndex: 2, codeUnitColumn: 10)),
          newText: "a"))
    let inFooter = try await client.request(
      CompletionRequest(
        textDocument: TextDocumentIdentifier(uri: draft), position: Position(lineIndex: 7, codeUnitColumn: 3)))
    #expect(inFooter.items.map(\.label) == ["First Steps", "Second Thoughts", "Third Act", "Iran and Russia"])
    #expect(
      inFooter.items[2].textEdit
        == LSPTextEdit(
          range: LSPRange(
            start: Position(lineIndex: 7, codeUnitColumn: 0), end: Position(lineIndex: 7, codeUnitColumn: 3)),
          newText: "Third Act"))
    let elsewhere = try await client.request(
      CompletionRequest(
        textDocument: TextDocumentIdentifier(uri: draft), position: Position(lineIndex: 1, codeUnitColumn: 8)))
    #expect(elsewhere.items.isEmpty)
  }

  @Test func watchedFilesAreRegisteredAndReindexed() async throws {
    let folder = try makeWorkspace()
    let client = TestClient()
    try await client.initialize(
      rootPath: folder.path, capabilities: ["workspace": ["didChangeWatchedFiles": ["dynamicRegistration": true]]])
    let registration = try #require(try await client.nextServerRequest("client/registerCapability"))
    #expect(registration["registrations"]?.arrayValue?.first?["method"] == "workspace/didChangeWatchedFiles")
    #expect(registration["registrations"]?.arrayValue?.first?["registerOptions"]?["watchers"]?.arrayValue?.count == 2)
    _ = try await client.nextNotification(LogMessageNotification.self) { $0.message.hasPrefix("Indexed") }

    let story = folder.uri("news/story.txt")
    try client.open(
      story, "Iran and Russia\n\nBody text.\n\nPrevious Article\n\nFourth Wall\n", languageId: "plaintext")
    _ = try await client.nextDiagnostics(for: story, version: 1)
    #expect(try await client.request(DocumentLinkRequest(textDocument: TextDocumentIdentifier(uri: story))).isEmpty)

    // A new draft titled like the story's dangling reference: the story is re-checked and now links to it.
    let created = try folder.write("d.md", "---\ntitle: Fourth Wall\n---\n")
    try client.notify(DidChangeWatchedFilesNotification(changes: [FileEvent(uri: created, type: .created)]))
    _ = try await client.nextDiagnostics(for: story, version: 1)
    #expect(
      try await client.request(DocumentLinkRequest(textDocument: TextDocumentIdentifier(uri: story))).map(\.target) == [
        created
      ])

    // Deleting it breaks the link again, and re-checks the story again.
    try folder.remove("d.md")
    try client.notify(DidChangeWatchedFilesNotification(changes: [FileEvent(uri: created, type: .deleted)]))
    _ = try await client.nextDiagnostics(for: story, version: 1)
    #expect(try await client.request(DocumentLinkRequest(textDocument: TextDocumentIdentifier(uri: story))).isEmpty)
  }

  @Test func renamingAnOpenDraftRechecksTheDraftsThatNameIt() async throws {
    let folder = try makeWorkspace()
    let client = try await start(folder)
    let story = folder.uri("news/story.txt")
    try client.open(story, "Iran and Russia\n\nBody text.\n\nPrevious Article\n\nThird Act\n", languageId: "plaintext")
    _ = try await client.nextDiagnostics(for: story)
    let c = folder.uri("c.md")
    try client.open(c, "---\ntitle: Third Act\nprevious: b\n---\n\nEnd.\n")
    _ = try await client.nextDiagnostics(for: c)
    // Retitling c: the story, which names it by title, gets fresh diagnostics without being edited.
    try client.change(
      c, version: 2,
      [
        TextDocumentContentChangeEvent(
          range: LSPRange(
            start: Position(lineIndex: 1, codeUnitColumn: 7), end: Position(lineIndex: 1, codeUnitColumn: 16)),
          text: "Final Act")
      ])
    _ = try await client.nextDiagnostics(for: c, version: 2)
    #expect(try await client.nextDiagnostics(for: story).version == 1)
    #expect(try await client.request(DocumentLinkRequest(textDocument: TextDocumentIdentifier(uri: story))).isEmpty)
    // Closing c without saving puts the title on disk back into the corpus.
    try client.notify(DidCloseTextDocumentNotification(textDocument: TextDocumentIdentifier(uri: c)))
    _ = try await client.nextDiagnostics(for: story)
    #expect(
      try await client.request(DocumentLinkRequest(textDocument: TextDocumentIdentifier(uri: story))).map(\.target) == [
        c
      ])
  }

  @Test func ignoredFilesAreNotIndexedNorLinted() async throws {
    let folder = try makeWorkspace()
    let client = try await start(folder)
    let old = folder.uri("archive/old.md")
    try client.open(old, "---\ntitle: Old Piece\n---\n\nthe the\n")
    #expect(try await client.nextDiagnostics(for: old).diagnostics.isEmpty)
  }

  @Test func configurationChangesReloadAndRecheck() async throws {
    let folder = try makeWorkspace()
    let client = try await start(folder)
    let draft = folder.uri("a.md")
    try client.open(draft, "---\ntitle: First Steps\nnext: b\n---\n\nIt was the the best.\n")
    #expect(try await client.nextDiagnostics(for: draft).diagnostics.map(\.severity) == [.warning])

    try folder.write(".copydesk.json", #"{ "rules": { "repetition/word": "error" }, "ignore": ["archive/**"] }"#)
    try client.notify(
      DidChangeWatchedFilesNotification(changes: [FileEvent(uri: folder.uri(".copydesk.json"), type: .changed)]))
    // A reload publishes at once and again once the folder is re-indexed; wait for the new severity.
    _ = try await client.nextNotification(PublishDiagnosticsNotification.self) {
      $0.uri == draft && $0.diagnostics.map(\.severity) == [.error]
    }

    try folder.write(".copydesk.json", #"{ "rules": { "repetition/word": "hint" } }"#)
    try client.notify(DidChangeConfigurationNotification(settings: LSPAny(["copydesk": ["debounceMilliseconds": 0]])))
    _ = try await client.nextNotification(PublishDiagnosticsNotification.self) {
      $0.uri == draft && $0.diagnostics.map(\.severity) == [.hint]
    }
  }

  @Test func aBrokenConfigurationIsReportedOnItsFile() async throws {
    let folder = try makeWorkspace()
    try folder.write(".copydesk.json", "{\n  \"rules\": { \"repetition/wrd\": \"error\" }\n}\n")
    let client = TestClient()
    try await client.initialize(rootPath: folder.path)
    let configuration = folder.uri(".copydesk.json")
    let published = try await client.nextDiagnostics(for: configuration)
    let diagnostic = try #require(published.diagnostics.first)
    #expect(diagnostic.severity == .error)
    #expect(diagnostic.range.start.lineIndex == 1)
    #expect(diagnostic.message.contains("repetition/wrd"))
    let shown = try await client.nextNotification(ShowMessageNotification.self)
    #expect(shown.type == .error)
    // Drafts are still checked, with the built-in rules.
    let draft = folder.uri("a.md")
    try client.open(draft, "the the\n")
    #expect(try await client.nextDiagnostics(for: draft).diagnostics.count == 1)
    // Fixing the file clears its diagnostic.
    try folder.write(".copydesk.json", "{}\n")
    try client.notify(DidChangeWatchedFilesNotification(changes: [FileEvent(uri: configuration, type: .changed)]))
    #expect(try await client.nextDiagnostics(for: configuration).diagnostics.isEmpty)
  }

  @Test func savingTheConfigurationInTheEditorReloadsIt() async throws {
    let folder = try makeWorkspace()
    let client = try await start(folder)
    let draft = folder.uri("a.md")
    try client.open(draft, "the the\n")
    #expect(try await client.nextDiagnostics(for: draft).diagnostics.map(\.severity) == [.warning])
    // A client without file watching: the configuration is open in the editor and saved there.
    let configuration = folder.uri(".copydesk.json")
    let text = #"{ "rules": { "repetition/word": "error" } }"#
    try client.open(configuration, text, languageId: "json")
    try folder.write(".copydesk.json", text)
    try client.notify(DidSaveTextDocumentNotification(textDocument: TextDocumentIdentifier(uri: configuration)))
    _ = try await client.nextNotification(PublishDiagnosticsNotification.self) {
      $0.uri == draft && $0.diagnostics.map(\.severity) == [.error]
    }
  }

  @Test func pullClientsAreAskedToRefreshWhenANamedDraftChanges() async throws {
    let folder = try makeWorkspace()
    let client = try await start(
      folder,
      capabilities: [
        "textDocument": ["diagnostic": [:]], "workspace": ["diagnostics": ["refreshSupport": true]],
      ])
    let story = folder.uri("news/story.txt")
    try client.open(story, "Iran and Russia\n\nBody text.\n\nPrevious Article\n\nThird Act\n", languageId: "plaintext")
    let c = folder.uri("c.md")
    try client.open(c, "---\ntitle: Third Act\nprevious: b\n---\n\nEnd.\n")
    _ = try await client.request(DocumentDiagnosticRequest(textDocument: TextDocumentIdentifier(uri: c)))
    try client.change(
      c, version: 2,
      [
        TextDocumentContentChangeEvent(
          range: LSPRange(
            start: Position(lineIndex: 1, codeUnitColumn: 7), end: Position(lineIndex: 1, codeUnitColumn: 16)),
          text: "Final Act")
      ])
    _ = try await client.request(DocumentDiagnosticRequest(textDocument: TextDocumentIdentifier(uri: c)))
    #expect(try await client.nextServerRequest("workspace/diagnostic/refresh") == nil)
  }

  /// The navigation rules see the whole workspace: a dangling footer is fixed by creating the draft it names
  /// and broken again by renaming that draft in the editor, without the footer's draft being touched.
  @Test func navigationFindingsFollowTheCorpus() async throws {
    let folder = try makeWorkspace()
    let client = try await start(
      folder, options: TestClient.options(rules: ["navigation/dangling", "navigation/self"]))
    let story = folder.uri("news/story.txt")
    try client.open(
      story, "Iran and Russia\n\nBody text.\n\nPrevious Article\n\nFourth Wall\n", languageId: "plaintext")
    let dangling = try await client.nextDiagnostics(for: story)
    #expect(dangling.diagnostics.map(\.code) == ["navigation/dangling"])
    #expect(
      dangling.diagnostics.first?.range
        == LSPRange(
          start: Position(lineIndex: 6, codeUnitColumn: 0), end: Position(lineIndex: 6, codeUnitColumn: 11)))

    let created = try folder.write("d.md", "---\ntitle: Fourth Wall\n---\n\nText.\n")
    try client.notify(DidChangeWatchedFilesNotification(changes: [FileEvent(uri: created, type: .created)]))
    #expect(try await client.nextDiagnostics(for: story).diagnostics.isEmpty)

    try client.open(created, "---\ntitle: Fourth Wall\n---\n\nText.\n")
    #expect(try await client.nextDiagnostics(for: created).diagnostics.isEmpty)
    try client.change(
      created, version: 2,
      [
        TextDocumentContentChangeEvent(
          range: LSPRange(
            start: Position(lineIndex: 1, codeUnitColumn: 7), end: Position(lineIndex: 1, codeUnitColumn: 13)),
          text: "Fifth")
      ])
    _ = try await client.nextDiagnostics(for: created, version: 2)
    #expect(try await client.nextDiagnostics(for: story).diagnostics.map(\.code) == ["navigation/dangling"])

    // A draft naming itself: the server tells the rules which corpus entry the open document is.
    try client.change(
      created, version: 3,
      [
        TextDocumentContentChangeEvent(
          range: LSPRange(
            start: Position(lineIndex: 1, codeUnitColumn: 17), end: Position(lineIndex: 1, codeUnitColumn: 17)),
          text: "\nnext: d")
      ])
    let own = try await client.nextDiagnostics(for: created, version: 3)
    #expect(own.diagnostics.map(\.code) == ["navigation/self"])
  }

  @Test func workspaceFoldersCanBeAdded() async throws {
    let folder = try makeWorkspace()
    let client = TestClient()
    try await client.initialize()
    let story = folder.uri("news/story.txt")
    try client.open(story, "Iran and Russia\n\nPrevious Article\n\nThird Act\n", languageId: "plaintext")
    _ = try await client.nextDiagnostics(for: story)
    #expect(try await client.request(DocumentLinkRequest(textDocument: TextDocumentIdentifier(uri: story))).isEmpty)
    try client.notify(
      DidChangeWorkspaceFoldersNotification(
        event: .init(
          added: [WorkspaceFolder(uri: FileURI.uri(forPath: folder.path), name: "drafts")], removed: [])))
    _ = try await client.nextNotification(LogMessageNotification.self) { $0.message.hasPrefix("Indexed") }
    #expect(
      try await client.request(DocumentLinkRequest(textDocument: TextDocumentIdentifier(uri: story))).map(\.target) == [
        folder.uri("c.md")
      ])
  }
}
