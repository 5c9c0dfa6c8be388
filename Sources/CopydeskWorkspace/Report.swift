public import CopydeskCore

/// A 1-based line and 1-based column counted in Unicode scalars: the CLI's coordinates.
public struct ScalarPosition: Sendable, Hashable, Comparable {
  public var line: Int
  public var column: Int

  public init(line: Int, column: Int) {
    self.line = line
    self.column = column
  }

  /// Converts a UTF-8 offset of `text`.
  public init(_ offset: Int, in text: SourceText) {
    let position = text.position(of: offset, encoding: .scalar)
    self.init(line: position.lineIndex + 1, column: position.column + 1)
  }

  public static func < (lhs: ScalarPosition, rhs: ScalarPosition) -> Bool {
    lhs.line != rhs.line ? lhs.line < rhs.line : lhs.column < rhs.column
  }
}

/// A text edit with CLI coordinates.
public struct PositionedEdit: Sendable, Hashable {
  public var start: ScalarPosition
  public var end: ScalarPosition
  public var newText: String
}

/// A related location with CLI coordinates.
public struct PositionedRelated: Sendable, Hashable {
  public var path: String?
  public var start: ScalarPosition
  public var end: ScalarPosition
  public var message: String
}

/// A diagnostic converted for output: the document can be dropped once this is made.
public struct ReportedDiagnostic: Sendable, Hashable {
  public var ruleID: RuleID
  public var severity: Severity
  public var message: String
  public var start: ScalarPosition
  public var end: ScalarPosition
  public var fixTitle: String?
  public var fixEdits: [PositionedEdit]?
  public var related: [PositionedRelated]
  /// The flagged text (for baselines and fingerprints).
  public var flaggedText: String
  /// A little text around the finding, normalised (for baselines).
  public var context: String

  public var isFixable: Bool { fixEdits != nil }
  /// False when `flaggedText` and `context` were not recorded (a run with neither baselines nor SARIF).
  public var hasIdentity: Bool

  /// Converts a finding for output.
  ///
  /// - Parameter includingIdentity: also record `flaggedText` and `context`, which only baselines and SARIF
  ///   fingerprints read; drafts with tens of thousands of findings spend noticeable time building them.
  public init(_ diagnostic: Diagnostic, in text: SourceText, includingIdentity: Bool = true) {
    ruleID = diagnostic.ruleID
    severity = diagnostic.severity
    message = diagnostic.message
    start = ScalarPosition(diagnostic.range.start, in: text)
    end = ScalarPosition(diagnostic.range.end, in: text)
    fixTitle = diagnostic.fix?.title
    fixEdits = diagnostic.fix.map { fix in
      fix.edits.sorted { $0.range < $1.range }.map {
        PositionedEdit(start: ScalarPosition($0.range.start, in: text), end: ScalarPosition($0.range.end, in: text), newText: $0.newText)
      }
    }
    related = diagnostic.related.map {
      PositionedRelated(path: $0.path, start: ScalarPosition($0.range.start, in: text), end: ScalarPosition($0.range.end, in: text), message: $0.message)
    }
    hasIdentity = includingIdentity
    guard includingIdentity else {
      flaggedText = ""
      context = ""
      return
    }
    flaggedText = String(text[diagnostic.range].prefix(200))
    let line = text.lineContentRange(text.lineIndex(containing: diagnostic.range.start))
    let around = TextRange(start: Swift.max(line.start, diagnostic.range.start - 40), end: Swift.min(line.end, Swift.max(diagnostic.range.end, diagnostic.range.start) + 40))
    context = ReportedDiagnostic.normalise(text[text.clampRange(around)])
  }

  /// Lowercased, whitespace collapsed: stable under reflowing and re-indenting.
  public static func normalise(_ text: String) -> String {
    var result = ""
    var lastWasSpace = false
    if text.utf8.allSatisfy({ $0 < 0x80 }) {
      // ASCII fast path: no Unicode property lookups.
      var bytes: [UInt8] = []
      bytes.reserveCapacity(text.utf8.count)
      for byte in text.utf8 {
        if byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) {
          if !lastWasSpace && !bytes.isEmpty { bytes.append(0x20) }
          lastWasSpace = true
        } else {
          bytes.append(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte)
          lastWasSpace = false
        }
      }
      if bytes.last == 0x20 { bytes.removeLast() }
      return String(decoding: bytes, as: UTF8.self)
    }
    for scalar in text.lowercased().unicodeScalars {
      if scalar.properties.isWhitespace {
        if !lastWasSpace && !result.isEmpty { result.unicodeScalars.append(" ") }
        lastWasSpace = true
      } else {
        result.unicodeScalars.append(scalar)
        lastWasSpace = false
      }
    }
    if result.hasSuffix(" ") { result.removeLast() }
    return result
  }
}

extension SourceText {
  /// Moves both ends to scalar boundaries inside the document.
  public func clampRange(_ range: TextRange) -> TextRange {
    let start = clamp(range.start)
    return TextRange(start: start, end: Swift.max(start, clamp(range.end)))
  }
}

/// The outcome for one file.
public struct FileReport: Sendable {
  /// As given on the command line, or relative to the root.
  public var path: String
  public var diagnostics: [ReportedDiagnostic]
  /// Set when the file could not be read or was skipped; `isError` says whether it fails the run.
  public var notice: String?
  public var isError: Bool
  /// With `--fix` or `--diff`: how many fixes were applied (or would be); nil otherwise.
  public var fixesApplied: Int?

  public init(
    path: String, diagnostics: [ReportedDiagnostic], notice: String? = nil, isError: Bool = false, fixesApplied: Int? = nil
  ) {
    self.path = path
    self.diagnostics = diagnostics
    self.notice = notice
    self.isError = isError
    self.fixesApplied = fixesApplied
  }
}

/// Counts for the summary line and the JSON `summary` object.
public struct ReportSummary: Sendable, Hashable {
  public var files = 0
  public var errors = 0
  public var warnings = 0
  public var infos = 0
  public var hints = 0
  public var fixable = 0

  public init() {}

  public init(_ reports: [FileReport]) {
    files = reports.count
    for report in reports {
      for diagnostic in report.diagnostics {
        switch diagnostic.severity {
        case .error: errors += 1
        case .warning: warnings += 1
        case .info: infos += 1
        case .hint: hints += 1
        }
        if diagnostic.isFixable { fixable += 1 }
      }
    }
  }

  public var problems: Int { errors + warnings + infos + hints }
}
