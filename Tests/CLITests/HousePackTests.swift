import CopydeskCore
import CopydeskRules
import CopydeskWorkspace
import Foundation
import Testing

/// A house style pack loaded through `.copydesk.json` (fixtures under `Tests/Fixtures/packs/`).
@Suite("House rule packs")
struct HousePackTests {
  static let house = Fixtures.path("packs/house")
  static let houseRules = ["--rule", "house/banned-words", "--rule", "house/preferred-terms"]

  @Test func packRulesReportWithTheirOwnIDs() throws {
    let run = CLIRun.run(["lint", "draft.md", "--format", "json"] + Self.houseRules, in: Self.house)
    #expect(run.err == "")
    #expect(run.status == .findings, "house/banned-words is set to error in the config")
    let found = run.diagnostics.map { d in
      "\(d["line"] as? Int ?? 0):\(d["column"] as? Int ?? 0) \(d["rule"] as? String ?? "") \(d["severity"] as? String ?? "") \(d["message"] as? String ?? "")"
    }
    #expect(found == [
      "8:5 house/preferred-terms warning Write “harbour master”, not “harbormaster”",
      "8:38 house/preferred-terms warning Write “begin”, not “commence”",
      "9:1 house/banned-words error The desk bans “Going forward”; say what you mean",
      "9:33 house/banned-words error The desk bans “synergy”; say what you mean",
    ])
  }

  @Test func substitutionCarriesItsFix() throws {
    let run = CLIRun.run(["lint", "draft.md", "--format", "json"] + Self.houseRules, in: Self.house)
    let substitutions = run.diagnostics.filter { $0["rule"] as? String == "house/preferred-terms" }
    let edits = substitutions.compactMap { ($0["fix"] as? [String: Any])?["edits"] as? [[String: Any]] }
    #expect(edits.count == 2)
    #expect(edits.flatMap { $0 }.map { "\($0["line"]!):\($0["column"]!)-\($0["endColumn"]!) \($0["newText"]!)" } == [
      "8:5-17 harbour master", "8:38-46 begin",
    ])
    let banned = run.diagnostics.filter { $0["rule"] as? String == "house/banned-words" }
    #expect(banned.allSatisfy { $0["fix"] is NSNull })
  }

  @Test func packRulesRunBesideBuiltIns() throws {
    let run = CLIRun.run(["lint", "draft.md", "--format", "json"], in: Self.house)
    let rules = Set(run.diagnostics.compactMap { $0["rule"] as? String })
    #expect(rules.isSuperset(of: ["house/banned-words", "house/preferred-terms"]))
  }

  @Test func rulesAndExplainShowPackRules() throws {
    let list = CLIRun.run(["rules"], in: Self.house)
    #expect(list.out.contains("house/preferred-terms"))
    #expect(list.out.contains("Use the desk's preferred term"))
    let explain = CLIRun.run(["explain", "house/preferred-terms"], in: Self.house)
    #expect(explain.status == .clean)
    #expect(explain.out.contains("The harbormaster said work would commence."))
  }

  @Test func malformedPackIsAnErrorWithFileLineAndColumn() throws {
    // The configuration is written at test time so that linting `Tests/Fixtures` as a whole stays valid.
    let folder = try TemporaryFolder()
    let pack = URL(fileURLWithPath: Fixtures.path("packs/malformed/bad-pack.json")).standardizedFileURL.path
    try folder.write(".copydesk.json", "{\n  \"packs\": [\"\(pack)\"]\n}\n")
    try folder.write("draft.md", "# A draft\n\nNothing to see here.\n")
    let run = CLIRun.run(["lint", "draft.md"], in: folder.path)
    #expect(run.status == .failure)
    #expect(run.out == "")
    #expect(run.err == "\(pack):8:7: unknown key \"tokns\" in a \"existence\" rule (did you mean \"tokens\"?)\n")
  }

  @Test func missingPackIsAnError() throws {
    let folder = try TemporaryFolder()
    try folder.write(".copydesk.json", "{\"packs\": [\"nowhere.json\"]}")
    try folder.write("draft.md", "# A draft\n")
    let run = CLIRun.run(["lint", "draft.md"], in: folder.path)
    #expect(run.status == .failure)
    #expect(run.err.contains("cannot read rule pack \"nowhere.json\""))
  }

  @Test func packExamplesHold() throws {
    let data = try #require(FileManager.default.contents(atPath: Fixtures.path("packs/house/house.json")))
    let factories = try RulePackLoader.factories(fromPack: Array(data), path: "house.json")
    #expect(factories.count == 2)
    for factory in factories {
      let linter = Linter(rules: [ConfiguredRule(rule: factory.makeDefaultRule(), severity: .warning)])
      for example in factory.description.examples {
        let (text, expected) = example.unmarked
        switch example.expectation {
        case .triggers:
          #expect(linter.lint(Document(path: "e.md", string: text)).map(\.range) == expected, "\(factory.id): \(example.text)")
        case .passes:
          #expect(linter.lint(Document(path: "e.md", string: text)).isEmpty, "\(factory.id): \(example.text)")
        case .fixes(let fixed):
          #expect(FixApplier.fixToFixpoint(text, path: "e.md") { linter.lint($0) }.text == fixed, "\(factory.id): \(example.text)")
        }
      }
    }
  }
}
