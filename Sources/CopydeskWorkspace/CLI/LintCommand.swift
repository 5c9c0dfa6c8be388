public import CopydeskCore
import CopydeskRules
import Foundation

/// Where a command writes: real streams in the binary, buffers in tests.
public struct Console: Sendable {
  public var writeOut: @Sendable (String) -> Void
  public var writeError: @Sendable (String) -> Void
  /// Standard input, read fully (for `--stdin`).
  public var readInput: @Sendable () -> [UInt8]
  public var isTerminal: Bool
  /// Whether standard error is a terminal (for the progress line).
  public var isErrorTerminal: Bool
  public var environment: [String: String]
  public var currentDirectory: String

  public init(
    writeOut: @escaping @Sendable (String) -> Void, writeError: @escaping @Sendable (String) -> Void,
    readInput: @escaping @Sendable () -> [UInt8] = { [] }, isTerminal: Bool = false, environment: [String: String] = [:],
    currentDirectory: String? = nil, isErrorTerminal: Bool = false
  ) {
    self.writeOut = writeOut
    self.writeError = writeError
    self.readInput = readInput
    self.isTerminal = isTerminal
    self.isErrorTerminal = isErrorTerminal
    self.environment = environment
    self.currentDirectory = currentDirectory ?? FileManager.default.currentDirectoryPath
  }

  /// The process's own streams.
  public static var standard: Console {
    Console(
      writeOut: { FileHandle.standardOutput.write(Data($0.utf8)) },
      writeError: { FileHandle.standardError.write(Data($0.utf8)) },
      readInput: { [UInt8](FileHandle.standardInput.readDataToEndOfFile()) },
      isTerminal: isatty(STDOUT_FILENO) == 1,
      environment: ProcessInfo.processInfo.environment, isErrorTerminal: isatty(STDERR_FILENO) == 1)
  }
}

/// Exit statuses of SPEC §5.
public enum ExitStatus: Int32, Sendable {
  case clean = 0
  case findings = 1
  case failure = 2
}

/// `copydesk lint`.
public struct LintCommand: Sendable {
  public let options: LintOptions
  public let console: Console
  /// Writes files for `--fix` (tests give it a hook that runs between reading and writing).
  public var fixWriter = AtomicFileWriter()

  public init(options: LintOptions, console: Console) {
    self.options = options
    self.console = console
  }

