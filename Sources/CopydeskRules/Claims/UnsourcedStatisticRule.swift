public import CopydeskCore

/// Flags a figure with no source: a percentage (`12%`, `12 percent`, `12 per cent`), money (`$3 billion`,
/// `€4m`), a count in millions or billions, `doubled`/`tripled`, or a `record high`.
///
/// Fix: none. Years, dates, times, ordinals, section numbers and plain counts are not figures. A figure is
/// supported by a citation in its sentence (a link, a footnote, a URL, `according to <Named Source>`, a
/// named source with a verb such as `said` or `estimated`, `a survey by <Organisation>`), by a footnote, a
/// URL or a `Source:` note in its paragraph, or by front-matter `sources`. Quoted speech is skipped.
public struct UnsourcedStatisticRule: Rule {
  public static let description = RuleDescription(
    id: "claims/statistic", name: "Unsourced Statistic",
    summary: "Cite the source of a percentage, sum of money or large count",
    explanation: """
      Flags figures that readers will want to check but that come with no source: percentages (“12%”, \
      “12 percent”, “12 per cent”), money (“$3 billion”, “€4m”), counts in millions or billions (“3 million \
      people”), “doubled”, “tripled”, “halved” and record highs. Years, dates, times, ordinals, section \
      numbers and plain counts are not figures. A figure passes when its sentence cites a source (a link, a \
      footnote, a URL, “according to” a named source, “the Census Bureau estimated”, “a survey by the Pew \
      Research Center”), when its paragraph carries a footnote, a URL or a “Source:” note, or when the \
      front matter lists `sources`. A link cites the words it sits on, so it supports the figures of its \
      own sentence only. Quoted speech is skipped.
      """,
    defaultSeverity: .warning,
    examples: [
      .triggers("Support for the plan climbed to ⟦76 percent⟧ this spring."),
      .triggers("The bridge will cost ⟦$347 billion⟧ over a decade."),
      .triggers("Roughly ⟦12%⟧ of households rely on the scheme."),
      .triggers("Some ⟦3.5 million⟧ people were affected."),
      .triggers("Exports rose ⟦4 per cent⟧ and the deficit reached ⟦€4m⟧."),
      .triggers("Grain exports have ⟦doubled⟧ since the deal, and prices hit a ⟦record high⟧."),
      .triggers("Port figures\n\nTraffic fell ⟦18 percent⟧ in May.", format: .plainText),
      .passes("According to the Congressional Budget Office, spending rose 5 percent last year."),
      .passes("The plan will cost $40 billion over the decade, the Congressional Budget Office estimated."),
      .passes("A survey by the Pew Research Center found that 64 percent of adults support it."),
      .passes("Data from [the Census Bureau](https://example.org/census) show that 12% of households rely on it."),
      .passes("Exports rose 4 per cent last year.[^1]\n\n[^1]: Trade ministry annual report."),
      .passes("---\ntitle: Trade\nsources:\n  - Trade ministry annual report\n---\n\nExports rose 4 per cent last year."),
      .passes("In 2019, the council met 12 times at 9:30 on the 3rd floor, under section 4.2."),
      .passes("The commission has 25 members and two deputies."),
      .passes("The script prints `12% done` while it runs."),
      .passes("```\nExports rose 4 per cent.\n```"),
      .passes("<!-- check the 12% figure -->\nExports rose."),
      .passes("The minister said: “Exports rose 40 percent.”"),
      .passes("The chart is at https://example.org/exports-up-40-percent for now."),
      .passes("He doubled back to the car."),
      .passes("Analysts at the IMF said inflation reached 12 percent in May."),
      .passes("Inflation reached 12 percent in May, according to Reuters."),
    ])

  public var description: RuleDescription { Self.description }
  /// Measured on long drafts (copydesk-bench --sections large-rules).
  public var relativeCost: Int { 3 }

  public init() {}

  public static let factory = RuleFactory(UnsourcedStatisticRule())

  static let roles: RoleSet = [.body]

