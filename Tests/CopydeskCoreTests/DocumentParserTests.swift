import CopydeskCore
import Testing

extension Document {
  /// Prose words, as strings.
  var proseWords: [String] { tokens.filter { $0.isWordLike && $0.role.isProse }.map { string($0) } }
  func tokens(_ text: String) -> [Token] { tokens.filter { string($0) == text } }
  var sentenceTexts: [String] { sentences.map { string($0.range) } }
}

@Suite("Tokenizer")
struct TokenizerTests {
  @Test func codeURLsLinkTargetsCommentsAndKeysAreNotProse() {
    let text = """
      ---
      title: Budget talks
      slug: budget-talks
      tags: alpha
      ---
      # Budget talks

      Run `grep secretword` and see https://example.org/hiddenpath or <https://example.org/autolink>.
      Read [the report](https://example.org/targetword "titleword") now. <!-- commentword -->

      ```
      fencedword inside
      ```

          indentedword here

      Done.
      """
    let document = Document(path: "a.md", string: text)
    let words = Set(document.proseWords)
    for hidden in ["secretword", "hiddenpath", "autolink", "targetword", "titleword", "commentword", "fencedword", "indentedword", "slug", "tags", "alpha", "budget-talks"] {
      #expect(!words.contains(hidden), "\(hidden) must not be a prose word")
    }
    for visible in ["Run", "and", "see", "the", "report", "now", "Done", "Budget", "talks"] {
      #expect(words.contains(visible), "\(visible) must be a prose word")
    }
    // The link text is prose flagged as a citation.
    #expect(document.tokens("report").first?.flags.contains(.linkText) == true)
    #expect(document.tokens("`grep secretword`").first?.role == .code)
    #expect(document.tokens("https://example.org/hiddenpath").first?.role == .url)
    // Title value in front matter is prose of its own role.
    #expect(document.tokens("Budget").first?.role == .frontMatterValue)
  }

  @Test func wordFlagsAndFoldedHashes() {
    let document = Document(path: "d.md", string: "NATO and Nato met iPhone makers; B2B deals, R2-D2 and r2-d2, Record and record.")
    func flags(_ word: String) -> TokenFlags { document.tokens(word).first!.flags }
    #expect(flags("NATO").contains(.allCaps) && flags("NATO").contains(.capitalized))
    #expect(flags("Nato").contains(.capitalized) && !flags("Nato").contains(.allCaps))
    #expect(!flags("iPhone").contains(.capitalized) && !flags("iPhone").contains(.allCaps))
    #expect(flags("B2B").contains(.allCaps))
    #expect(!flags("makers").contains(.capitalized))
    #expect(document.tokens("R2-D2").first!.foldedHash == document.tokens("r2-d2").first!.foldedHash)
    #expect(document.tokens("Record").first!.foldedHash == document.tokens("record").first!.foldedHash)
    #expect(document.tokens("NATO").first!.foldedHash == FoldedHash.hash("nato"))
    #expect(document.tokens("Record").first!.foldedHash != document.tokens("makers").first!.foldedHash)
  }

  @Test func quotedSpeechIsTagged() {
    let document = Document(path: "a.md", string: "He said “analysts say it works” and left. She wrote \"experts believe\" twice. It's Iran’s view.")
    let quoted = document.tokens.filter { $0.isWordLike && $0.isQuoted }.map { document.string($0) }
    #expect(quoted == ["analysts", "say", "it", "works", "experts", "believe"])
    #expect(document.proseWords.contains("Iran’s"), "an inner typographic apostrophe stays in the word")
    #expect(document.tokens("It's").first?.isQuoted == false)
  }

  @Test func wordsNumbersAndAbbreviations() {
    let document = Document(path: "a.md", string: "The U.S. spent $3.5 billion, e.g. on e-mail in 1990s and 15th-century 10:30 trips.")
    #expect(document.proseWords == ["The", "U.S.", "spent", "3.5", "billion", "e.g.", "on", "e-mail", "in", "1990s", "and", "15th-century", "10", "30", "trips"])
    #expect(document.tokens("3.5").first?.kind == .number)
    #expect(document.tokens("U.S.").first?.flags.contains(.allCaps) == true)
  }

