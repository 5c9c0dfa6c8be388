/// Applies fixes to text: one applier for the CLI (`--fix`, `--diff`) and the language server
/// (quick fixes and `source.fixAll`).
///
/// One round (`apply`) chooses non-overlapping fixes deterministically and applies them in one sweep
/// over the bytes. `fixToFixpoint` repeats rounds, re-parsing and re-linting between them, until the
/// text stops changing or the pass limit is reached, and reports which bytes changed overall.
///
/// - Important: A fix is all-or-nothing. Fixes whose edits fall outside the text, split a scalar or a
///   CRLF pair, overlap each other, or (with a `Document`) touch code, URLs, link targets, HTML comments,
///   front-matter keys or suppressed text are never applied.
public enum FixApplier {
  /// Passes `fixToFixpoint` makes before it gives up and reports non-convergence.
  public static let defaultMaxPasses = 10

  /// Why a diagnostic's fix was not applied in a round.
  public enum SkipReason: Sendable, Hashable {
    /// It overlaps or touches an edit of a fix chosen earlier in the round; a later round may apply it.
    case overlapsAnotherFix
    /// An edit lies outside the text, inside a scalar or a CRLF pair, or the fix's own edits overlap.
    case invalidEdit
    /// An edit touches code, a URL, a link target, an HTML comment, a front-matter key or suppressed text.
    case protectedText
  }

  /// A fix that was left out of a round, and why.
  public struct SkippedFix: Sendable, Hashable {
    public var diagnostic: Diagnostic
    public var reason: SkipReason

    public init(diagnostic: Diagnostic, reason: SkipReason) {
      self.diagnostic = diagnostic
      self.reason = reason
    }
  }

  /// Outcome of applying one round of edits.
  public struct Result: Sendable {
    /// The text after the round (valid UTF-8).
    public var bytes: [UInt8]
    /// Edits applied, in document order, with the text actually written (line breaks converted).
    public var applied: [TextEdit]
    /// Diagnostics whose fix was applied, in the order they were chosen.
    public var appliedDiagnostics: [Diagnostic]
    /// Diagnostics with a fix that was not applied.
    public var skipped: [SkippedFix]
    /// The regions changed by the round: old ranges in the input, new ranges in `bytes`.
    public var changes: [TextChange]

    /// The text after the round.
    public var text: String { String(decoding: bytes, as: UTF8.self) }
    /// Number of diagnostics whose fix was applied.
    public var fixedDiagnostics: Int { appliedDiagnostics.count }
  }

  // MARK: One round

  /// Chooses non-overlapping fixes and applies them to `document`'s text, leaving out any fix that
  /// touches protected or suppressed text (the engine already drops those; this keeps the guarantee for
  /// callers that lint without it).
  public static func apply(
    _ diagnostics: [Diagnostic], to document: Document, matchLineEndings: Bool = true
  ) -> Result {
    var allowed: [Diagnostic] = []
    var protected: [SkippedFix] = []
    for diagnostic in diagnostics {
      guard let fix = diagnostic.fix else { continue }
      let touchesProtected = fix.edits.contains {
        document.isProtected($0.range) || document.suppressions.touchesSuppressed(diagnostic.ruleID, $0.range)
      }
      if touchesProtected {
        protected.append(SkippedFix(diagnostic: diagnostic, reason: .protectedText))
      } else {
        allowed.append(diagnostic)
      }
    }
    var result = apply(allowed, to: document.text, matchLineEndings: matchLineEndings)
    result.skipped = (protected + result.skipped).sorted { Diagnostic.sortedOrder($0.diagnostic, $1.diagnostic) }
    return result
  }

