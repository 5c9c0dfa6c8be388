public import CopydeskCore

/// Flags a phrase of three or more words used three or more times, or twice close together.
///
/// Reports the longest repeated phrase once per repeat (not every overlapping sub-phrase), each repeat
/// after the first pointing at the first as related information. Phrases of stop words only, and
/// multi-word proper names (`Northern Coast Railway`), are not repeats; quoted speech, block quotes,
/// headings, the summary and site chrome are not searched.
///
/// Cost: one pass to hash every three-word window into classes (an open-addressing table), then each
/// class with two or more members is refined word by word, like a suffix tree grown only where text
/// repeats. Classes whose members all share the previous word are skipped (the class one word earlier
/// covers them), so typical prose costs O(n) and the refinement's sorting O(n log n).
public struct RepeatedPhraseRule: Rule {
  public static let description = RuleDescription(
    id: "repetition/phrase", name: "Repeated Phrase",
    summary: "Vary a phrase that the draft keeps repeating",
    explanation: """
      Flags a phrase of three or more words that the draft uses three or more times, or twice within a \
      short window (50 words by default). Repeated stock phrases make prose monotonous and suggest \
      padding. The longest repeated phrase is reported once at each repeat, pointing at its first use; \
      phrases made only of stop words, and proper names such as “Northern Coast Railway”, are not \
      repeats. Quoted speech, block quotes, headings, the summary and site chrome are not searched. \
      Options: minWords, minOccurrences and window.
      """,
    defaultSeverity: .warning,
    options: [
      RuleOptionDescription(name: "minWords", defaultValue: 3, summary: "Shortest phrase, in words, that counts as a repeat"),
      RuleOptionDescription(name: "minOccurrences", defaultValue: 3, summary: "Uses anywhere in the draft that make a phrase repeated"),
      RuleOptionDescription(name: "window", defaultValue: 50, summary: "Two uses this many words apart or closer are a repeat too (0 turns this off)"),
    ],
    examples: [
      .triggers("""
        At the end of the day the plan failed. Voters noticed, and ⟦at the end of the day⟧ they left. \
        Later, ⟦at the end of the day⟧, nobody cared.
        """),
      .triggers("""
        The ministry released the new grain export figures on Monday.

        Traders said the figures were late, and some doubted ⟦the new grain export figures⟧.
        """),
      .triggers("Prices rose across a wide range of sectors. Wages fell ⟦across a wide range of sectors⟧ too."),
      .triggers("""
        More often than not the talks stall. They resume, and ⟦more often than not⟧ they stall again. \
        Critics say that ⟦more often than not⟧ nobody notices.
        """),
      .triggers("Road works\n\nCrews cleared the main coastal road. Later, workers reopened ⟦the main coastal road⟧.", format: .plainText),
      .passes("""
        The Northern Coast Railway opened in May. The Northern Coast Railway runs six trains. \
        Engineers say the Northern Coast Railway needs new track.
        """),
      .passes("It was one of the best. It was one of the worst. It was one of the last."),
      .passes("""
        He called it “a step in the right direction” and later “a step in the right direction” again, \
        insisting it was “a step in the right direction” for all.
        """),
      .passes("Run `at the end of the day` twice: `at the end of the day`. At the end of the day, it works."),
      .passes("""
        At the end of the day the vote passed.

        ```
        at the end of the day
        at the end of the day
        ```

        See https://example.com/at-the-end-of-the-day and <!-- at the end of the day --> the notes.
        """),
      .passes("""
        The river flooded the lower town in spring. Much later, after the long and difficult summer had \
        passed and the harvest was brought in from every field across the valley, once the roads had \
        dried and the bridges had been checked by engineers sent from the capital, and once the schools \
        had opened again for the autumn term, farmers returned to the lower town to rebuild the mill.
        """),
    ])

  public var description: RuleDescription { Self.description }
  public let minWords: Int
  public let minOccurrences: Int
  public let window: Int
  private let stopWords: Set<UInt64>
  private let edgeWords: Set<UInt64>
  private let leadingWords: Set<UInt64>
  /// Longest phrase followed word by word; longer duplicated passages are reported by their first part.
  static let maximumPhraseWords = 200

