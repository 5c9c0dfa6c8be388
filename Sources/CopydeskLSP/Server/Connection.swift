import CopydeskCore
import Foundation
import Synchronization

/// The server's outgoing side: encodes messages, frames them and hands them to the transport.
///
/// Safe to use from any task; the transport keeps frames whole and ordered.
final class Connection: Sendable {
  private let transport: any Transport
  private let logsToStandardError: Bool
  private let isClosed = Mutex(false)

  init(transport: any Transport, logsToStandardError: Bool) {
    self.transport = transport
    self.logsToStandardError = logsToStandardError
  }

  func send(_ message: JSONRPCMessage) {
    guard !isClosed.withLock({ $0 }) else { return }
    transport.send(message.framed)
  }

  func notify<Notification: LSPNotification>(_ notification: Notification) {
    do {
      send(.notification(method: Notification.method, params: try JSONValueEncoder().encode(notification)))
    } catch {
      logToStandardError("cannot encode \(Notification.method): \(error)")
    }
  }

  /// A line on standard error (never standard output, which carries protocol frames only).
  func logToStandardError(_ message: String) {
    guard logsToStandardError else { return }
    FileHandle.standardError.write(Data("copydesk serve: \(message)\n".utf8))
  }

  /// Stops all further output (after `exit`).
  func close() {
    isClosed.withLock { $0 = true }
  }

  func flush() async {
    await transport.flush()
  }
}

/// Sends the one response a request gets. A second reply is ignored; a request dropped without a reply gets an
/// internal error from `deinit`, so a client never waits forever.
final class ReplyHandle: Sendable {
  let id: RequestID
  private let connection: Connection
  private let hasReplied = Mutex(false)

  init(id: RequestID, connection: Connection) {
    self.id = id
    self.connection = connection
  }

  func reply(_ result: Result<JSONValue, ResponseError>) {
    let isFirst = hasReplied.withLock { replied in
      defer { replied = true }
      return !replied
    }
    guard isFirst else { return }
    connection.send(.response(id: id, result: result))
  }

  deinit {
    if !hasReplied.withLock({ $0 }) {
      assertionFailure("request \(id) was dropped without a reply")
      connection.send(.response(id: id, result: .failure(.internalError("The server dropped this request"))))
    }
  }
}
