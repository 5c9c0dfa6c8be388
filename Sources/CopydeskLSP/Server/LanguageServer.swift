import CopydeskCore
public import CopydeskWorkspace
import Foundation

/// Settings of one server instance that are not negotiated with the client.
public struct ServerOptions: Sendable {
  /// How long to wait after the last change before linting (0 lints at once). `initializationOptions`
  /// (`debounceMilliseconds`) and `workspace/didChangeConfiguration` (`copydesk.debounceMilliseconds`) override it.
  public var debounce: Duration
  /// Larger messages are refused.
  public var maximumContentLength: Int
  /// Whether logs also go to standard error (they always go to `window/logMessage` once initialized).
  public var logsToStandardError: Bool
  /// Threads used to index a workspace folder (default: all cores but one).
  public var indexingWorkers: Int
  /// Rules to run or skip on top of every configuration (like the CLI's `--rule` and `--disable`).
  public var ruleSelection: RuleSelection

  public init(
    debounce: Duration = .milliseconds(100), maximumContentLength: Int = MessageFramer.defaultMaximumContentLength,
    logsToStandardError: Bool = true,
    indexingWorkers: Int? = nil, ruleSelection: RuleSelection = RuleSelection()
  ) {
    self.debounce = debounce
    self.maximumContentLength = maximumContentLength
    self.logsToStandardError = logsToStandardError
    // One core stays free for linting the open documents while a folder is indexed.
    self.indexingWorkers = indexingWorkers ?? Swift.max(1, ProcessInfo.processInfo.activeProcessorCount - 1)
    self.ruleSelection = ruleSelection
  }
}

/// Whether findings are pushed (`publishDiagnostics`) or pulled by the client (`textDocument/diagnostic`).
public enum DiagnosticMode: String, Sendable {
  case push
  case pull
}

