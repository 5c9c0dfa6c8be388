import CopydeskCore
import CopydeskRules
import CopydeskWorkspace
import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The navigation rules over real corpora on disk, through the CLI and the corpus builder.
@Suite("Navigation corpus")
struct NavigationCorpusTests {
  static let corpus = NavigationFixtures.corpus

  @Test func wholeCorpusMatchesTheGoldenJSON() throws {
    let run = NavigationFixtures.run(["lint", "--format", "json"] + NavigationFixtures.ruleArguments, in: Self.corpus)
    #expect(run.status == .findings)
    #expect(run.err == "")
    try NavigationFixtures.expectGolden(run.out, "corpus.expected.json")
    // Every rule is covered, the clean chain reports nothing, and ignored drafts are not listed.
    let rules = try NavigationFixtures.rulesByFile(run.out)
    #expect(Set(rules.values.flatMap { $0 }) == [
      "navigation/ambiguous", "navigation/dangling", "navigation/not-reciprocal", "navigation/self", "navigation/title-mismatch",
    ])
    for clean in ["chain/one.txt", "chain/two.md", "chain/three.txt", "dup/a/report.txt", "dup/b/report.md"] {
      #expect(rules[clean] == [], "\(clean)")
    }
    #expect(rules["archive/old.txt"] == nil)
  }

  @Test func wholeCorpusAsText() throws {
    let run = NavigationFixtures.run(["lint", "--no-color"] + NavigationFixtures.ruleArguments, in: Self.corpus)
    try NavigationFixtures.expectGolden(run.out, "corpus.expected.txt")
  }

  @Test func oneFileResolvesAgainstTheWholeRootWithoutLintingTheOthers() throws {
    let run = NavigationFixtures.run(
      ["lint", "problems/orphan.md", "--format", "json"] + NavigationFixtures.ruleArguments, in: Self.corpus)
    #expect(run.status == .clean)  // Two warnings, no errors.
    #expect(run.err == "")
    try NavigationFixtures.expectGolden(run.out, "single-file.expected.json")
    #expect(try NavigationFixtures.rulesByFile(run.out) == ["problems/orphan.md": ["navigation/not-reciprocal", "navigation/not-reciprocal"]])
  }

  @Test func oneFileGivenFromAnotherFolderUsesTheRootOption() throws {
    let run = NavigationFixtures.run(
      ["lint", "--root", Self.corpus, Self.corpus + "/chain/two.md", "--format", "json"] + NavigationFixtures.ruleArguments,
      in: FileManager.default.temporaryDirectory.path)
    #expect(run.status == .clean)
    #expect(try NavigationFixtures.rulesByFile(run.out) == [Self.corpus + "/chain/two.md": []])
  }

  @Test func standardInputWithAFileNameIsThatDraft() throws {
    let text = try String(contentsOfFile: Self.corpus + "/problems/self.txt", encoding: .utf8)
    let captured = CapturedConsole(currentDirectory: Self.corpus)
    var console = captured.console
    console.readInput = { Array(text.utf8) }
    let arguments = ["lint", "--stdin", "--stdin-filename", "problems/self.txt", "--format", "json"] + NavigationFixtures.ruleArguments
    #expect(CommandLineTool.run(arguments, console: console) == CopydeskWorkspace.ExitStatus.findings)
    #expect(try NavigationFixtures.rulesByFile(captured.standardOutput) == ["problems/self.txt": ["navigation/self"]])
  }

  @Test func otherRulesAloneDoNotBuildTheIndex() throws {
    // With no navigation rule enabled, a root that cannot be indexed is no obstacle.
    let linter = try ConfigLoader.load(path: nil, selection: RuleSelection(only: ["repetition/word"])).linter
    #expect(!CorpusBuilder.isNeeded(by: linter))
    #expect(CorpusBuilder.isNeeded(by: try ConfigLoader.load(path: nil).linter))
  }

  // MARK: Fixes

  static func fixed(_ path: String, rule: any Rule) throws -> String {
    let configuration = try ConfigLoader.load(path: Self.corpus + "/.copydesk.json")
    let discovery = FileDiscovery(root: Self.corpus, ignore: configuration.configuration.ignore)
    let index = try CorpusBuilder(discovery: discovery, published: configuration.publishedArticles).build()
    let text = try String(contentsOfFile: Self.corpus + "/" + path, encoding: .utf8)
    let document = Document(path: path, string: text)
    let diagnostics = rule.check(document, context: RuleContext(corpus: index, corpusPath: path))
    #expect(diagnostics.count == 1)
    return FixApplier.apply(diagnostics, to: document.text).text
  }

  @Test func titleMismatchFixWritesTheExactTitle() throws {
    #expect(
      try Self.fixed("problems/mismatch.txt", rule: TitleMismatchRule())
        == "Harbour plan explained\n\nA guide to the plan.\n\nNext Article\n\nHarbour plan debated\n")
  }

  @Test func titleMismatchFixKeepsFrontMatterQuotes() throws {
    #expect(
      try Self.fixed("problems/quoted.md", rule: TitleMismatchRule())
        == "---\ntitle: Harbour plan timeline\nnext: 'Harbour plan approved'\n---\n\nDates to remember.\n")
  }

  @Test func danglingFixWritesTheOnlyCloseTitle() throws {
    #expect(
      try Self.fixed("problems/typo.txt", rule: DanglingReferenceRule())
        == "Ferry fares rise\n\nFares go up in May.\n\nNext Article\n\nHarbour plan approved\n")
  }

  @Test func danglingFixInFrontMatterWritesTheCloseSlug() throws {
    #expect(
      try Self.fixed("problems/slug-typo.md", rule: DanglingReferenceRule())
        == "---\ntitle: Harbour plan opposition\nprevious: harbour-debate\n---\n\nSome councillors object.\n")
  }

  @Test func lintFixRewritesNavigationReferencesInPlace() throws {
    let (root, cleanup) = try NavigationFixtures.temporaryCopy()
    defer { cleanup() }
    let run = NavigationFixtures.run(["lint", "--fix", "--format", "json"] + NavigationFixtures.ruleArguments, in: root.path)
    #expect(run.err == "")
    func read(_ path: String) throws -> String { try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8) }
    #expect(try read("problems/typo.txt") == "Ferry fares rise\n\nFares go up in May.\n\nNext Article\n\nHarbour plan approved\n")
    #expect(try read("problems/mismatch.txt") == "Harbour plan explained\n\nA guide to the plan.\n\nNext Article\n\nHarbour plan debated\n")
    #expect(try read("problems/quoted.md") == "---\ntitle: Harbour plan timeline\nnext: 'Harbour plan approved'\n---\n\nDates to remember.\n")
    #expect(try read("problems/slug-typo.md") == "---\ntitle: Harbour plan opposition\nprevious: harbour-debate\n---\n\nSome councillors object.\n")
    // What remains needs a human: the unanswered references (now also from typo.txt and slug-typo.md).
    let remaining = try NavigationFixtures.rulesByFile(run.out)
    #expect(remaining["problems/mismatch.txt"] == ["navigation/not-reciprocal"])
    #expect(remaining["problems/typo.txt"] == ["navigation/not-reciprocal"])
    #expect(remaining["problems/self.txt"] == ["navigation/self"])
    #expect(remaining["chain/two.md"] == [])
  }

  // MARK: Safety

  @Test func linksThatLoopOrLeaveTheRootAreNotFollowedAndPathsAreOnlyNames() throws {
    let (root, cleanup) = try NavigationFixtures.temporaryCopy()
    defer { cleanup() }
    let outside = root.deletingLastPathComponent().appendingPathComponent("outside")
    try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
    try "Top secret plan\n\nNobody should index this.\n".write(to: outside.appendingPathComponent("secret.txt"), atomically: true, encoding: .utf8)
    let manager = FileManager.default
    try manager.createSymbolicLink(atPath: root.path + "/chain/loop", withDestinationPath: "..")
    try manager.createSymbolicLink(atPath: root.path + "/dup/a/self", withDestinationPath: ".")
    try manager.createSymbolicLink(atPath: root.path + "/problems/outside", withDestinationPath: outside.path)
    try manager.createSymbolicLink(atPath: root.path + "/problems/leak.txt", withDestinationPath: "../../outside/secret.txt")
    try manager.createSymbolicLink(atPath: root.path + "/problems/gone.md", withDestinationPath: "nowhere.md")
    try manager.createSymbolicLink(atPath: root.path + "/chain/alias.txt", withDestinationPath: "one.txt")
    try "Secrets wanted\n\nBody.\n\nPrevious Article\n\n../outside/secret.txt\n\nNext Article\n\nTop secret plan\n"
      .write(to: root.appendingPathComponent("problems/wants.txt"), atomically: true, encoding: .utf8)

    let configuration = try ConfigLoader.load(path: root.path + "/.copydesk.json")
    let discovery = FileDiscovery(root: root.path, ignore: configuration.configuration.ignore)
    let index = try CorpusBuilder(discovery: discovery, published: configuration.publishedArticles).build()
    #expect(index.drafts.filter { !$0.isPublished }.map(\.path) == [
      "chain/one.txt", "chain/three.txt", "chain/two.md", "dup/a/report.txt", "dup/b/report.md", "problems/ambiguous.md",
      "problems/escape.md", "problems/mismatch.txt", "problems/orphan.md", "problems/quoted.md", "problems/self.txt",
      "problems/slug-typo.md", "problems/typo.txt", "problems/wants.txt",
    ])
    // The alias of chain/one.txt is not a second “Harbour plan unveiled”.
    guard case .resolved(let one) = index.resolve("Harbour plan unveiled") else {
      Issue.record("“Harbour plan unveiled” does not resolve to one draft")
      return
    }
    #expect(one.path == "chain/one.txt")

    let run = NavigationFixtures.run(["lint", "--format", "json"] + NavigationFixtures.ruleArguments, in: root.path)
    #expect(run.err == "")
    let rules = try NavigationFixtures.rulesByFile(run.out)
    #expect(rules["problems/wants.txt"] == ["navigation/dangling", "navigation/dangling"])
    // The CLI lints a linked file once, under its target's path.
    #expect(rules["chain/alias.txt"] == nil)
    #expect(rules.keys.filter { $0.contains("secret") || $0.contains("outside") || $0.contains("loop") || $0.contains("self/") } == [])
    let golden = try NavigationFixtures.rulesByFile(
      String(contentsOf: NavigationFixtures.directory.appendingPathComponent("corpus.expected.json"), encoding: .utf8))
    for (path, expected) in golden { #expect(rules[path] == expected, "\(path)") }
  }

  @Test func aMissingRootIsAClearError() throws {
    let missing = FileManager.default.temporaryDirectory.appendingPathComponent("copydesk-missing-\(UUID().uuidString)").path
    #expect(throws: CorpusError.self) { try CorpusBuilder(discovery: FileDiscovery(root: missing)).build() }
    do {
      _ = try CorpusBuilder(discovery: FileDiscovery(root: missing)).build()
    } catch {
      #expect(error.message == "the corpus root \(FileDiscovery.canonical(missing)) does not exist; pass an existing folder with --root")
    }
    let run = NavigationFixtures.run(["lint", "--root", missing], in: FileManager.default.temporaryDirectory.path)
    #expect(run.status == .failure)
    #expect(run.err == "copydesk: --root \(missing) is not a readable folder\n")
  }

  @Test func aRootThatIsAFileIsAClearError() throws {
    do {
      _ = try CorpusBuilder(discovery: FileDiscovery(root: Self.corpus + "/chain/one.txt")).build()
      Issue.record("a file was accepted as a corpus root")
    } catch {
      #expect(error.message.hasSuffix("chain/one.txt is not a folder; pass a folder with --root"))
    }
  }

  @Test(.enabled(if: geteuid() != 0, "root reads any folder"))
  func anUnreadableRootIsAClearError() throws {
    let (root, cleanup) = try NavigationFixtures.temporaryCopy()
    defer {
      chmod(root.path, 0o755)
      cleanup()
    }
    chmod(root.path, 0o000)
    let run = NavigationFixtures.run(["lint", "--root", root.path] + NavigationFixtures.ruleArguments, in: "/")
    #expect(run.status == .failure)
    #expect(run.err.contains("cannot read the corpus root"))
  }
}