  @Test func foldedHashesIgnoreCaseAndApostropheStyle() {
    let document = Document(path: "a.md", string: "Iran’s iran's IRAN'S Zoë ZOË")
    let words = document.tokens.filter(\.isWordLike)
    #expect(words[0].foldedHash == words[1].foldedHash)
    #expect(words[1].foldedHash == words[2].foldedHash)
    #expect(words[3].foldedHash == words[4].foldedHash)
    #expect(words[0].foldedHash == FoldedHash.fold("IRAN’S"))
  }

  @Test func sentencesHandleAbbreviationsDecimalsInitialsEllipsesAndQuotes() {
    let document = Document(path: "a.md", string: """
      Mr. Smith met Dr. Jones in the U.S. capital at 3.5 p.m. yesterday. J. K. Rowling wrote it… and left. “Stop.” She did! Was it over? Yes. It ends here... Then more.
      """)
    #expect(document.sentenceTexts == [
      "Mr. Smith met Dr. Jones in the U.S. capital at 3.5 p.m. yesterday.",
      "J. K. Rowling wrote it… and left.",
      "“Stop.”",
      "She did!",
      "Was it over?",
      "Yes.",
      "It ends here...",
      "Then more.",
    ])
  }

  @Test func sentencesDoNotCrossParagraphs() {
    let document = Document(path: "a.md", string: "First part\nstill first.\n\nSecond one")
    #expect(document.sentenceTexts == ["First part\nstill first.", "Second one"])
  }

  @Test func aTokenPacksIntoTwentyFourBytes() {
    // A long draft's token table is most of the memory it touches; padding would add a third to it.
    #expect(MemoryLayout<Token>.stride == 24)
  }
}

@Suite("Article parser")
struct ArticleParserTests {
  static let plainDraft = """
    Ministers weigh a new rail link

    No time to read?
    Get a summary

    Summary: The plan adds 40 km of track.

    Body text starts here. It goes on.

    No time to read?
    Get a summary
    Previous Article

    Revised: Ports reopen after storm

    Next Article

    Harbour fees rise again
    """

  @Test func plainTextShape() throws {
    let document = Document(path: "draft.txt", string: Self.plainDraft)
    let article = document.article
    #expect(article.title?.text == "Ministers weigh a new rail link")
    #expect(article.title?.range == TextRange(start: 0, end: 31))
    #expect(article.teasers.count == 2)
    let summary = try #require(article.summary)
    #expect(summary.text == "The plan adds 40 km of track.")
    #expect(summary.source == .labelledParagraph)
    #expect(document.string(summary.range) == "The plan adds 40 km of track.")
    let previous = try #require(article.previous)
    #expect(previous.name == "Revised: Ports reopen after storm")
    #expect(document.string(previous.range) == previous.name)
    #expect(previous.isFooter)
    #expect(article.next?.name == "Harbour fees rise again")
    // Chrome is not body prose.
    #expect(document.tokens("Previous").first?.role == .chrome)
    #expect(document.tokens("summary").allSatisfy { $0.role == .chrome })
    #expect(document.tokens("Body").first?.role == .body)
  }

  @Test func summaryAfterALineReadingSummary() throws {
    let document = Document(path: "d.txt", string: "Title here\n\nSummary\nA short summary of events.\n\nBody.")
    #expect(document.article.summary?.text == "A short summary of events.")
    #expect(document.article.summary?.source == .section)
  }

  @Test func teaserAloneIsNotASummary() {
    let document = Document(path: "d.txt", string: "Title\n\nNo time to read?\nGet a summary\n\nBody text.")
    #expect(document.article.summary == nil)
    #expect(document.article.teasers.count == 1)
  }

