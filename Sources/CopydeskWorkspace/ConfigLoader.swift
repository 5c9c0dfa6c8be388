public import CopydeskCore
import CopydeskRules
import Foundation
import Synchronization

/// A configuration file read from disk, with its rule packs loaded and a linter built.
public struct LoadedConfiguration: Sendable {
  public static let fileName = ".copydesk.json"

  /// The config file, or nil for built-in defaults.
  public let path: String?
  public let configuration: Configuration
  public let catalog: RuleCatalog
  public let linter: Linter
  /// Published articles from `navigation.index`.
  public let publishedArticles: [DraftSummary]

  /// Folder that relative paths in the configuration are resolved against.
  public var directory: String? { path.map { ($0 as NSString).deletingLastPathComponent } }
}

/// Options from the command line that shape every configuration.
public struct RuleSelection: Sendable, Hashable {
  public var only: [RuleID]
  public var disabled: [RuleID]

  public init(only: [RuleID] = [], disabled: [RuleID] = []) {
    self.only = only
    self.disabled = disabled
  }
}

/// Finds, reads and caches `.copydesk.json` files.
public enum ConfigLoader {
  /// The nearest `.copydesk.json` in `directory` or above it.
  public static func findConfiguration(from directory: String) -> String? {
    var current = URL(fileURLWithPath: directory).standardizedFileURL
    while true {
      let candidate = current.appendingPathComponent(LoadedConfiguration.fileName).path
      if FileManager.default.fileExists(atPath: candidate) { return candidate }
      let parent = current.deletingLastPathComponent()
      if parent.path == current.path { return nil }
      current = parent
    }
  }

  /// Loads a config file (or defaults when nil): parses it strictly, loads packs and the published index,
  /// and builds the linter.
  public static func load(path: String?, selection: RuleSelection = RuleSelection()) throws(ConfigurationError) -> LoadedConfiguration {
    var configuration = Configuration()
    if let path {
      guard let data = FileManager.default.contents(atPath: path) else {
        throw ConfigurationError(path: path, location: SourceLocation(line: 1, column: 1), message: "cannot read the configuration file")
      }
      configuration = try Configuration.parse(Array(data), path: path)
    }
    let directory = path.map { ($0 as NSString).deletingLastPathComponent } ?? FileManager.default.currentDirectoryPath
    var catalog = BuiltInRules.catalog
    for pack in configuration.packs {
      let packPath = resolve(pack, against: directory)
      guard let data = FileManager.default.contents(atPath: packPath) else {
        throw ConfigurationError(path: path, location: SourceLocation(line: 1, column: 1), message: "cannot read rule pack \"\(pack)\" (\(packPath))")
      }
      for factory in try RulePackLoader.factories(fromPack: Array(data), path: packPath) { catalog.add(factory) }
    }
    var published: [DraftSummary] = []
    if let index = configuration.navigationIndex {
      published = try loadPublishedIndex(resolve(index, against: directory), configPath: path)
    }
    let linter = try catalog.makeLinter(configuration: configuration, configurationPath: path, only: selection.only, disabled: selection.disabled)
    for id in selection.only + selection.disabled where catalog.factory(for: id) == nil {
      let hint = closestMatch(to: id.rawValue, in: catalog.ids.map(\.rawValue)).map { " (did you mean \"\($0)\"?)" } ?? ""
      throw ConfigurationError(path: nil, location: SourceLocation(line: 0, column: 0), message: "unknown rule \"\(id)\"\(hint)")
    }
    return LoadedConfiguration(path: path, configuration: configuration, catalog: catalog, linter: linter, publishedArticles: published)
  }

  /// Resolves a path written in a config file: relative to the config's folder.
  public static func resolve(_ path: String, against directory: String) -> String {
    if path.hasPrefix("/") { return path }
    return URL(fileURLWithPath: directory).appendingPathComponent(path).standardizedFileURL.path
  }

  /// Reads `[{"slug": …, "title": …}]`.
  public static func loadPublishedIndex(_ path: String, configPath: String?) throws(ConfigurationError) -> [DraftSummary] {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw ConfigurationError(path: configPath, location: SourceLocation(line: 1, column: 1), message: "cannot read navigation index \(path)")
    }
    let value: JSONValue
    do {
      value = try JSON5Parser.parse(Array(data))
    } catch {
      throw ConfigurationError(path: path, location: error.location, message: error.message)
    }
    guard let entries = value.arrayValue else {
      throw ConfigurationError(path: path, location: SourceLocation(line: 1, column: 1), message: "the navigation index must be an array of {\"slug\", \"title\"} objects")
    }
    var result: [DraftSummary] = []
    for entry in entries {
      guard let object = entry.objectValue, let slug = object["slug"]?.stringValue else {
        throw ConfigurationError(path: path, location: SourceLocation(line: 1, column: 1), message: "each navigation index entry needs a \"slug\" string")
      }
      let title = object["title"]?.stringValue
      result.append(DraftSummary(path: "published:" + slug, title: title, slug: slug, format: .markdown, isPublished: true))
    }
    return result
  }
}

/// Caches loaded configurations by file, so each is read once per run. Safe to share across threads.
public final class ConfigurationCache: Sendable {
  private struct State {
    var loaded: [String: LoadedConfiguration] = [:]
    var nearest: [String: String?] = [:]
  }

  private let state = Mutex(State())
  private let selection: RuleSelection
  private let override: String?

  /// - Parameter override: `--config FILE`, used for every file when set.
  public init(selection: RuleSelection, override: String?) {
    self.selection = selection
    self.override = override
  }

  /// The configuration that applies to a file in `directory`.
  public func configuration(forDirectory directory: String) throws(ConfigurationError) -> LoadedConfiguration {
    let path: String?
    if let override {
      path = override
    } else if let cached = state.withLock({ $0.nearest[directory] }) {
      path = cached
    } else {
      let found = ConfigLoader.findConfiguration(from: directory)
      state.withLock { $0.nearest[directory] = .some(found) }
      path = found
    }
    let key = path ?? ""
    if let configuration = state.withLock({ $0.loaded[key] }) { return configuration }
    let configuration = try ConfigLoader.load(path: path, selection: selection)
    state.withLock { $0.loaded[key] = configuration }
    return configuration
  }
}
