public import CopydeskCore

/// One open document: the client's text at a version, as UTF-8 with a line table.
public struct OpenDocument: Sendable {
  public let uri: DocumentURI
  public var version: Int
  public var text: SourceText
  public let languageId: String
  /// Where the document lives in the workspace (or outside it).
  public let place: DocumentPlace
  /// The tokenised blocks of the last version analysed, so the next analysis re-tokenises only edited blocks.
  public let blockCache = BlockTokenCache()

  public init(uri: DocumentURI, version: Int, text: SourceText, languageId: String, place: DocumentPlace) {
    self.uri = uri
    self.version = version
    self.text = text
    self.languageId = languageId
    self.place = place
  }
}

/// Why a `didChange` was not applied.
public enum DocumentChangeError: Error, Hashable, Sendable, CustomStringConvertible {
  case notOpen(DocumentURI)
  /// The version is not newer than the one the server has: a stale or reordered notification.
  case staleVersion(received: Int, current: Int)

  public var description: String {
    switch self {
    case .notOpen(let uri): "Ignored a change to \(uri), which is not open"
    case .staleVersion(let received, let current):
      "Ignored a change to version \(received); the server already has version \(current)"
    }
  }
}

/// The open documents, keyed by URI as the client spelled it. Versions only move forward.
public struct DocumentStore: Sendable {
  private var documents: [DocumentURI: OpenDocument] = [:]

  public init() {}

  public subscript(uri: DocumentURI) -> OpenDocument? { documents[uri] }

  public var all: [OpenDocument] { documents.values.sorted { $0.uri < $1.uri } }

  public mutating func open(_ document: OpenDocument) {
    documents[document.uri] = document
  }

  @discardableResult
  public mutating func close(_ uri: DocumentURI) -> OpenDocument? {
    documents.removeValue(forKey: uri)
  }

  /// Applies `didChange` content changes in order, each relative to the text the previous one produced, with
  /// positions in `encoding`.
  public mutating func change(
    _ uri: DocumentURI, version: Int, changes: [TextDocumentContentChangeEvent], encoding: PositionEncoding
  ) throws(DocumentChangeError) -> OpenDocument {
    guard var document = documents[uri] else { throw .notOpen(uri) }
    guard version > document.version else { throw .staleVersion(received: version, current: document.version) }
    document.text = DocumentStore.apply(changes, to: document.text, encoding: encoding)
    document.version = version
    documents[uri] = document
    return document
  }

  /// The text after applying `changes` (a change without a range replaces everything).
  public static func apply(
    _ changes: [TextDocumentContentChangeEvent], to text: SourceText, encoding: PositionEncoding
  ) -> SourceText {
    var current = text
    for change in changes {
      guard let range = change.range else {
        current = SourceText(change.text)
        continue
      }
      let target = Conversions.textRange(range, in: current, encoding: encoding)
      var bytes: [UInt8] = []
      bytes.reserveCapacity(current.count - target.length + change.text.utf8.count)
      bytes.append(contentsOf: current.bytes[0..<target.start])
      bytes.append(contentsOf: change.text.utf8)
      bytes.append(contentsOf: current.bytes[target.end...])
      // Offsets are clamped to scalar boundaries and the new text is a String, so the bytes are valid UTF-8.
      // Decoding bytes drops a leading byte order mark, which the client counts as a character: keep it as text.
      let startsWithMark = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
      current = startsWithMark ? SourceText(String(decoding: bytes, as: UTF8.self)) : SourceText(assumingValidUTF8: bytes)
    }
    return current
  }
}
