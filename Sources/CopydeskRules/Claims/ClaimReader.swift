import CopydeskCore

/// One word of a sentence, as the claims rules read it.
struct ClaimWord {
  /// Index in `Document.tokens`.
  var token: Int
  var hash: UInt64
  var range: TextRange
  var isCapitalized: Bool
  var isAllCaps: Bool
  var isSentenceStart: Bool
  var isQuoted: Bool
  var isNumber: Bool
  var isLinkText: Bool
  /// Only spaces, line breaks or emphasis markers separate it from the previous word.
  var isJoined: Bool
  var endsInLy: Bool
  /// Ends in `'s` or `’s`.
  var isPossessive: Bool
}

/// Reads a document for the claims rules: its prose units, and which words it writes in lower case.
///
/// One reader serves one `check` call; it is not shared between threads.
final class ClaimReader {
  let document: Document
  let lexicon: ClaimLexicon
  private var lowercaseWords: WordHashSet? = nil

  init(_ document: Document, lexicon: ClaimLexicon = .shared) {
    self.document = document
    self.lexicon = lexicon
  }

  /// True when the draft writes this word in lower case somewhere, so its capitalised use at the
  /// start of a sentence is an ordinary word, not a name. Built on first use (most drafts never ask), once
  /// per document for all the rules that read it.
  func appearsInLowerCase(_ hash: UInt64) -> Bool {
    if lowercaseWords == nil {
      lowercaseWords = document.memo.value(for: LowercaseWords.self) { LowercaseWords(document) }.words
    }
    return lowercaseWords!.contains(hash)
  }

  /// Token ranges of the prose units that hold a trigger word: the sentences of the body, headings and
  /// summary, and each front-matter prose value (title, summary) when `roles` holds `.frontMatterValue`.
  /// One pass over the tokens finds the triggers; only their units are read further.
  func units(roles: RoleSet, triggers: WordSet) -> [Range<Int>] {
    let tokens = document.tokens
    var result = frontMatterUnits(roles: roles, holding: { $0.isWordLike && triggers.contains($0.foldedHash) })
    // The packed word hashes go past the filter first; only the few that pass load their token.
    let words = document.wordTokens
    var position = words.firstPosition(atOrAfterToken: frontMatterEnd)
    while true {
      position = triggers.filter.firstPossibleMember(in: words.hashes, from: position, to: words.count)
      guard position < words.count else { break }
      let index = Int(words.indices[position])
      let token = tokens[index]
      if roles.contains(token.role), triggers.contains(token.foldedHash), let sentence = document.sentenceIndex(containingToken: index) {
        let unit = document.sentences[sentence].tokenRange
        result.append(unit)
        position = words.firstPosition(atOrAfterToken: unit.upperBound)
        continue
      }
      position += 1
    }
    return result
  }

  /// Units holding a token for which `isTrigger` is true (see `units(roles:triggers:)`).
  func units(roles: RoleSet, where isTrigger: (Token) -> Bool) -> [Range<Int>] {
    let tokens = document.tokens
    var result = frontMatterUnits(roles: roles, holding: isTrigger)
    var lastSentence = -1
    var index = frontMatterEnd
    while index < tokens.count {
      let token = tokens[index]
      if roles.contains(token.role), isTrigger(token), let sentence = document.sentenceIndex(containingToken: index), sentence != lastSentence {
        lastSentence = sentence
        result.append(document.sentences[sentence].tokenRange)
        index = document.sentences[sentence].tokenRange.upperBound
        continue
      }
      index += 1
    }
    return result
  }

  /// Units holding a match of `matcher`, found in one pass over the whole document.
  func units(roles: RoleSet, matching matcher: PhraseMatcher) -> [Range<Int>] {
    var result: [Range<Int>] = []
    let matches = matcher.matches(in: document, tokenRange: 0..<document.tokens.count) { roles.contains($0.role) }
    let frontMatter = frontMatterUnits(roles: roles)
    for match in matches {
      let unit: Range<Int>?
      if match.firstToken < frontMatterEnd {
        unit = frontMatter.first { $0.contains(match.firstToken) }
      } else {
        unit = document.sentenceIndex(containingToken: match.firstToken).map { document.sentences[$0].tokenRange }
      }
      if let unit, result.last != unit { result.append(unit) }
    }
    return result
  }

