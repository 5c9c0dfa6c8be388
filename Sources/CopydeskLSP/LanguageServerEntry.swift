import Dispatch
import Foundation
import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

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
    keepFreedMemory()
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

  /// Every change of a large draft builds a new document snapshot of the same size and frees the old one. By
  /// default glibc serves such blocks with fresh `mmap`s and returns them on free, so each keystroke pays for
  /// page faults and zeroing again; keeping freed memory in the heap instead cut the page faults per change of a
  /// 2 MB draft by about 60 % and its CPU time by about a quarter. The cost is that the process keeps its peak
  /// heap size.
  ///
  /// `mallopt` is looked up at run time because `malloc.h` is not part of the Glibc module; where it does not
  /// exist (other C libraries) nothing changes. `copydesk serve` calls it at start; a process that hosts the
  /// server in-process (the benchmark) calls it to measure the same allocator settings.
  public static func keepFreedMemory() {
    #if canImport(Glibc)
      typealias MallocOption = @convention(c) (Int32, Int32) -> Int32
      guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return }
      let mallopt = unsafeBitCast(symbol, to: MallocOption.self)
      // The option numbers of glibc's malloc.h: M_TRIM_THRESHOLD -1, M_TOP_PAD -2, M_MMAP_THRESHOLD -3.
      _ = mallopt(-3, 64 << 20)
      _ = mallopt(-1, 256 << 20)
      _ = mallopt(-2, 16 << 20)
    #endif
  }
}
