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

  /// Findings for one document, sorted by position and rule id.
  public func lint(_ document: Document, context: RuleContext = RuleContext()) -> [Diagnostic] {
    var results: [Diagnostic] = []
    if !document.text.replacedInvalidSequences.isEmpty {
      let first = document.text.replacedInvalidSequences[0]
      let count = document.text.replacedInvalidSequences.count
      results.append(Diagnostic(
        ruleID: Linter.encodingRuleID, severity: .warning, range: TextRange(start: first, end: first + 3),
        message: "The file is not valid UTF-8: \(count) invalid byte sequence\(count == 1 ? " was" : "s were") replaced with “\u{FFFD}”; re-save it as UTF-8"))
    }
    for configured in rules {
      let id = configured.rule.description.id
      for var diagnostic in configured.rule.check(document, context: context) {
        if document.suppressions.isSuppressed(id, at: diagnostic.range) { continue }
        diagnostic.severity = configured.severity
        if let fix = diagnostic.fix, fix.edits.contains(where: { document.isProtected($0.range) || document.suppressions.touchesSuppressed(id, $0.range) }) {
          // Fixes never touch code, URLs, front-matter keys or suppressed text.
          diagnostic.fix = nil
        }
        results.append(diagnostic)
      }
      if Task.isCancelled { break }
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

  /// The id of the built-in finding for invalid UTF-8 input.
  public static let encodingRuleID: RuleID = "input/encoding"
}