  /// The units of either list, in document order, each once.
  static func merged(_ first: [Range<Int>], _ second: [Range<Int>]) -> [Range<Int>] {
    var all = first + second
    all.sort { $0.lowerBound < $1.lowerBound }
    var result: [Range<Int>] = []
    for unit in all where result.last != unit { result.append(unit) }
    return result
  }

  /// Where the front matter's tokens end (0 without front matter).
  var frontMatterEnd: Int {
    guard let block = document.blocks.first, block.kind == .frontMatter else { return 0 }
    return block.tokenRange.upperBound
  }

  /// The front-matter units holding a token for which `isTrigger` is true.
  private func frontMatterUnits(roles: RoleSet, holding isTrigger: (Token) -> Bool) -> [Range<Int>] {
    frontMatterUnits(roles: roles).filter { unit in unit.contains { isTrigger(document.tokens[$0]) } }
  }

  /// Each front-matter prose value (title, summary) as a unit, when `roles` holds `.frontMatterValue`.
  func frontMatterUnits(roles: RoleSet) -> [Range<Int>] {
    guard roles.contains(.frontMatterValue), let block = document.blocks.first, block.kind == .frontMatter else { return [] }
    var result: [Range<Int>] = []
    var start: Int? = nil
    for index in block.tokenRange {
      if document.tokens[index].role == .frontMatterValue {
        if start == nil { start = index }
      } else if let first = start {
        result.append(first..<index)
        start = nil
      }
    }
    if let first = start { result.append(first..<block.tokenRange.upperBound) }
    return result
  }

  /// The claims view of the tokens in `tokenRange`, keeping words whose role is in `roles`.
  func sentence(_ tokenRange: Range<Int>, roles: RoleSet) -> ClaimSentence {
    var words: [ClaimWord] = []
    var hasCitation = false
    var joined = false
    let tokens = document.tokens
    let bytes = document.text.bytes
    // Quoted speech is marked by quotation marks in its own sentence. A sentence with none whose words
    // are flagged as quoted sits inside a quotation left open (a missing or unrecognised closing mark
    // earlier in the paragraph), or deep inside a long quotation: read it as the writer's own words.
    let hasQuotationMark = ClaimReader.hasQuotationMark(tokenRange, in: document)
    for index in tokenRange {
      let token = tokens[index]
      // A link (its text and target carry `.linkText`; an image's do not), a footnote or a bare URL.
      if token.flags.contains(.linkText) || token.flags.contains(.footnoteReference) || token.role == .url {
        hasCitation = true
      }
      if PhraseMatcher.isSeparator(token) { continue }
      guard token.isWordLike, roles.contains(token.role) else {
        joined = false
        continue
      }
      let length = token.end - token.start
      let endsInLy = length > 3 && bytes[token.end - 2] == UInt8(ascii: "l") && bytes[token.end - 1] == UInt8(ascii: "y")
      let endsInS = length > 2 && (bytes[token.end - 1] | 0x20) == UInt8(ascii: "s")
      let apostrophe = endsInS && (bytes[token.end - 2] == UInt8(ascii: "'") || (length > 4 && bytes[token.end - 2] == 0x99 && bytes[token.end - 3] == 0x80 && bytes[token.end - 4] == 0xE2))
      words.append(ClaimWord(
        token: index, hash: token.foldedHash, range: token.range, isCapitalized: token.flags.contains(.capitalized),
        isAllCaps: token.flags.contains(.allCaps), isSentenceStart: words.isEmpty || token.flags.contains(.sentenceStart),
        isQuoted: token.isQuoted && hasQuotationMark, isNumber: token.kind == .number, isLinkText: token.flags.contains(.linkText),
        isJoined: joined && !words.isEmpty, endsInLy: endsInLy, isPossessive: apostrophe))
      joined = true
    }
    return ClaimSentence(
      reader: self, tokenRange: tokenRange, roles: roles, words: words, hasCitation: hasCitation, hasQuotationMark: hasQuotationMark)
  }

  /// True when only spaces and commas stand between two words.
  static func onlyCommasBetween(_ first: ClaimWord, _ second: ClaimWord, in document: Document) -> Bool {
    var index = first.token + 1
    while index < second.token {
      let token = document.tokens[index]
      if !(token.kind == .space || token.kind == .punctuation && document.token(token, is: ",")) { return false }
      index += 1
    }
    return true
  }