  static let percentWords = WordSet(["percent", "pct"])
  static let per = FoldedHash.fold("per")
  static let cent = FoldedHash.fold("cent")
  static let percentage = FoldedHash.fold("percentage")
  static let points = WordSet(["points", "point"])
  static let scaleWords = WordSet(["million", "billion", "trillion", "bn", "mn", "tn"])
  static let largeScaleWords = WordSet(["million", "billion", "trillion"])
  static let currencyWords = WordSet([
    "dollars", "euros", "pounds", "yen", "yuan", "rubles", "roubles", "rials", "rupees", "francs",
  ])
  static let spelledNumbers = WordSet([
    "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "fifteen", "twenty",
    "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred", "several",
  ])
  static let multiplied = WordSet(["doubled", "tripled", "trebled", "quadrupled", "halved"])
  /// `doubled back`, `doubled over`: movement, not a figure.
  static let multipliedNotFigures = WordSet(["back", "over", "up", "down", "as", "in", "on"])
  static let record = FoldedHash.fold("record")
  static let allTime = FoldedHash.fold("all-time")
  static let recordNouns = WordSet([
    "high", "highs", "low", "lows", "level", "levels", "number", "numbers", "amount", "amounts", "profit", "profits",
    "revenue", "revenues", "sales", "growth", "turnout", "temperatures", "output", "production", "exports", "imports",
    "deficit", "deficits", "surplus", "prices", "losses", "unemployment", "inflation", "sum",
  ])
  static let allTimeNouns = WordSet(["high", "highs", "low", "lows"])
  /// Words that can start a figure without a digit: `two million`, `doubled`, `record high`.
  static let triggerWords = WordSet(spelledNumbers.hashes.union(multiplied.hashes).union([record, allTime]))

  public func check(_ document: Document, context: RuleContext) -> [Diagnostic] {
    if !document.article.sources.isEmpty { return [] }
    let reader = ClaimReader(document)
    var paragraphSourced: [Int: Bool] = [:]
    var results: [Diagnostic] = []
    let units = reader.units(roles: Self.roles) { token in
      switch token.kind {
      case .number: true
      case .punctuation: Self.isCurrency(token, document: document)
      case .word: Self.triggerWords.contains(token.foldedHash)
      default: false
      }
    }
    for unit in units {
      let figures = Self.figures(in: unit, document: document)
      guard !figures.isEmpty else { continue }
      let sentence = reader.sentence(unit, roles: Self.roles)
      if Self.sentenceCitesSource(sentence) { continue }
      let block = document.tokens[unit.lowerBound].blockIndex
      let sourced = paragraphSourced[Int(block)] ?? Self.paragraphCitesSource(Int(block), document: document)
      paragraphSourced[Int(block)] = sourced
      if sourced { continue }
      for figure in figures {
        let text = document.string(figure)
        results.append(diagnostic(figure, "“\(text)” has no source; cite where the figure comes from (a link, a footnote or “according to …”)"))
      }
    }
    return results
  }

  /// The figures among the tokens of `unit`: their text ranges, from the number or currency sign to its unit.
  static func figures(in unit: Range<Int>, document: Document) -> [TextRange] {
    let tokens = document.tokens
    var results: [TextRange] = []
    /// The next token after `index` past at most one space or line break, if it is in the unit.
    func following(_ index: Int) -> Int? {
      var next = index + 1
      if next < unit.upperBound, tokens[next].kind == .space || tokens[next].kind == .lineBreak { next += 1 }
      return next < unit.upperBound ? next : nil
    }
    let quotesAreSpeech = ClaimReader.hasQuotationMark(unit, in: document)
    func isProse(_ token: Token) -> Bool { roles.contains(token.role) && !(token.isQuoted && quotesAreSpeech) }
    func isWord(_ index: Int?, in set: WordSet) -> Bool {
      guard let index else { return false }
      return tokens[index].kind == .word && isProse(tokens[index]) && set.contains(tokens[index].foldedHash)
    }
    /// Extends a number at `index` over its unit (`percent`, `per cent`, `%`, `billion dollars`); nil if it has none.
    func unitEnd(after index: Int) -> Int? {
      guard let next = following(index) else { return nil }
      let token = tokens[next]
      if token.kind == .punctuation, document.token(token, is: "%") { return next }
      if isWord(next, in: percentWords) { return next }
      if token.foldedHash == per, let cent = following(next), tokens[cent].foldedHash == Self.cent { return cent }
      if token.foldedHash == percentage, let point = following(next), isWord(point, in: points) { return point }
      if isWord(next, in: scaleWords) {
        if isWord(following(next), in: currencyWords) { return following(next) }
        return next
      }
      return nil
    }

    var index = unit.lowerBound
    while index < unit.upperBound {
      let token = tokens[index]
      guard isProse(token) else {
        index += 1
        continue
      }
      switch token.kind {
      case .punctuation where isCurrency(token, document: document):
        // `$3 billion`, `€4m`, `£120`: the sign directly before a number.
        let number = index + 1
        guard number < unit.upperBound, tokens[number].kind == .number, tokens[number].start == token.end else { break }
        var end = number
        if let scale = following(number), isWord(scale, in: largeScaleWords) {
          end = scale
          if isWord(following(scale), in: currencyWords) { end = following(scale)! }
        }
        results.append(TextRange(start: token.start, end: tokens[end].end))
        index = end + 1
        continue
      case .number:
        if let end = unitEnd(after: index) {
          results.append(TextRange(start: token.start, end: tokens[end].end))
          index = end + 1
          continue
        }
        if hasScaleSuffix(token, document: document) {
          results.append(token.range)
        }
      case .word:
        if spelledNumbers.contains(token.foldedHash), let scale = following(index), isWord(scale, in: largeScaleWords) {
          results.append(TextRange(start: token.start, end: tokens[scale].end))
          index = scale + 1
          continue
        }
        if multiplied.contains(token.foldedHash), !isWord(following(index), in: multipliedNotFigures) {
          results.append(token.range)
        }
        if token.foldedHash == record || token.foldedHash == allTime,
          let noun = following(index), isWord(noun, in: token.foldedHash == record ? recordNouns : allTimeNouns)
        {
          results.append(TextRange(start: token.start, end: tokens[noun].end))
          index = noun + 1
          continue
        }
      default:
        break
      }
      index += 1
    }
    return results
  }

