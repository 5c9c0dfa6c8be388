import CopydeskCore
import CopydeskTestSupport
import Testing

@Suite("Corpus index")
struct CorpusIndexTests {
  static func draft(_ path: String, title: String?, slug: String? = nil, published: Bool = false) -> DraftSummary {
    DraftSummary(
      path: path, title: title, slug: slug ?? CorpusIndex.stem(of: path), format: DraftFormat.forPath(path), isPublished: published)
  }

  static let index = CorpusIndex(drafts: [
    draft("news/budget.md", title: "Budget talks resume", slug: "budget-talks"),
    draft("news/rail.txt", title: "Rail strike ends"),
    draft("sport/derby.txt", title: "Derby ends in a draw"),
    draft("a/report.txt", title: "Annual report"),
    draft("b/report.md", title: "Annual report"),
    draft("published:ferry", title: "New ferry timetable", slug: "ferry", published: true),
    draft("published:rail", title: "Rail strike ends", slug: "rail-strike", published: true),
  ])

  static func paths(_ resolution: ReferenceResolution) -> [String] {
    switch resolution {
    case .resolved(let draft): ["resolved", draft.path]
    case .titleMismatch(let draft): ["mismatch", draft.path]
    case .ambiguous(let drafts): ["ambiguous"] + drafts.map(\.path)
    case .dangling(let suggestions): ["dangling"] + suggestions.map(\.path)
    }
  }

  @Test(arguments: [
    ("Budget talks resume", ["resolved", "news/budget.md"]),
    ("budget-talks", ["resolved", "news/budget.md"]),
    ("news/budget.md", ["resolved", "news/budget.md"]),
    ("news/budget", ["resolved", "news/budget.md"]),
    ("./news//budget.md", ["resolved", "news/budget.md"]),
    ("  Rail strike ends\t", ["resolved", "news/rail.txt"]),
    ("rail", ["resolved", "news/rail.txt"]),
    ("sport/derby.txt", ["resolved", "sport/derby.txt"]),
    ("ferry", ["resolved", "published:ferry"]),
    ("New ferry timetable", ["resolved", "published:ferry"]),
    ("rail-strike", ["resolved", "published:rail"]),
    ("Annual report", ["ambiguous", "a/report.txt", "b/report.md"]),
    ("report", ["ambiguous", "a/report.txt", "b/report.md"]),
    ("a/report", ["resolved", "a/report.txt"]),
    ("budget talks RESUME!", ["mismatch", "news/budget.md"]),
    ("Revised: Budget talks resume", ["mismatch", "news/budget.md"]),
    ("Budget  talks — resume", ["mismatch", "news/budget.md"]),
    ("BUDGET-TALKS", ["mismatch", "news/budget.md"]),
    ("annual REPORT", ["ambiguous", "a/report.txt", "b/report.md"]),
    ("new ferry timetable", ["mismatch", "published:ferry"]),
  ])
  func resolvesNames(_ name: String, _ expected: [String]) {
    #expect(Self.paths(Self.index.resolve(name, suggesting: false)) == expected)
  }

  @Test(arguments: [
    "../news/budget.md", "news/../news/budget.md", "/news/budget.md", "../../etc/passwd", "/etc/passwd",
    "news\\budget.md", "published:ferry", "", "   ", ".", "..",
  ])
  func pathsLeavingTheRootOrInternalKeysNeverResolve(_ name: String) {
    guard case .dangling = Self.index.resolve(name, suggesting: false) else {
      Issue.record("“\(name)” resolved to \(Self.paths(Self.index.resolve(name, suggesting: false)))")
      return
    }
  }

  @Test func aDraftHidesAPublishedEntryWithTheSameName() {
    // "Rail strike ends" is both a draft's title and a published title: the draft wins.
    #expect(Self.paths(Self.index.resolve("Rail strike ends")) == ["resolved", "news/rail.txt"])
    #expect(Self.paths(Self.index.resolve("rail strike ENDS")) == ["mismatch", "news/rail.txt"])
  }

  @Test func suggestsTheClosestTitlesAndSlugs() {
    #expect(Self.paths(Self.index.resolve("Budget talk resume")) == ["dangling", "news/budget.md"])
    let suggestions = Self.index.closestNames(to: "Derby end in a draw", limit: 3)
    #expect(suggestions.map(\.name) == ["Derby ends in a draw"])
    #expect(suggestions.map(\.key) == [.title])
    #expect(suggestions.map(\.distance) == [1])
    let slug = Self.index.closestNames(to: "budget-talk", limit: 3)
    #expect(slug.map(\.name) == ["budget-talks"])
    #expect(slug.map(\.key) == [.slug])
    #expect(Self.index.closestNames(to: "Something else entirely", limit: 3).isEmpty)
    #expect(Self.index.closestNames(to: "Annual reports", limit: 3).map(\.draft.path) == ["a/report.txt", "b/report.md"])
    #expect(Self.index.closestNames(to: "Annual reports", limit: 1).map(\.draft.path) == ["a/report.txt"])
  }

