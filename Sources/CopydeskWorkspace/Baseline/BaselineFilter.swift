public import CopydeskCore

/// An accepted finding that this run no longer produced (fixed, or its text changed).
public struct StaleBaselineEntry: Sendable, Hashable {
  public var key: FindingKey
  /// How many of the entry's findings are gone.
  public var missing: Int

  public init(key: FindingKey, missing: Int) {
    self.key = key
    self.missing = missing
  }
}

/// What applying a baseline did to a run.
public struct BaselineOutcome: Sendable, Hashable {
  /// Findings hidden because the baseline accepts them.
  public var hiddenCount = 0
  /// Entries for the files of this run that matched nothing, sorted by key.
  public var stale: [StaleBaselineEntry] = []

  public init(hiddenCount: Int = 0, stale: [StaleBaselineEntry] = []) {
    self.hiddenCount = hiddenCount
    self.stale = stale
  }

  /// The number of accepted findings that are gone.
  public var staleCount: Int { stale.reduce(0) { $0 + $1.missing } }
}

extension Baseline {
  /// Removes the findings the baseline accepts; everything else stays, in order.
  ///
  /// Each entry hides at most `count` findings. Matching runs in two passes per file: first on the full key
  /// (path, rule, text and context), then, for findings still shown, on path, rule and text alone, using
  /// entries the first pass left over. The second pass keeps an old finding hidden when words next to it
  /// were edited, and since counts are never exceeded a new finding with the same text still shows once
  /// the old one is accounted for.
  ///
  /// - Parameters:
  ///   - reports: the run's reports.
  ///   - keyPaths: for each report, its path relative to the corpus root (the baseline's `path`).
  ///   - checkedRules: the rules that ran on a root-relative path, or nil when unknown. Entries of rules that
  ///     did not run (`--rule`, `--disable`, config) are not stale: nothing could have matched them.
  public func apply(
    to reports: [FileReport], keyPaths: [String], checkedRules: (String) -> Set<RuleID>? = { _ in nil }
  ) -> (reports: [FileReport], outcome: BaselineOutcome) {
    precondition(reports.count == keyPaths.count, "one key path per report")
    var remaining = counts
    struct LooseKey: Hashable {
      var path: String
      var ruleID: RuleID
      var text: String
    }
    var looseIndex: [LooseKey: [FindingKey]] = [:]
    for key in counts.keys.sorted() {
      looseIndex[LooseKey(path: key.path, ruleID: key.ruleID, text: key.text), default: []].append(key)
    }
    var outcome = BaselineOutcome()
    var filtered = reports
    for (index, report) in reports.enumerated() {
      let path = keyPaths[index]
      let keys = report.diagnostics.map { FindingKey(path: path, diagnostic: $0) }
      var hidden = [Bool](repeating: false, count: keys.count)
      for (position, key) in keys.enumerated() where remaining[key, default: 0] > 0 {
        remaining[key]! -= 1
        hidden[position] = true
      }
      for (position, key) in keys.enumerated() where !hidden[position] {
        let loose = LooseKey(path: key.path, ruleID: key.ruleID, text: key.text)
        guard let candidate = looseIndex[loose]?.first(where: { remaining[$0, default: 0] > 0 }) else { continue }
        remaining[candidate]! -= 1
        hidden[position] = true
      }
      outcome.hiddenCount += hidden.filter { $0 }.count
      filtered[index].diagnostics = zip(report.diagnostics, hidden).filter { !$0.1 }.map(\.0)
    }
    let linted = Set(keyPaths)
    outcome.stale = remaining.filter { key, count in
      guard count > 0, linted.contains(key.path) else { return false }
      return checkedRules(key.path)?.contains(key.ruleID) ?? true
    }.map { StaleBaselineEntry(key: $0.key, missing: $0.value) }.sorted { $0.key < $1.key }
    return (filtered, outcome)
  }
}
