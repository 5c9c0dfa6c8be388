public import CopydeskCore

/// A typed LSP message: its params are the struct's fields.
public protocol LSPMessage: Codable, Sendable {
  /// The JSON-RPC method name.
  static var method: String { get }
}

/// A request: exactly one `Response` (or error) answers it.
public protocol LSPRequest: LSPMessage {
  associatedtype Response: Codable & Sendable
}

/// A notification: no answer.
public protocol LSPNotification: LSPMessage {}

extension RequestID: Codable {
  public init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    if let number = try? container.decode(Int.self) {
      self = .number(number)
    } else {
      self = .string(try container.decode(String.self))
    }
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    switch self {
    case .number(let number): try container.encode(number)
    case .string(let string): try container.encode(string)
    }
  }
}

// MARK: - Lifecycle

public struct ClientInfo: Codable, Hashable, Sendable {
  public var name: String
  public var version: String?
}

public struct InitializeRequest: LSPRequest {
  public static let method = "initialize"
  public typealias Response = InitializeResult

  public var processId: Int?
  public var rootUri: DocumentURI?
  public var rootPath: String?
  public var workspaceFolders: [WorkspaceFolder]?
  /// Kept as JSON and read through `ClientCapabilities`, so an odd value in a part the server ignores never fails
  /// `initialize`.
  public var capabilities: LSPAny
  public var initializationOptions: LSPAny?
  public var clientInfo: ClientInfo?

  public init(
    processId: Int? = nil, rootUri: DocumentURI? = nil, rootPath: String? = nil,
    workspaceFolders: [WorkspaceFolder]? = nil,
    capabilities: JSONValue = [:], initializationOptions: JSONValue? = nil, clientInfo: ClientInfo? = nil
  ) {
    self.processId = processId
    self.rootUri = rootUri
    self.rootPath = rootPath
    self.workspaceFolders = workspaceFolders
    self.capabilities = LSPAny(capabilities)
    self.initializationOptions = initializationOptions.map(LSPAny.init)
    self.clientInfo = clientInfo
  }
}

/// The parts of the client's capabilities the server acts on.
public struct ClientCapabilities: Sendable {
  public let json: JSONValue

  public init(_ json: JSONValue) { self.json = json }

  private func value(_ path: String...) -> JSONValue? {
    var current: JSONValue? = json
    for key in path { current = current?[key] }
    return current
  }

  /// `general.positionEncodings`, else the older `offsetEncoding` extension, else `["utf-16"]`.
  public var positionEncodings: [String] {
    if let list = value("general", "positionEncodings")?.arrayValue { return list.compactMap(\.stringValue) }
    if let list = value("offsetEncoding")?.arrayValue { return list.compactMap(\.stringValue) }
    return ["utf-16"]
  }

  public var supportsWatchedFilesRegistration: Bool {
    value("workspace", "didChangeWatchedFiles", "dynamicRegistration")?.boolValue == true
  }

  public var supportsPullDiagnostics: Bool { value("textDocument", "diagnostic")?.objectValue != nil }

  public var supportsDiagnosticRefresh: Bool { value("workspace", "diagnostics", "refreshSupport")?.boolValue == true }

  public var supportsDocumentChanges: Bool { value("workspace", "workspaceEdit", "documentChanges")?.boolValue == true }

  public var supportsMarkdownHover: Bool {
    value("textDocument", "hover", "contentFormat")?.arrayValue?.contains(.string("markdown")) == true
  }
}

public struct InitializeResult: Codable, Hashable, Sendable {
  public var capabilities: ServerCapabilities
  public var serverInfo: ServerInfo
  /// The negotiated encoding again under the pre-3.17 `offsetEncoding` name, for clients that only know that.
  public var offsetEncoding: String?

  public struct ServerInfo: Codable, Hashable, Sendable {
    public var name: String
    public var version: String
  }
}

public struct ServerCapabilities: Codable, Hashable, Sendable {
  public var positionEncoding: String
  public var textDocumentSync: TextDocumentSyncOptions
  public var diagnosticProvider: DiagnosticOptions
  public var codeActionProvider: CodeActionOptions
  public var hoverProvider: Bool
  public var definitionProvider: Bool
  public var documentLinkProvider: DocumentLinkOptions
  public var completionProvider: CompletionOptions
  public var workspace: WorkspaceServerCapabilities

  public struct TextDocumentSyncOptions: Codable, Hashable, Sendable {
    public var openClose: Bool
    /// 2: incremental.
    public var change: Int
    public var save: SaveOptions
  }

  public struct SaveOptions: Codable, Hashable, Sendable {
    public var includeText: Bool
  }

  public struct DiagnosticOptions: Codable, Hashable, Sendable {
    public var identifier: String
    public var interFileDependencies: Bool
    public var workspaceDiagnostics: Bool
  }

  public struct CodeActionOptions: Codable, Hashable, Sendable {
    public var codeActionKinds: [String]
    public var resolveProvider: Bool
  }

  public struct DocumentLinkOptions: Codable, Hashable, Sendable {
    public var resolveProvider: Bool
  }

