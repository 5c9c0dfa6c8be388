/// Levenshtein distance from one query to many candidates, computed only inside a diagonal band of
/// width `2 × maxDistance + 1` and abandoned as soon as a row exceeds it. Buffers are reused across
/// candidates, so scanning a large corpus allocates almost nothing.
struct BoundedEditDistance {
  let query: [Unicode.Scalar]
  let maxDistance: Int
  private var previous: [Int] = []
  private var current: [Int] = []

  init(query: [Unicode.Scalar], maxDistance: Int) {
    self.query = query
    self.maxDistance = maxDistance
  }

  /// The distance, or `maxDistance + 1` when it is larger.
  mutating func measure(_ candidate: [Unicode.Scalar]) -> Int {
    let over = maxDistance + 1
    let rows = query.count
    let columns = candidate.count
    if abs(rows - columns) > maxDistance { return over }
    if rows == 0 || columns == 0 { return Swift.max(rows, columns) }
    previous.removeAll(keepingCapacity: true)
    current.removeAll(keepingCapacity: true)
    for column in 0...columns { previous.append(column <= maxDistance ? column : over) }
    current.append(contentsOf: repeatElement(over, count: columns + 1))
    for row in 1...rows {
      let low = Swift.max(1, row - maxDistance)
      let high = Swift.min(columns, row + maxDistance)
      current[0] = row <= maxDistance ? row : over
      if low > 1 { current[low - 1] = over }
      var rowMinimum = current[0]
      if low <= high {
        for column in low...high {
          let cost = query[row - 1] == candidate[column - 1] ? 0 : 1
          let value = Swift.min(previous[column] + 1, current[column - 1] + 1, previous[column - 1] + cost)
          current[column] = Swift.min(value, over)
          rowMinimum = Swift.min(rowMinimum, current[column])
        }
      }
      if high < columns { current[high + 1] = over }
      if rowMinimum > maxDistance { return over }
      swap(&previous, &current)
    }
    return Swift.min(previous[columns], over)
  }
}
