import CopydeskCore
import CopydeskRules
import Testing

/// The pack format: strict decoding with file:line:col errors, and each declarative kind's behaviour.
@Suite("Rule packs")
struct RulePackTests {
  static func load(_ text: String, path: String = "house.json") throws(ConfigurationError) -> [RuleFactory] {
    try RulePackLoader.factories(fromPack: Array(text.utf8), path: path)
  }

  static func loadError(_ text: String) -> ConfigurationError? {
    do {
      _ = try load(text)
      return nil
    } catch {
      return error
    }
  }

  static func findings(_ factory: RuleFactory, _ text: String, format: DraftFormat = .markdown) -> [(String, String, Fix?)] {
    let linter = Linter(rules: [ConfiguredRule(rule: factory.makeDefaultRule(), severity: factory.description.defaultSeverity)])
    let document = Document(path: format == .markdown ? "draft.md" : "draft.txt", format: format, string: text)
    return linter.lint(document).map { (document.string($0.range), $0.message, $0.fix) }
  }

  @Test func builtInPacksLoadAndAreRegistered() throws {
    #expect(BuiltInDeclarativeRules.loadErrors.map(\.description) == [])
    let registered = Set(BuiltInRules.all.map(\.id))
    for id in BuiltInDeclarativeRules.ids {
      #expect(registered.contains(id), "Rules/ defines \(id) but BuiltInRules.all does not list it")
    }
    #expect(BuiltInDeclarativeRules.ids.contains("style/wordy"))
  }

  @Test func builtInExamplesPointAtTheirJSONFile() throws {
    let wordy = try #require(BuiltInRules.all.first { $0.id == "style/wordy" })
    let first = try #require(wordy.description.examples.first)
    #expect(first.file == "Rules/style/wordy.json")
    #expect(first.line > 1)
  }

  @Test func existenceRuleFlagsEveryUse() throws {
    let factories = try Self.load("""
      {
        "id": "house/banned-words", "extends": "existence", "summary": "Avoid banned words", "severity": "error",
        "message": "Do not write “{match}”", "tokens": ["synergy", "going forward"]
      }
      """)
    #expect(factories.count == 1)
    let factory = try #require(factories.first)
    #expect(factory.description.defaultSeverity == .error)
    #expect(factory.description.name == "Banned Words")
    #expect(factory.description.isFixable == false)
    let found = Self.findings(factory, "Synergy matters. Going\nforward we win. `synergy` is code.")
    #expect(found.map(\.0) == ["Synergy", "Going\nforward"])
    #expect(found.map(\.1) == ["Do not write “Synergy”", "Do not write “Going\nforward”"])
    #expect(found.allSatisfy { $0.2 == nil })
  }