  static func isCurrency(_ token: Token, document: Document) -> Bool {
    document.token(token, is: "$") || document.token(token, is: "€") || document.token(token, is: "£")
      || document.token(token, is: "¥") || document.token(token, is: "₹") || document.token(token, is: "₽")
  }

  /// `4bn`, `3.2tn`: a number written with its scale.
  static func hasScaleSuffix(_ token: Token, document: Document) -> Bool {
    let text = document.string(token).lowercased()
    return text.hasSuffix("bn") || text.hasSuffix("tn")
  }

  /// A citation or named source for a figure in its own sentence.
  static func sentenceCitesSource(_ sentence: ClaimSentence) -> Bool {
    let lexicon = sentence.lexicon
    if sentence.hasCitation || sentence.hasAccordingToSource() { return true }
    if sentence.hasNamedSpeaker(excluding: 0..<0, verbs: figureVerbs, allowingEarlierSpeaker: true) { return true }
    let words = sentence.words
    for index in words.indices where !words[index].isQuoted {
      // `a survey by the Pew Research Center`, `data from the Census Bureau`.
      if words[index].hash == lexicon.by || words[index].hash == lexicon.from {
        var next = index + 1
        if next < words.count, words[next].isJoined, words[next].hash == lexicon.the { next += 1 }
        guard next < words.count, words[next].isJoined, let run = sentence.nameRun(from: next), !sentence.isModifier(run) else { continue }
        let introduced = (max(0, index - 3)..<index).contains { lexicon.sourceNouns.contains(words[$0].hash) }
        if introduced || sentence.isOrganisation(run) { return true }
      }
      // `a Gallup poll`, `Census Bureau data`.
      if lexicon.sourceNouns.contains(words[index].hash), index > 0, words[index].isJoined, sentence.isNameWord(index - 1),
        let run = sentence.nameRun(endingAt: index - 1), !sentence.isModifier(run)
      {
        return true
      }
      // `the IMF's latest figures`.
      if words[index].isPossessive, sentence.isNameWord(index) {
        let after = (index + 1)..<min(words.count, index + 4)
        if after.contains(where: { words[$0].isJoined && lexicon.sourceNouns.contains(words[$0].hash) }) { return true }
      }
    }
    return false
  }

  /// Verbs by which a named source puts a figure on record: `said`, `estimated`, `found`.
  static let figureVerbs = WordSet(ClaimLexicon.shared.reportingVerbs.hashes.union(ClaimLexicon.hashes(BuiltInRuleData.list("claims-finding-verbs"))))
  static let sourceLabels = WordSet(["source", "sources"])

  /// A footnote, a URL or a `Source:` note anywhere in the paragraph.
  static func paragraphCitesSource(_ blockIndex: Int, document: Document) -> Bool {
    let tokens = document.tokens
    let range = document.blocks[blockIndex].tokenRange
    var previousWord: Token? = nil
    for index in range {
      let token = tokens[index]
      if token.flags.contains(.footnoteReference) || token.role == .url { return true }
      if token.kind == .punctuation, let word = previousWord, word.flags.contains(.sentenceStart),
        sourceLabels.contains(word.foldedHash), document.token(token, is: ":")
      {
        return true
      }
      if token.kind != .space { previousWord = token.kind == .word ? token : nil }
    }
    return false
  }
}
