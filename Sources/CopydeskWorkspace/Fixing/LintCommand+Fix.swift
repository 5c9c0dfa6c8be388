import CopydeskCore
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
    root: String, rootConfiguration: LoadedConfiguration, configurations: ConfigurationCache, discovery: FileDiscovery,
    corpus: (any DraftIndex)?, jobs: Int
  ) throws -> ExitStatus {
    var session = FixSession(
      configurations: configurations, corpus: corpus, mode: options.diff ? .preview : .write, jobs: jobs,
      writer: fixWriter)
    session.corpusRoot = discovery
    var hadIOError = false
    var outcomes: [FixSession.FileOutcome]
    var diffPaths: [String]
    // Each report's path relative to the root (the baseline's key) and the folder its configuration comes from.
    var keyPaths: [String]
    var directories: [String]
    if options.stdin {
      let name = options.stdinFilename ?? "<stdin>"
      let directory =
        options.stdinFilename.map { (absolute($0) as NSString).deletingLastPathComponent } ?? console.currentDirectory
      let configuration = try configurations.configuration(forDirectory: directory)
      let corpusPath = options.stdinFilename.flatMap { discovery.relativePath(absolute($0)) }
      outcomes = [session.fix(bytes: console.readInput(), displayPath: name, configuration: configuration, corpusPath: corpusPath)]
      diffPaths = [diffPath(options.stdinFilename ?? "stdin")]
      keyPaths = [options.stdinFilename.map { LintCommand.keyPath(absolute($0), root: root) } ?? name]
      directories = [directory]
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
      outcomes = session.fix(selected)
      diffPaths = selected.map { diffPath($0.displayPath) }
      // Only baselines read these.
      keyPaths = usesBaseline ? LintCommand.keyPaths(selected, root: root) : []
      directories = usesBaseline ? selected.map(\.directory) : []
    }

    for outcome in outcomes where outcome.report.notice != nil {
      console.writeError("\(outcome.report.path): \(outcome.report.notice!)\n")
      if outcome.report.isError { hadIOError = true }
    }
    var reports = outcomes.map(\.report)
    let baselineOutcome = try applyBaseline(
      to: &reports, keyPaths: keyPaths, directories: directories, configurations: configurations)
    if options.quiet {
      reports = reports.map { report in
        var copy = report
        copy.diagnostics = report.diagnostics.filter { $0.severity == .error }
        return copy
      }
    }

    // Standard output carries the diff or the fixed text when there is one; the report then goes to
    // standard error, rendered by the same reporters.
    let reportGoesToStandardError = options.diff || options.stdin
    if options.diff {
      console.writeOut(zip(outcomes, diffPaths).map { $0.diff(path: $1) }.joined())
    } else if options.stdin {
      console.writeOut(String(decoding: outcomes[0].fixed, as: UTF8.self))
    } else if options.format == .text {
      let lines = outcomes.filter { $0.written && $0.fixesApplied > 0 }.map { outcome in
        "Fixed \(LintCommand.plural(outcome.fixesApplied, "problem")) in \(outcome.report.path)\n"
      }
      if !lines.isEmpty { console.writeOut(lines.joined() + "\n") }
    }
    let reportCommand = reportGoesToStandardError ? LintCommand(options: options, console: standardErrorConsole) : self
    try reportCommand.write(
      reports, rules: rootConfiguration.catalog.factories.map(\.description),
      baseDirectory: options.stdin || !options.paths.isEmpty ? FileDiscovery.canonical(console.currentDirectory) : root)
    if let baselineOutcome {
      let lines = LintCommand.baselineSummary(baselineOutcome, file: options.baseline ?? options.writeBaseline ?? "")
      if options.format == .text && !reportGoesToStandardError { console.writeOut(lines) } else { console.writeError(lines) }
    }
    return LintCommand.exitStatus(for: reports, maxWarnings: options.maxWarnings, hadIOError: hadIOError)
  }

  /// A console whose standard output is this one's standard error (never coloured).
  private var standardErrorConsole: Console {
    Console(
      writeOut: console.writeError, writeError: console.writeError, isTerminal: false, environment: console.environment,
      currentDirectory: console.currentDirectory)
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
