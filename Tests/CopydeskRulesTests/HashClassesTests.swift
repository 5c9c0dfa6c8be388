import CopydeskTestSupport
import Testing

@testable import CopydeskRules

@Suite("N-gram classes")
struct HashClassesTests {
  /// Classes as a dictionary numbers them: 0, 1, 2, … by first occurrence.
  private func directClasses(of positions: [Int32], length: Int, keys: [UInt64]) -> [Int32] {
    var classes = [Int32](repeating: -1, count: length)
    var numbers: [UInt64: Int32] = [:]
    for position in positions {
      let key = keys[Int(position)]
      if numbers[key] == nil { numbers[key] = Int32(numbers.count) }
      classes[Int(position)] = numbers[key]!
    }
    return classes
  }

  @Test(arguments: [10, 5_000, 40_000, 200_000])
  func batchedClassingNumbersAsOneTableWould(positionCount: Int) {
    // Below `batchSize` one table classes every key; above it keys go through batches, which must not
    // change a single class number.
    var random = SplitMix64(seed: UInt64(positionCount))
    let length = positionCount + positionCount / 3
    // Few distinct keys (plenty of repeats) and a few hash-like ones that occur once.
    let keys = (0..<length).map { _ in random.below(4) == 0 ? random.next() : UInt64(random.below(positionCount / 8 + 2)) }
    let positions = (0..<length).filter { _ in random.below(4) != 0 }.map { Int32($0) }
    let (classes, classCount) = HashClasses.classes(of: positions, length: length) { keys[$0] }
    let expected = directClasses(of: positions, length: length, keys: keys)
    // The first position that differs, rather than two arrays of thousands in the failure message.
    let firstDifference = zip(classes, expected).enumerated().first { $0.element.0 != $0.element.1 }
    #expect(classes.count == expected.count)
    #expect(firstDifference == nil, "position \(firstDifference?.offset ?? -1): class \(firstDifference?.element.0 ?? 0), expected \(firstDifference?.element.1 ?? 0)")
    #expect(classCount == Set(positions.map { keys[Int($0)] }).count)
    #expect((positions.count > HashClasses.batchSize) == (positionCount >= 40_000))
  }
}
