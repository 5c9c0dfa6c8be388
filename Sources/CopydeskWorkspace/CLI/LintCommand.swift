public import CopydeskCore
import Foundation

/// Where a command writes: real streams in the binary, buffers in tests.
public struct Console: Sendable {
  public var writeOut: @Sendable (String) -> Void
  public var writeError: @Sendable (String) -> Void
  /// Standard input, read fully (for `--stdin`).
  public var readInput: @Sendable () -> [UInt8]
  public var isTerminal: Bool
  public var environment: [String: String]
  public var currentDirectory: String

  public init(
    writeOut: @escaping @Sendable (String) -> Void, writeError: @escaping @Sendable (String) -> Void,
    readInput: @escaping @Sendable () -> [UInt8] = { [] }, isTerminal: Bool = false, environment: [String: String] = [:],
    currentDirectory: String? = nil
  ) {
    self.writeOut = writeOut
    self.writeError = writeError
    self.readInput = readInput
    self.isTerminal = isTerminal
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
      environment: ProcessInfo.processInfo.environment)
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
    return FileDiscovery.canonical(console.currentDirectory)
  }

  func absolute(_ path: String) -> String {
    path.hasPrefix("/") ? path : URL(fileURLWithPath: console.currentDirectory).appendingPathComponent(path).standardizedFileURL.path
  }

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

  private func runChecked() throws -> ExitStatus {
    let root = try corpusRoot()
    let configurations = ConfigurationCache(selection: RuleSelection(only: options.only, disabled: options.disabled), override: options.configPath.map(absolute))
    let rootConfiguration = try configurations.configuration(forDirectory: root)
    let discovery = FileDiscovery(root: root, include: rootConfiguration.configuration.include, ignore: rootConfiguration.configuration.ignore)
    let jobs = options.jobs ?? ProcessInfo.processInfo.activeProcessorCount
    // The whole root is indexed even when one file is linted, so its references resolve.
    let corpus: (any DraftIndex)? =
      CorpusBuilder.isNeeded(by: rootConfiguration.linter)
      ? try CorpusBuilder(discovery: discovery, published: rootConfiguration.publishedArticles, jobs: jobs).build() : nil
    let runner = LintRunner(configurations: configurations, corpus: corpus, jobs: jobs, corpusRoot: discovery)

    var reports: [FileReport]
    var hadIOError = false
    if options.stdin {
      let name = options.stdinFilename ?? "<stdin>"
      let directory = options.stdinFilename.map { (absolute($0) as NSString).deletingLastPathComponent } ?? console.currentDirectory
      let configuration = try configurations.configuration(forDirectory: directory)
      let bytes = console.readInput()
      let text = SourceText(decoding: bytes)
      let corpusPath = options.stdinFilename.flatMap { discovery.relativePath(absolute($0)) }
      reports = [runner.lint(text: text, displayPath: name, configuration: configuration, corpusPath: corpusPath)]
    } else {
      let (targets, missing) = try collectTargets(discovery: discovery)
      for path in missing {
        console.writeError("copydesk: cannot read \(path): no such file or folder\n")
        hadIOError = true
      }
      let selected = options.shard.map { shard in targets.filter { LintCommand.shardIndex(of: $0.displayPath, count: shard.count) == shard.index - 1 } } ?? targets
      reports = runner.lint(selected)
    }
    for report in reports where report.notice != nil {
      console.writeError("\(report.path): \(report.notice!)\n")
      if report.isError { hadIOError = true }
    }
    if options.quiet {
      reports = reports.map { report in
        var copy = report
        copy.diagnostics = report.diagnostics.filter { $0.severity == .error }
        return copy
      }
    }
    try write(reports)
    return LintCommand.exitStatus(for: reports, maxWarnings: options.maxWarnings, hadIOError: hadIOError)
  }

  /// Renders reports in the chosen format to standard output.
  public func write(_ reports: [FileReport]) throws {
    switch options.format {
    case .text:
      let color = !options.noColor && console.isTerminal && console.environment["NO_COLOR"].map(\.isEmpty) ?? true
      console.writeOut(TextReporter(useColor: color).render(reports))
    case .json:
      console.writeOut(JSONReporter.render(reports))
    case .sarif, .github:
      throw UsageError("--format \(options.format.rawValue) is not available yet")
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
        for file in folderDiscovery.drafts(under: absolutePath) {
          let inside = FileDiscovery.canonical(file)
          var display: String
          if options.paths.isEmpty {
            display = discovery.relativePath(inside) ?? inside
          } else {
            let relative = inside.hasPrefix(base + "/") ? String(inside.dropFirst(base.count + 1)) : (file as NSString).lastPathComponent
            display = given.hasSuffix("/") ? given + relative : given + "/" + relative
            if given == "." { display = relative }
          }
          if seen.insert(inside).inserted { targets.append(LintTarget(absolutePath: file, displayPath: display)) }
        }
      } else {
        let inside = FileDiscovery.canonical(absolutePath)
        if seen.insert(inside).inserted { targets.append(LintTarget(absolutePath: absolutePath, displayPath: given)) }
      }
    }
    return (targets, missing)
  }

  /// Stable shard of a path: FNV-1a of its bytes modulo the shard count.
  public static func shardIndex(of path: String, count: Int) -> Int {
    Int(FoldedHash.hash(path) % UInt64(count))
  }
}
