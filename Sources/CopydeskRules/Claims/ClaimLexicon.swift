import CopydeskCore

/// The word lists of the claims rules, folded and hashed once per process.
///
/// The lists that are editorial data live in `Rules/lists/claims-*.json`; the small closed classes
/// below (auxiliaries, prepositions, determiners) are grammar, not house style, so they stay in code.
struct ClaimLexicon: Sendable {
  static let shared = ClaimLexicon()

  let crowdNouns: Set<UInt64>
  let crowdQuantifiers: Set<UInt64>
  let crowdVerbs: Set<UInt64>
  let vagueNouns: Set<UInt64>
  let vagueVerbs: Set<UInt64>
  let reportingVerbs: Set<UInt64>
  let notNames: Set<UInt64>
  let sourceNouns: Set<UInt64>
  let organisationWords: Set<UInt64>
  let weaselPhrases: PhraseMatcher
  let vaguePhrases: PhraseMatcher
  let passivePhrases: PhraseMatcher
  let peacockTerms: PhraseMatcher

  /// Words that may stand between a subject and its verb: `analysts have long argued`.
  let auxiliaries: Set<UInt64>
  /// Prepositions that attach a named organisation to a crowd: `analysts at the IMF`.
  let attachingPrepositions: Set<UInt64>
  /// Prepositions that may open a phrase between a crowd and its verb: `critics of the plan argue`.
  let phrasePrepositions: Set<UInt64>
  /// Determiners that point back at a group already named: `the analysts said`.
  let specificDeterminers: Set<UInt64>
  /// Words after which a new clause (and so a new subject) may start.
  let clauseOpeners: Set<UInt64>
  /// Lower-case words inside a proper name: `Bank of England`, `Ludwig van Beethoven`.
  let nameConnectors: Set<UInt64>
  /// Words that may qualify an unnamed source without naming it: `senior officials`, `two diplomats`.
  let sourceModifiers: Set<UInt64>
  /// Reporting verbs after which the speaker may follow: `…, said Alexei Dedov`.
  let invertedSpeechVerbs: Set<UInt64>
  /// Words that may follow a speaker's name in `said Alexei Dedov of the IMF`.
  let nameFollowers: Set<UInt64>
  /// `people` and `person`: a crowd only with a quantifier (`some people say`).
  let people: Set<UInt64>

  /// Modals that with `have` make a counterfactual: `few would have predicted`.
  let counterfactualModals: Set<UInt64> = ClaimLexicon.hashes(["would", "could", "might", "should"])
  /// Verbs that take `to` before the crowd's own verb: `critics tend to argue`.
  let catenatives: Set<UInt64> = ClaimLexicon.hashes(["tend", "tends", "continue", "continues", "seem", "seems", "appear", "appears", "used"])
  /// Pronouns and determiners after `of` that point at a group already identified: `most of us`.
  let pointingWords: Set<UInt64> = ClaimLexicon.hashes([
    "us", "you", "them", "which", "whom", "our", "my", "your", "their", "these", "those", "his", "her", "its", "it", "this", "that",
  ])
  /// Singular unnamed sources: a noun only after an article (`an official said`); bare, they are
  /// adjectives or compounds (`official hints`, `source code`).
  let singularVagueNouns: Set<UInt64> = ClaimLexicon.hashes([
    "official", "source", "aide", "diplomat", "spokesman", "spokeswoman", "spokesperson", "representative",
  ])
  /// What makes a singular noun a person: `an official`, `one diplomat`, `another source`.
  let singularArticles: Set<UInt64> = ClaimLexicon.hashes(["a", "an", "one", "another"])
  /// One-word asides that may sit between commas inside `critics, however, argue`.
  let asides: Set<UInt64> = ClaimLexicon.hashes(["however", "though", "meanwhile", "too", "also", "instead", "moreover", "still"])
  /// Pronouns that stand for a speaker named earlier: `…, he said.`
  let speakerPronouns: Set<UInt64> = ClaimLexicon.hashes(["he", "she", "it"])
  /// Titles that, after `the` or a possessive, stand for a person named earlier: `the ambassador said`.
  let speakerTitles: Set<UInt64> = ClaimLexicon.hashes([
    "ambassador", "envoy", "minister", "president", "premier", "chancellor", "secretary", "governor", "mayor", "senator",
    "chairman", "chairwoman", "chair", "director", "spokesman", "spokeswoman", "spokesperson", "economist", "author",
    "authors", "researcher", "professor", "judge", "commissioner", "general", "admiral", "king", "queen", "prince",
    "diplomat", "analyst", "official",
  ])
  let have = FoldedHash.fold("have")
  let according = FoldedHash.fold("according")
  let to = FoldedHash.fold("to")
  let out = FoldedHash.fold("out")
  let the = FoldedHash.fold("the")
  let a = FoldedHash.fold("a")
  let an = FoldedHash.fold("an")
  let such = FoldedHash.fold("such")
  let `as` = FoldedHash.fold("as")
  let by = FoldedHash.fold("by")
  let from = FoldedHash.fold("from")
  let pointVerbs: Set<UInt64> = ClaimLexicon.hashes(["point", "points", "pointed"])

  /// Words without which a sentence cannot hold a finding of each rule: a sentence with none of them
  /// is skipped before its words are read.
  let weaselTriggers: Set<UInt64>
  let vagueTriggers: Set<UInt64>
  let passiveTriggers: Set<UInt64>
  let peacockTriggers: Set<UInt64>

