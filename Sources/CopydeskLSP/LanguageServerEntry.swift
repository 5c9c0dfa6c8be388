import Dispatch
import Foundation
import Synchronization

/// Entry point of `copydesk serve`.
public enum LanguageServerEntry {
  public static let usage = """
    usage: copydesk serve [--stdio]

    Runs the Copydesk language server (LSP 3.17) over standard input and output.
    Standard output carries protocol messages only; logs go to standard error.

    """

  /// Runs the server over stdio until `exit` or end of input. Returns the process exit code: 0 after
  /// `shutdown`, 1 when input ends or `exit` arrives without it, 2 for bad arguments.
  public static func runStdio(arguments: [String]) -> Int32 {
    for argument in arguments {
      switch argument {
      case "--stdio":
        continue
      case "--help", "-h":
        FileHandleWriter.standardError(usage)
        return 0
      default:
        FileHandleWriter.standardError("copydesk serve: unknown option \(argument)\n\(usage)")
        return 2
      }
    }
    // A client that closes its end must not kill the server mid-write; the write fails and is dropped instead.
    signal(SIGPIPE, SIG_IGN)
    let server = LanguageServer(transport: StdioTransport())
    let exitCode = Atomic<Int32>(1)
    let done = DispatchSemaphore(value: 0)
    Task {
      exitCode.store(await server.run(), ordering: .sequentiallyConsistent)
      done.signal()
    }
    done.wait()
    return exitCode.load(ordering: .sequentiallyConsistent)
  }
}
