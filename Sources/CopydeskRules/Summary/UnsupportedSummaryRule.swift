public import CopydeskCore

/// Flags numbers, names and quoted phrases in the summary that the body never mentions.
///
/// Fix: none. Names are runs of capitalised words (`Alexei Dedov`, `Bank of England`), matched by their
/// last word so that `Dedov` in the body supports `Alexei Dedov`; inflection is tolerated (`Iran’s` /
/// `Iran`, plurals, `Russian` / `Russia`), and `3` is supported by `three`. Quoted phrases must appear
/// word for word. The title is not the body.
public struct UnsupportedSummaryRule: Rule {
  public static let description = RuleDescription(
    id: "summary/unsupported", name: "Unsupported Summary",
    summary: "Keep the summary to facts the article supports",
    explanation: """
      Flags a number, a name or a quoted phrase in the summary that the body of the article never \
      mentions. A summary promises what the article says; a figure or a name that appears only there is \
      either a leftover from an earlier draft or a claim with no support. Names are runs of capitalised \
      words, matched by their last word (“Dedov” in the body supports “Alexei Dedov”) and tolerant of \
      inflection (“Iran’s” and “Iran”, plurals, “Russian” and “Russia”); a number may be written in words \
      in the body (“3” and “three”); quoted phrases must appear word for word. The title does not count \
      as the body.
      """,
    defaultSeverity: .warning, scope: .document,
    examples: [
      .triggers("---\ntitle: Ties endure\nsummary: ⟦Ambassador Alexei Dedov says the partnership with Iran has grown in 12 sectors.⟧\n---\n\nThe ambassador says the partnership with Iran has grown in several sectors."),
      .triggers("Ties endure\n\nSummary\n⟦Moscow and Tehran signed a deal worth 4 billion.⟧\n\nMoscow and Tehran signed a trade deal on Monday.", format: .plainText),
      .triggers("---\ntitle: Ties endure\nsummary: ⟦The envoy called the deal “a new chapter” for both countries.⟧\n---\n\nThe envoy praised the deal for both countries."),
      .triggers("# Ties endure\n\n## Key points\n\n⟦Kherson and Crimea remain in dispute between the two governments.⟧\n\n## Details\n\nCrimea remains in dispute between the two governments."),
      .passes("---\ntitle: Ties endure\nsummary: Iran’s position on Crimea has not derailed its three-decade partnership with Russia, Dedov says.\n---\n\nAmbassador Alexei Dedov said Iran's position on Crimea does not derail the Russian partnership, now three decades old."),
      .passes("---\ntitle: Ties endure\nsummary: The two capitals signed 3 agreements.\n---\n\nThe capitals signed three agreements on Monday."),
      .passes("---\ntitle: Ties endure\nsummary: The envoy called the deal “a new chapter” for both countries.\n---\n\n“This is a new chapter,” the envoy said of the deal."),
      .passes("---\ntitle: Ties endure\nsummary: TK\n---\n\nThe envoy praised the deal."),
      .passes("# Ties endure\n\n## Summary\n\nThe envoy's team rewrote the `Dedov` parser to handle `12` more cases.\n\n## Details\n\nThe envoy's team rewrote the parser."),
      .passes("---\ntitle: Ties endure\nsummary: Officials in both capitals expect the talks to resume in June.\n---\n\nOfficials expect the talks to resume in June."),
    ])

  public var description: RuleDescription { Self.description }

  public init() {}

  public static let factory = RuleFactory(UnsupportedSummaryRule())

  static let summaryRoles: RoleSet = [.summary, .frontMatterValue]
  static let spelled = [
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
    "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty",
  ]
  static let tens = [30: "thirty", 40: "forty", 50: "fifty", 60: "sixty", 70: "seventy", 80: "eighty", 90: "ninety", 100: "hundred"]

