import CopydeskCore
import CopydeskLSP
import Foundation
import Synchronization
import Testing

/// The built `copydesk` binary next to this package (`swift build` puts it in `.build/debug`).
private let binaryPath: String = {
  let package = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
  return package.appendingPathComponent(".build/debug/copydesk").path
}()

/// A `copydesk serve --stdio` process with a framing reader on its standard output.
private final class ServerProcess: Sendable {
  let process: Process
  let input: FileHandle
  private let output = ByteSink()
  private let errors = ByteSink()

  init() throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: binaryPath)
    process.arguments = ["serve", "--stdio"]
    let stdin = Pipe()
    let stdout = Pipe()
    let stderr = Pipe()
    process.standardInput = stdin
    process.standardOutput = stdout
    process.standardError = stderr
    try process.run()
    self.process = process
    self.input = stdin.fileHandleForWriting
    for (handle, sink) in [(stdout.fileHandleForReading, output), (stderr.fileHandleForReading, errors)] {
      let thread = Thread {
        while true {
          let data = handle.availableData
          if data.isEmpty { return }
          sink.append(data)
        }
      }
      thread.start()
    }
  }

  func write(_ bytes: [UInt8]) { input.write(Data(bytes)) }
  func write(_ text: String) { write(Array(text.utf8)) }

  var standardOutput: [UInt8] { output.bytes }
  var standardError: String { String(decoding: errors.bytes, as: UTF8.self) }

  /// Every message on standard output so far, and any bytes that were not a frame.
  func messages() -> (messages: [JSONRPCMessage], problems: [String]) {
    var framer = MessageFramer()
    framer.append(standardOutput)
    var messages: [JSONRPCMessage] = []
    var problems: [String] = []
    while let event = framer.next() {
      switch event {
      case .message(let body):
        switch JSONRPCMessage.parse(body) {
        case .success(let message): messages.append(message)
        case .failure(let invalid): problems.append(invalid.error.message)
        }
      case .error(let error):
        problems.append(error.description)
      }
    }
    if framer.bufferedByteCount > 0 { problems.append("\(framer.bufferedByteCount) trailing bytes") }
    return (messages, problems)
  }

  /// Waits until a message matching `predicate` has arrived.
  func waitFor(_ what: String, _ predicate: (JSONRPCMessage) -> Bool) async throws -> JSONRPCMessage {
    for _ in 0..<24000 {
      if let message = messages().messages.first(where: predicate) { return message }
      try await Task.sleep(for: .milliseconds(5))
    }
    throw TestClient.TimeoutError(waitingFor: what + "; stderr: " + standardError)
  }

  /// Waits for the process to end without blocking a thread of the shared pool.
  func exitStatus() async throws -> Int32 {
    for _ in 0..<12000 where process.isRunning {
      try await Task.sleep(for: .milliseconds(10))
    }
    guard !process.isRunning else {
      process.terminate()
      throw TestClient.TimeoutError(waitingFor: "the server to exit; stderr: " + standardError)
    }
    return process.terminationStatus
  }

  func response(_ id: RequestID) async throws -> Result<JSONValue, ResponseError> {
    let message = try await waitFor("response \(id)") {
      if case .response(let responseID, _) = $0 { return responseID == id }
      return false
    }
    guard case .response(_, let result) = message else { fatalError("unreachable") }
    return result
  }
}

private final class ByteSink: Sendable {
  private let storage = Mutex([UInt8]())
  func append(_ data: Data) { storage.withLock { $0.append(contentsOf: data) } }
  var bytes: [UInt8] { storage.withLock { $0 } }
}

private func frame(_ message: JSONRPCMessage) -> [UInt8] { MessageFramer.frame(message.encoded) }

@Suite("copydesk serve over stdio", .serialized)
struct StdioBinaryTests {
  @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: binaryPath), "build the binary first: swift build"))
  func splitMergedAndGarbageFramesOverStdio() async throws {
    let server = try ServerProcess()
    defer { if server.process.isRunning { server.process.terminate() } }

    // A frame split in three writes, with pauses so the server sees separate reads.
    let initialize = frame(
      .request(id: .number(1), method: "initialize", params: ["capabilities": [:], "processId": .null]))
    for piece in [initialize[0..<7], initialize[7..<30], initialize[30...]] {
      server.write(Array(piece))
      try await Task.sleep(for: .milliseconds(30))
    }
    let initialized = try await server.response(.number(1))
    #expect(try initialized.get()["capabilities"]?["positionEncoding"] == "utf-16")

    // Garbage between frames is reported and skipped.
    server.write("GARBAGE\r\n")
    server.write(frame(.request(id: .number(2), method: "no/such/method", params: nil)))
    #expect(
      try await server.response(.number(2))
        == .failure(ResponseError(code: -32601, message: "Unknown method “no/such/method”")))

    // Several messages merged in one write, including invalid JSON in the middle.
    let text = "# Title\n\n😀 It was the the best.\n"
    var merged = frame(.notification(method: "initialized", params: [:]))
    merged += frame(
      .notification(
        method: "textDocument/didOpen",
        params: [
          "textDocument": [
            "uri": "file:///tmp/stdio.md", "languageId": "markdown", "version": 1, "text": .string(text),
          ]
        ]))
    merged += MessageFramer.frame(Array("{not json".utf8))
    merged += frame(
      .request(
        id: .number(3), method: "textDocument/hover",
        params: ["textDocument": ["uri": "file:///tmp/stdio.md"], "position": ["line": 2, "character": 12]]))
    server.write(merged)
    let hover = try await server.response(.number(3)).get()
    #expect(hover["range"] == ["start": ["line": 2, "character": 10], "end": ["line": 2, "character": 17]])
    let published = try await server.waitFor("publishDiagnostics") {
      if case .notification("textDocument/publishDiagnostics", _) = $0 { return true }
      return false
    }
    guard case .notification(_, let params) = published else { return }
    let repetition = params?["diagnostics"]?.arrayValue?.first { $0["code"] == "repetition/word" }
    #expect(repetition?["range"] == ["start": ["line": 2, "character": 10], "end": ["line": 2, "character": 17]])

    server.write(frame(.request(id: .number(4), method: "shutdown", params: nil)))
    #expect(try await server.response(.number(4)) == .success(.null))
    server.write(frame(.notification(method: "exit", params: nil)))
    #expect(try await server.exitStatus() == 0)

    let (messages, problems) = server.messages()
    // Standard output holds protocol frames only.
    #expect(problems.isEmpty)
    let errors = messages.compactMap { message -> ResponseError? in
      if case .errorWithoutID(let error) = message { return error }
      return nil
    }
    #expect(errors.map(\.code) == [-32700, -32700])
    #expect(errors.first?.message == "Skipped 9 bytes that were not part of a Content-Length header")
    #expect(server.standardError.contains("Skipped 9 bytes"))
  }

  @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: binaryPath), "build the binary first: swift build"))
  func endOfInputWithoutShutdownExitsWithOne() async throws {
    let server = try ServerProcess()
    server.write(frame(.request(id: .number(1), method: "initialize", params: ["capabilities": [:]])))
    _ = try await server.response(.number(1))
    try server.input.close()
    #expect(try await server.exitStatus() == 1)
  }
}
