import Synchronization

/// A byte pipe to the client: raw chunks in (split or merged anywhere), whole frames out.
///
/// Framing and JSON live above this protocol, so the same server code runs over stdio and over memory in tests.
public protocol Transport: Sendable {
  /// Chunks as they arrive. The stream finishes at end of input.
  var incoming: AsyncStream<[UInt8]> { get }
  /// Writes one complete frame. Frames from concurrent callers never interleave, and frames are written in
  /// the order of the calls. Does not block on the client.
  func send(_ frame: [UInt8])
  /// Waits until every frame sent so far has been written.
  func flush() async
}

/// An in-process transport: the test (or embedding host) plays the client.
public final class InMemoryTransport: Transport {
  public let incoming: AsyncStream<[UInt8]>
  /// Frames the server sent, in order.
  public let outgoing: AsyncStream<[UInt8]>
  private let incomingContinuation: AsyncStream<[UInt8]>.Continuation
  private let outgoingContinuation: AsyncStream<[UInt8]>.Continuation

  public init() {
    (incoming, incomingContinuation) = AsyncStream.makeStream(of: [UInt8].self)
    (outgoing, outgoingContinuation) = AsyncStream.makeStream(of: [UInt8].self)
  }

  /// Delivers bytes to the server as one read.
  public func receive(_ chunk: [UInt8]) {
    incomingContinuation.yield(chunk)
  }

  /// Ends the server's input (like stdin reaching end of file).
  public func closeInput() {
    incomingContinuation.finish()
  }

  /// Ends the output stream (called when the server stops).
  public func closeOutput() {
    outgoingContinuation.finish()
  }

  public func send(_ frame: [UInt8]) {
    outgoingContinuation.yield(frame)
  }

  public func flush() async {}
}