  /// True when a quotation mark opens or closes inside `tokenRange`. Words flagged as quoted count as
  /// quoted speech only in such a unit (see `sentence(_:roles:)`).
  static func hasQuotationMark(_ tokenRange: Range<Int>, in document: Document) -> Bool {
    tokenRange.contains { document.tokens[$0].flags.contains(.openingQuote) || document.tokens[$0].flags.contains(.closingQuote) }
  }
}

/// One sentence's words and what attributes its claims.
///
/// A claim is supported when its sentence carries a citation (a link, a footnote, a URL), an
/// `according to <Named Source>`, or a named speaker attached to a verb of saying (`Dedov stressed`,
/// `said Alexei Dedov`). A named source is a capitalised name that is not an ordinary word at the start
/// of a sentence, not a crowd or an unnamed source (`Analysts`, `officials`), and not the modifier of
/// one (`Iranian officials`).
struct ClaimSentence {
  let reader: ClaimReader
  let tokenRange: Range<Int>
  /// Roles of the tokens read as the sentence's words.
  let roles: RoleSet
  let words: [ClaimWord]
  /// A Markdown link, footnote reference or URL inside the sentence.
  let hasCitation: Bool
  /// A quotation mark opens or closes in the sentence, so its quoted words are quoted speech.
  let hasQuotationMark: Bool

  var lexicon: ClaimLexicon { reader.lexicon }
  var count: Int { words.count }

  /// The text range from the first to the last word of `wordRange`.
  func textRange(_ wordRange: ClosedRange<Int>) -> TextRange {
    TextRange(start: words[wordRange.lowerBound].range.start, end: words[wordRange.upperBound].range.end)
  }

