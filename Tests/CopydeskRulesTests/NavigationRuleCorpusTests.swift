import CopydeskCore
import CopydeskRules
import Testing

/// Navigation rules against small in-memory corpora: the cases the rule examples cannot express.
@Suite("Navigation rules over a corpus")
struct NavigationRuleCorpusTests {
  static let rules: [any Rule] = [
    AmbiguousReferenceRule(), DanglingReferenceRule(), NotReciprocalRule(), SelfReferenceRule(), TitleMismatchRule(),
  ]

  /// Parses drafts (path → text) into an index, as the workspace does.
  static func index(_ drafts: [(String, String)], published: [DraftSummary] = []) -> CorpusIndex {
    CorpusIndex(drafts: published + drafts.map { CorpusIndex.summary(of: Document(path: $0.0, string: $0.1), relativePath: $0.0) })
  }

  /// Checks `text` as the draft at `path`; with `isInCorpus` false, as a document the index does not hold.
  static func lint(_ path: String, _ text: String, in index: CorpusIndex, isInCorpus: Bool = true) -> [Diagnostic] {
    let document = Document(path: path, string: text)
    let context = RuleContext(corpus: index, corpusPath: isInCorpus ? path : nil)
    return rules.flatMap { $0.check(document, context: context) }.sorted(by: Diagnostic.sortedOrder)
  }

  static let chain: [(String, String)] = [
    ("one.txt", "First story\n\nBody.\n\nNext Article\n\nsecond\n"),
    ("second.md", "---\ntitle: Second story\nprevious: First story\nnext: third.txt\n---\nBody.\n"),
    ("third.txt", "Third story\n\nBody.\n\nPrevious Article\n\nSecond story\n"),
  ]

  @Test func aReciprocalChainAcrossFormatsIsClean() {
    let index = Self.index(Self.chain)
    for (path, text) in Self.chain {
      #expect(Self.lint(path, text, in: index).isEmpty, "\(path)")
    }
  }

  @Test func publishedTargetsExistAndAreNotCheckedForReciprocity() {
    let published = [DraftSummary(path: "published:old", title: "Old story", slug: "old", format: .markdown, isPublished: true)]
    let index = Self.index([("a.txt", "A story\n\nBody.\n\nPrevious Article\n\nOld story\n")], published: published)
    #expect(Self.lint("a.txt", "A story\n\nBody.\n\nPrevious Article\n\nOld story\n", in: index).isEmpty)
    let loose = Self.lint("a.txt", "A story\n\nBody.\n\nPrevious Article\n\nold STORY\n", in: index)
    #expect(loose.map(\.ruleID.rawValue) == ["navigation/title-mismatch"])
    #expect(loose.first?.fix?.edits.first?.newText == "Old story")
  }

  @Test func aDraftOfAPublishedArticleIsNotAmbiguous() {
    let published = [DraftSummary(path: "published:b", title: "B story", slug: "b", format: .markdown, isPublished: true)]
    let drafts = [("a.txt", "A story\n\nNext Article\n\nB story\n"), ("b.txt", "B story\n\nPrevious Article\n\nA story\n")]
    let index = Self.index(drafts, published: published)
    #expect(Self.lint("a.txt", drafts[0].1, in: index).isEmpty)
  }

  @Test func aMismatchedTitleStillLinksForReciprocity() {
    let drafts = [("a.txt", "A story\n\nNext Article\n\nb STORY\n"), ("b.txt", "B story\n\nPrevious Article\n\nRevised: A story\n")]
    let index = Self.index(drafts)
    #expect(Self.lint("a.txt", drafts[0].1, in: index).map(\.ruleID.rawValue) == ["navigation/title-mismatch"])
    #expect(Self.lint("b.txt", drafts[1].1, in: index).map(\.ruleID.rawValue) == ["navigation/title-mismatch"])
  }

