import CopydeskCore
import Dispatch
import Synchronization
import Testing

@Suite("Document memo")
struct DocumentMemoTests {
  private struct Squares: Sendable { let values: [Int] }
  private struct Total: Sendable { let value: Int }

  @Test func computesOnceWhileManyThreadsAsk() {
    let memo = DocumentMemo()
    let builds = Atomic<Int>(0)
    let seen = Mutex<[Int]>([])
    DispatchQueue.concurrentPerform(iterations: 16) { _ in
      let squares = memo.value(for: Squares.self) {
        builds.add(1, ordering: .relaxed)
        // Long enough that the other threads arrive while it is being built.
        var values: [Int] = []
        for number in 0..<200_000 { values.append(number &* number) }
        return Squares(values: values)
      }
      seen.withLock { $0.append(squares.values.count) }
    }
    #expect(builds.load(ordering: .relaxed) == 1)
    #expect(seen.withLock { $0 } == Array(repeating: 200_000, count: 16))
  }

  @Test func aValueMayBeBuiltFromAnother() {
    let memo = DocumentMemo()
    let total = memo.value(for: Total.self) {
      Total(value: memo.value(for: Squares.self) { Squares(values: [1, 4, 9]) }.values.reduce(0, +))
    }
    #expect(total.value == 14)
    // Both are stored: asking again never rebuilds.
    #expect(memo.value(for: Squares.self) { Squares(values: []) }.values == [1, 4, 9])
    #expect(memo.value(for: Total.self) { Total(value: -1) }.value == 14)
  }
}
