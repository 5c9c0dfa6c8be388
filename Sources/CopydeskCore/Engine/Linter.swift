/// One enabled rule with its effective severity.
public struct ConfiguredRule: Sendable {
  public let rule: any Rule
  public let severity: Severity

  public init(rule: any Rule, severity: Severity) {
    self.rule = rule
    self.severity = severity
  }
}

/// Runs configured rules over documents: applies suppressions and severities, sorts deterministically.
///
/// A `Linter` is an immutable value: build it once per configuration and share it across threads.
public struct Linter: Sendable {
  public let rules: [ConfiguredRule]

  public init(rules: [ConfiguredRule]) {
    self.rules = rules
  }

  /// Drafts at least this large are checked by several rules at once when `workers` allows.
  public static let parallelThresholdBytes = 64 * 1024

  /// Findings for one document, sorted by position and rule id.
  ///
  /// - Parameter workers: threads that may check rules side by side on a draft of at least
  ///   `parallelThresholdBytes` (a book-length draft in the editor or the CLI). The findings are the same
  ///   whatever the value. Cancellation is then checked only before the rules start, not between them,
  ///   because the rules run on Dispatch threads that have no current task.
  public func lint(_ document: Document, context: RuleContext = RuleContext(), workers: Int = 1) -> [Diagnostic] {
    var sharedContext = context
    sharedContext.lintValues = DocumentMemo()
    let context = sharedContext
    var results: [Diagnostic] = []
    if !document.text.replacedInvalidSequences.isEmpty {
      let first = document.text.replacedInvalidSequences[0]
      let count = document.text.replacedInvalidSequences.count
      results.append(Diagnostic(
        ruleID: Linter.encodingRuleID, severity: .warning, range: TextRange(start: first, end: first + 3),
        message: "The file is not valid UTF-8: \(count) invalid byte sequence\(count == 1 ? " was" : "s were") replaced with “\u{FFFD}”; re-save it as UTF-8"))
    }
    if workers > 1 && rules.count > 1 && document.text.count >= Linter.parallelThresholdBytes && !Task.isCancelled {
      // Costliest first (longest-processing-time scheduling). Rules that share a derived value wait for the
      // first to build it (`DocumentMemo`) rather than build it again.
      let order = rules.indices.sorted { (-rules[$0].rule.relativeCost, $0) < (-rules[$1].rule.relativeCost, $1) }
      let findings = ParallelWork.map(rules.count, workers: workers, order: order) { ruleIndex in
        check(rules[ruleIndex], document, context: context)
      }
      // Rule order, as in a sequential run, so sorting sees the same input.
      for checked in findings { results.append(contentsOf: checked) }
    } else {
      for configured in rules {
        results.append(contentsOf: check(configured, document, context: context))
        if Task.isCancelled { break }
      }
    }
    // Sort positions rather than the findings: moving the large values dominates sorting thousands of
    // them. Both sorts are stable, so the order is the same.
    var order = Array(results.indices)
    results.withUnsafeBufferPointer { buffer in
      order.sort { Diagnostic.sortedOrder(buffer[$0], buffer[$1]) }
    }
    results = order.map { results[$0] }
    return results
  }

  /// One rule's findings with suppressions, severity and protected ranges applied.
  private func check(_ configured: ConfiguredRule, _ document: Document, context: RuleContext) -> [Diagnostic] {
    let id = configured.rule.description.id
    var kept: [Diagnostic] = []
    for var diagnostic in configured.rule.check(document, context: context) {
      if document.suppressions.isSuppressed(id, at: diagnostic.range) { continue }
      diagnostic.severity = configured.severity
      if let fix = diagnostic.fix, fix.edits.contains(where: { document.isProtected($0.range) || document.suppressions.touchesSuppressed(id, $0.range) }) {
        // Fixes never touch code, URLs, front-matter keys or suppressed text.
        diagnostic.fix = nil
      }
      kept.append(diagnostic)
    }
    return kept
  }

  /// The id of the built-in finding for invalid UTF-8 input.
  public static let encodingRuleID: RuleID = "input/encoding"
}
