import Dispatch
import Foundation

/// The transport of `copydesk serve`: a reader thread on standard input and one serial writer on standard output.
///
/// Standard output carries protocol frames only; everything else the server has to say goes to standard error
/// or `window/logMessage`.
public final class StdioTransport: Transport {
  public let incoming: AsyncStream<[UInt8]>
  private let inputDescriptor: Int32
  private let outputDescriptor: Int32
  /// A serial queue: frames are written whole and in call order, and the server never blocks on a slow client.
  private let writer = DispatchQueue(label: "copydesk.lsp.stdout")

  /// - Parameters:
  ///   - inputDescriptor: the descriptor read until end of input (standard input by default).
  ///   - outputDescriptor: the descriptor frames are written to (standard output by default).
  public init(inputDescriptor: Int32 = 0, outputDescriptor: Int32 = 1) {
    self.inputDescriptor = inputDescriptor
    self.outputDescriptor = outputDescriptor
    let (stream, continuation) = AsyncStream.makeStream(of: [UInt8].self)
    incoming = stream
    let thread = Thread {
      StdioTransport.readLoop(descriptor: inputDescriptor, continuation: continuation)
    }
    thread.name = "copydesk.lsp.stdin"
    thread.start()
  }

  private static func readLoop(descriptor: Int32, continuation: AsyncStream<[UInt8]>.Continuation) {
    var buffer = [UInt8](repeating: 0, count: 1 << 16)
    while true {
      let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
      if count > 0 {
        continuation.yield(Array(buffer[0..<count]))
      } else if count < 0 && errno == EINTR {
        continue
      } else {
        break  // End of input or an unrecoverable read error: the session is over.
      }
    }
    continuation.finish()
  }

  public func send(_ frame: [UInt8]) {
    let descriptor = outputDescriptor
    writer.async {
      var offset = 0
      while offset < frame.count {
        let written = frame.withUnsafeBytes { write(descriptor, $0.baseAddress! + offset, $0.count - offset) }
        if written > 0 {
          offset += written
        } else if written < 0 && errno == EINTR {
          continue
        } else {
          return  // The client closed its end; nothing more can be delivered.
        }
      }
    }
  }

  public func flush() async {
    await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
      writer.async { continuation.resume() }
    }
  }
}