/// The Copydesk language server: LSP 3.17 over any `Transport`.
///
/// One actor owns all state. Messages are read and handled in arrival order on the actor: notifications apply at
/// once, lifecycle requests are answered at once, other requests run in their own tasks (cancellable until they
/// reply). Linting runs off the actor on immutable snapshots, and a result is published only while its version
/// is still the document's current one.
public actor LanguageServer {
  enum Phase {
    case awaitingInitialize
    case running
    case shutDown
  }

  let connection: Connection
  private let transport: any Transport
  var options: ServerOptions
  private var framer: MessageFramer
  private let router: Router

  var phase = Phase.awaitingInitialize
  private var exitCode: Int32?
  var encoding = PositionEncoding.utf16
  var capabilities = ClientCapabilities([:])
  var diagnosticMode = DiagnosticMode.push

  var roots: [WorkspaceRoot] = []
  var configurations: ConfigurationSource
  /// Bumped whenever configuration or the corpus changes in a way that can change findings.
  var generation = 0
  /// Index builds and file-change updates run one after another, in arrival order.
  var indexChain: Task<Void, Never>?

  var store = DocumentStore()
  var results: [DocumentURI: AnalysisResult] = [:]
  var pendingLints: [DocumentURI: Task<Void, Never>] = [:]
  /// Config files that currently have an error published on them.
  var configurationErrorURIs: Set<DocumentURI> = []
  private var inFlight: [RequestID: Task<Void, Never>] = [:]
  private var outgoingRequests: [RequestID: String] = [:]
  private var nextOutgoingID = 1

  /// - Parameters:
  ///   - transport: where the client is.
  ///   - options: server settings (debounce, limits, logging).
  public init(transport: any Transport, options: ServerOptions = ServerOptions()) {
    self.transport = transport
    self.options = options
    self.connection = Connection(transport: transport, logsToStandardError: options.logsToStandardError)
    self.framer = MessageFramer(maximumContentLength: options.maximumContentLength)
    self.router = LanguageServer.makeRouter()
    self.configurations = ConfigurationSource(selection: options.ruleSelection)
  }

  /// Serves until `exit` or end of input.
  ///
  /// - Returns: the process exit code: 0 when `shutdown` came before the end, 1 otherwise (as LSP specifies for
  ///   `exit`, and applied to end of input too).
  public func run() async -> Int32 {
    for await chunk in transport.incoming {
      framer.append(chunk)
      while exitCode == nil, let event = framer.next() {
        handle(event)
      }
      if exitCode != nil { break }
    }
    let code = exitCode ?? (phase == .shutDown ? 0 : 1)
    if exitCode == nil {
      connection.logToStandardError(
        phase == .shutDown ? "input closed after shutdown" : "input closed without shutdown; exiting with status 1")
    }
    for task in inFlight.values { task.cancel() }
    for task in pendingLints.values { task.cancel() }
    indexChain?.cancel()
    await connection.flush()
    connection.close()
    return code
  }

  // MARK: Dispatch

  private func handle(_ event: FramingEvent) {
    switch event {
    case .error(let error):
      connection.logToStandardError(error.description)
      let code: Int
      switch error {
      case .skippedGarbage, .malformedHeader: code = ResponseError.parseErrorCode
      case .oversized, .unsupportedCharset: code = ResponseError.invalidRequestCode
      }
      connection.send(.errorWithoutID(ResponseError(code: code, message: error.description)))
    case .message(let body):
      switch JSONRPCMessage.parse(body) {
      case .failure(let invalid):
        connection.logToStandardError(invalid.error.message)
        if let id = invalid.id {
          connection.send(.response(id: id, result: .failure(invalid.error)))
        } else {
          connection.send(.errorWithoutID(invalid.error))
        }
      case .success(let message):
        handle(message)
      }
    }
  }

  private func handle(_ message: JSONRPCMessage) {
    switch message {
    case .request(let id, let method, let params):
      handleRequest(id: id, method: method, params: params)
    case .notification(let method, let params):
      handleNotification(method: method, params: params)
    case .response(let id, let result):
      let method = outgoingRequests.removeValue(forKey: id)
      if case .failure(let error) = result {
        log(.warning, "The client answered \(method ?? "request \(id)") with error \(error)")
      }
    case .errorWithoutID(let error):
      log(.warning, "The client reported an error: \(error)")
    }
  }

  private func handleRequest(id: RequestID, method: String, params: JSONValue?) {
    let reply = ReplyHandle(id: id, connection: connection)
    switch phase {
    case .awaitingInitialize where method != InitializeRequest.method:
      reply.reply(.failure(.serverNotInitialized))
      return
    case .running where method == InitializeRequest.method:
      reply.reply(.failure(.invalidRequest("The server is already initialized")))
      return
    case .shutDown:
      reply.reply(.failure(.invalidRequest("The server is shut down; only “exit” is accepted")))
      return
    default:
      break
    }
    guard inFlight[id] == nil else {
      reply.reply(.failure(.invalidRequest("Request id \(id) is already in use by a pending request")))
      return
    }
    guard let entry = router.requests[method] else {
      reply.reply(.failure(.methodNotFound(method)))
      return
    }
    entry(self, reply, params)
  }

  private func handleNotification(method: String, params: JSONValue?) {
    if method == ExitNotification.method {
      exitCode = phase == .shutDown ? 0 : 1
      return
    }
    // Before `initialize` and after `shutdown`, notifications other than `exit` are dropped (LSP).
    guard phase == .running else {
      connection.logToStandardError(
        "ignored \(method) \(phase == .awaitingInitialize ? "before initialize" : "after shutdown")")
      return
    }
    guard let entry = router.notifications[method] else {
      // `$/` notifications are optional by definition; others are worth a log line.
      if !method.hasPrefix("$/") { log(.log, "Ignored unknown notification \(method)") }
      return
    }
    entry(self, params)
  }

  /// Runs a request in its own task; `$/cancelRequest` cancels it until it replies.
  func launch(
    _ reply: ReplyHandle, method: String, work: @escaping @Sendable (isolated LanguageServer) async throws -> JSONValue
  ) {
    let id = reply.id
    let task = Task {
      defer { self.inFlight[id] = nil }
      if Task.isCancelled {
        reply.reply(.failure(.cancelled))
        return
      }
      do {
        let value = try await work(self)
        reply.reply(Task.isCancelled ? .failure(.cancelled) : .success(value))
      } catch let error as ResponseError {
        reply.reply(.failure(Task.isCancelled ? .cancelled : error))
      } catch is CancellationError {
        reply.reply(.failure(.cancelled))
      } catch {
        reply.reply(.failure(.internalError("\(method) failed: \(error)")))
      }
    }
    inFlight[id] = task
  }

  func cancelRequest(_ notification: CancelRequestNotification) {
    inFlight[notification.id]?.cancel()
  }

  /// Sends a request to the client; its answer is only logged when it is an error.
  func sendRequest<Request: LSPRequest>(_ request: Request) {
    let id = RequestID.number(nextOutgoingID)
    nextOutgoingID += 1
    outgoingRequests[id] = Request.method
    do {
      let params = try JSONValueEncoder().encode(request)
      // Requests without parameters (such as `workspace/diagnostic/refresh`) send none, not `{}`.
      connection.send(
        .request(id: id, method: Request.method, params: params.objectValue?.isEmpty == true ? nil : params))
    } catch {
      log(.error, "Cannot encode \(Request.method): \(error)")
    }
  }

  /// Logs to standard error and, once initialized, to the client's log (`window/logMessage`).
  func log(_ type: MessageType, _ message: String) {
    connection.logToStandardError(message)
    if phase == .running {
      connection.notify(LogMessageNotification(type: type, message: message))
    }
  }

  // MARK: Routes

  private static func makeRouter() -> Router {
    var router = Router()
    router.onInline(InitializeRequest.self) { server, request in server.initialize(request) }
    router.onInline(ShutdownRequest.self) { server, _ in server.shutdown() }
    router.on(InitializedNotification.self) { server, _ in server.initialized() }
    router.on(CancelRequestNotification.self) { server, notification in server.cancelRequest(notification) }
    router.on(DidOpenTextDocumentNotification.self) { server, notification in server.didOpen(notification) }
    router.on(DidChangeTextDocumentNotification.self) { server, notification in server.didChange(notification) }
    router.on(DidSaveTextDocumentNotification.self) { server, notification in server.didSave(notification) }
    router.on(DidCloseTextDocumentNotification.self) { server, notification in server.didClose(notification) }
    router.on(DidChangeConfigurationNotification.self) { server, notification in
      server.didChangeConfiguration(notification)
    }
    router.on(DidChangeWatchedFilesNotification.self) { server, notification in
      server.didChangeWatchedFiles(notification)
    }
    router.on(DidChangeWorkspaceFoldersNotification.self) { server, notification in
      server.didChangeWorkspaceFolders(notification)
    }
    router.on(DocumentDiagnosticRequest.self) { server, request in try await server.diagnosticReport(request) }
    router.on(CodeActionRequest.self) { server, request in try await server.codeActions(request) }
    router.on(HoverRequest.self) { server, request in try await server.hover(request) }
    router.on(DefinitionRequest.self) { server, request in try await server.definition(request) }
    router.on(DocumentLinkRequest.self) { server, request in try await server.documentLinks(request) }
    router.on(CompletionRequest.self) { server, request in try await server.completion(request) }
    return router
  }

  // MARK: Lifecycle

  func initialize(_ request: InitializeRequest) -> InitializeResult {
    capabilities = ClientCapabilities(request.capabilities.value)
    encoding = capabilities.positionEncodings.contains(PositionEncoding.utf8.rawValue) ? .utf8 : .utf16
    diagnosticMode = capabilities.supportsPullDiagnostics ? .pull : .push
    if let options = request.initializationOptions?.value {
      apply(settings: options)
      if let mode = options["diagnosticMode"]?.stringValue.flatMap(DiagnosticMode.init(rawValue:)) {
        diagnosticMode = mode
      }
    }
    var folders = request.workspaceFolders ?? []
    if folders.isEmpty, let rootURI = request.rootUri {
      folders = [WorkspaceFolder(uri: rootURI, name: FileURI.fileName(of: rootURI))]
    } else if folders.isEmpty, let rootPath = request.rootPath, !rootPath.isEmpty {
      folders = [WorkspaceFolder(uri: FileURI.uri(forPath: rootPath), name: rootPath)]
    }
    roots = folders.compactMap { folder in FileURI.path(of: folder.uri).map { WorkspaceRoot(uri: folder.uri, path: $0) }
    }
    phase = .running
    startIndexing(roots.map(\.path))
    let capabilities = ServerCapabilities(
      positionEncoding: encoding.rawValue,
      textDocumentSync: .init(openClose: true, change: 2, save: .init(includeText: false)),
      diagnosticProvider: .init(identifier: "copydesk", interFileDependencies: true, workspaceDiagnostics: false),
      codeActionProvider: .init(
        codeActionKinds: [CodeAction.quickFixKind, CodeAction.fixAllKind], resolveProvider: false),
      hoverProvider: true, definitionProvider: true, documentLinkProvider: .init(resolveProvider: false),
      completionProvider: .init(triggerCharacters: [":"], resolveProvider: false),
      workspace: .init(workspaceFolders: .init(supported: true, changeNotifications: true)))
    return InitializeResult(
      capabilities: capabilities, serverInfo: .init(name: "copydesk", version: CommandLineTool.version),
      offsetEncoding: encoding.rawValue)
  }

  func initialized() {
    guard capabilities.supportsWatchedFilesRegistration else { return }
    let watchers: JSONValue = [
      "watchers": [
        ["globPattern": "**/*.{md,markdown,txt}"],
        ["globPattern": .string("**/\(LoadedConfiguration.fileName)")],
      ]
    ]
    sendRequest(
      RegisterCapabilityRequest(registrations: [
        Registration(
          id: "copydesk-watched-files", method: DidChangeWatchedFilesNotification.method,
          registerOptions: LSPAny(watchers))
      ]))
  }

  func shutdown() -> LSPNull {
    phase = .shutDown
    for task in pendingLints.values { task.cancel() }
    pendingLints.removeAll()
    indexChain?.cancel()
    return LSPNull()
  }

  /// Reads `debounceMilliseconds` from initialization options or `copydesk` settings.
  func apply(settings: JSONValue) {
    let object = settings["copydesk"] ?? settings
    if let milliseconds = object["debounceMilliseconds"]?.intValue, milliseconds >= 0 {
      options.debounce = .milliseconds(milliseconds)
    }
  }
}
