/// A configuration problem, with the file and position it comes from.
public struct ConfigurationError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The config or pack file, when known.
  public var path: String?
  public var location: SourceLocation
  public var message: String

  public init(path: String?, location: SourceLocation, message: String) {
    self.path = path
    self.location = location
    self.message = message
  }

  /// `path:line:col: message`
  public var description: String {
    "\(path ?? "<config>"):\(location.line):\(location.column): \(message)"
  }
}

/// How one rule is set in the configuration.
public struct RuleSetting: Sendable, Hashable {
  /// nil: keep the default; `.some(nil)`: "off".
  public var severity: Severity??
  public var options: JSONObject?
  /// Where the rule's key is, for "unknown rule" errors.
  public var location: SourceLocation

  public var isOff: Bool {
    if case .some(.none) = severity { return true }
    return false
  }
}

/// The parsed `.copydesk.json` (every key optional). Paths are as written: relative to the config file.
public struct Configuration: Sendable, Hashable {
  public var rules: [RuleID: RuleSetting] = [:]
  /// Rule order as written, for deterministic error reporting.
  public var ruleOrder: [RuleID] = []
  public var packs: [String] = []
  public var include: [String]? = nil
  public var ignore: [String] = []
  public var navigationIndex: String? = nil
  /// Files larger than this are skipped with a notice.
  public var maxFileBytes: Int? = nil

  public init() {}

  public static let topLevelKeys = ["rules", "packs", "include", "ignore", "navigation", "maxFileBytes", "$schema"]

  /// Parses JSON5 text. Errors name the path, line and column.
  public static func parse(_ text: [UInt8], path: String?) throws(ConfigurationError) -> Configuration {
    let value: JSONValue
    do {
      value = try JSON5Parser.parse(text)
    } catch {
      throw ConfigurationError(path: path, location: error.location, message: error.message)
    }
    return try parse(value, path: path)
  }

  /// Interprets a parsed value, strictly: unknown keys and wrong types are errors.
  public static func parse(_ value: JSONValue, path: String?) throws(ConfigurationError) -> Configuration {
    func fail(_ location: SourceLocation, _ message: String) -> ConfigurationError {
      ConfigurationError(path: path, location: location, message: message)
    }
    guard let root = value.objectValue else {
      throw fail(SourceLocation(line: 1, column: 1), "the configuration must be an object, not \(value.typeName)")
    }
    var configuration = Configuration()
    for member in root.members {
      switch member.key {
      case "$schema":
        continue
      case "rules":
        guard let rules = member.value.objectValue else {
          throw fail(member.valueLocation, "\"rules\" must be an object mapping rule ids to a severity, \"off\" or an object")
        }
        for rule in rules.members {
          let id = RuleID(rule.key)
          var setting = RuleSetting(severity: nil, options: nil, location: rule.keyLocation)
          switch rule.value {
          case .string(let text):
            setting.severity = try parseSeverity(text, at: rule.valueLocation, path: path)
          case .object(let object):
            var options = JSONObject()
            for option in object.members {
              if option.key == "severity" {
                guard let text = option.value.stringValue else {
                  throw fail(option.valueLocation, "\"severity\" must be one of \"error\", \"warning\", \"info\", \"hint\", \"off\"")
                }
                setting.severity = try parseSeverity(text, at: option.valueLocation, path: path)
              } else if option.key == "options", let nested = option.value.objectValue {
                options.members.append(contentsOf: nested.members)
              } else {
                options.members.append(option)
              }
            }
            setting.options = options.members.isEmpty ? nil : options
          case .bool(let enabled):
            setting.severity = enabled ? nil : .some(nil)
          default:
            throw fail(rule.valueLocation, "rule \"\(rule.key)\" must be set to a severity, \"off\" or an object, not \(rule.value.typeName)")
          }
          if configuration.rules[id] == nil { configuration.ruleOrder.append(id) }
          configuration.rules[id] = setting
        }
      case "packs":
        configuration.packs = try stringArray(member, path: path)
      case "include":
        configuration.include = try stringArray(member, path: path)
      case "ignore":
        configuration.ignore = try stringArray(member, path: path)
      case "maxFileBytes":
        guard let size = member.value.intValue, size > 0 else {
          throw fail(member.valueLocation, "\"maxFileBytes\" must be a positive whole number")
        }
        configuration.maxFileBytes = size
      case "navigation":
        guard let navigation = member.value.objectValue else {
          throw fail(member.valueLocation, "\"navigation\" must be an object such as {\"index\": \"published.json\"}")
        }
        for option in navigation.members {
          guard option.key == "index" else {
            let hint = closestMatch(to: option.key, in: ["index"]).map { " (did you mean \"\($0)\"?)" } ?? ""
            throw fail(option.keyLocation, "unknown key \"navigation.\(option.key)\"\(hint)")
          }
          guard let index = option.value.stringValue else {
            throw fail(option.valueLocation, "\"navigation.index\" must be a path string")
          }
          configuration.navigationIndex = index
        }
      default:
        let hint = closestMatch(to: member.key, in: topLevelKeys).map { " (did you mean \"\($0)\"?)" } ?? ""
        throw fail(member.keyLocation, "unknown key \"\(member.key)\"\(hint)")
      }
    }
    return configuration
  }

