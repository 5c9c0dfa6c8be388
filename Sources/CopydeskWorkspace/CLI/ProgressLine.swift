import Dispatch
import Synchronization

/// A `\r`-updated "Linting 120/450 files" line on standard error, for long runs on a terminal.
///
/// It appears once the run is long: more than `minimumFiles` files, or still going after `delayNanoseconds`.
/// Redraws are throttled to one per `intervalNanoseconds`, and `finish()` erases the line so the report
/// that follows starts on a clean line. Safe to call from every worker thread.
public final class ProgressLine: Sendable {
  private struct State {
    var isVisible = false
    var lastDraw: UInt64 = 0
    var drawnCount = 0
  }

  private let total: Int
  private let write: @Sendable (String) -> Void
  private let now: @Sendable () -> UInt64
  private let minimumFiles: Int
  private let delayNanoseconds: UInt64
  private let intervalNanoseconds: UInt64
  private let start: UInt64
  private let state = Mutex(State())

  /// - Parameters:
  ///   - total: the number of files in the run.
  ///   - write: writes to standard error.
  ///   - now: a monotonic clock in nanoseconds; nil for the system's uptime clock.
  public init(
    total: Int, write: @escaping @Sendable (String) -> Void,
    now: (@Sendable () -> UInt64)? = nil,
    minimumFiles: Int = 200, delayNanoseconds: UInt64 = 1_000_000_000, intervalNanoseconds: UInt64 = 100_000_000
  ) {
    self.total = total
    self.write = write
    let clock = now ?? { DispatchTime.now().uptimeNanoseconds }
    self.now = clock
    self.minimumFiles = minimumFiles
    self.delayNanoseconds = delayNanoseconds
    self.intervalNanoseconds = intervalNanoseconds
    self.start = clock()
  }

  /// Reports that `finished` files are done.
  public func update(finished: Int) {
    let time = now()
    let isLong = total > minimumFiles || time >= start + delayNanoseconds
    guard isLong else { return }
    state.withLock { state in
      // Workers report out of order: never draw a count lower than one already shown.
      guard finished > state.drawnCount else { return }
      // The first draw is immediate; later ones wait for the interval, except the last file.
      guard !state.isVisible || time >= state.lastDraw + intervalNanoseconds || finished == total else { return }
      state.isVisible = true
      state.lastDraw = time
      state.drawnCount = finished
      let percent = total > 0 ? finished * 100 / total : 100
      // Written under the lock so that two workers never leave an older count on screen.
      write("\rLinting \(finished)/\(total) files (\(percent)%)\u{1B}[K")
    }
  }

  /// Erases the line if it was shown.
  public func finish() {
    state.withLock { state in
      if state.isVisible { write("\r\u{1B}[K") }
      state.isVisible = false
    }
  }
}