  @Test func upsertReplacesAndRemoveForgetsEveryKey() {
    var index = Self.index
    index.upsert(Self.draft("news/budget.md", title: "Budget passes", slug: "budget-passes"))
    #expect(Self.paths(index.resolve("Budget passes", suggesting: false)) == ["resolved", "news/budget.md"])
    for old in ["Budget talks resume", "budget-talks", "budget talks resume"] {
      #expect(Self.paths(index.resolve(old, suggesting: false)) == ["dangling"])
    }
    index.remove(path: "a/report.txt")
    #expect(Self.paths(index.resolve("Annual report", suggesting: false)) == ["resolved", "b/report.md"])
    #expect(Self.paths(index.resolve("report", suggesting: false)) == ["resolved", "b/report.md"])
    #expect(index.draft(atPath: "a/report.txt") == nil)
    #expect(index.count == Self.index.count - 1)
    index.remove(path: "not/there.md")
    #expect(index.count == Self.index.count - 1)
    #expect(index.drafts.map(\.path) == index.drafts.map(\.path).sorted())
  }

  @Test func aDraftWithTheSameTitleAsItsSlugIsOneMatch() {
    let index = CorpusIndex(drafts: [Self.draft("budget.md", title: "budget")])
    #expect(Self.paths(index.resolve("budget")) == ["resolved", "budget.md"])
    #expect(Self.paths(index.resolve("Budget")) == ["mismatch", "budget.md"])
  }

  @Test(arguments: [
    ("Revised: Budget talks", "budget talks"),
    ("UPDATED: It’s the economy", "its the economy"),
    ("Iran–Russia ties: a timeline", "iran russia ties a timeline"),
    ("  Zoë’s café — 2024!  ", "zoës café 2024"),
    ("iran-russia-ties", "iran russia ties"),
    ("Analysis:Why", "why"),
    ("...", ""),
  ])
  func foldsTitles(_ title: String, _ folded: String) {
    #expect(CorpusIndex.foldTitle(title) == folded)
  }

  @Test func asciiFoldingMatchesTheUnicodePath() {
    // The ASCII fast path must agree with the general one: compare against a non-ASCII twin.
    for title in ["Budget talks", "Revised: A-B c", "it's 10% off!", "draft:x", "x'y", "Opinion: we'll see"] {
      let twin = title + "\u{00E9}"
      #expect(CorpusIndex.foldTitle(twin) == CorpusIndex.foldTitle(title) + (title.last!.isLetter || title.last!.isNumber ? "" : " ") + "\u{00E9}")
    }
  }

  @Test func boundedDistanceAgreesWithTheFullDistance() {
    var generator = SystemRandomNumberGenerator()
    let alphabet = Array("abcde ")
    for _ in 0..<400 {
      let left = String((0..<Int.random(in: 1...12, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! })
      let right = String((0..<Int.random(in: 1...12, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! })
      let index = CorpusIndex(drafts: [Self.draft("x.md", title: right, slug: "zzzzzzzzzzzzzzzzzzzzzz")])
      let folded = (CorpusIndex.foldTitle(left), CorpusIndex.foldTitle(right))
      guard !folded.0.isEmpty else { continue }
      let limit = max(2, folded.0.unicodeScalars.count / 6)
      let expected = editDistance(folded.0, folded.1)
      let found = index.closestNames(to: left, limit: 1).first { $0.key == .title }
      if expected <= limit && expected > 0 {
        #expect(found?.distance == expected, "\(left) / \(right)")
      } else if expected > limit {
        #expect(found == nil, "\(left) / \(right)")
      }
    }
  }

  @Test func suggestionsMissNoNameWithinReach() {
    // Many titles over a wide alphabet, so the letter-count bound rejects most of them before measuring:
    // what it keeps must be exactly what measuring every title finds.
    var generator = SplitMix64(seed: 2026)
    let alphabet = Array("abcdefghijklmnopqrstuvwxyzéü ")
    func word() -> String { String((0..<(3 + generator.below(18))).map { _ in alphabet[generator.below(alphabet.count)] }) }
    var titles = (0..<300).map { _ in word() }
    // Near misses of the first titles: one or two edits away.
    for index in 0..<30 {
      var scalars = Array(titles[index])
      scalars[generator.below(scalars.count)] = alphabet[generator.below(alphabet.count)]
      if index % 2 == 0 { scalars.insert(alphabet[generator.below(alphabet.count)], at: generator.below(scalars.count + 1)) }
      titles.append(String(scalars))
    }
    let index = CorpusIndex(drafts: titles.enumerated().map { Self.draft("d\($0.offset).md", title: $0.element, slug: "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzz\($0.offset)") })
    for query in titles.prefix(40) {
      let folded = CorpusIndex.foldTitle(query)
      guard !folded.isEmpty else { continue }
      let limit = max(2, folded.unicodeScalars.count / 6)
      let expected = Set(titles.enumerated().filter { editDistance(folded, CorpusIndex.foldTitle($0.element)) <= limit }.map { "d\($0.offset).md" })
      let found = Set(index.closestNames(to: query, limit: 1000).filter { $0.key == .title }.map(\.draft.path))
      #expect(found == expected, "\(query)")
    }
  }

  @Test func summaryOfADocumentRecordsReferencesAndTheirLines() {
    let document = Document(
      path: "x.txt", string: "Title here\r\n\r\nBody.\r\n\r\nPrevious Article\r\n\r\nOld one\r\nNext Article\r\nNew one")
    let summary = CorpusIndex.summary(of: document, relativePath: "news/x.txt")
    #expect(summary.title == "Title here")
    #expect(summary.slug == "x")
    #expect(summary.previous?.name == "Old one")
    #expect(summary.previousLineNumber == 7)
    #expect(summary.next?.name == "New one")
    #expect(summary.nextLineNumber == 9)
    #expect(summary.displayName == "“Title here” (news/x.txt)")
    #expect(Self.draft("published:f", title: nil, slug: "f", published: true).displayName == "published article “f”")
  }
}
