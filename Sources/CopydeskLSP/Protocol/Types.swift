public import CopydeskCore

/// A document URI as the client spelled it (kept verbatim so replies name documents exactly as the client does).
public typealias DocumentURI = String

/// A position in a document: a 0-based line and a column counted in the session's negotiated position encoding.
public struct Position: Codable, Hashable, Sendable, Comparable {
  /// 0-based line index (wire name `line`).
  public var lineIndex: Int
  /// Column in code units of the negotiated encoding: UTF-8 bytes or UTF-16 code units (wire name `character`).
  public var codeUnitColumn: Int

  public init(lineIndex: Int, codeUnitColumn: Int) {
    self.lineIndex = lineIndex
    self.codeUnitColumn = codeUnitColumn
  }

  enum CodingKeys: String, CodingKey {
    case lineIndex = "line"
    case codeUnitColumn = "character"
  }

  public static func < (lhs: Position, rhs: Position) -> Bool {
    lhs.lineIndex != rhs.lineIndex ? lhs.lineIndex < rhs.lineIndex : lhs.codeUnitColumn < rhs.codeUnitColumn
  }
}

/// A half-open range between two positions (LSP `Range`).
public struct LSPRange: Codable, Hashable, Sendable {
  public var start: Position
  public var end: Position

  public init(start: Position, end: Position) {
    self.start = start
    self.end = end
  }

  /// `line:character-line:character`, for messages and tests.
  public var compactDescription: String {
    "\(start.lineIndex):\(start.codeUnitColumn)-\(end.lineIndex):\(end.codeUnitColumn)"
  }
}

public struct Location: Codable, Hashable, Sendable {
  public var uri: DocumentURI
  public var range: LSPRange

  public init(uri: DocumentURI, range: LSPRange) {
    self.uri = uri
    self.range = range
  }
}

public struct TextDocumentIdentifier: Codable, Hashable, Sendable {
  public var uri: DocumentURI

  public init(uri: DocumentURI) { self.uri = uri }
}

public struct VersionedTextDocumentIdentifier: Codable, Hashable, Sendable {
  public var uri: DocumentURI
  public var version: Int

  public init(uri: DocumentURI, version: Int) {
    self.uri = uri
    self.version = version
  }
}

/// A document identifier whose version may be null (for files that are not open).
public struct OptionalVersionedTextDocumentIdentifier: Codable, Hashable, Sendable {
  public var uri: DocumentURI
  public var version: Int?

  public init(uri: DocumentURI, version: Int?) {
    self.uri = uri
    self.version = version
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(uri, forKey: .uri)
    try container.encode(version, forKey: .version)  // `null` is meaningful here, so it is written.
  }
}

public struct TextDocumentItem: Codable, Hashable, Sendable {
  public var uri: DocumentURI
  public var languageId: String
  public var version: Int
  public var text: String

  public init(uri: DocumentURI, languageId: String, version: Int, text: String) {
    self.uri = uri
    self.languageId = languageId
    self.version = version
    self.text = text
  }
}

/// One change of `didChange`: a range edit, or the whole text when `range` is absent.
public struct TextDocumentContentChangeEvent: Codable, Hashable, Sendable {
  public var range: LSPRange?
  /// Deprecated by LSP and ignored: lengths in the negotiated unit are recomputed from `range`.
  public var rangeLength: Int?
  public var text: String

  public init(range: LSPRange? = nil, text: String) {
    self.range = range
    self.text = text
  }
}

/// LSP severities: 1 error … 4 hint.
public enum DiagnosticSeverity: Int, Codable, Hashable, Sendable {
  case error = 1
  case warning = 2
  case information = 3
  case hint = 4

  public init(_ severity: Severity) {
    switch severity {
    case .error: self = .error
    case .warning: self = .warning
    case .info: self = .information
    case .hint: self = .hint
    }
  }
}

public struct DiagnosticRelatedInformation: Codable, Hashable, Sendable {
  public var location: Location
  public var message: String

  public init(location: Location, message: String) {
    self.location = location
    self.message = message
  }
}

/// An LSP diagnostic.
public struct LSPDiagnostic: Codable, Hashable, Sendable {
  public var range: LSPRange
  public var severity: DiagnosticSeverity?
  /// The rule id, e.g. `repetition/word`.
  public var code: String?
  public var source: String?
  public var message: String
  public var relatedInformation: [DiagnosticRelatedInformation]?
  /// What the server needs to find this diagnostic again for a code action (`DiagnosticData`).
  public var data: LSPAny?

  public init(
    range: LSPRange, severity: DiagnosticSeverity?, code: String?, source: String?, message: String,
    relatedInformation: [DiagnosticRelatedInformation]? = nil, data: LSPAny? = nil
  ) {
    self.range = range
    self.severity = severity
    self.code = code
    self.source = source
    self.message = message
    self.relatedInformation = relatedInformation
    self.data = data
  }
}

public struct LSPTextEdit: Codable, Hashable, Sendable {
  public var range: LSPRange
  public var newText: String

  public init(range: LSPRange, newText: String) {
    self.range = range
    self.newText = newText
  }
}

public struct TextDocumentEdit: Codable, Hashable, Sendable {
  public var textDocument: OptionalVersionedTextDocumentIdentifier
  public var edits: [LSPTextEdit]

  public init(textDocument: OptionalVersionedTextDocumentIdentifier, edits: [LSPTextEdit]) {
    self.textDocument = textDocument
    self.edits = edits
  }
}

/// Edits to apply, either as `changes` (by URI) or as versioned `documentChanges`.
public struct WorkspaceEdit: Codable, Hashable, Sendable {
  public var changes: [DocumentURI: [LSPTextEdit]]?
  public var documentChanges: [TextDocumentEdit]?

