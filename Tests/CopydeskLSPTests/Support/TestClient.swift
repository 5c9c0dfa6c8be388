import CopydeskCore
import CopydeskLSP
import CopydeskWorkspace
import Foundation
import Synchronization
import Testing

/// What the server sent, kept until a test takes it.
actor Mailbox {
  private var messages: [JSONRPCMessage] = []
  private(set) var isClosed = false

  func append(_ message: JSONRPCMessage) { messages.append(message) }
  func close() { isClosed = true }

  /// Removes and returns the first message matching `predicate`.
  func take(where predicate: @Sendable (JSONRPCMessage) -> Bool) -> JSONRPCMessage? {
    guard let index = messages.firstIndex(where: predicate) else { return nil }
    return messages.remove(at: index)
  }

  func all() -> [JSONRPCMessage] { messages }
}

/// An LSP client driving a real `LanguageServer` in-process over an `InMemoryTransport`.
///
/// Everything the server sends goes through `MessageFramer` and `JSONRPCMessage.parse`, so the tests check the
/// wire format too.
final class TestClient: Sendable {
  let transport = InMemoryTransport()
  let server: LanguageServer
  let mailbox = Mailbox()
  private let serverTask: Task<Int32, Never>
  private let pump: Task<Void, Never>
  private let ids = IDCounter()
  /// How long to wait for a message before failing. Generous: a healthy exchange takes milliseconds, but the
  /// whole test run shares a small cooperative thread pool with CPU-heavy suites that can starve it for a while.
  static let timeout: Duration = .seconds(120)

  /// Server options for tests: no debounce, quiet, and only `repetition/word`, so findings stay the same as the
  /// built-in rule set grows.
  static func options(
    debounce: Duration = .zero, maximumContentLength: Int = MessageFramer.defaultMaximumContentLength,
    rules: [RuleID] = ["repetition/word"]
  ) -> ServerOptions {
    ServerOptions(
      debounce: debounce, maximumContentLength: maximumContentLength, logsToStandardError: false, indexingWorkers: 1,
      ruleSelection: RuleSelection(only: rules))
  }

  init(options: ServerOptions = TestClient.options()) {
    server = LanguageServer(transport: transport, options: options)
    let server = server
    let transport = transport
    serverTask = Task {
      let code = await server.run()
      transport.closeOutput()
      return code
    }
    let mailbox = mailbox
    pump = Task {
      var framer = MessageFramer()
      for await frame in transport.outgoing {
        framer.append(frame)
        while let event = framer.next() {
          guard case .message(let body) = event, case .success(let message) = JSONRPCMessage.parse(body) else {
            Issue.record("the server sent an unparseable frame: \(event)")
            continue
          }
          await mailbox.append(message)
        }
      }
      await mailbox.close()
    }
  }

  // MARK: Sending

  func sendRaw(_ bytes: [UInt8]) { transport.receive(bytes) }
  func sendRaw(_ text: String) { transport.receive(Array(text.utf8)) }

  func frame(_ message: JSONRPCMessage) -> [UInt8] { MessageFramer.frame(message.encoded) }

  func send(_ message: JSONRPCMessage) { transport.receive(frame(message)) }

  func nextID() -> RequestID { .number(ids.next()) }

  func notify<Notification: LSPNotification>(_ notification: Notification) throws {
    send(.notification(method: Notification.method, params: try JSONValueEncoder().encode(notification)))
  }

  /// Sends a request and waits for its one response.
  func requestRaw(_ method: String, _ params: JSONValue?) async throws -> Result<JSONValue, ResponseError> {
    let id = nextID()
    send(.request(id: id, method: method, params: params))
    return try await response(to: id)
  }

  /// Sends a typed request and decodes the result; an error response is thrown as `ResponseError`.
  func request<Request: LSPRequest>(_ request: Request) async throws -> Request.Response {
    let result = try await requestRaw(Request.method, try JSONValueEncoder().encode(request))
    return try JSONValueDecoder().decode(Request.Response.self, from: try result.get())
  }

  // MARK: Receiving

  struct TimeoutError: Error, CustomStringConvertible {
    var waitingFor: String
    var description: String { "timed out waiting for \(waitingFor)" }
  }

  func next(_ what: String, where predicate: @escaping @Sendable (JSONRPCMessage) -> Bool) async throws
    -> JSONRPCMessage
  {
    let clock = ContinuousClock()
    let deadline = clock.now + TestClient.timeout
    while true {
      if let message = await mailbox.take(where: predicate) { return message }
      if await mailbox.isClosed || clock.now > deadline { throw TimeoutError(waitingFor: what) }
      try await Task.sleep(for: .milliseconds(2))
    }
  }

  func response(to id: RequestID) async throws -> Result<JSONValue, ResponseError> {
    let message = try await next("the response to \(id)") {
      if case .response(let responseID, _) = $0 { return responseID == id }
      return false
    }
    guard case .response(_, let result) = message else { fatalError("unreachable") }
    return result
  }

  /// The next error response with a null id (framing and parse errors).
  func nextErrorWithoutID() async throws -> ResponseError {
    let message = try await next("an error without id") {
      if case .errorWithoutID = $0 { return true }
      return false
    }
    guard case .errorWithoutID(let error) = message else { fatalError("unreachable") }
    return error
  }