  @Test func anUnansweredReferenceNamesTheOtherDraftAndLine() {
    let drafts = [
      ("a.txt", "A story\n\nNext Article\n\nB story\n"),
      ("b.md", "---\ntitle: B story\nslug: bee\nprevious: c\n---\n"),
      ("c.txt", "C story\n\nNext Article\n\nbee\n"),
    ]
    let index = Self.index(drafts)
    let findings = Self.lint("a.txt", drafts[0].1, in: index)
    #expect(findings.map(\.message) == [
      "The next article “B story” (b.md) names “c” as its previous article on line 4, not this one; make the two references agree"
    ])
    #expect(findings.first?.severity == .warning)
    #expect(Self.lint("c.txt", drafts[2].1, in: index).isEmpty)
  }

  @Test func aDanglingOrAmbiguousAnswerIsLeftToItsOwnDraft() {
    let drafts = [
      ("a.txt", "A story\n\nNext Article\n\nB story\n\nPrevious Article\n\nC story\n"),
      ("b.txt", "B story\n\nPrevious Article\n\nNowhere\n"),
      ("c.txt", "C story\n\nNext Article\n\nTwin\n"),
      ("t1.txt", "Twin\n"), ("t2.txt", "Twin\n"),
    ]
    let index = Self.index(drafts)
    #expect(Self.lint("a.txt", drafts[0].1, in: index).isEmpty)
  }

  @Test func aDraftOutsideTheCorpusIsRecognisedByItsTitle() {
    // A file outside the root: the document is not in the index, yet B's answer names it.
    let index = Self.index([("b.txt", "B story\n\nPrevious Article\n\nA story\n")])
    let text = "A story\n\nNext Article\n\nB story\n\nPrevious Article\n\nA story\n"
    let findings = Self.lint("elsewhere/a.txt", text, in: index, isInCorpus: false)
    #expect(findings.map(\.ruleID.rawValue) == ["navigation/self"])
    #expect(findings.first?.message == "“A story” is this article itself; name the previous article instead, or remove the reference")
  }

  @Test func severalCloseNamesAreListedWithoutAFix() {
    let index = Self.index([("a.txt", "Budget talk\n"), ("b.txt", "Budget talks\n"), ("c.txt", "Budget walks\n")])
    let findings = Self.lint("d.txt", "D\n\nNext Article\n\nBudget tals\n", in: index)
    #expect(findings.map(\.message) == [
      "No draft or published article matches “Budget tals”; did you mean “Budget talk”, “Budget talks” or “Budget walks”?"
    ])
    #expect(findings.first?.fix == nil)
  }

  @Test func ambiguousListsPublishedMatchesByName() {
    let published = [
      DraftSummary(path: "published:x", title: "Same", slug: "x", format: .markdown, isPublished: true),
      DraftSummary(path: "published:y", title: "Same", slug: "y", format: .markdown, isPublished: true),
    ]
    let index = Self.index([], published: published)
    #expect(Self.lint("d.txt", "D\n\nNext Article\n\nSame\n", in: index).map(\.message) == [
      "“Same” matches 2 articles: published article “x” and published article “y”; name one by its path or a unique slug"
    ])
  }

  @Test func frontMatterFixesQuoteNamesThatWouldReadDifferently() {
    let index = Self.index([
      ("a.md", "---\ntitle: \"Talks: the end\"\nslug: a\nprevious: d\n---\n"), ("q.md", "---\ntitle: '\"Quoted\"'\nnext: d\n---\n"),
    ])
    let text = "---\ntitle: D\nnext: talks the end\nprevious: quoted\n---\n"
    let findings = Self.lint("d.md", text, in: index)
    #expect(findings.map(\.ruleID.rawValue) == ["navigation/title-mismatch", "navigation/title-mismatch"])
    let fixed = FixApplier.apply(findings, to: Document(path: "d.md", string: text).text).text
    #expect(fixed == "---\ntitle: D\nnext: \"Talks: the end\"\nprevious: '\"Quoted\"'\n---\n")
    // Quoted again, the fixed names resolve exactly.
    #expect(Self.lint("d.md", fixed, in: index).isEmpty)
  }

  @Test func everyFindingLiesOnItsReference() {
    let index = Self.index(Self.chain)
    let text = "Loose\n\nPrevious Article\n\n  third STORY  \n\nNext Article\n\nLoose\n"
    let document = Document(path: "x.txt", string: text)
    let findings = Self.lint("x.txt", text, in: index)
    #expect(findings.map { document.string($0.range) } == ["third STORY", "third STORY", "Loose"])
    #expect(findings.map(\.ruleID.rawValue) == ["navigation/not-reciprocal", "navigation/title-mismatch", "navigation/self"])
  }
}
