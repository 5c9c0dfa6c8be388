public struct InitializedNotification: LSPNotification {
  public static let method = "initialized"

  public init() {}
}

public struct ExitNotification: LSPNotification {
  public static let method = "exit"

  public init() {}
}

public struct DidOpenTextDocumentNotification: LSPNotification {
  public static let method = "textDocument/didOpen"

  public var textDocument: TextDocumentItem

  public init(textDocument: TextDocumentItem) { self.textDocument = textDocument }
}

public struct DidChangeTextDocumentNotification: LSPNotification {
  public static let method = "textDocument/didChange"

  public var textDocument: VersionedTextDocumentIdentifier
  public var contentChanges: [TextDocumentContentChangeEvent]

  public init(textDocument: VersionedTextDocumentIdentifier, contentChanges: [TextDocumentContentChangeEvent]) {
    self.textDocument = textDocument
    self.contentChanges = contentChanges
  }
}

public struct DidSaveTextDocumentNotification: LSPNotification {
  public static let method = "textDocument/didSave"

  public var textDocument: TextDocumentIdentifier
  public var text: String?

  public init(textDocument: TextDocumentIdentifier) { self.textDocument = textDocument }
}

public struct DidCloseTextDocumentNotification: LSPNotification {
  public static let method = "textDocument/didClose"

  public var textDocument: TextDocumentIdentifier

  public init(textDocument: TextDocumentIdentifier) { self.textDocument = textDocument }
}

public struct DidChangeConfigurationNotification: LSPNotification {
  public static let method = "workspace/didChangeConfiguration"

  public var settings: LSPAny?

  public init(settings: LSPAny?) { self.settings = settings }
}

public struct DidChangeWatchedFilesNotification: LSPNotification {
  public static let method = "workspace/didChangeWatchedFiles"

  public var changes: [FileEvent]

  public init(changes: [FileEvent]) { self.changes = changes }
}

public struct DidChangeWorkspaceFoldersNotification: LSPNotification {
  public static let method = "workspace/didChangeWorkspaceFolders"

  public var event: WorkspaceFoldersChangeEvent

  public struct WorkspaceFoldersChangeEvent: Codable, Hashable, Sendable {
    public var added: [WorkspaceFolder]
    public var removed: [WorkspaceFolder]

    public init(added: [WorkspaceFolder], removed: [WorkspaceFolder]) {
      self.added = added
      self.removed = removed
    }
  }

  public init(event: WorkspaceFoldersChangeEvent) { self.event = event }
}

/// `$/cancelRequest`.
public struct CancelRequestNotification: LSPNotification {
  public static let method = "$/cancelRequest"

  public var id: RequestID

  public init(id: RequestID) { self.id = id }
}

public struct PublishDiagnosticsNotification: LSPNotification {
  public static let method = "textDocument/publishDiagnostics"

  public var uri: DocumentURI
  public var version: Int?
  public var diagnostics: [LSPDiagnostic]

  public init(uri: DocumentURI, version: Int?, diagnostics: [LSPDiagnostic]) {
    self.uri = uri
    self.version = version
    self.diagnostics = diagnostics
  }
}

public struct LogMessageNotification: LSPNotification {
  public static let method = "window/logMessage"

  public var type: MessageType
  public var message: String

  public init(type: MessageType, message: String) {
    self.type = type
    self.message = message
  }
}

public struct ShowMessageNotification: LSPNotification {
  public static let method = "window/showMessage"

  public var type: MessageType
  public var message: String

  public init(type: MessageType, message: String) {
    self.type = type
    self.message = message
  }
}