  func nextNotification<Notification: LSPNotification>(
    _ type: Notification.Type, where predicate: @escaping @Sendable (Notification) -> Bool = { _ in true }
  ) async throws -> Notification {
    let message = try await next(Notification.method) {
      guard case .notification(let method, let params) = $0, method == Notification.method,
        let decoded = try? JSONValueDecoder().decode(Notification.self, from: params ?? [:])
      else { return false }
      return predicate(decoded)
    }
    guard case .notification(_, let params) = message else { fatalError("unreachable") }
    return try JSONValueDecoder().decode(Notification.self, from: params ?? [:])
  }

  /// The next `publishDiagnostics` for `uri` (optionally for a given version).
  func nextDiagnostics(for uri: DocumentURI, version: Int? = nil) async throws -> PublishDiagnosticsNotification {
    try await nextNotification(PublishDiagnosticsNotification.self) {
      $0.uri == uri && (version == nil || $0.version == version)
    }
  }

  /// The next request the server sent to the client; answered with `null`.
  func nextServerRequest(_ method: String) async throws -> JSONValue? {
    let message = try await next("a \(method) request") {
      if case .request(_, let requestMethod, _) = $0 { return requestMethod == method }
      return false
    }
    guard case .request(let id, _, let params) = message else { fatalError("unreachable") }
    send(.response(id: id, result: .success(.null)))
    return params
  }

  /// Every message received and not yet taken.
  func pending() async -> [JSONRPCMessage] { await mailbox.all() }

  // MARK: Sessions

  /// `initialize` + `initialized`.
  @discardableResult
  func initialize(
    positionEncodings: [String]? = nil, rootPath: String? = nil, capabilities: JSONValue = [:],
    initializationOptions: JSONValue? = nil
  ) async throws -> InitializeResult {
    var capabilities = capabilities
    if let positionEncodings, var object = capabilities.objectValue {
      object.set("general", ["positionEncodings": .array(positionEncodings.map { .string($0) })])
      capabilities = .object(object)
    }
    let result = try await request(
      InitializeRequest(
        processId: nil, rootUri: rootPath.map(FileURI.uri(forPath:)), capabilities: capabilities,
        initializationOptions: initializationOptions))
    try notify(InitializedNotification())
    return result
  }

  func open(_ uri: DocumentURI, _ text: String, version: Int = 1, languageId: String = "markdown") throws {
    try notify(
      DidOpenTextDocumentNotification(
        textDocument: TextDocumentItem(uri: uri, languageId: languageId, version: version, text: text)))
  }

  func change(_ uri: DocumentURI, version: Int, _ changes: [TextDocumentContentChangeEvent]) throws {
    try notify(
      DidChangeTextDocumentNotification(
        textDocument: VersionedTextDocumentIdentifier(uri: uri, version: version), contentChanges: changes))
  }

  /// `shutdown` then `exit`; returns the server's exit code.
  func shutdownAndExit() async throws -> Int32 {
    _ = try await request(ShutdownRequest())
    try notify(ExitNotification())
    return await exitCode()
  }

  func exitCode() async -> Int32 { await serverTask.value }

  deinit {
    transport.closeInput()
    pump.cancel()
  }
}

final class IDCounter: Sendable {
  private let value = Mutex(0)
  func next() -> Int {
    value.withLock {
      $0 += 1; return $0
    }
  }
}

/// A temporary folder for a workspace, removed at the end of the test.
final class TemporaryFolder: Sendable {
  let path: String

  init() throws {
    let base = FileManager.default.temporaryDirectory.appendingPathComponent("copydesk-lsp-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
    // Canonical, so paths compare equal to what the server resolves.
    path = base.resolvingSymlinksInPath().path
  }

  @discardableResult
  func write(_ relativePath: String, _ text: String) throws -> DocumentURI {
    let url = URL(fileURLWithPath: path).appendingPathComponent(relativePath)
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try text.write(to: url, atomically: true, encoding: .utf8)
    return uri(relativePath)
  }

  func remove(_ relativePath: String) throws {
    try FileManager.default.removeItem(atPath: path + "/" + relativePath)
  }

  func uri(_ relativePath: String) -> DocumentURI { FileURI.uri(forPath: path + "/" + relativePath) }

  deinit { try? FileManager.default.removeItem(atPath: path) }
}

/// Applies LSP edits to a string in the given encoding (as a client would).
func applying(_ edits: [LSPTextEdit], to text: String, encoding: PositionEncoding) -> String {
  var source = SourceText(text)
  for edit in edits.sorted(by: { $0.range.start > $1.range.start }) {
    source = DocumentStore.apply(
      [TextDocumentContentChangeEvent(range: edit.range, text: edit.newText)], to: source, encoding: encoding)
  }
  return source.string
}

/// The text a range covers, in the given encoding.
func text(in range: LSPRange, of text: String, encoding: PositionEncoding) -> String {
  let source = SourceText(text)
  return source[Conversions.textRange(range, in: source, encoding: encoding)]
}