  @Test func markdownFrontMatterWithRanges() throws {
    let text = """
      ---
      title: "Rail link approved"
      slug: rail-link
      summary: 'Ministers approved the link.'
      previous: ports-reopen
      next: Harbour fees rise again
      sources:
        - https://example.org/report
        - Ministry of Transport
      extra: kept
      ---
      Body.
      """
    let document = Document(path: "rail.md", string: text)
    let article = document.article
    let frontMatter = try #require(article.frontMatter)
    #expect(frontMatter.entries.map(\.key.text) == ["title", "slug", "summary", "previous", "next", "sources", "extra"])
    #expect(article.title?.text == "Rail link approved")
    #expect(document.string(try #require(article.title).range) == "Rail link approved")
    #expect(article.slug?.text == "rail-link")
    #expect(article.summary?.text == "Ministers approved the link.")
    #expect(article.summary?.source == .frontMatter)
    #expect(article.previous?.name == "ports-reopen")
    #expect(document.string(try #require(article.previous).range) == "ports-reopen")
    #expect(article.next?.name == "Harbour fees rise again")
    #expect(article.sources.map(\.text) == ["https://example.org/report", "Ministry of Transport"])
    #expect(document.isProtected(frontMatter.entries[1].key.range))
    #expect(!document.proseWords.contains("slug"))
  }

  @Test func markdownTitleAndSummarySections() throws {
    let document = Document(path: "a.md", string: "# The title\n\n## TL;DR\n\nShort version here.\n\n## Details\n\nLong version.\n")
    #expect(document.article.title?.text == "The title")
    #expect(document.article.summary?.text == "Short version here.")
    #expect(document.article.summary?.source == .section)
    #expect(document.tokens("Short").first?.role == .summary)
  }

  @Test func emptyFrontMatterSummaryIsEmpty() throws {
    let document = Document(path: "a.md", string: "---\ntitle: T\nsummary:\n---\nBody.\n")
    #expect(document.article.summary?.text == "")
  }

  @Test func unclosedFrontMatterIsProse() {
    let document = Document(path: "a.md", string: "---\ntitle: T\nBody goes on.\n")
    #expect(document.article.frontMatter == nil)
    #expect(document.proseWords.contains("Body"))
  }

  @Test func footerFormAcceptedInMarkdown() {
    let document = Document(path: "a.md", string: "# T\n\nBody.\n\nPrevious Article\n\nOlder piece\n")
    #expect(document.article.previous?.name == "Older piece")
  }

  @Test func suppressionComments() {
    let text = """
      Alpha the the.
      <!-- copydesk-disable-next-line repetition/word -->
      Beta the the.

      <!-- copydesk-disable -->
      Gamma.
      <!-- copydesk-enable -->
      Delta.
      <!-- copydesk-disable repetition/word, style/wordy -->
      Epsilon.
      """
    let document = Document(path: "a.md", string: text)
    let regions = document.suppressions.regions
    #expect(regions.count == 4)
    let beta = document.tokens("Beta")[0].range
    let alpha = document.tokens("Alpha")[0].range
    let gamma = document.tokens("Gamma")[0].range
    let delta = document.tokens("Delta")[0].range
    let epsilon = document.tokens("Epsilon")[0].range
    #expect(document.suppressions.isSuppressed("repetition/word", at: beta))
    #expect(!document.suppressions.isSuppressed("style/wordy", at: beta))
    #expect(!document.suppressions.isSuppressed("repetition/word", at: alpha))
    #expect(document.suppressions.isSuppressed("claims/weasel", at: gamma))
    #expect(!document.suppressions.isSuppressed("claims/weasel", at: delta))
    #expect(document.suppressions.isSuppressed("style/wordy", at: epsilon))
    #expect(!document.suppressions.isSuppressed("claims/weasel", at: epsilon))
  }
}

@Suite("Parser details")
struct ParserDetailTests {
  @Test func closingSingleQuoteBeforeADashEndsTheQuote() {
    let document = Document(path: "a.md", string: "He called it ‘a plan’— analysts say it works.")
    #expect(document.tokens("analysts").first?.isQuoted == false)
    #expect(document.tokens("plan").first?.isQuoted == true)
  }

  @Test func summarySectionIsOneParagraphOrOneList() {
    let paragraph = Document(path: "a.md", string: "# T\n\n## Summary\n\nFirst paragraph.\n\nSecond paragraph is body.\n")
    #expect(paragraph.article.summary?.text == "First paragraph.")
    #expect(paragraph.tokens("Second").first?.role == .body)
    let list = Document(path: "a.md", string: "# T\n\n## Key points\n\n- One point.\n- Two points.\n\nBody follows.\n")
    #expect(list.article.summary.map { list.string($0.range) } == "One point.\n- Two points.")
    #expect(list.tokens("Body").first?.role == .body)
  }
}
