public import CopydeskCore

/// GitHub Actions workflow commands: one `::error`, `::warning` or `::notice` line per finding, which the
/// runner turns into annotations on the pull request.
///
///     ::warning file=drafts/a.md,line=3,col=8,endLine=3,endColumn=15,title=repetition/word::“the” is repeated…
///
/// Errors become `::error`, warnings `::warning`, infos and hints `::notice`. Lines and columns are 1-based,
/// columns count Unicode scalars and `endColumn` is the column just after the finding, as in the text and
/// JSON formats. GitHub accepts columns only on single-line annotations, so a finding that spans lines
/// gives `line` and `endLine` alone. Files that could not be read get an `::error` (or a `::notice` when
/// skipped) without a position. A plain summary line ends the output.
public enum GitHubReporter {
  public static func render(_ reports: [FileReport]) -> String {
    var output = ""
    for report in reports {
      if let notice = report.notice {
        output += command(report.isError ? "error" : "notice", properties: [("file", report.path)], message: notice)
      }
      for diagnostic in report.diagnostics {
        var properties: [(String, String)] = [("file", report.path), ("line", String(diagnostic.start.line))]
        if diagnostic.start.line == diagnostic.end.line {
          properties.append(("col", String(diagnostic.start.column)))
        }
        properties.append(("endLine", String(diagnostic.end.line)))
        if diagnostic.start.line == diagnostic.end.line {
          properties.append(("endColumn", String(diagnostic.end.column)))
        }
        properties.append(("title", diagnostic.ruleID.rawValue))
        output += command(commandName(diagnostic.severity), properties: properties, message: diagnostic.message)
      }
    }
    output += TextReporter(useColor: false).summaryLine(ReportSummary(reports)) + "\n"
    return output
  }

  /// The workflow command for a severity.
  public static func commandName(_ severity: Severity) -> String {
    switch severity {
    case .error: "error"
    case .warning: "warning"
    case .info, .hint: "notice"
    }
  }

  static func command(_ name: String, properties: [(String, String)], message: String) -> String {
    let list = properties.map { "\($0.0)=\(escapeProperty($0.1))" }.joined(separator: ",")
    return "::\(name) \(list)::\(escapeData(message))\n"
  }

  /// Escapes a message the way GitHub's actions toolkit does: `%`, carriage return and line feed.
  public static func escapeData(_ text: String) -> String {
    var result = ""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "%": result += "%25"
      case "\r": result += "%0D"
      case "\n": result += "%0A"
      default: result.unicodeScalars.append(scalar)
      }
    }
    return result
  }

  /// Escapes a property value: as `escapeData`, plus `:` and `,`, which delimit properties.
  public static func escapeProperty(_ text: String) -> String {
    var result = ""
    for scalar in escapeData(text).unicodeScalars {
      switch scalar {
      case ":": result += "%3A"
      case ",": result += "%2C"
      default: result.unicodeScalars.append(scalar)
      }
    }
    return result
  }
}
