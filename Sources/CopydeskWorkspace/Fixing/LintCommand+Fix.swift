public import CopydeskCore
import Foundation

extension LintCommand {
  /// `lint --fix` and `lint --diff`, on files or on standard input.
  ///
  /// - `--fix` writes each changed file atomically, then prints "Fixed N problems in PATH" per file
  ///   (text format; `"fixed": N` per file in JSON) and what still needs a human in the chosen format.
  /// - `--diff` writes nothing and prints one unified diff of every fix on standard output; the findings
  ///   that would remain go to standard error in the chosen format. With both flags, `--diff` wins.
  /// - `--stdin --fix` prints the fixed text on standard output, and the remaining findings on standard error.
  ///
  /// The exit status reflects the findings that remain after fixing, and is 2 when any file could not
  /// be read or written (it is then left exactly as it was).
  func runFixes(
    configurations: ConfigurationCache, discovery: FileDiscovery, corpus: (any DraftIndex)?, jobs: Int
  ) throws -> ExitStatus {
    let session = FixSession(
      configurations: configurations, corpus: corpus, mode: options.diff ? .preview : .write, jobs: jobs,
      writer: fixWriter)
    var hadIOError = false
    var outcomes: [(outcome: FixSession.FileOutcome, diffPath: String)] = []
    if options.stdin {
      let name = options.stdinFilename ?? "<stdin>"
      let directory =
        options.stdinFilename.map { (absolute($0) as NSString).deletingLastPathComponent } ?? console.currentDirectory
      let configuration = try configurations.configuration(forDirectory: directory)
      let outcome = session.fix(bytes: console.readInput(), displayPath: name, configuration: configuration)
      outcomes = [(outcome, diffPath(options.stdinFilename ?? "stdin"))]
    } else {
      let (targets, missing) = try collectTargets(discovery: discovery)
      for path in missing {
        console.writeError("copydesk: cannot read \(path): no such file or folder\n")
        hadIOError = true
      }
      let selected =
        options.shard.map { shard in
          targets.filter { LintCommand.shardIndex(of: $0.displayPath, count: shard.count) == shard.index - 1 }
        } ?? targets
      outcomes = zip(session.fix(selected), selected).map { ($0, diffPath($1.displayPath)) }
    }

    for (outcome, _) in outcomes where outcome.report.notice != nil {
      console.writeError("\(outcome.report.path): \(outcome.report.notice!)\n")
      if outcome.report.isError { hadIOError = true }
    }
    var reports = outcomes.map(\.outcome.report)
    if options.quiet {
      reports = reports.map { report in
        var copy = report
        copy.diagnostics = report.diagnostics.filter { $0.severity == .error }
        return copy
      }
    }

    if options.diff {
      console.writeOut(outcomes.map { $0.outcome.diff(path: $0.diffPath) }.joined())
      console.writeError(try renderForStandardError(reports))
    } else if options.stdin {
      let outcome = outcomes[0].outcome
      console.writeOut(String(decoding: outcome.fixed, as: UTF8.self))
      console.writeError(try renderForStandardError(reports))
    } else {
      if options.format == .text {
        let lines = outcomes.filter { $0.outcome.written && $0.outcome.fixesApplied > 0 }.map { entry in
          let count = entry.outcome.fixesApplied
          return "Fixed \(count) problem\(count == 1 ? "" : "s") in \(entry.outcome.report.path)\n"
        }
        if !lines.isEmpty { console.writeOut(lines.joined() + "\n") }
      }
      try write(reports)
    }
    return LintCommand.exitStatus(for: reports, maxWarnings: options.maxWarnings, hadIOError: hadIOError)
  }

  /// The report in the chosen format, uncoloured, for standard error (when standard output carries a
  /// diff or fixed text).
  private func renderForStandardError(_ reports: [FileReport]) throws -> String {
    switch options.format {
    case .text: TextReporter(useColor: false).render(reports)
    case .json: JSONReporter.render(reports)
    case .sarif, .github:
      throw UsageError("--format \(options.format.rawValue) is not available with --diff or --stdin --fix")
    }
  }

  /// The path a diff names: relative to the current folder when inside it, never absolute, no `./`.
  func diffPath(_ displayPath: String) -> String {
    var path = displayPath
    if path.hasPrefix("/") {
      let base = console.currentDirectory.hasSuffix("/") ? console.currentDirectory : console.currentDirectory + "/"
      path = path.hasPrefix(base) ? String(path.dropFirst(base.count)) : String(path.drop { $0 == "/" })
    }
    while path.hasPrefix("./") { path.removeFirst(2) }
    return path
  }
}
