public import CopydeskCore

/// The only place where engine values (UTF-8 offsets, `Diagnostic`, `Fix`) become LSP values and back.
///
/// Every position goes through `SourceText.position(of:encoding:)` / `offset(of:encoding:)` in the session's
/// negotiated encoding, so ranges land on character boundaries whatever the client counts in.
public enum Conversions {
  /// The `source` of every diagnostic.
  public static let source = "copydesk"

  public static func position(_ utf8Offset: Int, in text: SourceText, encoding: PositionEncoding) -> Position {
    let position = text.position(of: utf8Offset, encoding: encoding)
    return Position(lineIndex: position.lineIndex, codeUnitColumn: position.column)
  }

  public static func range(_ range: TextRange, in text: SourceText, encoding: PositionEncoding) -> LSPRange {
    LSPRange(
      start: position(range.start, in: text, encoding: encoding), end: position(range.end, in: text, encoding: encoding)
    )
  }

  /// The UTF-8 offset of a client position (clamped into the document, never trapping).
  public static func utf8Offset(_ position: Position, in text: SourceText, encoding: PositionEncoding) -> Int {
    text.offset(of: LinePosition(lineIndex: position.lineIndex, column: position.codeUnitColumn), encoding: encoding)
  }

  /// The UTF-8 range of a client range; an inverted range is collapsed to its start.
  public static func textRange(_ range: LSPRange, in text: SourceText, encoding: PositionEncoding) -> TextRange {
    let start = utf8Offset(range.start, in: text, encoding: encoding)
    let end = utf8Offset(range.end, in: text, encoding: encoding)
    return TextRange(start: start, end: Swift.max(start, end))
  }

  /// Engine edits as LSP edits, in document order.
  public static func edits(_ edits: [TextEdit], in text: SourceText, encoding: PositionEncoding) -> [LSPTextEdit] {
    edits.sorted { $0.range < $1.range }.map {
      LSPTextEdit(range: range($0.range, in: text, encoding: encoding), newText: $0.newText)
    }
  }

  /// Resolves the location of a related note: same document when `path` is nil, else another draft.
  public struct RelatedFile: Sendable {
    public var uri: DocumentURI
    public var text: SourceText?

    public init(uri: DocumentURI, text: SourceText?) {
      self.uri = uri
      self.text = text
    }
  }

  /// An LSP diagnostic; a fixable one carries `data` that identifies it for code actions.
  public static func diagnostic(
    _ diagnostic: Diagnostic, in text: SourceText, uri: DocumentURI, encoding: PositionEncoding,
    relatedFile: (String) -> RelatedFile? = { _ in nil }
  ) -> LSPDiagnostic {
    var related: [DiagnosticRelatedInformation] = []
    for note in diagnostic.related {
      if let path = note.path {
        guard let file = relatedFile(path) else { continue }
        let noteRange =
          file.text.map { range(note.range, in: $0, encoding: encoding) }
          ?? LSPRange(
            start: Position(lineIndex: 0, codeUnitColumn: 0), end: Position(lineIndex: 0, codeUnitColumn: 0))
        related.append(
          DiagnosticRelatedInformation(location: Location(uri: file.uri, range: noteRange), message: note.message))
      } else {
        related.append(
          DiagnosticRelatedInformation(
            location: Location(uri: uri, range: range(note.range, in: text, encoding: encoding)), message: note.message)
        )
      }
    }
    return LSPDiagnostic(
      range: range(diagnostic.range, in: text, encoding: encoding), severity: DiagnosticSeverity(diagnostic.severity),
      code: diagnostic.ruleID.rawValue, source: source, message: diagnostic.message,
      relatedInformation: related.isEmpty ? nil : related,
      // Only a fix needs finding again; findings without one stay lean (a large draft can have thousands).
      data: diagnostic.fix == nil ? nil : LSPAny(DiagnosticIdentity(diagnostic).json))
  }

  /// FNV-1a 64-bit hash, as 16 hex digits: stable across runs (unlike `Hasher`).
  public static func fingerprint(_ string: String) -> String {
    var digest = FNVDigest()
    digest.combine(string)
    return digest.hexDigits
  }
}

/// An FNV-1a 64-bit digest, stable across runs and processes (unlike `Hasher`), fed piece by piece.
struct FNVDigest {
  private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

  mutating func combine(_ string: String) {
    var hash = value
    for byte in string.utf8 {
      hash ^= UInt64(byte)
      hash = hash &* 0x0000_0100_0000_01B3
    }
    value = hash
    combine(separator: 0xFF)  // 0xFF never occurs in UTF-8, so "ab"+"c" and "a"+"bc" differ.
  }

  mutating func combine(_ number: Int) {
    var bits = UInt64(bitPattern: Int64(number))
    for _ in 0..<8 {
      combine(separator: UInt8(truncatingIfNeeded: bits))
      bits >>= 8
    }
  }

  mutating func combine(_ range: LSPRange) {
    combine(range.start.lineIndex)
    combine(range.start.codeUnitColumn)
    combine(range.end.lineIndex)
    combine(range.end.codeUnitColumn)
  }

  private mutating func combine(separator byte: UInt8) {
    value ^= UInt64(byte)
    value = value &* 0x0000_0100_0000_01B3
  }

  var hexDigits: String {
    let digits = String(value, radix: 16)
    return String(repeating: "0", count: 16 - digits.count) + digits
  }
}

/// What identifies a diagnostic across a round trip through the client: its rule, its UTF-8 range and a
/// fingerprint of its message. Sent as the LSP diagnostic's `data`; a code action only trusts this, never the
/// range the client echoes back.
public struct DiagnosticIdentity: Hashable, Sendable {
  public var ruleID: RuleID
  public var utf8Start: Int
  public var utf8End: Int
  public var fingerprint: String

  public init(_ diagnostic: Diagnostic) {
    ruleID = diagnostic.ruleID
    utf8Start = diagnostic.range.start
    utf8End = diagnostic.range.end
    fingerprint = Conversions.fingerprint(diagnostic.message)
  }

  /// Reads the `data` of a diagnostic the client sent back; nil when it is not one of ours.
  public init?(json: JSONValue?) {
    guard let object = json?.objectValue, let rule = object["rule"]?.stringValue,
      let start = object["utf8Start"]?.intValue,
      let end = object["utf8End"]?.intValue, let fingerprint = object["fingerprint"]?.stringValue, start <= end
    else { return nil }
    self.ruleID = RuleID(rule)
    self.utf8Start = start
    self.utf8End = end
    self.fingerprint = fingerprint
  }

  public var json: JSONValue {
    [
      "rule": .string(ruleID.rawValue), "utf8Start": .number(Double(utf8Start)), "utf8End": .number(Double(utf8End)),
      "fingerprint": .string(fingerprint),
    ]
  }

  public func matches(_ diagnostic: Diagnostic) -> Bool {
    diagnostic.ruleID == ruleID && diagnostic.range.start == utf8Start && diagnostic.range.end == utf8End
      && Conversions.fingerprint(diagnostic.message) == fingerprint
  }
}
