import CopydeskCore
import Foundation

extension LintCommand {
  /// Applies `--baseline` and `--write-baseline` to the run's reports, before `--quiet` filters them.
  ///
  /// Writing records every current finding (and carries over the entries of the old baseline for files or
  /// rules this run did not check, so a partial run does not forget them), then hides them all. Returns nil
  /// when neither option is given.
  func applyBaseline(
    to reports: inout [FileReport], keyPaths: [String], directories: [String], configurations: ConfigurationCache
  ) throws -> BaselineOutcome? {
    guard usesBaseline else { return nil }
    var rulesByPath: [String: Set<RuleID>] = [:]
    for (index, path) in keyPaths.enumerated() {
      // No rule ran on a file that was unreadable, skipped, or whose configuration failed: its entries are
      // neither stale nor dropped when rewriting.
      guard reports[index].notice == nil,
        let configuration = try? configurations.configuration(forDirectory: directories[index])
      else {
        rulesByPath[path] = []
        continue
      }
      rulesByPath[path] = Set(configuration.linter.rules.map { $0.rule.description.id }).union([Linter.encodingRuleID])
    }
    let checkedRules: (String) -> Set<RuleID>? = { rulesByPath[$0] }

    var baseline: Baseline? = nil
    if let path = options.baseline {
      let absolutePath = absolute(path)
      let isBeingCreated = options.writeBaseline.map(absolute) == absolutePath && !FileManager.default.fileExists(atPath: absolutePath)
      baseline = isBeingCreated ? Baseline() : try Baseline.read(path: absolutePath, displayPath: path)
    }
    if let path = options.writeBaseline {
      let recorded = Baseline(recording: zip(keyPaths, reports).map { ($0, $1.diagnostics) })
      let carried = Baseline(counts: (baseline?.counts ?? [:]).filter { key, _ in
        !(checkedRules(key.path)?.contains(key.ruleID) ?? false)
      })
      let written = recorded.merging(carried)
      try written.write(to: absolute(path), displayPath: path)
      let files = written.paths.count
      console.writeError(
        "copydesk: wrote \(path) with \(LintCommand.plural(written.findingCount, "finding")) in \(LintCommand.plural(files, "file"))\n")
      baseline = written
    }
    let (filtered, outcome) = baseline!.apply(to: reports, keyPaths: keyPaths, checkedRules: checkedRules)
    reports = filtered
    return outcome
  }

  /// A draft's path relative to the corpus root (the baseline's `path`), or its absolute path when outside.
  static func keyPath(_ absolutePath: String, root: String) -> String {
    FileDiscovery(root: root).relativePath(absolutePath) ?? FileDiscovery.canonical(absolutePath)
  }

  /// `keyPath` of each target, using the canonical paths discovery already resolved.
  static func keyPaths(_ targets: [LintTarget], root: String) -> [String] {
    let rootDiscovery = FileDiscovery(root: root)
    return targets.map { target in
      let canonical = target.canonicalPath ?? FileDiscovery.canonical(target.absolutePath)
      return rootDiscovery.relativePath(canonical: canonical) ?? canonical
    }
  }

  /// The lines that end a run with a baseline: how many findings it hid and which entries are stale.
  ///
  ///     Baseline: 12 findings hidden; 1 entry no longer matches (fixed or changed): rerun with
  ///     --write-baseline .copydesk-baseline.json to drop it
  ///       stale: drafts/a.md: repetition/word “the the”
  public static func baselineSummary(_ outcome: BaselineOutcome, file: String) -> String {
    var line = "Baseline: \(plural(outcome.hiddenCount, "finding")) hidden"
    if outcome.staleCount > 0 {
      let entries = outcome.staleCount == 1 ? "1 entry no longer matches" : "\(outcome.staleCount) entries no longer match"
      line += "; \(entries) (fixed or changed): rerun with --write-baseline \(file) to drop "
        + (outcome.staleCount == 1 ? "it" : "them")
    }
    line += "\n"
    for entry in outcome.stale {
      let times = entry.missing > 1 ? " (×\(entry.missing))" : ""
      line += "  stale: \(entry.key.path): \(entry.key.ruleID) “\(entry.key.text)”\(times)\n"
    }
    return line
  }

  static func plural(_ count: Int, _ word: String) -> String { "\(count) \(word)\(count == 1 ? "" : "s")" }
}