  public init(changes: [DocumentURI: [LSPTextEdit]]? = nil, documentChanges: [TextDocumentEdit]? = nil) {
    self.changes = changes
    self.documentChanges = documentChanges
  }

  /// Every edit for `uri`, whichever form carries it.
  public func edits(for uri: DocumentURI) -> [LSPTextEdit] {
    (changes?[uri] ?? []) + (documentChanges ?? []).filter { $0.textDocument.uri == uri }.flatMap(\.edits)
  }
}

public struct MarkupContent: Codable, Hashable, Sendable {
  /// `plaintext` or `markdown`.
  public var kind: String
  public var value: String

  public init(kind: String, value: String) {
    self.kind = kind
    self.value = value
  }
}

public struct Hover: Codable, Hashable, Sendable {
  public var contents: MarkupContent
  public var range: LSPRange?

  public init(contents: MarkupContent, range: LSPRange?) {
    self.contents = contents
    self.range = range
  }
}

public struct CodeAction: Codable, Hashable, Sendable {
  public var title: String
  public var kind: String?
  public var diagnostics: [LSPDiagnostic]?
  public var isPreferred: Bool?
  public var edit: WorkspaceEdit?

  public init(
    title: String, kind: String?, diagnostics: [LSPDiagnostic]? = nil, isPreferred: Bool? = nil, edit: WorkspaceEdit?
  ) {
    self.title = title
    self.kind = kind
    self.diagnostics = diagnostics
    self.isPreferred = isPreferred
    self.edit = edit
  }

  /// The kind of one quick fix.
  public static let quickFixKind = "quickfix"
  /// The kind of "fix everything Copydesk can fix in this file".
  public static let fixAllKind = "source.fixAll.copydesk"
}

public struct DocumentLink: Codable, Hashable, Sendable {
  public var range: LSPRange
  public var target: DocumentURI?
  public var tooltip: String?

  public init(range: LSPRange, target: DocumentURI?, tooltip: String?) {
    self.range = range
    self.target = target
    self.tooltip = tooltip
  }
}

/// LSP `CompletionItemKind` values used here.
public enum CompletionItemKind: Int, Codable, Hashable, Sendable {
  case text = 1
  case file = 17
  case reference = 18
}

public struct CompletionItem: Codable, Hashable, Sendable {
  public var label: String
  public var kind: CompletionItemKind?
  public var detail: String?
  public var sortText: String?
  public var filterText: String?
  public var textEdit: LSPTextEdit?

  public init(
    label: String, kind: CompletionItemKind?, detail: String?, sortText: String?, filterText: String?,
    textEdit: LSPTextEdit?
  ) {
    self.label = label
    self.kind = kind
    self.detail = detail
    self.sortText = sortText
    self.filterText = filterText
    self.textEdit = textEdit
  }
}

public struct CompletionList: Codable, Hashable, Sendable {
  public var isIncomplete: Bool
  public var items: [CompletionItem]

  public init(isIncomplete: Bool, items: [CompletionItem]) {
    self.isIncomplete = isIncomplete
    self.items = items
  }
}

public struct WorkspaceFolder: Codable, Hashable, Sendable {
  public var uri: DocumentURI
  public var name: String

  public init(uri: DocumentURI, name: String) {
    self.uri = uri
    self.name = name
  }
}

/// LSP `FileChangeType`.
public enum FileChangeType: Int, Codable, Hashable, Sendable {
  case created = 1
  case changed = 2
  case deleted = 3
}

public struct FileEvent: Codable, Hashable, Sendable {
  public var uri: DocumentURI
  public var type: FileChangeType

  public init(uri: DocumentURI, type: FileChangeType) {
    self.uri = uri
    self.type = type
  }
}

/// LSP `MessageType`.
public enum MessageType: Int, Codable, Hashable, Sendable {
  case error = 1
  case warning = 2
  case info = 3
  case log = 4
}

/// The value of a request that answers `null`.
public struct LSPNull: Codable, Hashable, Sendable {
  public init() {}

  public init(from decoder: any Decoder) throws {}

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encodeNil()
  }
}

// MARK: - Direct JSON for the values sent in bulk

extension Position: JSONValueRepresentable {
  public var jsonValue: JSONValue {
    .object(JSONObject([("line", .number(Double(lineIndex))), ("character", .number(Double(codeUnitColumn)))]))
  }
}

extension LSPRange: JSONValueRepresentable {
  public var jsonValue: JSONValue { .object(JSONObject([("start", start.jsonValue), ("end", end.jsonValue)])) }
}

extension Location: JSONValueRepresentable {
  public var jsonValue: JSONValue { .object(JSONObject([("uri", .string(uri)), ("range", range.jsonValue)])) }
}

extension DiagnosticRelatedInformation: JSONValueRepresentable {
  public var jsonValue: JSONValue {
    .object(JSONObject([("location", location.jsonValue), ("message", .string(message))]))
  }
}

extension LSPDiagnostic: JSONValueRepresentable {
  public var jsonValue: JSONValue {
    var members: [(String, JSONValue)] = [("range", range.jsonValue)]
    members.reserveCapacity(7)
    if let severity { members.append(("severity", .number(Double(severity.rawValue)))) }
    if let code { members.append(("code", .string(code))) }
    if let source { members.append(("source", .string(source))) }
    members.append(("message", .string(message)))
    if let relatedInformation { members.append(("relatedInformation", .array(relatedInformation.map(\.jsonValue)))) }
    if let data { members.append(("data", data.value)) }
    return .object(JSONObject(members))
  }
}