  /// The words of `wordRange` as written, with line breaks and runs of spaces shown as one space.
  func text(_ wordRange: ClosedRange<Int>) -> String {
    let raw = reader.document.string(textRange(wordRange))
    return raw.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }).joined(separator: " ")
  }

  /// The index of the word holding token `token`, if it is one of the sentence's words.
  func wordIndex(ofToken token: Int) -> Int? {
    var low = 0
    var high = count
    while low < high {
      let mid = (low + high) / 2
      if words[mid].token < token { low = mid + 1 } else { high = mid }
    }
    return low < count && words[low].token == token ? low : nil
  }

  /// Matches of `matcher` over the sentence's unquoted words, as word ranges.
  func matches(of matcher: PhraseMatcher) -> [ClosedRange<Int>] {
    matcher.matches(in: reader.document, tokenRange: tokenRange) { token in
      roles.contains(token.role) && !(token.isQuoted && hasQuotationMark)
    }.compactMap { match in
      guard let first = wordIndex(ofToken: match.firstToken), let last = wordIndex(ofToken: match.lastToken) else { return nil }
      return first...last
    }
  }

  /// The verb of `verbs` that the subject at `subject` governs: right after it, after a short
  /// prepositional phrase (`critics of the plan argue`), or after auxiliaries and adverbs (`have long
  /// argued`). Returns the words from the verb to its particle (`point to`).
  func verb(after subject: Int, in verbs: WordSet) -> ClosedRange<Int>? {
    var next = subject + 1
    guard next < count else { return nil }
    // `Critics, however, argue`: a one-word aside between commas does not separate subject and verb.
    var asideEnd: Int? = nil
    if !words[next].isJoined, lexicon.asides.contains(words[next].hash), next + 1 < count, !words[next + 1].isJoined,
      ClaimReader.onlyCommasBetween(words[subject], words[next], in: reader.document),
      ClaimReader.onlyCommasBetween(words[next], words[next + 1], in: reader.document)
    {
      asideEnd = next
      next += 1
    }
    func joined(_ index: Int) -> Bool { words[index].isJoined || asideEnd == index - 1 }
    guard joined(next) else { return nil }
    if lexicon.phrasePrepositions.contains(words[next].hash) && !verbs.contains(words[next].hash) {
      // `most of us`, `some of which`, `many of our people`: a group the text has already identified.
      if next + 1 < count, lexicon.pointingWords.contains(words[next + 1].hash) { return nil }
      var scan = next + 1
      while scan < count, scan <= next + 6, words[scan].isJoined, !verbs.contains(words[scan].hash) { scan += 1 }
      guard scan < count, scan <= next + 6, words[scan].isJoined else { return nil }
      next = scan
    }
    var skipped = 0
    while next < count, joined(next), skipped < 3, !verbs.contains(words[next].hash),
      lexicon.auxiliaries.contains(words[next].hash) || words[next].endsInLy && !words[next].isCapitalized
    {
      next += 1
      skipped += 1
    }
    guard next < count, joined(next), verbs.contains(words[next].hash), !words[next].isQuoted,
      !words[next].isCapitalized
    else {
      return nil
    }
    // `few would have predicted`: a counterfactual, not a claim anyone made.
    if next >= 2, lexicon.counterfactualModals.contains(words[next - 2].hash), words[next - 1].hash == lexicon.have { return nil }
    // `encouraged many of our young people to say`: an infinitive, not the crowd's own verb.
    if next >= 1, words[next - 1].hash == lexicon.to, !(next >= 2 && lexicon.catenatives.contains(words[next - 2].hash)) { return nil }
    if lexicon.pointVerbs.contains(words[next].hash) {
      guard next + 1 < count, words[next + 1].isJoined, words[next + 1].hash == lexicon.to || words[next + 1].hash == lexicon.out else {
        return nil
      }
      return next...(next + 1)
    }
    return next...next
  }

  /// Where the description of a group starting at `noun` begins, walking back over quantifiers and
  /// modifiers (`some senior Iranian officials`); nil when a determiner points back at a group already
  /// named (`the analysts`, `these officials`).
  func groupStart(noun: Int) -> Int? {
    var start = noun
    var steps = 0
    while start > 0, words[start].isJoined, steps < 3 {
      let previous = words[start - 1]
      guard !previous.isQuoted else { break }
      if lexicon.crowdQuantifiers.contains(previous.hash) || lexicon.sourceModifiers.contains(previous.hash)
        || previous.isCapitalized && !previous.isSentenceStart || previous.isCapitalized && isNameWord(start - 1)
      {
        start -= 1
        steps += 1
        continue
      }
      break
    }
    if start > 0, words[start].isJoined, lexicon.specificDeterminers.contains(words[start - 1].hash) { return nil }
    return start
  }

  // MARK: Names

  /// True when the word can be part of a proper name that identifies a source.
  func isNameWord(_ index: Int) -> Bool {
    let word = words[index]
    guard !word.isQuoted, !word.isNumber, word.isCapitalized || word.isAllCaps else { return false }
    if lexicon.notNames.contains(word.hash) || lexicon.isAnonymousNoun(word.hash) || lexicon.crowdQuantifiers.contains(word.hash) {
      return false
    }
    if word.isSentenceStart {
      // Capitalised by position: a name only if the draft never writes it in lower case.
      return word.isAllCaps || !reader.appearsInLowerCase(word.hash)
    }
    return true
  }

  /// The longest proper name starting at `index` (`Alexei Dedov`, `Bank of England`), or nil.
  func nameRun(from index: Int) -> Range<Int>? {
    guard index < count, isNameWord(index) else { return nil }
    var end = index + 1
    while end < count, words[end].isJoined {
      if isNameWord(end) {
        end += 1
        continue
      }
      if lexicon.nameConnectors.contains(words[end].hash), !words[end].isCapitalized {
        var next = end + 1
        if next < count, words[next].isJoined, words[next].hash == lexicon.the { next += 1 }
        if next < count, words[next].isJoined, isNameWord(next) {
          end = next + 1
          continue
        }
      }
      break
    }
    return index..<end
  }

  /// The longest proper name ending at `index`, or nil.
  func nameRun(endingAt index: Int) -> Range<Int>? {
    guard index >= 0, index < count, isNameWord(index) else { return nil }
    var start = index
    while start > 0, words[start].isJoined {
      if isNameWord(start - 1) {
        start -= 1
        continue
      }
      var connector = start - 1
      if connector > 0, words[connector].hash == lexicon.the, words[connector].isJoined { connector -= 1 }
      if connector > 0, lexicon.nameConnectors.contains(words[connector].hash), !words[connector].isCapitalized,
        words[connector].isJoined, isNameWord(connector - 1)
      {
        start = connector - 1
        continue
      }
      break
    }
    return start..<(index + 1)
  }

  /// True when the name only qualifies an unnamed group that follows it: `Iranian officials`,
  /// `White House senior officials`, `Western analysts`.
  func isModifier(_ run: Range<Int>) -> Bool {
    var next = run.upperBound
    var steps = 0
    while next < count, words[next].isJoined, steps < 3 {
      if lexicon.isAnonymousNoun(words[next].hash) { return true }
      guard lexicon.sourceModifiers.contains(words[next].hash) else { return false }
      next += 1
      steps += 1
    }
    return false
  }

  /// A capitalised name that identifies an organisation on its own: an acronym (`IMF`) or a name
  /// ending in an organisation word (`the Congressional Budget Office`).
  func isOrganisation(_ run: Range<Int>) -> Bool {
    let last = words[run.upperBound - 1]
    return (run.count == 1 && last.isAllCaps) || lexicon.organisationWords.contains(last.hash)
  }

  // MARK: Attribution

  /// True when the sentence cites or names the source of its claims, ignoring the words of the
  /// claim itself (`excluding`, word indices) so that a crowd is never its own source.
  ///
  /// With `allowingEarlierSpeaker`, a speaker named in an earlier sentence counts too (`he said`, `the
  /// ministry said`): right for a figure or a passive report, which the speaker then owns, but not for
  /// a crowd or an unnamed official, who stays anonymous whoever else speaks in the sentence.
  func isAttributed(excluding: Range<Int>, allowingEarlierSpeaker: Bool) -> Bool {
    hasCitation || hasAccordingToSource()
      || hasNamedSpeaker(excluding: excluding, verbs: lexicon.reportingVerbs, allowingEarlierSpeaker: allowingEarlierSpeaker)
  }

  /// `according to <Named Source>` (`according to Reuters`, `according to a report by the IMF`), but not
  /// `according to analysts` or `according to Iranian officials`.
  func hasAccordingToSource() -> Bool {
    var index = 0
    while index + 1 < count {
      defer { index += 1 }
      guard words[index].hash == lexicon.according, words[index + 1].hash == lexicon.to, words[index + 1].isJoined,
        !words[index].isQuoted
      else { continue }
      var next = index + 2
      while next < count, next < index + 9 {
        let word = words[next]
        if word.isLinkText { return true }
        if !word.isJoined { break }
        if lexicon.isAnonymousNoun(word.hash) || lexicon.crowdQuantifiers.contains(word.hash) { break }
        if let run = nameRun(from: next), !isModifier(run) { return true }
        next += 1
      }
    }
    return false
  }

  /// A named speaker attached to a verb of `verbs`: `Dedov stressed`, `the IMF has repeatedly warned`,
  /// `…, said Alexei Dedov.`, `said Jane Doe of the IMF`. Verbs and names inside `excluding` do not count.
  func hasNamedSpeaker(excluding: Range<Int>, verbs: WordSet, allowingEarlierSpeaker: Bool) -> Bool {
    for verb in words.indices where verbs.contains(words[verb].hash) && !words[verb].isQuoted && !excluding.contains(verb) {
      // `the United States`: a capitalised word inside a name is not a verb.
      if words[verb].isCapitalized && !words[verb].isSentenceStart { continue }
      // The subject before the verb, past auxiliaries and adverbs.
      var subject = verb - 1
      var skipped = 0
      while subject >= 0, words[subject + 1].isJoined, skipped < 3,
        lexicon.auxiliaries.contains(words[subject].hash) || words[subject].endsInLy && !words[subject].isCapitalized
      {
        subject -= 1
        skipped += 1
      }
      if subject >= 0, words[subject + 1].isJoined, !excluding.contains(subject), isNameWord(subject),
        let run = nameRun(endingAt: subject), !run.overlaps(excluding), opensSubject(run.lowerBound)
      {
        return true
      }
      // A speaker named earlier: `he said`, `the ministry said`, `the ambassador stressed`.
      if allowingEarlierSpeaker, subject >= 0, words[subject + 1].isJoined, !excluding.contains(subject), refersToNamedSpeaker(subject) {
        return true
      }
      // A name before an apposition: `Dedov, the ambassador, said`.
      if let name = appositiveSubject(before: verb), !excluding.contains(name) { return true }
      // The speaker after the verb, ending the clause: `…,” said Alexei Dedov.`
      guard lexicon.invertedSpeechVerbs.contains(words[verb].hash), verb + 1 < count, words[verb + 1].isJoined else { continue }
      var start = verb + 1
      if words[start].hash == lexicon.the, start + 1 < count, words[start + 1].isJoined { start += 1 }
      guard !excluding.contains(start), let run = nameRun(from: start), !isModifier(run) else { continue }
      let after = run.upperBound
      if after == count || !words[after].isJoined || lexicon.nameFollowers.contains(words[after].hash) { return true }
    }
    return false
  }

  /// A named organisation attached to a crowd noun at `noun`: `analysts at the IMF`, `experts from
  /// Harvard University`, `analysts such as Jane Doe`, or, when `allowQualifier`, qualifying it:
  /// `IMF analysts`, `Goldman Sachs analysts`.
  func crowdIsNamed(noun: Int, allowQualifier: Bool = true) -> Bool {
    var next = noun + 1
    if next < count, words[next].isJoined, !words[next].isQuoted {
      var isAttaching = lexicon.attachingPrepositions.contains(words[next].hash)
      if words[next].hash == lexicon.such, next + 1 < count, words[next + 1].hash == lexicon.as, words[next + 1].isJoined {
        next += 1
        isAttaching = true
      }
      if isAttaching {
        next += 1
        if next < count, words[next].isJoined, words[next].hash == lexicon.the || words[next].hash == lexicon.a || words[next].hash == lexicon.an {
          next += 1
        }
        if next < count, words[next].isJoined, words[next].isLinkText { return true }
        if next < count, words[next].isJoined, let run = nameRun(from: next), !isModifier(run) { return true }
      }
    }
    // A qualifying name right before the noun: an acronym or a name of two or more words.
    if allowQualifier, noun > 0, words[noun].isJoined, let run = nameRun(endingAt: noun - 1), words[noun - 1].isAllCaps || run.count > 1 {
      return true
    }
    return false
  }

  /// The last word of a name set off before `verb` by an apposition between commas (`Dedov, the
  /// ambassador, said`), or nil.
  func appositiveSubject(before verb: Int) -> Int? {
    let document = reader.document
    guard verb >= 2, !words[verb].isJoined, ClaimReader.onlyCommasBetween(words[verb - 1], words[verb], in: document) else { return nil }
    var start = verb - 1
    while start > 0, words[start].isJoined, verb - start < 7 { start -= 1 }
    guard start > 0, !words[start].isJoined, ClaimReader.onlyCommasBetween(words[start - 1], words[start], in: document),
      isNameWord(start - 1), let run = nameRun(endingAt: start - 1), opensSubject(run.lowerBound)
    else { return nil }
    return start - 1
  }

  /// True when the word at `index` points back at a speaker named earlier: `he`, `she`, `it`, or an
  /// organisation or title after `the` or a possessive (`the ministry`, `its spokesman`, `the ambassador`).
  func refersToNamedSpeaker(_ index: Int) -> Bool {
    let word = words[index]
    guard !word.isQuoted else { return false }
    if lexicon.speakerPronouns.contains(word.hash) { return true }
    guard lexicon.organisationWords.contains(word.hash) || lexicon.speakerTitles.contains(word.hash), index > 0, word.isJoined else {
      return false
    }
    return lexicon.specificDeterminers.contains(words[index - 1].hash)
  }

  /// True when a name starting at `index` can be the subject of a clause: it starts the sentence or a
  /// clause, or follows `the`. After any other word it qualifies a noun (`certain Western states`).
  func opensSubject(_ index: Int) -> Bool {
    opensClause(index) || words[index - 1].hash == lexicon.the
  }

  /// True when the word at `index` opens a clause: the start of the sentence, after punctuation, or
  /// after a conjunction (`…, and some say`, `…, while many believe`).
  func opensClause(_ index: Int) -> Bool {
    index == 0 || !words[index].isJoined || lexicon.clauseOpeners.contains(words[index - 1].hash)
  }
}

/// The folded hashes of the words a document's prose writes in lower case (see `appearsInLowerCase`).
struct LowercaseWords: Sendable {
  let words: WordHashSet

  init(_ document: Document) {
    var hashes: [UInt64] = []
    for token in document.tokens where token.kind == .word && token.role.isProse && !token.flags.contains(.capitalized) {
      hashes.append(token.foldedHash)
    }
    words = WordHashSet(hashes: hashes)
  }
}