  /// Chooses non-overlapping fixes deterministically and applies them.
  ///
  /// Fixes are considered in a fixed order: by their earliest edit, then rule id, then the diagnostic's
  /// range, message and edits, so the same findings always give the same text whatever order they come
  /// in. A fix is skipped when any of its edits overlaps an edit already chosen, or when an insertion
  /// would land inside or at either edge of another edit (the order of the two would be a guess).
  ///
  /// - Parameter matchLineEndings: when true, line breaks in inserted text are written in the text's
  ///   dominant style, so a fix that inserts `\n` keeps a CRLF file CRLF.
  public static func apply(_ diagnostics: [Diagnostic], to text: SourceText, matchLineEndings: Bool = true) -> Result {
    let lineEnding = matchLineEndings ? LineEnding.dominant(in: text.bytes) : nil
    let candidates = diagnostics.filter { $0.fix.map { !$0.edits.isEmpty } ?? false }.sorted(by: precedes)
    var chosen: [TextEdit] = []  // Sorted by start; pairwise free of conflicts.
    var appliedDiagnostics: [Diagnostic] = []
    var skipped: [SkippedFix] = []
    for diagnostic in candidates {
      let edits = diagnostic.fix!.edits.sorted(by: editPrecedes)
      var isValid = edits.allSatisfy { isValidRange($0.range, in: text) }
      for index in edits.indices.dropFirst() where conflicts(edits[index - 1].range, edits[index].range) {
        isValid = false
      }
      guard isValid else {
        skipped.append(SkippedFix(diagnostic: diagnostic, reason: .invalidEdit))
        continue
      }
      if edits.contains(where: { clashes($0.range, with: chosen) }) {
        skipped.append(SkippedFix(diagnostic: diagnostic, reason: .overlapsAnotherFix))
        continue
      }
      for edit in edits {
        let newText = lineEnding.map { $0.normalizing(edit.newText) } ?? edit.newText
        chosen.insert(TextEdit(range: edit.range, newText: newText), at: insertionIndex(edit.range.start, in: chosen))
      }
      appliedDiagnostics.append(diagnostic)
    }

    var output: [UInt8] = []
    output.reserveCapacity(text.count + 64)
    var changes: [TextChange] = []
    var cursor = 0
    for edit in chosen {
      output.append(contentsOf: text.bytes[cursor..<edit.range.start])
      let newStart = output.count
      output.append(contentsOf: edit.newText.utf8)
      changes.append(TextChange(oldRange: edit.range, newRange: TextRange(start: newStart, end: output.count)))
      cursor = edit.range.end
    }
    output.append(contentsOf: text.bytes[cursor...])
    return Result(
      bytes: output, applied: chosen, appliedDiagnostics: appliedDiagnostics, skipped: skipped, changes: changes)
  }

  /// The deterministic order in which fixes compete: earliest edit, rule id, range, message, edits.
  static func precedes(_ lhs: Diagnostic, _ rhs: Diagnostic) -> Bool {
    let left = lhs.fix!.edits.map(\.range.start).min()!
    let right = rhs.fix!.edits.map(\.range.start).min()!
    if left != right { return left < right }
    if lhs.ruleID != rhs.ruleID { return lhs.ruleID < rhs.ruleID }
    if lhs.range != rhs.range { return lhs.range < rhs.range }
    if lhs.message != rhs.message { return lhs.message < rhs.message }
    let leftEdits = lhs.fix!.edits.sorted(by: editPrecedes)
    let rightEdits = rhs.fix!.edits.sorted(by: editPrecedes)
    for (a, b) in zip(leftEdits, rightEdits) where a != b { return editPrecedes(a, b) }
    return leftEdits.count < rightEdits.count
  }

  private static func editPrecedes(_ lhs: TextEdit, _ rhs: TextEdit) -> Bool {
    lhs.range != rhs.range ? lhs.range < rhs.range : lhs.newText < rhs.newText
  }

  /// True when two edits cannot both be applied: they share bytes, or an insertion lands inside or at
  /// an edge of the other edit, or both insert at one point.
  static func conflicts(_ a: TextRange, _ b: TextRange) -> Bool {
    if a.isEmpty && b.isEmpty { return a.start == b.start }
    if a.isEmpty { return a.start >= b.start && a.start <= b.end }
    if b.isEmpty { return b.start >= a.start && b.start <= a.end }
    return a.overlaps(b)
  }

  /// True when `range` conflicts with an edit of `chosen` (sorted by start, pairwise non-conflicting).
  private static func clashes(_ range: TextRange, with chosen: [TextEdit]) -> Bool {
    // Only the last edit starting before `range` can reach into it; after that, scan those that start
    // no later than its end.
    var index = Swift.max(0, insertionIndex(range.start, in: chosen) - 1)
    while index < chosen.count, chosen[index].range.start <= range.end {
      if conflicts(range, chosen[index].range) { return true }
      index += 1
    }
    return false
  }

  /// The first index whose edit starts after `offset`.
  private static func insertionIndex(_ offset: Int, in edits: [TextEdit]) -> Int {
    var low = 0
    var high = edits.count
    while low < high {
      let mid = (low + high) / 2
      if edits[mid].range.start <= offset { low = mid + 1 } else { high = mid }
    }
    return low
  }

