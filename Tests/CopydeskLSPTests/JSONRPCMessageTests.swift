import CopydeskCore
import CopydeskLSP
import CopydeskTestSupport
import Foundation
import Testing

@Suite("JSON-RPC messages")
struct JSONRPCMessageTests {
  private func parse(_ text: String) -> Result<JSONRPCMessage, InvalidMessage> {
    JSONRPCMessage.parse(Array(text.utf8))
  }

  @Test func parsesARequest() throws {
    let message = try parse(#"{"jsonrpc":"2.0","id":7,"method":"textDocument/hover","params":{"a":1}}"#).get()
    #expect(message == .request(id: .number(7), method: "textDocument/hover", params: ["a": 1]))
  }

  @Test func parsesAStringIDAndANotification() throws {
    #expect(
      try parse(#"{"jsonrpc":"2.0","id":"x-1","method":"shutdown"}"#).get()
        == .request(id: .string("x-1"), method: "shutdown", params: nil))
    #expect(
      try parse(#"{"jsonrpc":"2.0","method":"exit","params":null}"#).get() == .notification(method: "exit", params: nil)
    )
  }

  @Test func parsesResponses() throws {
    #expect(
      try parse(#"{"jsonrpc":"2.0","id":3,"result":null}"#).get() == .response(id: .number(3), result: .success(.null)))
    #expect(
      try parse(#"{"jsonrpc":"2.0","id":3,"error":{"code":-32601,"message":"no"}}"#).get()
        == .response(id: .number(3), result: .failure(ResponseError(code: -32601, message: "no"))))
    #expect(
      try parse(#"{"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"bad"}}"#).get()
        == .errorWithoutID(ResponseError(code: -32700, message: "bad")))
  }

  @Test func invalidJSONIsAParseError() {
    guard case .failure(let invalid) = parse(#"{"jsonrpc":"2.0","id":1,"#) else {
      Issue.record("expected a failure")
      return
    }
    #expect(invalid.id == nil)
    #expect(invalid.error.code == -32700)
  }

  @Test(arguments: [
    (#"[{"jsonrpc":"2.0","method":"exit"}]"#, nil as RequestID?, "Batch messages are not supported"),
    (#""hello""#, nil, "A message must be a JSON object"),
    (#"{"id":4,"method":"shutdown"}"#, .number(4), "The message needs \"jsonrpc\": \"2.0\""),
    (#"{"jsonrpc":"2.0","id":5,"method":12}"#, .number(5), "\"method\" must be a string"),
    (#"{"jsonrpc":"2.0","id":1.5,"method":"shutdown"}"#, nil, "\"id\" must be an integer or a string, not number"),
    (#"{"jsonrpc":"2.0","id":[1],"method":"shutdown"}"#, nil, "\"id\" must be an integer or a string, not array"),
    (#"{"jsonrpc":"2.0","id":6,"method":"x","params":3}"#, .number(6), "\"params\" must be an object or an array"),
    (#"{"jsonrpc":"2.0","id":8}"#, .number(8), "The message has neither \"method\" nor \"result\"/\"error\""),
  ])
  func invalidRequests(_ text: String, _ id: RequestID?, _ message: String) {
    guard case .failure(let invalid) = parse(text) else {
      Issue.record("expected a failure for \(text)")
      return
    }
    #expect(invalid.id == id)
    #expect(invalid.error == ResponseError(code: -32600, message: message))
  }

  @Test func encodesInAFixedKeyOrder() {
    let response = JSONRPCMessage.response(id: .number(1), result: .failure(.methodNotFound("x/y")))
    #expect(
      String(decoding: response.encoded, as: UTF8.self)
        == #"{"jsonrpc":"2.0","id":1,"error":{"code":-32601,"message":"Unknown method “x/y”"}}"#)
    let notification = JSONRPCMessage.notification(method: "exit", params: nil)
    #expect(String(decoding: notification.encoded, as: UTF8.self) == #"{"jsonrpc":"2.0","method":"exit"}"#)
  }

  /// The message writer must produce exactly `JSONWriter.compact`'s bytes; checked on generated values with
  /// every character class that needs escaping, non-ASCII text and awkward numbers.
  @Test func encodingMatchesTheReferenceWriter() {
    var generator = SplitMix64(seed: 0xC0FFEE)
    let pieces = [
      "a", "é", "😀", "\"", "\\", "\n", "\r", "\t", "\u{08}", "\u{0C}", "\u{01}", "\u{1F}", "/", " ", "\u{7F}", "“",
    ]
    let numbers: [Double] = [
      0, -0.0, 1, -1, 42, 9_007_199_254_740_992, 18_014_398_509_481_984, 1.5, -2.25, 1e300, .nan, .infinity,
    ]
    func value(depth: Int) -> JSONValue {
      switch generator.next() % (depth > 3 ? 4 : 6) {
      case 0: return .number(numbers[Int(generator.next() % UInt64(numbers.count))])
      case 1:
        return .string(
          (0..<Int(generator.next() % 12)).map { _ in pieces[Int(generator.next() % UInt64(pieces.count))] }.joined())
      case 2: return .bool(generator.next() % 2 == 0)
      case 3: return .null
      case 4: return .array((0..<Int(generator.next() % 4)).map { _ in value(depth: depth + 1) })
      default:
        return .object(
          JSONObject((0..<Int(generator.next() % 4)).map { index in ("k\(index)\"é", value(depth: depth + 1)) }))
      }
    }
    for _ in 0..<500 {
      let message = JSONRPCMessage.notification(method: "m", params: .array([value(depth: 0)]))
      #expect(message.encoded == Array(JSONWriter.compact(message.json).utf8))
    }
  }

  @Test func roundTrips() throws {
    let messages: [JSONRPCMessage] = [
      .request(id: .string("a"), method: "m", params: ["k": [1, "two", nil, true]]),
      .notification(method: "n", params: [1, 2]),
      .response(id: .number(9), result: .success(["ok": true])),
      .errorWithoutID(ResponseError(code: -32700, message: "x", data: "detail")),
    ]
    for message in messages {
      #expect(try JSONRPCMessage.parse(message.encoded).get() == message)
    }
  }
}

@Suite("JSON value coding")
struct JSONValueCodingTests {
  @Test func positionsUseWireNames() throws {
    let range = LSPRange(
      start: Position(lineIndex: 1, codeUnitColumn: 2), end: Position(lineIndex: 3, codeUnitColumn: 4))
    let json = try JSONValueEncoder().encode(range)
    #expect(JSONWriter.compact(json) == #"{"start":{"line":1,"character":2},"end":{"line":3,"character":4}}"#)
    #expect(try JSONValueDecoder().decode(LSPRange.self, from: json) == range)
  }

  @Test func optionalFieldsAreOmittedAndLSPAnyIsKept() throws {
    let diagnostic = LSPDiagnostic(
      range: LSPRange(start: Position(lineIndex: 0, codeUnitColumn: 0), end: Position(lineIndex: 0, codeUnitColumn: 1)),
      severity: .warning, code: "repetition/word", source: nil, message: "m", data: LSPAny(["n": [1, 2.5]]))
    let json = try JSONValueEncoder().encode(diagnostic)
    #expect(
      JSONWriter.compact(json)
        == #"{"range":{"start":{"line":0,"character":0},"end":{"line":0,"character":1}},"severity":2,"code":"repetition/word","message":"m","data":{"n":[1,2.5]}}"#
    )
    #expect(try JSONValueDecoder().decode(LSPDiagnostic.self, from: json) == diagnostic)
  }

  /// The direct JSON of bulk types must match their `Codable` form, checked with Foundation's encoder as an
  /// independent reference (keys sorted on both sides).
  @Test func directJSONMatchesCodable() throws {
    func sorted(_ value: JSONValue) -> JSONValue {
      switch value {
      case .object(let object):
        return .object(JSONObject(object.members.sorted { $0.key < $1.key }.map { ($0.key, sorted($0.value)) }))
      case .array(let elements):
        return .array(elements.map(sorted))
      default:
        return value
      }
    }
    let range = LSPRange(
      start: Position(lineIndex: 2, codeUnitColumn: 19), end: Position(lineIndex: 3, codeUnitColumn: 0))
    let diagnostics = [
      LSPDiagnostic(
        range: range, severity: .information, code: "repetition/phrase", source: "copydesk", message: "“x” “y”\n",
        relatedInformation: [
          DiagnosticRelatedInformation(location: Location(uri: "file:///a%20b.md", range: range), message: "first")
        ],
        data: LSPAny(["rule": "r", "utf8Start": 3])),
      LSPDiagnostic(range: range, severity: nil, code: nil, source: nil, message: "bare"),
    ]
    for diagnostic in diagnostics {
      let reference = try JSON5Parser.parse(Array(JSONEncoder().encode(diagnostic)))
      #expect(sorted(diagnostic.jsonValue) == sorted(reference))
      #expect(try JSONValueEncoder().encode(diagnostic) == diagnostic.jsonValue)
    }
  }

  @Test func nullVersionIsWritten() throws {
    let identifier = OptionalVersionedTextDocumentIdentifier(uri: "file:///a.md", version: nil)
    #expect(JSONWriter.compact(try JSONValueEncoder().encode(identifier)) == #"{"uri":"file:///a.md","version":null}"#)
  }

  @Test func dictionariesAndEnumsEncode() throws {
    let edit = WorkspaceEdit(changes: [
      "file:///a.md": [
        LSPTextEdit(
          range: LSPRange(
            start: Position(lineIndex: 0, codeUnitColumn: 0), end: Position(lineIndex: 0, codeUnitColumn: 0)),
          newText: "x")
      ]
    ])
    let json = try JSONValueEncoder().encode(edit)
    #expect(
      JSONWriter.compact(json)
        == #"{"changes":{"file:///a.md":[{"range":{"start":{"line":0,"character":0},"end":{"line":0,"character":0}},"newText":"x"}]}}"#
    )
    #expect(try JSONValueDecoder().decode(WorkspaceEdit.self, from: json) == edit)
    let report = DocumentDiagnosticReport.unchanged(resultId: "r1")
    #expect(JSONWriter.compact(try JSONValueEncoder().encode(report)) == #"{"kind":"unchanged","resultId":"r1"}"#)
  }

  @Test func errorsNameTheField() {
    let params: JSONValue = ["textDocument": ["uri": 5], "position": ["line": 0, "character": 1]]
    do {
      _ = try JSONValueDecoder().decode(HoverRequest.self, from: params)
      Issue.record("expected an error")
    } catch let error as DecodingError {
      #expect("\(error)".contains("textDocument"))
    } catch {
      Issue.record("unexpected \(error)")
    }
  }

  @Test func integersMustBeIntegral() {
    #expect(throws: DecodingError.self) {
      try JSONValueDecoder().decode(Position.self, from: ["line": 1.5, "character": 0])
    }
    #expect(throws: DecodingError.self) {
      try JSONValueDecoder().decode(Position.self, from: ["line": 1])
    }
  }
}