  public func check(_ document: Document, context: RuleContext) -> [Diagnostic] {
    guard let summary = document.article.summary, !SummaryText.isEmpty(summary), SummaryText.placeholder(summary, in: document) == nil else {
      return []
    }
    let summaryTokens = SummaryText.tokenRange(summary, in: document)
    // The summary's items: numbers, names and quoted phrases, each with the spellings that support it.
    enum Need {
      case anyOf(WordSet)
      case phrase([UInt64])
    }
    var items: [(text: String, need: Need)] = []
    func add(_ text: String, _ need: Need) { if !items.contains(where: { $0.text == text }) { items.append((text, need)) } }
    let reader = ClaimReader(document)
    let sentence = reader.sentence(summaryTokens, roles: Self.summaryRoles)
    let words = sentence.words
    var index = 0
    while index < words.count {
      let word = words[index]
      if word.isQuoted {
        // A quoted phrase: the quoted words up to the closing quote.
        var end = index
        while end + 1 < words.count, words[end + 1].isQuoted, !Self.closesQuote(before: words[end + 1], after: words[end], in: document) { end += 1 }
        add(sentence.text(index...end), .phrase(words[index...end].map(\.hash)))
        index = end + 1
        continue
      }
      if word.isNumber {
        let text = document.string(word.range)
        add(text, .anyOf(WordSet(Set(Self.numberVariants(text).map(FoldedHash.hash)))))
        index += 1
        continue
      }
      if let run = sentence.nameRun(from: index) {
        let last = document.string(words[run.upperBound - 1].range)
        add(sentence.text(run.lowerBound...(run.upperBound - 1)), .anyOf(WordSet(Set(Self.nameVariants(last).map(FoldedHash.hash)))))
        index = run.upperBound
        continue
      }
      index += 1
    }
    guard !items.isEmpty else { return [] }

    // One pass over the body (every word outside the summary and the title) marks the items it supports.
    let tokens = document.tokens
    let titleRange = document.article.title?.range
    let wanted = WordSet(items.reduce(into: Set<UInt64>()) { result, item in
      switch item.need {
      case .anyOf(let spellings): result.formUnion(spellings.hashes)
      case .phrase(let phrase): if let first = phrase.first { result.insert(first) }
      }
    })
    var supported = [Bool](repeating: false, count: items.count)
    var bodyWordCount = 0
    var bodyWords: [Int] = []  // Indices of body word tokens, gathered only when a quoted phrase needs them.
    let needsSequence = items.contains { if case .phrase = $0.need { true } else { false } }
    for (tokenIndex, token) in tokens.enumerated() where token.isWordLike && (token.role == .body || token.role == .heading) {
      if summaryTokens.contains(tokenIndex) { continue }
      if let titleRange, token.start >= titleRange.start, token.end <= titleRange.end { continue }
      bodyWordCount += 1
      if needsSequence { bodyWords.append(tokenIndex) }
      guard wanted.contains(token.foldedHash) else { continue }
      for (itemIndex, item) in items.enumerated() where !supported[itemIndex] {
        if case .anyOf(let spellings) = item.need, spellings.contains(token.foldedHash) { supported[itemIndex] = true }
      }
    }
    guard bodyWordCount > 0 else { return [] }
    if needsSequence {
      let bodyHashes = bodyWords.map { tokens[$0].foldedHash }
      for (itemIndex, item) in items.enumerated() {
        if case .phrase(let phrase) = item.need { supported[itemIndex] = Self.contains(bodyHashes, phrase) }
      }
    }
    let missing = items.indices.filter { !supported[$0] }.map { items[$0].text }
    guard !missing.isEmpty else { return [] }
    let listed = missing.prefix(5).map { "“\($0)”" }
    let list = listed.count == 1 ? listed[0] : listed.dropLast().joined(separator: ", ") + " and " + listed.last!
    let more = missing.count > 5 ? " (and \(missing.count - 5) more)" : ""
    let message = "The body never mentions \(list)\(more) from the summary; support \(missing.count == 1 ? "it" : "them") in the article or cut \(missing.count == 1 ? "it" : "them") from the summary"
    return [diagnostic(SummaryText.findingRange(summary, in: document), message)]
  }

  /// True when a closing quotation mark stands between two quoted words.
  static func closesQuote(before next: ClaimWord, after previous: ClaimWord, in document: Document) -> Bool {
    var index = previous.token + 1
    while index < next.token {
      let flags = document.tokens[index].flags
      if flags.contains(.closingQuote) || flags.contains(.openingQuote) { return true }
      index += 1
    }
    return false
  }

  /// True when `phrase` occurs as consecutive words of `words`.
  static func contains(_ words: [UInt64], _ phrase: [UInt64]) -> Bool {
    guard let first = phrase.first, phrase.count <= words.count else { return false }
    var start = 0
    while start + phrase.count <= words.count {
      if words[start] == first, words[start..<(start + phrase.count)].elementsEqual(phrase) { return true }
      start += 1
    }
    return false
  }

  /// Folded spellings of a name's last word that count as the same name: possessive, plural, the
  /// country behind a demonym (`Russian` → `Russia`, `Iranian` → `Iran`, `Israeli` → `Israel`).
  static func nameVariants(_ word: String) -> [String] {
    var base = word.lowercased().replacingApostrophes()
    if base.hasSuffix("'s") {
      base.removeLast(2)
    } else if base.hasSuffix("'") {
      base.removeLast()
    }
    var variants = [base, base + "s", base + "'s", base + "es", base + "'", base + "n", base + "an", base + "ian"]
    if base.count > 3, base.hasSuffix("s") { variants.append(String(base.dropLast())) }
    if base.count > 4, base.hasSuffix("es") { variants.append(String(base.dropLast(2))) }
    if base.count > 4, base.hasSuffix("ies") { variants.append(String(base.dropLast(3)) + "y") }
    if base.count > 5, base.hasSuffix("ian") {
      variants.append(String(base.dropLast(1)))
      variants.append(String(base.dropLast(3)))
    } else if base.count > 4, base.hasSuffix("an") {
      variants.append(String(base.dropLast(1)))
    }
    if base.count > 5, base.hasSuffix("ese") {
      variants.append(String(base.dropLast(3)))
      variants.append(String(base.dropLast(4)) + "a")
    }
    if base.count > 4, base.hasSuffix("i") { variants.append(String(base.dropLast())) }
    return variants
  }

  /// Folded spellings of a number that count as the same number: `1,200` / `1200`, `3` / `three`.
  static func numberVariants(_ text: String) -> [String] {
    let lower = text.lowercased()
    var variants = [lower]
    let digits = String(lower.filter { $0 != "," })
    variants.append(digits)
    if let value = Int(digits) {
      if value >= 1000 { variants.append(grouped(value)) }
      if value >= 0, value < spelled.count { variants.append(spelled[value]) }
      if let word = tens[value] { variants.append(word) }
    } else {
      // `1990s`, `15th`: also the bare number.
      let prefix = String(digits.prefix { $0.isNumber || $0 == "." })
      if !prefix.isEmpty { variants.append(prefix) }
    }
    return variants
  }

  static func grouped(_ value: Int) -> String {
    var digits = Array(String(value))
    var index = digits.count - 3
    while index > 0 {
      digits.insert(",", at: index)
      index -= 3
    }
    return String(digits)
  }
}

extension String {
  /// Folds the typographic apostrophe to the ASCII one, as the tokenizer's hashes do.
  func replacingApostrophes() -> String {
    String(unicodeScalars.map { $0 == "\u{2019}" ? "'" : Character($0) })
  }
}