  /// Inside the text, on scalar boundaries, and not between the `\r` and `\n` of a CRLF.
  static func isValidRange(_ range: TextRange, in text: SourceText) -> Bool {
    guard range.start >= 0, range.end <= text.count else { return false }
    for offset in [range.start, range.end] {
      guard text.isScalarBoundary(offset) else { return false }
      if offset > 0, offset < text.count, text.bytes[offset - 1] == 0x0D, text.bytes[offset] == 0x0A { return false }
    }
    return true
  }

  // MARK: To a fixpoint

  /// The outcome of fixing a draft until nothing more changes.
  public struct FixpointResult: Sendable {
    /// The text as given.
    public var original: SourceText
    /// The final text, parsed.
    public var document: Document
    /// Findings in the original text.
    public var initialDiagnostics: [Diagnostic]
    /// Findings in the final text: what still needs a human (and fixes that never found room).
    public var remaining: [Diagnostic]
    /// Fixes applied over all passes.
    public var fixesApplied: Int
    /// Rounds that changed the text.
    public var passes: Int
    /// False when the text was still changing after the last allowed pass.
    public var converged: Bool
    /// Sorted, disjoint regions that differ: old ranges in `original`, new ranges in the final text.
    /// Every byte outside them is unchanged.
    public var changes: [TextChange]

    /// The final text.
    public var text: String { document.text.string }
    /// True when the final text differs from the original.
    public var isChanged: Bool { original.bytes != document.text.bytes }
    /// The final text as a file's bytes: with the byte order mark back in front when the original had one.
    public var bytesToSave: [UInt8] {
      original.hadByteOrderMark ? [0xEF, 0xBB, 0xBF] + document.text.bytes : document.text.bytes
    }
    /// Findings in the final text that still carry a fix.
    public var remainingFixable: Int { remaining.count(where: { $0.fix != nil }) }
    /// One edit per change, on the original text, that together produce the final text (for an
    /// editor's "fix all" action).
    public var edits: [TextEdit] {
      changes.map { TextEdit(range: $0.oldRange, newText: document.text[$0.newRange]) }
    }
  }

  /// Lints and fixes repeatedly until the text stops changing or `maxPasses` rounds have run.
  ///
  /// Each round re-parses the text, so fixes compose: a wordy phrase with a double space inside is
  /// collapsed in one pass and substituted in the next, and `the the the` loses both repeats.
  ///
  /// - Parameters:
  ///   - text: the draft (its byte order mark, if any, is already dropped by `SourceText`).
  ///   - path: the draft's path, for the document and the format.
  ///   - lint: the findings for a document; usually `Linter.lint`.
  public static func fixToFixpoint(
    _ text: SourceText, path: String, format: DraftFormat? = nil, maxPasses: Int = defaultMaxPasses,
    lint: (Document) -> [Diagnostic]
  ) -> FixpointResult {
    var document = Document(path: path, format: format, text: text)
    let initial = lint(document)
    var diagnostics = initial
    var changes: [TextChange] = []
    var passes = 0
    var total = 0
    var converged = true
    while diagnostics.contains(where: { $0.fix != nil }) {
      let result = apply(diagnostics, to: document)
      if result.appliedDiagnostics.isEmpty || result.bytes == document.text.bytes { break }
      if passes >= maxPasses {
        converged = false
        break
      }
      passes += 1
      total += result.fixedDiagnostics
      changes = TextChange.compose(changes, result.changes)
      // Built from a String, not from bytes, so a U+FEFF that a fix put at the start stays text.
      document = Document(path: path, format: document.format, text: SourceText(result.text))
      diagnostics = lint(document)
    }
    return FixpointResult(
      original: text, document: document, initialDiagnostics: initial, remaining: diagnostics, fixesApplied: total,
      passes: passes, converged: converged, changes: changes)
  }

  /// Lints and fixes a string until it stops changing; see `fixToFixpoint(_:path:format:maxPasses:lint:)`.
  public static func fixToFixpoint(
    _ string: String, path: String, format: DraftFormat? = nil, maxPasses: Int = defaultMaxPasses,
    lint: (Document) -> [Diagnostic]
  ) -> FixpointResult {
    fixToFixpoint(SourceText(string), path: path, format: format, maxPasses: maxPasses, lint: lint)
  }
}
