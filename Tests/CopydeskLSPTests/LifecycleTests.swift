import CopydeskCore
import CopydeskLSP
import Testing

@Suite("Server lifecycle and JSON-RPC errors")
struct LifecycleTests {
  @Test func requestsBeforeInitializeGetServerNotInitialized() async throws {
    let client = TestClient()
    let result = try await client.requestRaw(
      "textDocument/hover", ["textDocument": ["uri": "file:///a.md"], "position": ["line": 0, "character": 0]])
    #expect(
      result == .failure(ResponseError(code: -32002, message: "The server is not initialized; send “initialize” first"))
    )
    #expect(try await client.requestRaw("shutdown", nil) == .failure(.serverNotInitialized))
    // Notifications before initialize are dropped: the document is unknown afterwards.
    try client.open("file:///a.md", "the the")
    try await client.initialize()
    let pull = try await client.requestRaw("textDocument/diagnostic", ["textDocument": ["uri": "file:///a.md"]])
    #expect(pull.failureCode == -32602)
    #expect(try await client.shutdownAndExit() == 0)
  }

  @Test func initializeNegotiatesUTF16ByDefault() async throws {
    let client = TestClient()
    let result = try await client.initialize()
    #expect(result.capabilities.positionEncoding == "utf-16")
    #expect(result.offsetEncoding == "utf-16")
    #expect(result.serverInfo.name == "copydesk")
    #expect(result.capabilities.textDocumentSync.change == 2)
    #expect(result.capabilities.codeActionProvider.codeActionKinds == ["quickfix", "source.fixAll.copydesk"])
    #expect(result.capabilities.diagnosticProvider.interFileDependencies)
    #expect(try await client.shutdownAndExit() == 0)
  }

  @Test(arguments: [
    (["utf-16", "utf-8"], "utf-8"), (["utf-8"], "utf-8"), (["utf-32", "utf-16"], "utf-16"), ([], "utf-16"),
  ])
  func initializeNegotiatesUTF8WhenOffered(_ offered: [String], _ expected: String) async throws {
    let client = TestClient()
    #expect(try await client.initialize(positionEncodings: offered).capabilities.positionEncoding == expected)
  }

  @Test func initializeHonoursTheOlderOffsetEncodingCapability() async throws {
    let client = TestClient()
    let result = try await client.initialize(capabilities: ["offsetEncoding": ["utf-8", "utf-16"]])
    #expect(result.capabilities.positionEncoding == "utf-8")
  }

  @Test func secondInitializeIsAnInvalidRequest() async throws {
    let client = TestClient()
    try await client.initialize()
    let again = try await client.requestRaw("initialize", ["capabilities": [:]])
    #expect(again == .failure(ResponseError(code: -32600, message: "The server is already initialized")))
  }

  @Test func initializeWithInvalidParamsIsRejectedAndTheServerWaitsForAGoodOne() async throws {
    let client = TestClient()
    let missing = try await client.requestRaw("initialize", ["processId": 1])
    #expect(
      missing
        == .failure(
          ResponseError(code: -32602, message: "Invalid params for initialize: missing required field “capabilities”")))
    let wrongType = try await client.requestRaw("initialize", ["capabilities": [:], "rootUri": 3])
    #expect(
      wrongType
        == .failure(
          ResponseError(
            code: -32602, message: "Invalid params for initialize: rootUri: expected a string, found number")))
    #expect(try await client.initialize().capabilities.hoverProvider)
  }

  @Test func requestsAfterShutdownAreInvalidAndExitReturnsZero() async throws {
    let client = TestClient()
    try await client.initialize()
    #expect(try await client.requestRaw("shutdown", nil) == .success(.null))
    let after = try await client.requestRaw("textDocument/documentLink", ["textDocument": ["uri": "file:///a.md"]])
    #expect(after.failureCode == -32600)
    try client.notify(ExitNotification())
    #expect(await client.exitCode() == 0)
  }

  @Test func exitWithoutShutdownReturnsOne() async throws {
    let client = TestClient()
    try await client.initialize()
    try client.notify(ExitNotification())
    #expect(await client.exitCode() == 1)
  }

  @Test func endOfInputEndsTheServer() async throws {
    let beforeShutdown = TestClient()
    try await beforeShutdown.initialize()
    beforeShutdown.transport.closeInput()
    #expect(await beforeShutdown.exitCode() == 1)

    let afterShutdown = TestClient()
    try await afterShutdown.initialize()
    _ = try await afterShutdown.request(ShutdownRequest())
    afterShutdown.transport.closeInput()
    #expect(await afterShutdown.exitCode() == 0)
  }

  @Test func unknownMethodsAndInvalidParams() async throws {
    let client = TestClient()
    try await client.initialize()
    #expect(
      try await client.requestRaw("textDocument/rename", [:])
        == .failure(ResponseError(code: -32601, message: "Unknown method “textDocument/rename”")))
    let invalid = try await client.requestRaw(
      "textDocument/hover", ["textDocument": ["uri": "file:///a.md"], "position": ["line": "one", "character": 0]])
    #expect(
      invalid
        == .failure(
          ResponseError(
            code: -32602,
            message: "Invalid params for textDocument/hover: position.line: expected an integer, found string")))
    let positional = try await client.requestRaw("textDocument/hover", [1, 2])
    #expect(positional.failureCode == -32602)
    // An unknown notification gets no answer; the server keeps serving.
    client.send(.notification(method: "custom/thing", params: nil))
    #expect(try await client.shutdownAndExit() == 0)
  }

  @Test func malformedInputGetsErrorsAndTheServerKeepsServing() async throws {
    let client = TestClient()
    try await client.initialize()
    client.sendRaw(MessageFramer.frame(Array(#"{"jsonrpc":"2.0","id":1,"method":"#.utf8)))
    #expect(try await client.nextErrorWithoutID().code == -32700)
    // Garbage is reported once the stream is back in sync, as one error for the whole run.
    client.sendRaw("this is not a header\r\n\r\n")
    client.sendRaw(MessageFramer.frame(Array(#"{"id":41,"method":"shutdown"}"#.utf8)))
    #expect(
      try await client.nextErrorWithoutID()
        == ResponseError(code: -32700, message: "Skipped 24 bytes that were not part of a Content-Length header"))
    #expect(
      try await client.response(to: .number(41))
        == .failure(ResponseError(code: -32600, message: "The message needs \"jsonrpc\": \"2.0\"")))
    client.sendRaw("Content-Length: 2\r\nContent-Length: 3\r\n\r\n")
    #expect(
      try await client.nextErrorWithoutID()
        == ResponseError(code: -32700, message: "Malformed message header: conflicting Content-Length values 2 and 3"))
    client.sendRaw(MessageFramer.frame(Array(#"[{"jsonrpc":"2.0","method":"exit"}]"#.utf8)))
    #expect(
      try await client.nextErrorWithoutID() == ResponseError(code: -32600, message: "Batch messages are not supported"))
    #expect(try await client.shutdownAndExit() == 0)
  }

  @Test func oversizedMessagesAreRefused() async throws {
    let client = TestClient(options: TestClient.options(maximumContentLength: 150))
    try await client.initialize()
    let big = JSONRPCMessage.request(
      id: .number(99), method: "shutdown", params: ["padding": .string(String(repeating: "x", count: 300))])
    client.send(big)
    #expect(try await client.nextErrorWithoutID().code == -32600)
    #expect(try await client.shutdownAndExit() == 0)
  }

  @Test func cancellingAPendingRequestAnswersRequestCancelled() async throws {
    let client = TestClient()
    try await client.initialize()
    try client.open("file:///a.md", "It was the the best.\n")
    _ = try await client.nextDiagnostics(for: "file:///a.md")
    // Request and cancellation arrive in one read: the request has not started when the cancel is handled.
    let request = JSONRPCMessage.request(
      id: .string("slow"), method: "textDocument/hover",
      params: ["textDocument": ["uri": "file:///a.md"], "position": ["line": 0, "character": 8]])
    let cancel = JSONRPCMessage.notification(method: "$/cancelRequest", params: ["id": "slow"])
    client.sendRaw(client.frame(request) + client.frame(cancel))
    #expect(
      try await client.response(to: .string("slow"))
        == .failure(ResponseError(code: -32800, message: "The request was cancelled")))
    // Cancelling something unknown or finished changes nothing.
    client.send(.notification(method: "$/cancelRequest", params: ["id": 12345]))
    let hover = try await client.request(
      HoverRequest(
        textDocument: TextDocumentIdentifier(uri: "file:///a.md"), position: Position(lineIndex: 0, codeUnitColumn: 8)))
    #expect(
      hover?.range
        == LSPRange(start: Position(lineIndex: 0, codeUnitColumn: 7), end: Position(lineIndex: 0, codeUnitColumn: 14)))
    #expect(try await client.shutdownAndExit() == 0)
  }

  @Test func everyRequestGetsExactlyOneResponse() async throws {
    let client = TestClient()
    try await client.initialize()
    try client.open("file:///a.md", "It was the the best.\n")
    var frames: [UInt8] = []
    let methods = [
      "textDocument/hover", "textDocument/documentLink", "textDocument/diagnostic", "no/such",
      "textDocument/completion",
    ]
    for (index, method) in methods.enumerated() {
      frames += client.frame(
        .request(
          id: .number(1000 + index), method: method,
          params: [
            "textDocument": ["uri": "file:///a.md"], "position": ["line": 0, "character": 8],
            "range": ["start": ["line": 0, "character": 0], "end": ["line": 0, "character": 0]],
          ]))
    }
    // A duplicate id while the first is pending is refused, and the first still gets its own answer.
    frames += client.frame(.request(id: .number(1000), method: "textDocument/hover", params: [:]))
    client.sendRaw(frames)
    for index in methods.indices {
      _ = try await client.response(to: .number(1000 + index))
    }
    #expect(try await client.shutdownAndExit() == 0)
    let responses = await client.pending().compactMap { message -> RequestID? in
      if case .response(let id, _) = message { return id }
      return nil
    }
    // The only extra response is the refusal of the duplicate id; nothing was answered twice otherwise.
    #expect(responses == [.number(1000)])
  }

  @Test func logsGoToTheClientLogOnceInitialized() async throws {
    let client = TestClient()
    try await client.initialize()
    try client.change("file:///never-opened.md", version: 2, [TextDocumentContentChangeEvent(text: "x")])
    let log = try await client.nextNotification(LogMessageNotification.self)
    #expect(log.type == .warning)
    #expect(log.message == "Ignored a change to file:///never-opened.md, which is not open")
  }
}

extension Result where Failure == ResponseError {
  var failureCode: Int? {
    if case .failure(let error) = self { return error.code }
    return nil
  }
}
