public import CopydeskCore

/// Flags a phrase repeated with one word changed: `position on Crimea and the newer Russian regions`
/// … `position on Crimea and the latest Russian regions`.
///
/// The shared words on each side of the changed word must hold at least `contextWords` words that are
/// not stop words (two by default), so `of the X of the` never counts. Numbers, proper names and stop
/// words as the changed word are not flagged (`rose 3 percent` / `rose 5 percent` are facts, not wording). The later
/// phrase is reported, with the first as related information. Linear time: each word's context is
/// hashed once into a table.
public struct NearRepeatedPhraseRule: Rule {
  public static let description = RuleDescription(
    id: "repetition/near-phrase", name: "Near-Repeated Phrase",
    summary: "Vary a phrase repeated with only one word changed",
    explanation: """
      Flags a phrase that comes back with a single word swapped, such as “position on Crimea and the \
      newer Russian regions” and later “position on Crimea and the latest Russian regions”. Such near \
      repeats read as copy-and-paste and often hide an unintended change of meaning. On each side of the \
      changed word the two phrases must share at least two words that are not stop words. Changed \
      numbers, names and function words are not flagged, nor is quoted speech. The later phrase is reported and points \
      at the first. Option: contextWords.
      """,
    defaultSeverity: .info,
    options: [
      RuleOptionDescription(name: "contextWords", defaultValue: 2, summary: "Non-stop words the phrases must share on each side of the changed word")
    ],
    examples: [
      .triggers("""
        Moscow restated its position on Crimea and the newer Russian regions. Tehran, for its part, \
        questioned the ⟦position on Crimea and the latest Russian regions⟧ at the summit.
        """),
      .triggers("""
        The city council approved the revised harbour budget on Monday. A week later \
        ⟦the city council rejected the revised harbour budget on Monday⟧ evening.
        """),
      .triggers("""
        Fishing crews

        The report urged faster grain deliveries to northern ports. A second \
        ⟦report urged slower grain deliveries to northern ports⟧.
        """, format: .plainText),
      .passes("""
        Spending on the program rose 3 percent last year. Spending on the program rose 5 percent last year.
        """),
      .passes("""
        He praised “the newer Russian regions and their leaders” and “the latest Russian regions and their leaders”.
        """),
      .passes("The Northern Coast Railway grew. The Southern Coast Railway grew."),
      .passes("""
        Use `cheaper diesel fuel for spring planting` or `costly diesel fuel for spring planting` as test input.
        """),
      .passes("""
        Farmers want cheaper diesel fuel for spring planting.

        ```
        costly diesel fuel for spring planting
        ```

        See https://example.com/costly-diesel-fuel-for-spring-planting and <!-- costly diesel fuel for spring planting -->.
        """),
      .passes("The sale of the house and the sale of the car."),
    ])

  public var description: RuleDescription { Self.description }
  /// Its own work is about the weasel rule's; its costly input, the word sequence, is built by
  /// repetition/phrase (started first). Ranked below the claims rules, so a second thread checks those
  /// while the sequence is built instead of waiting for it.
  public var relativeCost: Int { 3 }
  public let contextWords: Int
  /// Context scans stop this many words from the changed word.
  static let maximumContext = 10

  public init(contextWords: Int = 2) {
    self.contextWords = contextWords
  }

  public static let factory = RuleFactory(description) { options throws(RuleOptionError) in
    NearRepeatedPhraseRule(contextWords: try options.int("contextWords", default: 2, range: 1...6))
  }

