public import CopydeskCore

/// Loads rule packs (JSON5) into rule factories: the built-in packs under `Rules/` and house packs
/// named in `.copydesk.json`.
///
/// A pack file holds one rule (an object with `"id"`), or several (`{"rules": [ … ]}` or a top-level
/// array). Decoding is strict: unknown keys, wrong types, unknown placeholders and phrases that could
/// never match are errors naming the file, line and column, with a "did you mean" where one is close.
public enum RulePackLoader {
  /// Parses a pack file's contents. Errors name the file, line and column.
  ///
  /// - Parameters:
  ///   - path: the pack's path, used in errors and recorded on the rules' examples.
  public static func factories(fromPack text: [UInt8], path: String) throws(ConfigurationError) -> [RuleFactory] {
    try specs(fromPack: text, path: path).map { DeclarativeRule(spec: $0).factory }
  }

  /// Decodes a pack's rules without building them.
  public static func specs(fromPack text: [UInt8], path: String, examplePath: String? = nil) throws(ConfigurationError) -> [DeclarativeRuleSpec] {
    let value: JSONValue
    do {
      value = try JSON5Parser.parse(text)
    } catch {
      throw ConfigurationError(path: path, location: error.location, message: error.message)
    }
    let map = PackSourceMap(text)
    let decoder = RuleSpecDecoder(path: path, map: map, examplePath: examplePath ?? path)
    let start = map.firstValueLocation
    var objects: [(JSONObject, SourceLocation)] = []
    switch value {
    case .object(let object) where object.member("id") != nil || object.member("extends") != nil:
      objects = [(object, start)]
    case .object(let object):
      for member in object.members where member.key != "rules" && member.key != "$schema" && member.key != "description" {
        let hint = closestMatch(to: member.key, in: ["rules", "description", "id", "extends"]).map { " (did you mean \"\($0)\"?)" } ?? ""
        throw ConfigurationError(path: path, location: member.keyLocation, message: "unknown key \"\(member.key)\" in a rule pack\(hint)")
      }
      guard let rules = object.member("rules") else {
        throw ConfigurationError(path: path, location: start, message: "a rule pack must be a rule (with \"id\" and \"extends\") or hold \"rules\": [ … ]")
      }
      guard let array = rules.value.arrayValue else {
        throw ConfigurationError(path: path, location: rules.valueLocation, message: "\"rules\" must be an array of rule objects")
      }
      objects = try ruleObjects(array, at: rules.valueLocation, map: map, path: path)
    case .array(let array):
      objects = try ruleObjects(array, at: start, map: map, path: path)
    default:
      throw ConfigurationError(path: path, location: start, message: "a rule pack must be an object or an array of rules, not \(value.typeName)")
    }
    var specs: [DeclarativeRuleSpec] = []
    var seen: [RuleID: Int] = [:]
    for (object, location) in objects {
      let spec = try decoder.decode(object, at: location)
      if seen[spec.id] != nil {
        throw ConfigurationError(path: path, location: object.member("id")?.valueLocation ?? location, message: "rule \"\(spec.id)\" is defined twice in this pack")
      }
      seen[spec.id] = specs.count
      specs.append(spec)
    }
    return specs
  }

  private static func ruleObjects(
    _ array: [JSONValue], at location: SourceLocation, map: PackSourceMap, path: String
  ) throws(ConfigurationError) -> [(JSONObject, SourceLocation)] {
    let locations = map.elementLocations(ofArrayAt: location)
    var result: [(JSONObject, SourceLocation)] = []
    for (index, element) in array.enumerated() {
      let elementLocation = index < locations.count ? locations[index] : location
      guard let object = element.objectValue else {
        throw ConfigurationError(path: path, location: elementLocation, message: "each rule must be an object, not \(element.typeName)")
      }
      result.append((object, elementLocation))
    }
    return result
  }
}

/// The declarative rules built into the binary, from the embedded copy of `Rules/<family>/*.json`.
public enum BuiltInDeclarativeRules {
  /// Every embedded rule file (anything outside `Rules/lists/`), decoded once.
  /// A file that fails to load is a build defect: `loadErrors` lists it and a test fails.
  static let loaded: (factories: [RuleID: RuleFactory], errors: [ConfigurationError]) = {
    var factories: [RuleID: RuleFactory] = [:]
    var errors: [ConfigurationError] = []
    for file in EmbeddedRuleData.files where !file.path.hasPrefix("lists/") {
      do {
        let specs = try RulePackLoader.specs(fromPack: Array(file.contents.utf8), path: "Rules/" + file.path)
        for spec in specs { factories[spec.id] = DeclarativeRule(spec: spec).factory }
      } catch let error as ConfigurationError {
        errors.append(error)
      } catch {
        errors.append(ConfigurationError(path: "Rules/" + file.path, location: .unknown, message: "\(error)"))
      }
    }
    return (factories, errors)
  }()

  /// Ids of every embedded declarative rule.
  public static var ids: [RuleID] { loaded.factories.keys.sorted() }

  /// Errors from loading the embedded packs (empty in a correct build).
  public static var loadErrors: [ConfigurationError] { loaded.errors }

  /// The factory of an embedded rule. A missing rule yields a stand-in that reports nothing and has no
  /// examples, so the registry tests fail loudly instead of the binary trapping.
  public static func factory(_ id: RuleID) -> RuleFactory {
    if let factory = loaded.factories[id] { return factory }
    let message = loadErrors.map(\.description).joined(separator: "; ")
    let description = RuleDescription(
      id: id, name: "Missing Rule", summary: "Missing built-in rule",
      explanation: "The embedded rule file for \(id) did not load. \(message)", defaultSeverity: .hint, examples: [])
    return RuleFactory(description) { _ throws(RuleOptionError) in MissingRule(description: description) }
  }

  private struct MissingRule: Rule {
    let description: RuleDescription
    func check(_ document: Document, context: RuleContext) -> [Diagnostic] { [] }
  }
}