  init() {
    crowdNouns = ClaimLexicon.hashes(BuiltInRuleData.list("claims-crowd-nouns"))
    crowdQuantifiers = ClaimLexicon.hashes(BuiltInRuleData.list("claims-crowd-quantifiers"))
    crowdVerbs = ClaimLexicon.hashes(BuiltInRuleData.list("claims-crowd-verbs"))
    vagueNouns = ClaimLexicon.hashes(BuiltInRuleData.list("claims-vague-source-nouns"))
    vagueVerbs = ClaimLexicon.hashes(BuiltInRuleData.list("claims-vague-source-verbs"))
    reportingVerbs = ClaimLexicon.hashes(BuiltInRuleData.list("claims-reporting-verbs"))
    notNames = ClaimLexicon.hashes(BuiltInRuleData.list("claims-not-names"))
    sourceNouns = ClaimLexicon.hashes(BuiltInRuleData.list("claims-source-nouns"))
    organisationWords = ClaimLexicon.hashes(BuiltInRuleData.list("claims-organisation-words"))
    weaselPhrases = PhraseMatcher(BuiltInRuleData.list("claims-weasel-phrases"))
    vaguePhrases = PhraseMatcher(BuiltInRuleData.list("claims-vague-source-phrases"))
    passivePhrases = PhraseMatcher(BuiltInRuleData.list("claims-passive-phrases"))
    peacockTerms = PhraseMatcher(BuiltInRuleData.list("claims-peacock-terms"))

    auxiliaries = ClaimLexicon.hashes([
      "have", "has", "had", "also", "long", "often", "widely", "generally", "privately", "publicly", "repeatedly",
      "now", "still", "increasingly", "would", "will", "may", "might", "could", "can", "should", "already", "earlier",
      "previously", "recently", "broadly", "largely", "mostly", "further", "openly", "quietly", "always", "frequently",
      "consistently", "even", "too", "do", "does", "did", "not", "never", "all", "both", "here", "there", "today",
      "yesterday", "once", "again", "tend", "tends", "to", "continue", "continues",
    ])
    attachingPrepositions = ClaimLexicon.hashes(["at", "from", "with", "of", "for", "including", "like", "inside", "within"])
    phrasePrepositions = ClaimLexicon.hashes([
      "at", "from", "with", "of", "for", "in", "on", "across", "within", "inside", "outside", "including", "like",
      "close", "familiar", "near", "around", "throughout", "among",
    ])
    specificDeterminers = ClaimLexicon.hashes(["the", "these", "those", "their", "our", "his", "her", "its", "my", "your", "such", "both"])
    clauseOpeners = ClaimLexicon.hashes([
      "and", "but", "while", "though", "although", "that", "as", "because", "since", "yet", "so", "where", "when",
      "whereas", "if", "which", "even", "still", "now", "meanwhile", "however", "indeed",
    ])
    nameConnectors = ClaimLexicon.hashes(["of", "de", "da", "del", "van", "von", "der", "den", "al", "bin", "la", "le", "du", "y"])
    sourceModifiers = ClaimLexicon.hashes([
      "senior", "unnamed", "anonymous", "government", "administration", "military", "top", "local", "western",
      "foreign", "independent", "political", "industry", "market", "defence", "defense", "security", "intelligence",
      "economic", "financial", "health", "legal", "other", "some", "many", "most", "several", "two", "three", "four",
      "five", "few", "numerous", "various", "leading", "prominent", "outside", "veteran", "regional", "international",
      "european", "state", "federal", "national", "city", "police", "party", "campaign", "white", "house", "ministry",
      "embassy", "company", "bank", "agency", "police", "former", "current", "informed", "knowledgeable", "well-placed",
      "high-ranking", "high-level", "mid-level", "junior", "retired", "influential", "conservative", "liberal",
      "progressive", "left-wing", "right-wing", "energy", "oil", "trade", "policy", "foreign-policy", "diplomatic",
      "official", "officials",
    ])
    invertedSpeechVerbs = ClaimLexicon.hashes([
      "said", "says", "say", "added", "adds", "wrote", "writes", "noted", "notes", "stressed", "argued", "explained",
      "insisted", "warned", "observed", "remarked", "replied", "countered", "recalled", "declared", "asserted",
    ])
    nameFollowers = ClaimLexicon.hashes(["of", "at", "from", "who", "whose", "in", "on", "for", "with"])
    people = ClaimLexicon.hashes(["people", "person", "others", "observers"])

    weaselTriggers = crowdNouns.union(crowdQuantifiers).union(ClaimLexicon.firstWords(of: weaselPhrases))
    vagueTriggers = vagueNouns.union(invertedSpeechVerbs).union(ClaimLexicon.firstWords(of: vaguePhrases))
    passiveTriggers = ClaimLexicon.firstWords(of: passivePhrases)
    peacockTriggers = ClaimLexicon.firstWords(of: peacockTerms)
  }

  static func hashes(_ words: [String]) -> Set<UInt64> { Set(words.map { FoldedHash.fold($0) }) }

  /// The first word of every phrase of a matcher.
  static func firstWords(of matcher: PhraseMatcher) -> Set<UInt64> {
    Set(matcher.phrases.compactMap { phrase in phrase.split(separator: " ").first.map { FoldedHash.fold($0) } })
  }

  /// Crowd nouns, quantifiers, unnamed-source nouns and `people`: words that never name a source.
  func isAnonymousNoun(_ hash: UInt64) -> Bool {
    crowdNouns.contains(hash) || vagueNouns.contains(hash) || people.contains(hash)
  }
}
