import CopydeskCore
import CopydeskWorkspace
import Foundation
import Testing

@Suite("copydesk lint")
struct LintCommandTests {
  @Test func cleanDraftExitsZero() {
    let result = runCopydesk(["lint", "clean.md"], in: Fixtures.path("cli"))
    #expect(result.status == .clean, "\(result.out)\(result.err)")
    #expect(result.out == "✓ 1 file checked, no problems\n")
  }

  @Test func textOutputCountsColumnsInScalars() {
    let result = runCopydesk(["lint", "doubled.md", "emoji-crlf.txt", "--rule", "repetition/word"], in: Fixtures.path("cli"))
    #expect(result.status == .clean, "warnings alone do not fail the run")
    #expect(result.out == """
      doubled.md:3:1: warning: “The” is repeated; delete the second one [repetition/word]
      doubled.md:3:57: warning: “the” is repeated; delete the second one [repetition/word]

      emoji-crlf.txt:3:27: warning: “the” is repeated; delete the second one [repetition/word]
      emoji-crlf.txt:4:4: warning: “was” is repeated; delete the second one [repetition/word]

      ✖ 4 problems in 2 files (0 errors, 4 warnings, 0 info, 0 hints); 4 fixable with --fix

      """)
  }

  @Test func errorSeverityFromConfigExitsOne() throws {
    let folder = try Fixtures.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    try Fixtures.write(#"{ "rules": { "repetition/word": "error" } }"#, to: folder.appendingPathComponent(".copydesk.json"))
    try Fixtures.write("# Ferry\n\nThe the boat left.\n", to: folder.appendingPathComponent("ferry.md"))
    let result = runCopydesk(["lint", "--rule", "repetition/word"], in: folder.path)
    #expect(result.status == .findings)
    #expect(result.out.contains("ferry.md:3:1: error: “The” is repeated; delete the second one [repetition/word]"))
  }

  @Test func maxWarningsTurnsWarningsIntoFailure() {
    let within = runCopydesk(["lint", "doubled.md", "--rule", "repetition/word", "--max-warnings", "2"], in: Fixtures.path("cli"))
    #expect(within.status == .clean)
    let over = runCopydesk(["lint", "doubled.md", "--rule", "repetition/word", "--max-warnings", "1"], in: Fixtures.path("cli"))
    #expect(over.status == .findings)
  }

  @Test func badFlagNamesItselfAndExitsTwo() {
    let result = runCopydesk(["lint", "--formt", "json"], in: Fixtures.path("cli"))
    #expect(result.status == .failure)
    #expect(result.err.hasPrefix("copydesk: unknown option --formt (did you mean --format?)"))
    let badValue = runCopydesk(["lint", "--format", "xml"], in: Fixtures.path("cli"))
    #expect(badValue.status == .failure)
    #expect(badValue.err.contains("--format must be text, json, sarif or github, not “xml”"))
    let unknownRule = runCopydesk(["lint", "--rule", "repetition/wrod", "clean.md"], in: Fixtures.path("cli"))
    #expect(unknownRule.status == .failure)
    #expect(unknownRule.err.contains("unknown rule \"repetition/wrod\" (did you mean \"repetition/word\"?)"))
  }

  @Test func malformedConfigReportsPathLineAndColumn() throws {
    let folder = try Fixtures.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let config = folder.appendingPathComponent(".copydesk.json")
    try Fixtures.write("{\n  // house settings\n  \"rules\": { \"repetition/word\": \"error\" }\n  \"ignore\": []\n}\n", to: config)
    try Fixtures.write("# T\n\nText.\n", to: folder.appendingPathComponent("a.md"))
    let result = runCopydesk(["lint"], in: folder.path)
    #expect(result.status == .failure)
    #expect(result.err.hasPrefix("\(config.path):4:3: "), "got \(result.err)")
  }

  @Test func unknownConfigKeyAndRuleAreErrorsWithSuggestions() throws {
    let folder = try Fixtures.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let config = folder.appendingPathComponent(".copydesk.json")
    try Fixtures.write("{ \"ignroe\": [] }", to: config)
    try Fixtures.write("# T\n", to: folder.appendingPathComponent("a.md"))
    var result = runCopydesk(["lint"], in: folder.path)
    #expect(result.status == .failure)
    #expect(result.err == "\(config.path):1:3: unknown key \"ignroe\" (did you mean \"ignore\"?)\n")
    try Fixtures.write("{\n  \"rules\": {\n    \"repetition/wrod\": \"off\"\n  }\n}", to: config)
    result = runCopydesk(["lint"], in: folder.path)
    #expect(result.err == "\(config.path):3:5: unknown rule \"repetition/wrod\" (did you mean \"repetition/word\"?)\n")
    try Fixtures.write("{ \"rules\": { \"repetition/word\": \"loud\" } }", to: config)
    result = runCopydesk(["lint"], in: folder.path)
    #expect(result.err.contains(":1:33: unknown severity \"loud\""), "got \(result.err)")
  }

  @Test func unreadablePathExitsTwoButOthersAreStillReported() {
    let result = runCopydesk(["lint", "missing.md", "doubled.md", "--rule", "repetition/word"], in: Fixtures.path("cli"))
    #expect(result.status == .failure)
    #expect(result.err.contains("cannot read missing.md"))
    #expect(result.out.contains("doubled.md:3:1: warning"))
  }

  @Test func ruleDisableAndOffSettingsApply() {
    let result = runCopydesk(["lint", "doubled.md", "--disable", "repetition/word"], in: Fixtures.path("cli"))
    #expect(!result.out.contains("repetition/word"))
  }

  @Test func jsonOutputValidatesAgainstTheDocumentedSchema() throws {
    let result = runCopydesk(["lint", "doubled.md", "clean.md", "emoji-crlf.txt", "--format", "json"], in: Fixtures.path("cli"))
    let output = try JSON5Parser.parse(result.out)
    let schema = try JSON5Parser.parse(Array(try Data(contentsOf: URL(fileURLWithPath: Fixtures.path("schema/copydesk-lint-v1.schema.json")))))
    let problems = SchemaValidator.validate(output, against: schema)
    #expect(problems.isEmpty, "\(problems)")
    // Files without findings are listed too.
    let paths = output["files"]?.arrayValue?.compactMap { $0["path"]?.stringValue }
    #expect(paths == ["doubled.md", "clean.md", "emoji-crlf.txt"])
    // A broken document is caught by the validator (guards the validator itself).
    let broken: JSONValue = ["version": 2, "files": [], "summary": ["files": 0]]
    #expect(SchemaValidator.validate(broken, against: schema).count >= 2)
  }

  @Test func stdinUsesTheGivenName() {
    let result = runCopydesk(["lint", "--stdin", "--stdin-filename", "notes/piece.md", "--rule", "repetition/word"], in: Fixtures.path("cli"), input: Array("# T\n\nIt was was here.\n".utf8))
    #expect(result.out.hasPrefix("notes/piece.md:3:4: warning: “was” is repeated"))
  }

  @Test func directoriesAreSearchedInStableOrder() {
    let result = runCopydesk(["lint", ".", "--format", "json", "--rule", "repetition/word"], in: Fixtures.path("cli"))
    let output = try? JSON5Parser.parse(result.out)
    let paths = output?["files"]?.arrayValue?.compactMap { $0["path"]?.stringValue }
    #expect(paths == ["clean.md", "doubled.md", "emoji-crlf.txt"])
  }

  @Test func helpAndVersion() {
    #expect(runCopydesk(["--version"], in: "/").out == "copydesk \(CommandLineTool.version)\n")
    let help = runCopydesk(["--help"], in: "/")
    #expect(help.status == .clean)
    #expect(help.out.contains("columns count Unicode scalar values"))
    #expect(runCopydesk(["lnt"], in: "/").err.contains("unknown command lnt (did you mean lint?)"))
  }
}

/// A small JSON Schema validator: type, enum, required, properties, additionalProperties, items, minimum.
enum SchemaValidator {
  static func validate(_ value: JSONValue, against schema: JSONValue, path: String = "$") -> [String] {
    var problems: [String] = []
    if let types = schema["type"] {
      let allowed = types.arrayValue?.compactMap(\.stringValue) ?? [types.stringValue ?? ""]
      if !allowed.contains(where: { matches(value, type: $0) }) {
        return ["\(path): expected \(allowed), got \(value.typeName)"]
      }
    }
    if let options = schema["enum"]?.arrayValue, !options.contains(value) {
      problems.append("\(path): \(JSONWriter.compact(value)) not in enum")
    }
    if let minimum = schema["minimum"]?.doubleValue, let number = value.doubleValue, number < minimum {
      problems.append("\(path): \(number) < \(minimum)")
    }
    if let object = value.objectValue {
      for key in schema["required"]?.arrayValue?.compactMap(\.stringValue) ?? [] where object[key] == nil {
        problems.append("\(path): missing \(key)")
      }
      let properties = schema["properties"]?.objectValue
      for member in object.members {
        if let propertySchema = properties?[member.key] {
          problems += validate(member.value, against: propertySchema, path: "\(path).\(member.key)")
        } else if schema["additionalProperties"]?.boolValue == false {
          problems.append("\(path): unexpected key \(member.key)")
        }
      }
    }
    if let array = value.arrayValue, let items = schema["items"] {
      for (index, element) in array.enumerated() {
        problems += validate(element, against: items, path: "\(path)[\(index)]")
      }
    }
    return problems
  }

  static func matches(_ value: JSONValue, type: String) -> Bool {
    switch type {
    case "object": value.objectValue != nil
    case "array": value.arrayValue != nil
    case "string": value.stringValue != nil
    case "integer": value.intValue != nil
    case "number": value.doubleValue != nil
    case "boolean": value.boolValue != nil
    case "null": value.isNull
    default: false
    }
  }
}

@Suite("Corpus root")
struct CorpusRootTests {
  @Test func draftsOutsideTheCurrentFolderFormTheirOwnCorpus() throws {
    let corpus = try Fixtures.temporaryFolder()
    let elsewhere = try Fixtures.temporaryFolder()
    defer {
      try? FileManager.default.removeItem(at: corpus)
      try? FileManager.default.removeItem(at: elsewhere)
    }
    try Fixtures.write("---\ntitle: First\nnext: second\n---\nBody.\n", to: corpus.appendingPathComponent("first.md"))
    try Fixtures.write("---\ntitle: Second\nprevious: first\n---\nBody.\n", to: corpus.appendingPathComponent("second.md"))
    let result = runCopydesk(["lint", corpus.path, "--rule", "navigation/dangling"], in: elsewhere.path)
    #expect(result.status == .clean, "references resolve within the linted folder: \(result.out)")
    let inside = runCopydesk(["lint", "first.md", "--rule", "navigation/dangling"], in: corpus.path)
    #expect(inside.status == .clean)
  }

  @Test func commonFolderOfPaths() {
    #expect(LintCommand.commonFolder(["/a/b/c", "/a/b/d", "/a/b"]) == "/a/b")
    #expect(LintCommand.commonFolder(["/x", "/y"]) == "/")
  }
}