  /// The root: `--root`, else the nearest folder upward holding `.copydesk.json`, else the current folder.
  public func corpusRoot() throws(UsageError) -> String {
    if let root = options.root {
      let absolute = absolute(root)
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: absolute, isDirectory: &isDirectory), isDirectory.boolValue else {
        throw UsageError("--root \(root) is not a readable folder")
      }
      return FileDiscovery.canonical(absolute)
    }
    if let config = ConfigLoader.findConfiguration(from: console.currentDirectory) {
      return FileDiscovery.canonical((config as NSString).deletingLastPathComponent)
    }
    let current = FileDiscovery.canonical(console.currentDirectory)
    // Linting drafts that all lie outside the current folder (`copydesk lint /srv/drafts` from home):
    // their own folder is the corpus, or previous/next links could never resolve.
    if !options.stdin, !options.paths.isEmpty {
      let folders = options.paths.map { path -> String in
        let resolved = FileDiscovery.canonical(absolute(path))
        var isDirectory: ObjCBool = false
        _ = FileManager.default.fileExists(atPath: resolved, isDirectory: &isDirectory)
        return isDirectory.boolValue ? resolved : (resolved as NSString).deletingLastPathComponent
      }
      let inside = folders.contains { $0 == current || $0.hasPrefix(current.hasSuffix("/") ? current : current + "/") }
      if !inside, let common = LintCommand.commonFolder(folders) {
        if let config = ConfigLoader.findConfiguration(from: common) {
          return FileDiscovery.canonical((config as NSString).deletingLastPathComponent)
        }
        return common
      }
    }
    return current
  }

  /// The deepest folder containing every given folder.
  public static func commonFolder(_ folders: [String]) -> String? {
    guard var common = folders.first?.split(separator: "/", omittingEmptySubsequences: true) else { return nil }
    for folder in folders.dropFirst() {
      let parts = folder.split(separator: "/", omittingEmptySubsequences: true)
      var length = 0
      while length < min(common.count, parts.count), common[length] == parts[length] { length += 1 }
      common = Array(common.prefix(length))
    }
    return "/" + common.joined(separator: "/")
  }

  func absolute(_ path: String) -> String {
    path.hasPrefix("/") ? path : URL(fileURLWithPath: console.currentDirectory).appendingPathComponent(path).standardizedFileURL.path
  }

  /// True when the run reads or writes a baseline (which needs each report's key path and folder).
  var usesBaseline: Bool { options.baseline != nil || options.writeBaseline != nil }

  /// Runs the command and returns the exit status.
  public func run() -> ExitStatus {
    do {
      return try runChecked()
    } catch let error as UsageError {
      console.writeError("copydesk: \(error.message)\n")
      return .failure
    } catch let error as ConfigurationError {
      console.writeError("\(error.description)\n")
      return .failure
    } catch {
      console.writeError("copydesk: \(error)\n")
      return .failure
    }
  }

  /// Threads for indexing, linting and rendering: `--jobs`, else every core.
  private var jobs: Int { options.jobs ?? ProcessInfo.processInfo.activeProcessorCount }

  private func runChecked() throws -> ExitStatus {
    let root = try corpusRoot()
    let configurations = ConfigurationCache(selection: RuleSelection(only: options.only, disabled: options.disabled), override: options.configPath.map(absolute))
    let rootConfiguration = try configurations.configuration(forDirectory: root)
    let discovery = FileDiscovery(root: root, include: rootConfiguration.configuration.include, ignore: rootConfiguration.configuration.ignore)
    // The whole root is indexed even when one file is linted, so its references resolve.
    let corpus: (any DraftIndex)? =
      CorpusBuilder.isNeeded(by: rootConfiguration.linter)
      ? try CorpusBuilder(discovery: discovery, published: rootConfiguration.publishedArticles, jobs: jobs).build() : nil
    let runner = LintRunner(
      configurations: configurations, corpus: corpus, jobs: jobs, corpusRoot: discovery,
      recordsIdentity: usesBaseline || options.format == .sarif)
    if options.fix || options.diff {
      return try runFixes(
        root: root, rootConfiguration: rootConfiguration, configurations: configurations, discovery: discovery,
        corpus: corpus, jobs: jobs)
    }

    var reports: [FileReport]
    // Each report's path relative to the root (the baseline's key) and the folder its configuration comes from.
    var keyPaths: [String]
    var directories: [String]
    var hadIOError = false
    if options.stdin {
      let name = options.stdinFilename ?? "<stdin>"
      let directory = options.stdinFilename.map { (absolute($0) as NSString).deletingLastPathComponent } ?? console.currentDirectory
      let configuration = try configurations.configuration(forDirectory: directory)
      let bytes = console.readInput()
      let text = SourceText(decoding: bytes)
      let corpusPath = options.stdinFilename.flatMap { discovery.relativePath(absolute($0)) }
      reports = [runner.lint(text: text, displayPath: name, configuration: configuration, corpusPath: corpusPath)]
      keyPaths = [options.stdinFilename.map { LintCommand.keyPath(absolute($0), root: root) } ?? name]
      directories = [directory]
    } else {
      let (targets, missing) = try collectTargets(discovery: discovery)
      for path in missing {
        console.writeError("copydesk: cannot read \(path): no such file or folder\n")
        hadIOError = true
      }
      let selected = options.shard.map { shard in targets.filter { LintCommand.shardIndex(of: $0.displayPath, count: shard.count) == shard.index - 1 } } ?? targets
      var progress: ProgressLine? = nil
      if console.isErrorTerminal && console.environment["TERM"] != "dumb" {
        progress = ProgressLine(total: selected.count, write: console.writeError)
      }
      if let progress {
        reports = runner.lint(selected, progress: { @Sendable finished in progress.update(finished: finished) })
        progress.finish()
      } else {
        reports = runner.lint(selected)
      }
      // Only baselines read these.
      keyPaths = usesBaseline ? LintCommand.keyPaths(selected, root: root) : []
      directories = usesBaseline ? selected.map(\.directory) : []
    }
    for report in reports where report.notice != nil {
      console.writeError("\(report.path): \(report.notice!)\n")
      if report.isError { hadIOError = true }
    }
    let baselineOutcome = try applyBaseline(to: &reports, keyPaths: keyPaths, directories: directories, configurations: configurations)
    if options.quiet {
      reports = reports.map { report in
        var copy = report
        copy.diagnostics = report.diagnostics.filter { $0.severity == .error }
        return copy
      }
    }
    try write(reports, rules: rootConfiguration.catalog.factories.map(\.description),
              baseDirectory: options.stdin || !options.paths.isEmpty ? FileDiscovery.canonical(console.currentDirectory) : root)
    if let baselineOutcome {
      // The text report ends with the summary, so the baseline's line belongs there; machine formats keep
      // standard output parseable.
      let lines = LintCommand.baselineSummary(baselineOutcome, file: options.baseline ?? options.writeBaseline ?? "")
      if options.format == .text { console.writeOut(lines) } else { console.writeError(lines) }
    }
    return LintCommand.exitStatus(for: reports, maxWarnings: options.maxWarnings, hadIOError: hadIOError)
  }

  /// Renders reports in the chosen format to standard output.
  ///
  /// - Parameters:
  ///   - rules: the rules SARIF lists in `tool.driver.rules` (default: the built-in ones).
  ///   - baseDirectory: the folder relative paths start from, for SARIF's `originalUriBaseIds`.
  public func write(_ reports: [FileReport], rules: [RuleDescription]? = nil, baseDirectory: String? = nil) throws {
    switch options.format {
    case .text:
      let color = !options.noColor && console.isTerminal && console.environment["NO_COLOR"].map(\.isEmpty) ?? true
      console.writeOut(TextReporter(useColor: color).render(reports, workers: jobs))
    case .json:
      console.writeOut(JSONReporter.render(reports, workers: jobs))
    case .sarif:
      let descriptions = rules ?? BuiltInRules.all.map(\.description)
      console.writeOut(SARIFReporter(rules: descriptions, toolVersion: CommandLineTool.version, baseDirectory: baseDirectory).render(reports))
    case .github:
      console.writeOut(GitHubReporter.render(reports))
    }
  }

  /// 0 when clean, 1 on errors or too many warnings, 2 on I/O errors.
  public static func exitStatus(for reports: [FileReport], maxWarnings: Int?, hadIOError: Bool) -> ExitStatus {
    if hadIOError { return .failure }
    let summary = ReportSummary(reports)
    if summary.errors > 0 { return .findings }
    if let maxWarnings, summary.warnings > maxWarnings { return .findings }
    return .clean
  }

  /// Expands the paths given (files and folders) into drafts; with no paths, the whole root.
  public func collectTargets(discovery: FileDiscovery) throws -> (targets: [LintTarget], missing: [String]) {
    var targets: [LintTarget] = []
    var missing: [String] = []
    var seen: Set<String> = []
    let paths = options.paths.isEmpty ? [discovery.root] : options.paths
    for given in paths {
      let absolutePath = absolute(given)
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: absolutePath, isDirectory: &isDirectory) else {
        missing.append(given)
        continue
      }
      if isDirectory.boolValue {
        let folderDiscovery = FileDiscovery(root: absolutePath, include: discovery.include.map(\.pattern), ignore: discovery.ignore.map(\.pattern))
        let base = FileDiscovery.canonical(absolutePath)
        for entry in folderDiscovery.entries(under: absolutePath) {
          // Discovery builds paths from the canonical folder and real names, so only a link needs resolving.
          let file = entry.path
          let inside = entry.linkTarget ?? file
          var display: String
          if options.paths.isEmpty {
            display = discovery.relativePath(inside) ?? inside
          } else {
            let relative = inside.hasPrefix(base + "/") ? String(inside.dropFirst(base.count + 1)) : (file as NSString).lastPathComponent
            display = given.hasSuffix("/") ? given + relative : given + "/" + relative
            if given == "." { display = relative }
          }
          if seen.insert(inside).inserted {
            targets.append(LintTarget(absolutePath: file, displayPath: display, canonicalPath: inside))
          }
        }
      } else {
        let inside = FileDiscovery.canonical(absolutePath)
        if seen.insert(inside).inserted {
          targets.append(LintTarget(absolutePath: absolutePath, displayPath: given, canonicalPath: inside))
        }
      }
    }
    return (targets, missing)
  }

  /// Stable shard of a path: FNV-1a of its bytes modulo the shard count.
  public static func shardIndex(of path: String, count: Int) -> Int {
    Int(FoldedHash.hash(path) % UInt64(count))
  }
}
