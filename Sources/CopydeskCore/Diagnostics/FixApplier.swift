/// Applies fixes to text: one applier for the CLI and the language server.
public enum FixApplier {
  /// Outcome of applying one round of edits.
  public struct Result: Sendable {
    public var text: String
    /// Edits applied.
    public var applied: [TextEdit]
    /// Diagnostics whose fix was applied.
    public var fixedDiagnostics: Int
  }

  /// Chooses non-overlapping fixes deterministically (earlier start wins, ties by rule id) and applies them.
  /// A fix is all-or-nothing: if any of its edits overlaps an already chosen edit, the whole fix is skipped.
  public static func apply(_ diagnostics: [Diagnostic], to text: SourceText) -> Result {
    let candidates = diagnostics.filter { $0.fix != nil }.sorted { lhs, rhs in
      let left = lhs.fix!.edits.map(\.range.start).min() ?? lhs.range.start
      let right = rhs.fix!.edits.map(\.range.start).min() ?? rhs.range.start
      if left != right { return left < right }
      if lhs.ruleID != rhs.ruleID { return lhs.ruleID < rhs.ruleID }
      return lhs.range < rhs.range
    }
    var chosen: [TextEdit] = []
    var fixed = 0
    for diagnostic in candidates {
      let edits = diagnostic.fix!.edits
      let clashes = edits.contains { edit in
        chosen.contains { other in
          edit.range.overlaps(other.range) || (edit.range.start == other.range.start && (edit.range.isEmpty || other.range.isEmpty))
            || (edit.range.isEmpty && other.range.contains(edit.range.start)) || (other.range.isEmpty && edit.range.contains(other.range.start))
        }
      }
      if clashes { continue }
      chosen.append(contentsOf: edits)
      fixed += 1
    }
    chosen.sort { $0.range.start > $1.range.start }
    var bytes = text.bytes
    for edit in chosen {
      let start = text.clamp(edit.range.start)
      let end = Swift.max(start, text.clamp(edit.range.end))
      bytes.replaceSubrange(start..<end, with: Array(edit.newText.utf8))
    }
    return Result(text: String(decoding: bytes, as: UTF8.self), applied: chosen.reversed(), fixedDiagnostics: fixed)
  }

  /// Lints and fixes repeatedly until nothing fixable remains or `maxPasses` is reached.
  ///
  /// - Returns: the final text, the number of fixes applied, and whether it converged.
  public static func fixToFixpoint(
    _ string: String, path: String, format: DraftFormat? = nil, maxPasses: Int = 10,
    lint: (Document) -> [Diagnostic]
  ) -> (text: String, fixesApplied: Int, converged: Bool) {
    var current = string
    var total = 0
    for _ in 0..<maxPasses {
      let document = Document(path: path, format: format, string: current)
      let diagnostics = lint(document)
      guard diagnostics.contains(where: { $0.fix != nil }) else { return (current, total, true) }
      let result = apply(diagnostics, to: document.text)
      if result.fixedDiagnostics == 0 || result.text == current { return (current, total, true) }
      total += result.fixedDiagnostics
      current = result.text
    }
    let document = Document(path: path, format: format, string: current)
    return (current, total, !lint(document).contains { $0.fix != nil })
  }
}