  public func check(_ document: Document, context: RuleContext) -> [Diagnostic] {
    let words = WordSequence.shared(document)
    let count = words.count
    guard count >= 5 else { return [] }
    // Key each word by its shortest left and right contexts holding `contextWords` content words.
    var keys = [UInt64](repeating: 0, count: count)
    var filter = RepeatFilter(keys: count)
    var spans = [(left: Int32, right: Int32)](repeating: (0, 0), count: count)
    for index in 0..<count {
      // The changed word carries meaning: not a number, a name or a function word (`sale and rental` /
      // `sale or rental` is grammar, not wording).
      guard !words.info[index].isNumber, !words.info[index].isStop, !isInName(index, words) else { continue }
      guard let left = contextLength(from: index, step: -1, words), let right = contextLength(from: index, step: 1, words) else { continue }
      var key: UInt64 = 0x2545_F491_4F6C_DD1D ^ UInt64(left) << 8 ^ UInt64(right)
      for offset in 1...left { key = NGramHash.combine(key, words.hashes[index - offset]) }
      key = NGramHash.combine(key, 0xA5A5)
      for offset in 1...right { key = NGramHash.combine(key, words.hashes[index + offset]) }
      keys[index] = key
      spans[index] = (Int32(left), Int32(right))
      filter.insert(key)
    }
    // Only contexts that occur twice can pair two words; the rest stay out of the class table.
    let repeating = (0..<count).filter { spans[$0].left > 0 && filter.mayRepeat(keys[$0]) }.map { Int32($0) }
    let (classes, classCount) = HashClasses.classes(of: repeating, length: count) { keys[$0] }
    let members = ClassMembers(classes: classes, classCount: classCount)
    var findings: [(later: Range<Int>, first: Range<Int>)] = []
    for classIndex in 0..<classCount where members.count(of: classIndex) >= 2 {
      let group = members.members(of: classIndex)
      let first = Int(group.first!)
      for member in group.dropFirst() {
        let later = Int(member)
        // Same changed word: an exact repeat, which `repetition/phrase` judges.
        guard words.hashes[later] != words.hashes[first] else { continue }
        let left = Int(spans[first].left)
        let right = Int(spans[first].right)
        guard later - left > first + right else { continue }  // The two phrases must not overlap.
        // Widen both phrases over every further word they share.
        var start = left
        while first - start - 1 >= Int(words.info[first].runStart), later - start - 1 > first + right,
          words.hashes[first - start - 1] == words.hashes[later - start - 1]
        {
          start += 1
        }
        var end = right
        while first + end + 1 < Int(words.info[first].runEnd), later + end + 1 < Int(words.info[later].runEnd), first + end + 1 < later - start,
          words.hashes[first + end + 1] == words.hashes[later + end + 1]
        {
          end += 1
        }
        findings.append(((later - start)..<(later + end + 1), (first - start)..<(first + end + 1)))
      }
    }
    findings.sort { $0.later.lowerBound < $1.later.lowerBound }
    var results: [Diagnostic] = []
    var reportedUpTo = -1
    for finding in findings where finding.later.lowerBound > reportedUpTo {
      reportedUpTo = finding.later.upperBound - 1
      let firstText = words.phrase(finding.first, in: document)
      let related = [RelatedLocation(range: words.range(of: finding.first, in: document), message: "Earlier: “\(firstText)”")]
      let message = "“\(words.phrase(finding.later, in: document))” nearly repeats “\(firstText)”; vary the wording or merge the two"
      results.append(diagnostic(words.range(of: finding.later, in: document), message, related: related))
    }
    return results
  }

  /// How many words on one side (`step` -1 or 1) it takes to hold `contextWords` content words; nil when the run ends first.
  private func contextLength(from index: Int, step: Int, _ words: WordSequence) -> Int? {
    var content = 0
    var length = 0
    var cursor = index + step
    let lower = Int(words.info[index].runStart)
    let upper = Int(words.info[index].runEnd)
    while cursor >= lower, cursor < upper, length < NearRepeatedPhraseRule.maximumContext {
      length += 1
      if !words.info[cursor].isStop { content += 1 }
      if content == contextWords { return length }
      cursor += step
    }
    return nil
  }

  /// A capitalised word next to another capitalised word: part of a proper name.
  private func isInName(_ index: Int, _ words: WordSequence) -> Bool {
    guard words.info[index].isCapitalized else { return false }
    if index > Int(words.info[index].runStart), words.info[index - 1].isCapitalized { return true }
    if index + 1 < Int(words.info[index].runEnd), words.info[index + 1].isCapitalized { return true }
    return false
  }
}