  public struct CompletionOptions: Codable, Hashable, Sendable {
    public var triggerCharacters: [String]
    public var resolveProvider: Bool
  }

  public struct WorkspaceServerCapabilities: Codable, Hashable, Sendable {
    public var workspaceFolders: WorkspaceFoldersOptions
  }

  public struct WorkspaceFoldersOptions: Codable, Hashable, Sendable {
    public var supported: Bool
    public var changeNotifications: Bool
  }
}

public struct ShutdownRequest: LSPRequest {
  public static let method = "shutdown"
  public typealias Response = LSPNull

  public init() {}
}

// MARK: - Document features

/// `textDocument/diagnostic` (pull diagnostics).
public struct DocumentDiagnosticRequest: LSPRequest {
  public static let method = "textDocument/diagnostic"
  public typealias Response = DocumentDiagnosticReport

  public var textDocument: TextDocumentIdentifier
  public var identifier: String?
  public var previousResultId: String?

  public init(textDocument: TextDocumentIdentifier, previousResultId: String? = nil) {
    self.textDocument = textDocument
    self.previousResultId = previousResultId
  }
}

/// A full report, or "unchanged since the result id you sent".
public enum DocumentDiagnosticReport: Codable, Hashable, Sendable {
  case full(resultId: String, items: [LSPDiagnostic])
  case unchanged(resultId: String)

  enum CodingKeys: String, CodingKey {
    case kind, resultId, items
  }

  public var resultId: String {
    switch self {
    case .full(let resultId, _), .unchanged(let resultId): resultId
    }
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    let kind = try container.decode(String.self, forKey: .kind)
    let resultId = try container.decodeIfPresent(String.self, forKey: .resultId) ?? ""
    if kind == "unchanged" {
      self = .unchanged(resultId: resultId)
    } else {
      self = .full(resultId: resultId, items: try container.decode([LSPDiagnostic].self, forKey: .items))
    }
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    switch self {
    case .full(let resultId, let items):
      try container.encode("full", forKey: .kind)
      try container.encode(resultId, forKey: .resultId)
      try container.encode(items, forKey: .items)
    case .unchanged(let resultId):
      try container.encode("unchanged", forKey: .kind)
      try container.encode(resultId, forKey: .resultId)
    }
  }
}

public struct CodeActionContext: Codable, Hashable, Sendable {
  /// Kept as JSON: clients send back what they stored (Neovim 0.7 relabels byte columns as UTF-16), so only the
  /// `data` the server attached is trusted.
  public var diagnostics: [LSPAny]
  public var only: [String]?
  public var triggerKind: Int?

  public init(diagnostics: [LSPAny], only: [String]? = nil) {
    self.diagnostics = diagnostics
    self.only = only
  }
}

public struct CodeActionRequest: LSPRequest {
  public static let method = "textDocument/codeAction"
  public typealias Response = [CodeAction]

  public var textDocument: TextDocumentIdentifier
  public var range: LSPRange
  public var context: CodeActionContext

  public init(textDocument: TextDocumentIdentifier, range: LSPRange, context: CodeActionContext) {
    self.textDocument = textDocument
    self.range = range
    self.context = context
  }
}

public struct HoverRequest: LSPRequest {
  public static let method = "textDocument/hover"
  public typealias Response = Hover?

  public var textDocument: TextDocumentIdentifier
  public var position: Position

  public init(textDocument: TextDocumentIdentifier, position: Position) {
    self.textDocument = textDocument
    self.position = position
  }
}

public struct DefinitionRequest: LSPRequest {
  public static let method = "textDocument/definition"
  public typealias Response = Location?

  public var textDocument: TextDocumentIdentifier
  public var position: Position

  public init(textDocument: TextDocumentIdentifier, position: Position) {
    self.textDocument = textDocument
    self.position = position
  }
}

public struct DocumentLinkRequest: LSPRequest {
  public static let method = "textDocument/documentLink"
  public typealias Response = [DocumentLink]

  public var textDocument: TextDocumentIdentifier

  public init(textDocument: TextDocumentIdentifier) {
    self.textDocument = textDocument
  }
}

public struct CompletionRequest: LSPRequest {
  public static let method = "textDocument/completion"
  public typealias Response = CompletionList

  public var textDocument: TextDocumentIdentifier
  public var position: Position

  public init(textDocument: TextDocumentIdentifier, position: Position) {
    self.textDocument = textDocument
    self.position = position
  }
}

// MARK: - Server to client

public struct Registration: Codable, Hashable, Sendable {
  public var id: String
  public var method: String
  public var registerOptions: LSPAny?
}

/// `client/registerCapability`.
public struct RegisterCapabilityRequest: LSPRequest {
  public static let method = "client/registerCapability"
  public typealias Response = LSPNull

  public var registrations: [Registration]
}

/// `workspace/diagnostic/refresh`: asks a pull client to pull again.
public struct DiagnosticRefreshRequest: LSPRequest {
  public static let method = "workspace/diagnostic/refresh"
  public typealias Response = LSPNull
}
