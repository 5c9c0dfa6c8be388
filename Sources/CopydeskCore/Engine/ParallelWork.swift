internal import Dispatch
internal import Synchronization

/// Work spread over a few threads with results kept in input order, whatever the scheduling.
public enum ParallelWork {
  /// `body(index)` for every index below `count`, on up to `workers` threads that each take the next index
  /// in `order` (all indices, ascending by default) until none is left. The result at `i` is `body(i)`.
  public static func map<Result: Sendable>(
    _ count: Int, workers: Int, order: [Int]? = nil, _ body: @Sendable (Int) -> Result
  ) -> [Result] {
    let order = order ?? Array(0..<count)
    let results = Mutex([Result?](repeating: nil, count: count))
    let next = Atomic<Int>(0)
    DispatchQueue.concurrentPerform(iterations: Swift.max(1, Swift.min(workers, count))) { _ in
      while true {
        let position = next.add(1, ordering: .relaxed).oldValue
        guard position < order.count else { return }
        let index = order[position]
        let result = body(index)
        results.withLock { $0[index] = result }
      }
    }
    return results.withLock { $0.map { $0! } }
  }
}
