public import CopydeskCore
import Foundation

/// Findings a team has accepted for now: `--write-baseline FILE` records them, `--baseline FILE` hides them.
///
/// The file is versioned JSON, sorted so that it diffs cleanly in review:
///
///     {
///       "version": 1,
///       "findings": [
///         { "path": "drafts/budget.md", "rule": "repetition/word", "text": "the the",
///           "context": "it was the the best plan.", "count": 1 }
///       ]
///     }
///
/// `path` is relative to the corpus root; `text` is the flagged text and `context` the flagged text with up to
/// 40 bytes either side on its line, both lowercased with whitespace collapsed; `count` is how many identical
/// findings the entry stands for (at least 1). There are no line numbers, so edits elsewhere in a draft and
/// moved paragraphs keep matching.
public struct Baseline: Sendable, Hashable {
  /// The `version` this build reads and writes.
  public static let formatVersion = 1

  /// How many findings of each key are accepted.
  public var counts: [FindingKey: Int]

  public init(counts: [FindingKey: Int] = [:]) {
    self.counts = counts.filter { $0.value > 0 }
  }

  /// Records every finding of the given files; identical findings add up into one entry's count.
  public init(recording files: [(path: String, diagnostics: [ReportedDiagnostic])]) {
    var counts: [FindingKey: Int] = [:]
    for file in files {
      for diagnostic in file.diagnostics {
        counts[FindingKey(path: file.path, diagnostic: diagnostic), default: 0] += 1
      }
    }
    self.init(counts: counts)
  }

  /// Every path with at least one entry.
  public var paths: Set<String> { Set(counts.keys.map(\.path)) }

  /// The number of findings the baseline accepts (the sum of the counts).
  public var findingCount: Int { counts.values.reduce(0, +) }

  /// The entries of files not in `paths`; used to carry over what a partial run did not look at.
  public func excluding(paths excluded: Set<String>) -> Baseline {
    Baseline(counts: counts.filter { !excluded.contains($0.key.path) })
  }

  /// Adds another baseline's counts to this one.
  public func merging(_ other: Baseline) -> Baseline {
    Baseline(counts: counts.merging(other.counts, uniquingKeysWith: +))
  }

  // MARK: File format

  /// The file's contents: pretty JSON, entries sorted by path, rule, text and context, ending in a newline.
  public func serialized() -> String {
    let entries: [JSONValue] = counts.keys.sorted().map { key in
      JSONReporter.object([
        ("path", .string(key.path)), ("rule", .string(key.ruleID.rawValue)), ("text", .string(key.text)),
        ("context", .string(key.context)), ("count", .number(Double(counts[key]!))),
      ])
    }
    return JSONWriter.pretty(JSONReporter.object([
      ("version", .number(Double(Baseline.formatVersion))), ("findings", .array(entries)),
    ])) + "\n"
  }

  /// Parses a baseline file strictly: unknown keys, a missing field or another version are errors that
  /// name the file, line and column.
  public static func parse(_ bytes: [UInt8], path: String) throws(ConfigurationError) -> Baseline {
    func failure(_ location: SourceLocation, _ message: String) -> ConfigurationError {
      ConfigurationError(path: path, location: location, message: message)
    }
    let start = SourceLocation(line: 1, column: 1)
    let value: JSONValue
    do {
      value = try JSON5Parser.parse(bytes)
    } catch {
      throw failure(error.location, error.message)
    }
    guard let root = value.objectValue else { throw failure(start, "a baseline must be a JSON object") }
    for member in root.members where !["version", "findings"].contains(member.key) {
      throw failure(member.keyLocation, "unknown key \"\(member.key)\" in a baseline")
    }
    guard let versionMember = root.member("version"), let version = versionMember.value.intValue else {
      throw failure(start, "a baseline needs a whole-number \"version\"")
    }
    guard version == formatVersion else {
      throw failure(
        versionMember.valueLocation,
        "baseline version \(version) is not supported (this copydesk reads version \(formatVersion)); "
          + "rewrite it with --write-baseline")
    }
    guard let findingsMember = root.member("findings"), let findings = findingsMember.value.arrayValue else {
      throw failure(start, "a baseline needs a \"findings\" array")
    }
    var counts: [FindingKey: Int] = [:]
    for finding in findings {
      guard let entry = finding.objectValue else {
        throw failure(findingsMember.valueLocation, "each baseline finding must be an object")
      }
      let known: Set<String> = ["path", "rule", "text", "context", "count"]
      for member in entry.members where !known.contains(member.key) {
        throw failure(member.keyLocation, "unknown key \"\(member.key)\" in a baseline finding")
      }
      func string(_ key: String) throws(ConfigurationError) -> String {
        guard let text = entry[key]?.stringValue else {
          let location = entry.members.first?.keyLocation ?? findingsMember.valueLocation
          throw failure(location, "a baseline finding needs a \"\(key)\" string")
        }
        return text
      }
      let key = FindingKey(
        path: try string("path"), ruleID: RuleID(try string("rule")), text: try string("text"),
        context: try string("context"))
      var count = 1
      if let countMember = entry.member("count") {
        guard let number = countMember.value.intValue, number >= 1 else {
          throw failure(countMember.valueLocation, "a baseline finding's \"count\" must be a whole number of at least 1")
        }
        count = number
      }
      counts[key, default: 0] += count
    }
    return Baseline(counts: counts)
  }

  /// Reads a baseline file; errors name it as `displayPath` (default: `path`).
  public static func read(path: String, displayPath: String? = nil) throws(ConfigurationError) -> Baseline {
    let name = displayPath ?? path
    guard let data = FileManager.default.contents(atPath: path) else {
      throw ConfigurationError(
        path: name, location: SourceLocation(line: 1, column: 1),
        message: "cannot read the baseline (create it with --write-baseline \(name))")
    }
    return try parse(Array(data), path: name)
  }

  /// Writes the baseline atomically (temporary file and rename); errors name it as `displayPath`.
  public func write(to path: String, displayPath: String? = nil) throws(ConfigurationError) {
    do {
      try Data(serialized().utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
    } catch {
      throw ConfigurationError(
        path: displayPath ?? path, location: SourceLocation(line: 1, column: 1),
        message: "cannot write the baseline: \(error.localizedDescription)")
    }
  }
}
