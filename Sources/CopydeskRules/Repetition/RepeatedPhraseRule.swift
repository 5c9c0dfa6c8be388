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
      Flags a phrase of three or more words that the draft uses three or more times, or a phrase of \
      five or more words used twice within a short window (30 words by default). Repeated stock \
      phrases make prose monotonous and suggest padding. The longest repeated phrase is reported once \
      at each repeat, pointing at its first use. Not repeats: phrases of stop words only; terms of \
      content words joined at most by articles, “and”, “or” and “of” (“social security benefits”, \
      “standard of living”), which name the subject and have to recur; proper names such as “Northern \
      Coast Railway”; and two close uses that both open a clause, which is deliberate parallelism. \
      Quoted speech, block quotes, headings, the summary and site chrome are not searched. Uses count \
      together while each follows the one before within 5,000 words (the span option), so a book-length \
      draft is judged passage by passage, not by three uses hundreds of pages apart. Options: minWords, \
      minOccurrences, window, windowMinWords and span.
      """,
    defaultSeverity: .warning,
    options: [
      RuleOptionDescription(name: "minWords", defaultValue: 3, summary: "Shortest phrase, in words, that counts as a repeat"),
      RuleOptionDescription(name: "minOccurrences", defaultValue: 3, summary: "Uses, each within the span of the one before, that make a phrase repeated"),
      RuleOptionDescription(name: "window", defaultValue: 30, summary: "Two uses this many words apart or closer are a repeat too (0 turns this off)"),
      RuleOptionDescription(name: "windowMinWords", defaultValue: 5, summary: "Shortest phrase, in words, that counts when used just twice within the window"),
      RuleOptionDescription(name: "span", defaultValue: 5000, summary: "Uses count together while each is this many words or fewer after the one before (0: the whole draft)"),
    ],
    examples: [
      .triggers("""
        At the end of the day the plan failed. Voters noticed, and ⟦at the end of the day⟧ they left. \
        Later, ⟦at the end of the day⟧, nobody cared.
        """),
      .triggers("""
        Farmers waited for the rain to come back.

        Officials, too, hoped ⟦for the rain to come back⟧ before the harvest.
        """),
      .triggers("Prices rose across a wide range of sectors. Wages fell ⟦across a wide range of sectors⟧ too."),
      .triggers("""
        More often than not the talks stall. They resume, and ⟦more often than not⟧ they stall again. \
        Critics say that ⟦more often than not⟧ nobody notices.
        """),
      .triggers("Road works\n\nCrews cleared the road up to the coast. Later, workers reopened ⟦the road up to the coast⟧.", format: .plainText),
      .passes("""
        The Northern Coast Railway opened in May. The Northern Coast Railway runs six trains. \
        Engineers say the Northern Coast Railway needs new track.
        """),
      .passes("It was one of the best. It was one of the worst. It was one of the last."),
      .passes("Social security benefits rose. Critics said social security benefits lag. Social security benefits matter."),
      .passes("It is competition that keeps it free. It is competition that keeps it growing."),
      .passes("The Department of Justice acted. Later the Department of Justice and the Department of Justice again."),
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
        Crews rebuilt the bridge over the river in spring. Much later, after the long and difficult summer had \
        passed and the harvest was brought in from every field across the valley, once the roads had \
        dried and the bridges had been checked by engineers sent from the capital, and once the schools \
        had opened again for the autumn term, farmers crossed the bridge over the river to the market.
        """),
    ])

  public var description: RuleDescription { Self.description }
  /// Measured: the costliest rule on long drafts (n-gram classes and their refinement).
  public var relativeCost: Int { 16 }
  public let minWords: Int
  public let minOccurrences: Int
  public let window: Int
  private let edgeWords: WordHashSet
  private let leadingWords: WordHashSet
  public let windowMinWords: Int
  public let span: Int
  private let glueWords: WordHashSet
  private let nameConnectors: WordHashSet
  /// Longest phrase followed word by word; longer duplicated passages are reported by their first part.
  static let maximumPhraseWords = 200

  public init(minWords: Int = 3, minOccurrences: Int = 3, window: Int = 30, windowMinWords: Int = 5, span: Int = 5000) {
    self.minWords = minWords
    self.span = span
    self.windowMinWords = windowMinWords
    self.minOccurrences = minOccurrences
    self.window = window
    // A reported phrase does not end on an article, preposition or auxiliary (`the end of the`) …
    self.edgeWords = WordHashSet([
        "the", "a", "an", "and", "or", "but", "of", "to", "in", "on", "at", "for", "with", "by", "from", "as", "that", "this",
        "these", "those", "its", "their", "his", "her", "our", "your", "my", "is", "was", "are", "were", "be", "been", "has",
        "have", "had", "which", "who", "whose", "into", "onto", "than", "so", "it", "they", "we", "he", "she",
      ])
    // Articles, determiners and `and`/`or`/`of` glue terms together without making a turn of phrase.
    self.glueWords = WordHashSet([
        "the", "a", "an", "this", "that", "these", "those", "its", "their", "his", "her", "our", "your", "my", "some", "any",
        "each", "every", "all", "no", "and", "or", "nor", "of",
      ])
    self.nameConnectors = WordHashSet(["of", "for", "and", "the", "on", "de", "la", "du", "von", "van", "al", "bin"])
    // … nor start on a conjunction.
    self.leadingWords = WordHashSet(["and", "or", "but", "so", "then", "of"])
  }

  public static let factory = RuleFactory(description) { options throws(RuleOptionError) in
    RepeatedPhraseRule(
      minWords: try options.int("minWords", default: 3, range: 2...20),
      minOccurrences: try options.int("minOccurrences", default: 3, range: 2...1000),
      window: try options.int("window", default: 30, range: 0...100_000),
      windowMinWords: try options.int("windowMinWords", default: 5, range: 2...20),
      span: try options.int("span", default: 5000, range: 0...10_000_000))
  }

  /// Maximal repeated phrases, stored flat: each entry's occurrences (word indices, ascending) are a slice of `starts`.
  struct Candidates {
    var starts: [Int32] = []
    var entries: [(offset: Int32, count: Int32, length: Int32)] = []

    mutating func append(_ occurrences: ArraySlice<Int32>, length: Int) {
      entries.append((Int32(starts.count), Int32(occurrences.count), Int32(length)))
      starts.append(contentsOf: occurrences)
    }

    func occurrences(_ index: Int) -> ArraySlice<Int32> {
      let entry = entries[index]
      return starts[Int(entry.offset)..<Int(entry.offset + entry.count)]
    }
  }

  public func check(_ document: Document, context: RuleContext) -> [Diagnostic] {
    let words = WordSequence.shared(document)
    let seed = Swift.max(2, Swift.min(minWords, 3))
    guard words.count >= seed * 2 else { return [] }
    let candidates = findCandidates(words, seed: seed)
    return report(candidates, words: words, document: document)
  }

  // MARK: Finding maximal repeats

  private func findCandidates(_ words: WordSequence, seed: Int) -> Candidates {
    let count = words.count
    // Class every seed-word window that fits inside its run. Most windows occur once; a first pass over
    // a cache-sized bitset keeps those out of the class table, which on a long draft would otherwise
    // outgrow the cache (every insert a miss) and be mapped afresh page by page.
    func key(at start: Int) -> UInt64 {
      var key: UInt64 = 0x51_7CC1_B727_220A
      for offset in 0..<seed { key = NGramHash.combine(key, words.hashes[start + offset]) }
      return key
    }
    var filter = RepeatFilter(keys: count)
    var windows = 0
    for start in 0..<count where start + seed <= Int(words.info[start].runEnd) {
      filter.insert(key(at: start))
      windows += 1
    }
    var repeating: [Int32] = []
    repeating.reserveCapacity(windows / 2)
    for start in 0..<count where start + seed <= Int(words.info[start].runEnd) && filter.mayRepeat(key(at: start)) {
      repeating.append(Int32(start))
    }
    let (classes, classCount) = HashClasses.classes(of: repeating, length: count, key: key(at:))
    let members = ClassMembers(classes: classes, classCount: classCount)
    let maximum = RepeatedPhraseRule.maximumPhraseWords
    var candidates = Candidates()
    // Refinement works in place: each stack entry is a range of `scratch` whose members share `length` words.
    var scratch: [Int32] = []
    var keyed: [(next: UInt64, start: Int32)] = []
    var stack: [(low: Int, high: Int, length: Int)] = []
    for classIndex in 0..<classCount where members.count(of: classIndex) >= 2 {
      let group = members.members(of: classIndex)
      // Skip a class whose members all follow the same word: the class one word earlier holds them.
      if sharesPreviousWord(group, words) { continue }
      scratch.removeAll(keepingCapacity: true)
      for start in group where scratch.last.map({ Int(start) >= Int($0) + seed }) ?? true { scratch.append(start) }
      guard scratch.count >= 2 else { continue }
      // Dropping overlapping members may leave only ones that follow the same word.
      if scratch.count < group.count && sharesPreviousWord(scratch, words) { continue }
      stack.append((0, scratch.count, seed))
      while let (low, high, initialLength) = stack.popLast() {
        var length = initialLength
        while true {
          // Do all members go on with the same next word?
          var ended = false
          var same = true
          let firstNext = Int(scratch[low]) + length
          if length >= maximum || firstNext >= Int(words.info[Int(scratch[low])].runEnd) { ended = true }
          var index = low + 1
          while !ended && index < high {
            let next = Int(scratch[index]) + length
            if next >= Int(words.info[Int(scratch[index])].runEnd) {
              ended = true
            } else if same && words.hashes[next] != words.hashes[firstNext] {
              same = false
            }
            index += 1
          }
          if !ended && same {
            length += 1
            continue
          }
          candidates.append(scratch[low..<high], length: length)
          guard length < maximum else { break }
          // Members whose run ends here stop; the rest split by their next word.
          var kept = low
          for index in low..<high where Int(scratch[index]) + length < Int(words.info[Int(scratch[index])].runEnd) {
            scratch[kept] = scratch[index]
            kept += 1
          }
          // Each member's next word is read once, not at every comparison: members lie all over a long
          // draft, so each read is a cache miss.
          keyed.removeAll(keepingCapacity: true)
          for index in low..<kept { keyed.append((words.hashes[Int(scratch[index]) + length], scratch[index])) }
          keyed.sort { $0.next != $1.next ? $0.next < $1.next : $0.start < $1.start }
          for (offset, entry) in keyed.enumerated() { scratch[low + offset] = entry.start }
          var groupStart = low
          while groupStart < kept {
            var groupEnd = groupStart + 1
            let next = keyed[groupStart - low].next
            while groupEnd < kept, keyed[groupEnd - low].next == next { groupEnd += 1 }
            // Drop members that overlap the previous one at the new length (`the the the …`): they
            // could never both be reported, and keeping them makes periodic text quadratic.
            var write = groupStart + 1
            for index in (groupStart + 1)..<groupEnd where Int(scratch[index]) >= Int(scratch[write - 1]) + length + 1 {
              scratch[write] = scratch[index]
              write += 1
            }
            // A group whose members all follow the same word yields only candidates that `qualify` drops (not
            // left-maximal; the class one word earlier covers them), so its refinement is skipped. Inside a
            // duplicated passage every common phrase starts such a group, and following each to the passage's
            // end would cost the passage's length squared.
            if write - groupStart >= 2 && !sharesPreviousWord(scratch[groupStart..<write], words) {
              stack.append((groupStart, write, length + 1))
            }
            groupStart = groupEnd
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
      guard index > Int(words.info[index].runStart) else { return false }
      let word = words.hashes[index - 1]
      if let previous, previous != word { return false }
      previous = word
    }
    return true
  }

  // MARK: Choosing what to report

  /// A repeat that qualifies: where each occurrence starts (word index), its length, and whether every
  /// occurrence opens a clause (parallel structure).
  private struct Phrase {
    var starts: [Int]
    var length: Int
    var units: Int
    var opensClauses: Bool
  }

  private func qualify(_ occurrences: ArraySlice<Int32>, length candidateLength: Int, _ words: WordSequence) -> Phrase? {
    // Every candidate is left-maximal: `findCandidates` keeps no group whose occurrences all follow the
    // same word (a longer candidate covers those).
    let first = Int(occurrences.first!)
    var lead = 0
    var length = candidateLength
    while lead < length, leadingWords.contains(words.hashes[first + lead]) { lead += 1 }
    while length > lead, edgeWords.contains(words.hashes[first + length - 1]) { length -= 1 }
    length -= lead
    guard length >= minWords else { return nil }
    let phraseStart = first + lead
    // Cheap bounds first (names only lower them): most candidates are `one of the` and fail here.
    var contentBound = 0
    var phraseBound = 0
    for word in phraseStart..<(phraseStart + length) {
      if !words.info[word].isStop {
        contentBound += 1
      } else if !glueWords.contains(words.hashes[word]) {
        phraseBound += 1
      }
    }
    guard phraseBound > 0, contentBound >= 2 || (length >= 4 && contentBound >= 1) else { return nil }

    // Capitalised in every occurrence, word by word, with one word of context on each side
    // (`Lands Act of 1980` starts inside the name `Alaska Lands Act`). Index 0 is the word before.
    var capitalized = [Bool](repeating: true, count: length + 2)
    for start in occurrences {
      let occurrence = Int(start) + lead
      for offset in -1...length where capitalized[offset + 1] {
        let index = occurrence + offset
        let inRun = index >= Int(words.info[occurrence].runStart) && index < Int(words.info[occurrence].runEnd)
        if !inRun || !words.info[index].isCapitalized { capitalized[offset + 1] = false }
      }
    }
    // Names: runs of capitalised words, joined by `of`, `and`, `for`… (`Department of Justice`), holding
    // at least two capitalised words.
    var nameish = capitalized
    for offset in 0..<length where !capitalized[offset + 1] && capitalized[offset] && capitalized[offset + 2] {
      if nameConnectors.contains(words.hashes[phraseStart + offset]) { nameish[offset + 1] = true }
    }
    var inName = [Bool](repeating: false, count: length + 2)
    var runStart = 0
    while runStart < nameish.count {
      guard nameish[runStart] else {
        runStart += 1
        continue
      }
      var runEnd = runStart
      var capitals = 0
      while runEnd < nameish.count, nameish[runEnd] {
        if capitalized[runEnd] { capitals += 1 }
        runEnd += 1
      }
      if capitals >= 2 { for index in runStart..<runEnd { inName[index] = true } }
      runStart = runEnd
    }

    // Units: a name counts as one; content: words that are neither stop words nor names; function words
    // other than articles, determiners and `and`/`or`/`of` make a turn of phrase (`at the end of the day`)
    // where content words alone make a term (`social security benefits`, `standard of living`) — the
    // subject of the piece, which has to repeat.
    var units = 0
    var content = 0
    var phraseWords = 0
    var offset = 0
    while offset < length {
      units += 1
      if inName[offset + 1] {
        while offset < length, inName[offset + 1] { offset += 1 }
        continue
      }
      let word = phraseStart + offset
      if !words.info[word].isStop {
        content += 1
      } else if !glueWords.contains(words.hashes[word]) {
        phraseWords += 1
      }
      offset += 1
    }
    guard units >= minWords, phraseWords > 0, content >= 2 || (units >= 4 && content >= 1) else { return nil }

    // Occurrences of one phrase may overlap (`time and time and time`): keep those that do not.
    // Parallel structure: every use opens a clause and the clauses go on differently. A clause repeated
    // whole (a pasted sentence) is not parallelism.
    var starts: [Int] = []
    var opensClauses = true
    for start in occurrences {
      let trimmed = Int(start) + lead
      if let last = starts.last, trimmed < last + length { continue }
      starts.append(trimmed)
      let runStart = Int(words.info[Int(start)].runStart)
      let runEnd = Int(words.info[Int(start)].runEnd)
      if Int(start) != runStart || Int(start) + candidateLength == runEnd { opensClauses = false }
    }
    guard starts.count >= 2 else { return nil }
    return Phrase(starts: starts, length: length, units: units, opensClauses: opensClauses)
  }

  private func report(_ candidates: Candidates, words: WordSequence, document: Document) -> [Diagnostic] {
    var phrases = candidates.entries.indices.compactMap { qualify(candidates.occurrences($0), length: Int(candidates.entries[$0].length), words) }
    // Longest first, so sub-phrases of a reported phrase find their words taken.
    phrases.sort { $0.length != $1.length ? $0.length > $1.length : $0.starts[0] < $1.starts[0] }
    var claimed = [Bool](repeating: false, count: words.count)
    var results: [Diagnostic] = []
    for phrase in phrases {
      // Two close uses need a longer phrase, and are parallel structure (`It is competition that keeps it
      // free. It is competition that keeps it growing.`) when both open a clause.
      let windowApplies = window > 0 && phrase.units >= windowMinWords && !phrase.opensClauses
      var reportedAny = false
      var groupStart = 0
      while groupStart < phrase.starts.count {
        // A group: uses each within `span` words of the one before; every draft shorter than the span is one group.
        var groupEnd = groupStart + 1
        while groupEnd < phrase.starts.count,
          span == 0
            || Int(words.info[phrase.starts[groupEnd]].ordinal - words.info[phrase.starts[groupEnd - 1]].ordinal) <= span
        {
          groupEnd += 1
        }
        let reported = report(
          phrase, uses: phrase.starts[groupStart..<groupEnd], windowApplies: windowApplies, claimed: claimed, words: words,
          document: document, into: &results)
        reportedAny = reportedAny || reported
        groupStart = groupEnd
      }
      // Only a reported phrase takes its words from shorter phrases.
      guard reportedAny else { continue }
      for start in phrase.starts {
        for index in start..<(start + phrase.length) { claimed[index] = true }
      }
    }
    return results
  }

  /// Reports the repeats among `uses` (one group of a phrase's uses, ascending) that are frequent or close;
  /// true when it reported any.
  private func report(
    _ phrase: Phrase, uses: ArraySlice<Int>, windowApplies: Bool, claimed: [Bool], words: WordSequence,
    document: Document, into results: inout [Diagnostic]
  ) -> Bool {
    let frequent = uses.count >= minOccurrences
    let first = uses.first!
    var reported: [Int] = []
    for index in uses.indices.dropFirst() {
      let start = uses[index]
      let close = windowApplies && Int(words.info[start].ordinal - words.info[uses[index - 1]].ordinal) <= window
      guard frequent || close else { continue }
      if (start..<(start + phrase.length)).contains(where: { claimed[$0] }) { continue }
      reported.append(start)
    }
    guard !reported.isEmpty else { return false }
    let firstWords = first..<(first + phrase.length)
    let firstRange = words.range(of: firstWords, in: document)
    let related = [RelatedLocation(range: firstRange, message: "First use of “\(words.phrase(firstWords, in: document))”")]
    for start in reported {
      let span = start..<(start + phrase.length)
      let text = words.phrase(span, in: document)
      let message: String
      if frequent {
        message = "“\(text)” is used \(uses.count) times; vary or cut the repeats"
      } else {
        let distance = Int(words.info[start].ordinal - words.info[first].ordinal)
        message = "“\(text)” repeats a phrase from \(distance) words earlier; vary or cut it"
      }
      results.append(diagnostic(words.range(of: span, in: document), message, related: related))
    }
    return true
  }
}
