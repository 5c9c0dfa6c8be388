public import CopydeskCore

/// The built-in rule data of `Rules/`, parsed once from the copy embedded in the binary.
public enum BuiltInRuleData {
  /// Every embedded file, parsed. A parse error in a built-in file is a build defect caught by tests.
  public static let documents: [String: JSONValue] = {
    var result: [String: JSONValue] = [:]
    for file in EmbeddedRuleData.files {
      if let value = try? JSON5Parser.parse(file.contents) { result[file.path] = value }
    }
    return result
  }()

  /// The embedded files as text (path relative to `Rules/`).
  public static var files: [(path: String, contents: String)] { EmbeddedRuleData.files }

  /// The `words` of the list file `Rules/lists/<name>.json`.
  public static func list(_ name: String) -> [String] {
    guard let object = documents["lists/\(name).json"]?.objectValue, let words = object["words"]?.arrayValue else { return [] }
    return words.compactMap(\.stringValue)
  }
}