  private static func parseSeverity(_ text: String, at location: SourceLocation, path: String?) throws(ConfigurationError) -> Severity?? {
    if text == "off" { return .some(nil) }
    if let severity = Severity(rawValue: text) { return .some(severity) }
    if text == "suggestion" { return .some(.info) }
    let hint = closestMatch(to: text, in: ["error", "warning", "info", "hint", "off"]).map { " (did you mean \"\($0)\"?)" } ?? ""
    throw ConfigurationError(path: path, location: location, message: "unknown severity \"\(text)\"\(hint); use error, warning, info, hint or off")
  }

  private static func stringArray(_ member: JSONObject.Member, path: String?) throws(ConfigurationError) -> [String] {
    guard let array = member.value.arrayValue else {
      throw ConfigurationError(path: path, location: member.valueLocation, message: "\"\(member.key)\" must be an array of strings")
    }
    var result: [String] = []
    for element in array {
      guard let string = element.stringValue else {
        throw ConfigurationError(path: path, location: member.valueLocation, message: "\"\(member.key)\" must contain only strings")
      }
      result.append(string)
    }
    return result
  }
}

/// Every rule that can run: the built-ins plus rules from packs. Builds linters from configurations.
public struct RuleCatalog: Sendable {
  public private(set) var factories: [RuleFactory]
  private var byID: [RuleID: Int]

  public init(_ factories: [RuleFactory]) {
    self.factories = []
    self.byID = [:]
    for factory in factories { add(factory) }
  }

  /// Adds or replaces a rule.
  public mutating func add(_ factory: RuleFactory) {
    if let index = byID[factory.id] {
      factories[index] = factory
    } else {
      byID[factory.id] = factories.count
      factories.append(factory)
    }
  }

  public func factory(for id: RuleID) -> RuleFactory? { byID[id].map { factories[$0] } }
  public var ids: [RuleID] { factories.map(\.id).sorted() }

  /// Builds a linter: defaults, then the configuration's severities and options, then the command line's
  /// `only` (run just these) and `disabled` lists.
  public func makeLinter(
    configuration: Configuration, configurationPath: String? = nil, only: [RuleID] = [], disabled: [RuleID] = []
  ) throws(ConfigurationError) -> Linter {
    for id in configuration.ruleOrder where byID[id] == nil {
      let hint = closestMatch(to: id.rawValue, in: ids.map(\.rawValue)).map { " (did you mean \"\($0)\"?)" } ?? ""
      throw ConfigurationError(path: configurationPath, location: configuration.rules[id]!.location, message: "unknown rule \"\(id)\"\(hint)")
    }
    var configured: [ConfiguredRule] = []
    for factory in factories.sorted(by: { $0.id < $1.id }) {
      let id = factory.id
      if !only.isEmpty && !only.contains(id) { continue }
      if disabled.contains(id) { continue }
      let setting = configuration.rules[id]
      if setting?.isOff == true && !only.contains(id) { continue }
      var severity = factory.description.defaultSeverity
      if let override = setting?.severity, let value = override { severity = value }
      let rule: any Rule
      do {
        rule = try factory.makeRule(options: OptionReader(setting?.options))
      } catch {
        throw ConfigurationError(path: configurationPath, location: error.location, message: "\(id): \(error.message)")
      }
      configured.append(ConfiguredRule(rule: rule, severity: severity))
    }
    return Linter(rules: configured)
  }
}