  public init(minWords: Int = 3, minOccurrences: Int = 3, window: Int = 50) {
    self.minWords = minWords
    self.minOccurrences = minOccurrences
    self.window = window
    self.stopWords = Set(BuiltInRuleData.list("stop-words").map { FoldedHash.fold($0) })
    // A reported phrase does not end on an article, preposition or auxiliary (`the end of the`) …
    self.edgeWords = Set(
      [
        "the", "a", "an", "and", "or", "but", "of", "to", "in", "on", "at", "for", "with", "by", "from", "as", "that", "this",
        "these", "those", "its", "their", "his", "her", "our", "your", "my", "is", "was", "are", "were", "be", "been", "has",
        "have", "had", "which", "who", "whose", "into", "onto", "than", "so", "it", "they", "we", "he", "she",
      ].map { FoldedHash.fold($0) })
    // … nor start on a conjunction.
    self.leadingWords = Set(["and", "or", "but", "so", "then"].map { FoldedHash.fold($0) })
  }

  public static let factory = RuleFactory(description) { options throws(RuleOptionError) in
    RepeatedPhraseRule(
      minWords: try options.int("minWords", default: 3, range: 2...20),
      minOccurrences: try options.int("minOccurrences", default: 3, range: 2...1000),
      window: try options.int("window", default: 50, range: 0...100_000))
  }

  /// A maximal repeated phrase: where it occurs (word indices, ascending) and how long it is.
  struct Candidate {
    var starts: [Int32]
    var length: Int
  }

  public func check(_ document: Document, context: RuleContext) -> [Diagnostic] {
    let words = WordSequence(document, stopWords: stopWords)
    let seed = Swift.max(2, Swift.min(minWords, 3))
    guard words.count >= seed * 2 else { return [] }
    let candidates = findCandidates(words, seed: seed)
    return report(candidates, words: words, document: document)
  }

  // MARK: Finding maximal repeats

  private func findCandidates(_ words: WordSequence, seed: Int) -> [Candidate] {
    let count = words.count
    // Class every seed-word window that fits inside its run.
    var table = HashClasses(capacity: count)
    var classes = [Int32](repeating: -1, count: count)
    for start in 0..<count where start + seed <= Int(words.runEnd[start]) {
      var key: UInt64 = 0x51_7CC1_B727_220A
      for offset in 0..<seed { key = NGramHash.combine(key, words.hashes[start + offset]) }
      classes[start] = table.classOf(key)
    }
    let members = ClassMembers(classes: classes, classCount: table.classCount)
    var candidates: [Candidate] = []
    var stack: [(starts: [Int32], length: Int)] = []
    for classIndex in 0..<table.classCount where members.count(of: classIndex) >= 2 {
      let group = members.members(of: classIndex)
      // Skip a class whose members all follow the same word: the class one word earlier holds them.
      if sharesPreviousWord(group, words) { continue }
      stack.append((Array(group), seed))
      while let (starts, initialLength) = stack.popLast() {
        var length = initialLength
        var current = starts
        while true {
          // Split by the next word; members whose run ends here stop.
          var continuing: [(next: UInt64, start: Int32)] = []
          continuing.reserveCapacity(current.count)
          var ended = false
          for start in current {
            let next = Int(start) + length
            if next < Int(words.runEnd[Int(start)]) && length < RepeatedPhraseRule.maximumPhraseWords {
              continuing.append((words.hashes[next], start))
            } else {
              ended = true
            }
          }
          let first = continuing.first?.next
          if !ended, let first, continuing.allSatisfy({ $0.next == first }) {
            length += 1
            continue
          }
          candidates.append(Candidate(starts: current, length: length))
          continuing.sort { $0.next != $1.next ? $0.next < $1.next : $0.start < $1.start }
          var index = 0
          while index < continuing.count {
            var end = index + 1
            while end < continuing.count, continuing[end].next == continuing[index].next { end += 1 }
            if end - index >= 2 { stack.append((continuing[index..<end].map(\.start), length + 1)) }
            index = end
          }
          break
        }
      }
    }
    return candidates
  }