  @Test func caseSensitiveExistence() throws {
    let factory = try #require(try Self.load("""
      {"id": "house/caps", "extends": "existence", "summary": "Write the name in capitals", "ignoreCase": false, "tokens": ["NATO"]}
      """).first)
    #expect(Self.findings(factory, "NATO met. Nato did not.").map(\.0) == ["NATO"])
  }

  @Test func substitutionCarriesFixWithCase() throws {
    let factory = try #require(try Self.load("""
      {"id": "house/preferred-terms", "extends": "substitution", "summary": "Use the house term",
       "swap": {"utilise": "use", "very": ""}}
      """).first)
    let found = Self.findings(factory, "Utilise it. We utilise it.")
    #expect(found.map(\.1) == ["Use “Use” instead of “Utilise”", "Use “use” instead of “utilise”"])
    #expect(found[0].2?.edits.map(\.newText) == ["Use"])
    let rule = factory.makeDefaultRule()
    let linter = Linter(rules: [ConfiguredRule(rule: rule, severity: .warning)])
    let fixed = FixApplier.fixToFixpoint("Very good. It is very good.", path: "a.md") { linter.lint($0) }
    #expect(fixed.text == "Good. It is good.")
  }

  @Test func occurrenceCountsPerScope() throws {
    let factory = try #require(try Self.load("""
      {"id": "house/however", "extends": "occurrence", "summary": "Limit “however”", "tokens": ["however"], "max": 1,
       "scope": "paragraph"}
      """).first)
    let found = Self.findings(factory, "However, yes. However, no. However, maybe.\n\nHowever, once.")
    #expect(found.map(\.0) == ["However", "However"])
    #expect(found.first?.1 == "“However” is used 3 times; keep it to 1")
  }

  @Test func consistencyKeepsFirstFormAndPossessive() throws {
    let factory = try #require(try Self.load("""
      {"id": "house/names", "extends": "consistency", "summary": "One spelling per name", "groups": [["Kyiv", "Kiev"]]}
      """).first)
    let found = Self.findings(factory, "Kiev said no. Kyiv’s envoy and KYIV agreed. Kiev again.")
    #expect(found.map(\.0) == ["Kyiv", "KYIV"])
    #expect(found.compactMap { $0.2?.edits.first?.newText } == ["Kiev", "KIEV"])
  }

  @Test func packWithSeveralRules() throws {
    let factories = try Self.load("""
      // Two rules.
      {
        "rules": [
          {"id": "house/a", "extends": "existence", "summary": "A", "tokens": ["alpha"]},
          {"id": "house/b", "extends": "existence", "summary": "B", "tokens": ["beta"]},
        ]
      }
      """)
    #expect(factories.map(\.id) == ["house/a", "house/b"])
    let array = try Self.load(#"[{"id": "house/c", "extends": "existence", "summary": "C", "tokens": ["gamma"]}]"#)
    #expect(array.map(\.id) == ["house/c"])
  }

  @Test func unknownKeyNamesLineColumnAndSuggestion() {
    let error = Self.loadError("""
      {
        "id": "house/x", "extends": "existence", "summary": "X",
        "tokns": ["a"]
      }
      """)
    #expect(error?.description == "house.json:3:3: unknown key \"tokns\" in a \"existence\" rule (did you mean \"tokens\"?)")
  }

  @Test func keyOfAnotherKindIsExplained() {
    let error = Self.loadError(#"{"id": "house/x", "extends": "existence", "summary": "X", "tokens": ["a"], "swap": {}}"#)
    #expect(error?.message == "unknown key \"swap\" in a \"existence\" rule (it belongs to \"substitution\" rules)")
  }

  @Test func badKindSeverityAndPlaceholderAreErrors() {
    #expect(Self.loadError(#"{"id": "house/x", "extends": "existance", "summary": "X"}"#)?.message
      == "unknown rule kind \"existance\" (did you mean \"existence\"?); use one of \"existence\", \"substitution\", \"occurrence\", \"consistency\"")
    #expect(Self.loadError(#"{"id": "house/x", "extends": "existence", "summary": "X", "tokens": ["a"], "severity": "warn"}"#)?.message
      == "unknown severity \"warn\" (did you mean \"warning\"?); use \"error\", \"warning\", \"info\" or \"hint\"")
    let placeholder = Self.loadError(#"{"id": "house/x", "extends": "existence", "summary": "X", "tokens": ["a"], "message": "No {replacement}"}"#)
    #expect(placeholder?.message == "unknown placeholder {replacement} in message; this kind allows {match}")
    #expect(placeholder?.location == SourceLocation(line: 1, column: 87))
    #expect(Self.loadError(#"{"id": "House X", "extends": "existence", "summary": "X", "tokens": ["a"]}"#)?.message
      == "rule id \"House X\" must look like family/kebab-name, e.g. \"house/banned-words\"")
  }

  @Test func elementErrorsPointAtTheElement() {
    let error = Self.loadError("""
      {"id": "house/x", "extends": "existence", "summary": "X",
       "tokens": [
         "fine",
         42
       ]}
      """)
    #expect(error?.location == SourceLocation(line: 4, column: 4))
    #expect(error?.message == "\"tokens\" must contain only strings, not number")
    let punctuation = Self.loadError(#"{"id": "house/x", "extends": "existence", "summary": "X", "tokens": ["ok", "stop!"]}"#)
    #expect(punctuation?.message == "“stop!” cannot match: “stop!” is not a single word (write words separated by spaces, without punctuation)")
    #expect(punctuation?.location == SourceLocation(line: 1, column: 76))
  }

  @Test func syntaxErrorsAndMissingKeys() {
    let syntax = Self.loadError("{\n  \"id\": \"house/x\",\n  \"extends\" \"existence\"\n}")
    #expect(syntax?.location.line == 3)
    #expect(Self.loadError(#"{"extends": "existence", "summary": "X", "tokens": ["a"]}"#)?.message == "the rule has no \"id\"")
    #expect(Self.loadError(#"{"name": "x"}"#)?.message == "unknown key \"name\" in a rule pack")
    #expect(Self.loadError(#"{"rules": [{"id": "house/a", "extends": "existence", "summary": "A", "tokens": ["a"]}, {"id": "house/a", "extends": "existence", "summary": "A", "tokens": ["b"]}]}"#)?.message
      == "rule \"house/a\" is defined twice in this pack")
    #expect(Self.loadError(#"{"id": "house/x", "extends": "consistency", "summary": "X", "groups": [["a", "b"], ["b", "c"]]}"#)?.message
      == "\"b\" is already in group 1")
    #expect(Self.loadError(#"{"id": "house/x", "extends": "existence", "summary": "X", "tokens": ["a"], "examples": {"fixes": []}}"#)?.message
      == "unknown key \"fixes\" in \"examples\" (\"existence\" rules have no fixes)")
  }

  @Test func examplesComeFromTheFile() throws {
    let factory = try #require(try Self.load("""
      {"id": "house/x", "extends": "substitution", "summary": "X", "swap": {"utilise": "use"},
       "examples": {
         "triggers": ["We ⟦utilise⟧ it."],
         "passes": ["We use it."],
         "fixes": [["We utilise it.", "We use it."]]
       }}
      """, path: "/packs/house.json").first)
    let examples = factory.description.examples
    #expect(examples.map(\.line) == [3, 4, 5])
    #expect(examples.allSatisfy { $0.file == "/packs/house.json" })
    #expect(examples.map(\.expectation) == [.triggers, .passes, .fixes(to: "We use it.")])
  }
}
