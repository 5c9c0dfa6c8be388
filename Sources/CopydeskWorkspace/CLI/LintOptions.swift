public import CopydeskCore

/// A command-line usage error: the message names the bad argument. Exit status 2.
public struct UsageError: Error, Sendable, Hashable, CustomStringConvertible {
  public var message: String
  public init(_ message: String) { self.message = message }
  public var description: String { message }
}

/// Everything `copydesk lint` accepts (SPEC §5).
public struct LintOptions: Sendable, Hashable {
  public var paths: [String] = []
  public var format: OutputFormat = .text
  public var fix = false
  public var diff = false
  public var stdin = false
  public var stdinFilename: String? = nil
  public var configPath: String? = nil
  public var root: String? = nil
  public var only: [RuleID] = []
  public var disabled: [RuleID] = []
  public var maxWarnings: Int? = nil
  public var baseline: String? = nil
  public var writeBaseline: String? = nil
  public var jobs: Int? = nil
  public var shard: (index: Int, count: Int)? = nil
  public var noColor = false
  public var quiet = false

  public init() {}

  public static func == (lhs: LintOptions, rhs: LintOptions) -> Bool {
    lhs.paths == rhs.paths && lhs.format == rhs.format && lhs.fix == rhs.fix && lhs.diff == rhs.diff && lhs.stdin == rhs.stdin
      && lhs.stdinFilename == rhs.stdinFilename && lhs.configPath == rhs.configPath && lhs.root == rhs.root && lhs.only == rhs.only
      && lhs.disabled == rhs.disabled && lhs.maxWarnings == rhs.maxWarnings && lhs.baseline == rhs.baseline
      && lhs.writeBaseline == rhs.writeBaseline && lhs.jobs == rhs.jobs && lhs.shard?.index == rhs.shard?.index
      && lhs.shard?.count == rhs.shard?.count && lhs.noColor == rhs.noColor && lhs.quiet == rhs.quiet
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(paths)
    hasher.combine(format)
  }

  /// Parses the arguments after `lint`. Accepts `--flag value` and `--flag=value`; `--` ends options.
  public static func parse(_ arguments: [String]) throws(UsageError) -> LintOptions {
    var options = LintOptions()
    var index = 0
    var onlyPaths = false
    func value(for flag: String, inline: String?) throws(UsageError) -> String {
      if let inline { return inline }
      index += 1
      guard index < arguments.count else { throw UsageError("option \(flag) needs a value") }
      return arguments[index]
    }
    func integer(_ text: String, for flag: String, minimum: Int) throws(UsageError) -> Int {
      guard let number = Int(text), number >= minimum else {
        throw UsageError("option \(flag) needs a whole number of at least \(minimum), not “\(text)”")
      }
      return number
    }
    while index < arguments.count {
      let argument = arguments[index]
      if onlyPaths || !argument.hasPrefix("-") || argument == "-" {
        options.paths.append(argument)
        index += 1
        continue
      }
      if argument == "--" {
        onlyPaths = true
        index += 1
        continue
      }
      var flag = argument
      var inline: String? = nil
      if let equals = argument.firstIndex(of: "="), argument.hasPrefix("--") {
        flag = String(argument[..<equals])
        inline = String(argument[argument.index(after: equals)...])
      }
      switch flag {
      case "--format", "-f":
        let text = try value(for: flag, inline: inline)
        guard let format = OutputFormat(rawValue: text) else {
          throw UsageError("option --format must be text, json, sarif or github, not “\(text)”")
        }
        options.format = format
      case "--fix": options.fix = true
      case "--diff": options.diff = true
      case "--stdin": options.stdin = true
      case "--stdin-filename": options.stdinFilename = try value(for: flag, inline: inline)
      case "--config", "-c": options.configPath = try value(for: flag, inline: inline)
      case "--root": options.root = try value(for: flag, inline: inline)
      case "--rule": options.only.append(RuleID(try value(for: flag, inline: inline)))
      case "--disable": options.disabled.append(RuleID(try value(for: flag, inline: inline)))
      case "--max-warnings": options.maxWarnings = try integer(try value(for: flag, inline: inline), for: flag, minimum: 0)
      case "--baseline": options.baseline = try value(for: flag, inline: inline)
      case "--write-baseline": options.writeBaseline = try value(for: flag, inline: inline)
      case "--jobs", "-j": options.jobs = try integer(try value(for: flag, inline: inline), for: flag, minimum: 1)
      case "--shard":
        let text = try value(for: flag, inline: inline)
        let parts = text.split(separator: "/")
        guard parts.count == 2, let shardIndex = Int(parts[0]), let count = Int(parts[1]), count >= 1, shardIndex >= 1, shardIndex <= count else {
          throw UsageError("option --shard needs I/N with 1 ≤ I ≤ N, such as 2/4, not “\(text)”")
        }
        options.shard = (shardIndex, count)
      case "--no-color", "--no-colour": options.noColor = true
      case "--quiet", "-q": options.quiet = true
      default:
        let known = ["--format", "--fix", "--diff", "--stdin", "--stdin-filename", "--config", "--root", "--rule", "--disable",
          "--max-warnings", "--baseline", "--write-baseline", "--jobs", "--shard", "--no-color", "--quiet"]
        let hint = closestMatch(to: flag, in: known).map { " (did you mean \($0)?)" } ?? ""
        throw UsageError("unknown option \(flag)\(hint)")
      }
      index += 1
    }
    if options.stdin && !options.paths.isEmpty {
      throw UsageError("--stdin reads one draft from standard input; do not also pass paths")
    }
    if options.stdinFilename != nil && !options.stdin {
      throw UsageError("--stdin-filename only makes sense with --stdin")
    }
    if options.diff && options.fix && options.stdin {
      throw UsageError("use either --diff or --fix with --stdin, not both")
    }
    return options
  }
}