  private func sharesPreviousWord(_ starts: some Collection<Int32>, _ words: WordSequence) -> Bool {
    var previous: UInt64? = nil
    for start in starts {
      let index = Int(start)
      guard index > Int(words.runStart[index]) else { return false }
      let word = words.hashes[index - 1]
      if let previous, previous != word { return false }
      previous = word
    }
    return true
  }

  // MARK: Choosing what to report

  /// A repeat that qualifies: trimmed phrase bounds relative to each start.
  private struct Phrase {
    var starts: [Int]
    var length: Int
  }

  private func qualify(_ candidate: Candidate, _ words: WordSequence) -> Phrase? {
    // Left-maximal only: if every occurrence follows the same word, a longer candidate covers it.
    if sharesPreviousWord(candidate.starts, words) { return nil }
    let first = Int(candidate.starts[0])
    var lead = 0
    var length = candidate.length
    while lead < length, leadingWords.contains(words.hashes[first + lead]) { lead += 1 }
    while length > lead, edgeWords.contains(words.hashes[first + length - 1]) { length -= 1 }
    length -= lead
    guard length >= minWords else { return nil }
    // Capitalised in every occurrence, word by word.
    var capitalized = [Bool](repeating: true, count: length)
    for start in candidate.starts {
      for offset in 0..<length where capitalized[offset] && !words.isCapitalized[Int(start) + lead + offset] { capitalized[offset] = false }
    }
    // Units: a run of two or more capitalised words is one name; content: words that are neither stop words nor names.
    var units = 0
    var content = 0
    var offset = 0
    while offset < length {
      if capitalized[offset], offset + 1 < length, capitalized[offset + 1] {
        while offset < length, capitalized[offset] { offset += 1 }
        units += 1
        continue
      }
      units += 1
      if !words.isStop[first + lead + offset] { content += 1 }
      offset += 1
    }
    guard units >= minWords, content >= 2 || (units >= 4 && content >= 1) else { return nil }
    // Occurrences of one phrase may overlap (`time and time and time`): keep those that do not.
    var starts: [Int] = []
    for start in candidate.starts {
      let trimmed = Int(start) + lead
      if let last = starts.last, trimmed < last + length { continue }
      starts.append(trimmed)
    }
    guard starts.count >= 2 else { return nil }
    return Phrase(starts: starts, length: length)
  }

  private func report(_ candidates: [Candidate], words: WordSequence, document: Document) -> [Diagnostic] {
    var phrases = candidates.compactMap { qualify($0, words) }
    // Longest first, so sub-phrases of a reported phrase find their words taken.
    phrases.sort { $0.length != $1.length ? $0.length > $1.length : $0.starts[0] < $1.starts[0] }
    var claimed = [Bool](repeating: false, count: words.count)
    var results: [Diagnostic] = []
    for phrase in phrases {
      let frequent = phrase.starts.count >= minOccurrences
      var reported: [Int] = []
      for (index, start) in phrase.starts.enumerated().dropFirst() {
        let close = window > 0 && Int(words.ordinal[start] - words.ordinal[phrase.starts[index - 1]]) <= window
        guard frequent || close else { continue }
        if (start..<(start + phrase.length)).contains(where: { claimed[$0] }) { continue }
        reported.append(start)
      }
      guard !reported.isEmpty else { continue }
      let firstWords = phrase.starts[0]..<(phrase.starts[0] + phrase.length)
      let firstRange = words.range(of: firstWords, in: document)
      let related = [RelatedLocation(range: firstRange, message: "First use of “\(words.phrase(firstWords, in: document))”")]
      for start in reported {
        let span = start..<(start + phrase.length)
        let text = words.phrase(span, in: document)
        let message: String
        if frequent {
          message = "“\(text)” is used \(phrase.starts.count) times; vary or cut the repeats"
        } else {
          let distance = Int(words.ordinal[start] - words.ordinal[phrase.starts[0]])
          message = "“\(text)” repeats a phrase from \(distance) words earlier; vary or cut it"
        }
        results.append(diagnostic(words.range(of: span, in: document), message, related: related))
      }
      for start in phrase.starts {
        for index in start..<(start + phrase.length) { claimed[index] = true }
      }
    }
    return results
  }
}
