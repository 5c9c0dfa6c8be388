import CopydeskCore
import CopydeskLSP
import CopydeskTestSupport
import Foundation
import Testing

/// Hostile input through the real framing: the server must answer per JSON-RPC and keep serving.
@Suite("Protocol fuzzing")
struct ProtocolFuzzTests {
  static let methods = [
    "initialize", "initialized", "shutdown", "exit", "textDocument/didOpen", "textDocument/didChange", "textDocument/didSave",
    "textDocument/didClose", "textDocument/diagnostic", "textDocument/codeAction", "textDocument/hover", "textDocument/definition",
    "textDocument/documentLink", "textDocument/completion", "workspace/didChangeConfiguration", "workspace/didChangeWatchedFiles",
    "$/cancelRequest", "$/setTrace", "unknown/method", "textDocument/formatting",
  ]

  /// A random JSON value, often of the wrong type for whatever parameter it lands in.
  static func randomValue(_ random: inout SplitMix64, depth: Int = 0) -> JSONValue {
    switch random.below(depth > 3 ? 5 : 8) {
    case 0: return .null
    case 1: return .bool(random.below(2) == 0)
    case 2: return .number(Double(Int(random.next() % 2_000_001) - 1_000_000))
    case 3: return .string(random.pick(["", "file:///tmp/x.md", "the the", "😀", "\u{0}", "utf-8", "a\nb", String(repeating: "x", count: 300)]))
    case 4: return .number(-1)
    case 5: return .array((0..<random.below(4)).map { _ in randomValue(&random, depth: depth + 1) })
    default:
      var object = JSONObject()
      let keys = ["textDocument", "uri", "version", "text", "contentChanges", "range", "position", "context", "id", "settings", "changes", "capabilities", "line", "character", "start", "end", "diagnostics"]
      for _ in 0..<random.below(5) { object.append(random.pick(keys), randomValue(&random, depth: depth + 1)) }
      return .object(object)
    }
  }

  static func frame(_ body: [UInt8]) -> [UInt8] { Array("Content-Length: \(body.count)\r\n\r\n".utf8) + body }

  /// One random chunk of bytes: mostly well-framed messages with bad content, sometimes broken framing.
  static func randomChunk(_ random: inout SplitMix64, uri: String) -> [UInt8] {
    switch random.below(12) {
    case 0: return Array("Content-Len".utf8)  // Truncated header.
    case 1: return Array("Content-Length: \(random.below(64))\r\n\r\n".utf8) + (0..<random.below(64)).map { _ in UInt8(truncatingIfNeeded: random.next()) }
    case 2: return Array("Content-Length: 99999999999\r\n\r\n{}".utf8)  // Huge: refused.
    case 3: return Array("Content-Length: -5\r\n\r\n".utf8)
    case 4: return frame(Array("not json at all {".utf8))
    case 5: return frame(Array(#"[{"jsonrpc":"2.0","id":1,"method":"textDocument/hover"},{"jsonrpc":"2.0","method":"initialized"}]"#.utf8))  // A batch.
    case 6: return (0..<random.below(100)).map { _ in UInt8(truncatingIfNeeded: random.next()) }  // Garbage between frames.
    case 7:
      // A didChange flood entry on the open document, possibly with a bad range.
      let change: JSONValue = [
        "textDocument": ["uri": .string(uri), "version": .number(Double(random.below(100_000)))],
        "contentChanges": [["range": ["start": ["line": .number(Double(random.below(50))), "character": .number(Double(random.below(500)))], "end": ["line": .number(Double(random.below(50))), "character": .number(Double(random.below(500)))]], "text": .string(random.pick(["the the ", "", "😀\r\n", "x"]))]],
      ]
      return frame(Array(JSONWriter.compact(["jsonrpc": "2.0", "method": "textDocument/didChange", "params": change]).utf8))
    default:
      var message = JSONObject()
      message.append("jsonrpc", random.below(10) == 0 ? "1.0" : "2.0")
      if random.below(3) != 0 { message.append("id", random.below(5) == 0 ? randomValue(&random) : .number(Double(1_000 + random.below(1_000_000)))) }
      // `shutdown` and `exit` end a session by design, so the flood leaves them out.
      message.append("method", random.below(10) == 0 ? randomValue(&random) : .string(random.pick(methods.filter { $0 != "exit" && $0 != "shutdown" })))
      if random.below(4) != 0 { message.append("params", randomValue(&random)) }
      return frame(Array(JSONWriter.compact(.object(message)).utf8))
    }
  }

  @Test func requestsBeforeInitializeAreRefusedAndTheServerRecovers() async throws {
    let client = TestClient()
    let early = try await client.requestRaw("textDocument/hover", ["textDocument": ["uri": "file:///x.md"], "position": ["line": 0, "character": 0]])
    guard case .failure(let error) = early else {
      Issue.record("expected an error before initialize")
      return
    }
    #expect(error.code == -32002)
    try await client.initialize()
    #expect(try await client.shutdownAndExit() == 0)
  }

  @Test func survivesTenThousandRandomFramesThenAnswersCorrectly() async throws {
    let seed: UInt64 = 20_261_129
    var random = SplitMix64(seed: seed)
    let client = TestClient()
    try await client.initialize()
    let uri: DocumentURI = "file:///fuzz/draft.md"
    try client.open(uri, "# Fuzz\n\nThe the start.\n")
    _ = try await client.nextDiagnostics(for: uri)
    var sent = 0
    while sent < 10_000 {
      var batch: [UInt8] = []
      for _ in 0..<50 {
        batch += Self.randomChunk(&random, uri: uri)
        sent += 1
      }
      client.sendRaw(batch)
      // Let the server drain now and then, as a real client would.
      if sent % 1_000 == 0 { try await Task.sleep(for: .milliseconds(20)) }
    }
    // Complete any body a wrong Content-Length left waiting for, then resynchronise on a real header.
    client.sendRaw([UInt8](repeating: 0x20, count: 70_000))
    let second: DocumentURI = "file:///fuzz/after.md"
    try client.open(second, "# After\n\nIt was was fine.\n", version: 1)
    let report = try await client.request(DocumentDiagnosticRequest(textDocument: TextDocumentIdentifier(uri: second)))
    guard case .full(_, let items) = report else {
      Issue.record("seed \(seed): expected a full diagnostic report after the fuzzing")
      return
    }
    #expect(items.map(\.message) == ["“was” is repeated; delete the second one"], "seed \(seed)")
    let hover = try await client.requestRaw("textDocument/hover", ["textDocument": ["uri": .string(second)], "position": ["line": 2, "character": 4]])
    #expect((try? hover.get()) != nil, "seed \(seed): hover still answers")
  }

  @Test func wrongParameterTypesForEveryMethodGetInvalidParams() async throws {
    let client = TestClient()
    try await client.initialize()
    for method in Self.methods where !["exit", "shutdown", "initialize", "initialized", "$/setTrace"].contains(method) {
      let result = try await client.requestRaw(method, ["textDocument": 42, "position": "nowhere", "context": [1, 2]])
      switch result {
      case .failure(let error): #expect([-32602, -32601, -32600].contains(error.code), "\(method) answered \(error.code)")
      case .success: Issue.record("\(method) accepted nonsense parameters")
      }
    }
    // Still serving.
    let uri: DocumentURI = "file:///fuzz/ok.md"
    try client.open(uri, "It is fine fine.\n")
    #expect(try await client.nextDiagnostics(for: uri).diagnostics.count == 1)
  }
}
