import CopydeskCore

/// The word lists of the claims rules, folded and hashed once per process.
///
/// The lists that are editorial data live in `Rules/lists/claims-*.json`; the small closed classes
/// below (auxiliaries, prepositions, determiners) are grammar, not house style, so they stay in code.
/// A class, so that the rules' hot loops share one instance instead of copying thirty sets.
final class ClaimLexicon: Sendable {
  static let shared = ClaimLexicon()

  let crowdNouns: WordSet
  let crowdQuantifiers: WordSet
  let crowdVerbs: WordSet
  let vagueNouns: WordSet
  let vagueVerbs: WordSet
  let reportingVerbs: WordSet
  let notNames: WordSet
  let sourceNouns: WordSet
  let organisationWords: WordSet
  let weaselPhrases: PhraseMatcher
  let vaguePhrases: PhraseMatcher
  let passivePhrases: PhraseMatcher
  let peacockTerms: PhraseMatcher

  /// Words that may stand between a subject and its verb: `analysts have long argued`.
  let auxiliaries: WordSet
  /// Prepositions that attach a named organisation to a crowd: `analysts at the IMF`.
  let attachingPrepositions: WordSet
  /// Prepositions that may open a phrase between a crowd and its verb: `critics of the plan argue`.
  let phrasePrepositions: WordSet
  /// Determiners that point back at a group already named: `the analysts said`.
  let specificDeterminers: WordSet
  /// Words after which a new clause (and so a new subject) may start.
  let clauseOpeners: WordSet
  /// Lower-case words inside a proper name: `Bank of England`, `Ludwig van Beethoven`.
  let nameConnectors: WordSet
  /// Words that may qualify an unnamed source without naming it: `senior officials`, `two diplomats`.
  let sourceModifiers: WordSet
  /// Reporting verbs after which the speaker may follow: `…, said Alexei Dedov`.
  let invertedSpeechVerbs: WordSet
  /// Words that may follow a speaker's name in `said Alexei Dedov of the IMF`.
  let nameFollowers: WordSet
  /// `people` and `person`: a crowd only with a quantifier (`some people say`).
  let people: WordSet

  /// Modals that with `have` make a counterfactual: `few would have predicted`.
  let counterfactualModals: WordSet = WordSet(["would", "could", "might", "should"])
  /// Verbs that take `to` before the crowd's own verb: `critics tend to argue`.
  let catenatives: WordSet = WordSet(["tend", "tends", "continue", "continues", "seem", "seems", "appear", "appears", "used"])
  /// Pronouns and determiners after `of` that point at a group already identified: `most of us`.
  let pointingWords: WordSet = WordSet([
    "us", "you", "them", "which", "whom", "our", "my", "your", "their", "these", "those", "his", "her", "its", "it", "this", "that",
  ])
  /// Singular unnamed sources: a noun only after an article (`an official said`); bare, they are
  /// adjectives or compounds (`official hints`, `source code`).
  let singularVagueNouns: WordSet = WordSet([
    "official", "source", "aide", "diplomat", "spokesman", "spokeswoman", "spokesperson", "representative",
  ])
  /// What makes a singular noun a person: `an official`, `one diplomat`, `another source`.
  let singularArticles: WordSet = WordSet(["a", "an", "one", "another"])
  /// One-word asides that may sit between commas inside `critics, however, argue`.
  let asides: WordSet = WordSet(["however", "though", "meanwhile", "too", "also", "instead", "moreover", "still"])
  /// Pronouns that stand for a speaker named earlier: `…, he said.`
  let speakerPronouns: WordSet = WordSet(["he", "she", "it"])
  /// Titles that, after `the` or a possessive, stand for a person named earlier: `the ambassador said`.
  let speakerTitles: WordSet = WordSet([
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
  let pointVerbs: WordSet = WordSet(["point", "points", "pointed"])

  /// Words that start the noun patterns of claims/weasel (`analysts say`, `some say`) and
  /// claims/vague-source (`officials said`): a sentence with none of them is not read further.
  let crowdTriggers: WordSet
  let vagueTriggers: WordSet

  private init() {
    crowdNouns = WordSet(BuiltInRuleData.list("claims-crowd-nouns"))
    crowdQuantifiers = WordSet(BuiltInRuleData.list("claims-crowd-quantifiers"))
    crowdVerbs = WordSet(BuiltInRuleData.list("claims-crowd-verbs"))
    vagueNouns = WordSet(BuiltInRuleData.list("claims-vague-source-nouns"))
    vagueVerbs = WordSet(BuiltInRuleData.list("claims-vague-source-verbs"))
    reportingVerbs = WordSet(BuiltInRuleData.list("claims-reporting-verbs"))
    notNames = WordSet(BuiltInRuleData.list("claims-not-names"))
    sourceNouns = WordSet(BuiltInRuleData.list("claims-source-nouns"))
    organisationWords = WordSet(BuiltInRuleData.list("claims-organisation-words"))
    weaselPhrases = PhraseMatcher(BuiltInRuleData.list("claims-weasel-phrases"))
    vaguePhrases = PhraseMatcher(BuiltInRuleData.list("claims-vague-source-phrases"))
    passivePhrases = PhraseMatcher(BuiltInRuleData.list("claims-passive-phrases"))
    peacockTerms = PhraseMatcher(BuiltInRuleData.list("claims-peacock-terms"))

    auxiliaries = WordSet([
      "have", "has", "had", "also", "long", "often", "widely", "generally", "privately", "publicly", "repeatedly",
      "now", "still", "increasingly", "would", "will", "may", "might", "could", "can", "should", "already", "earlier",
      "previously", "recently", "broadly", "largely", "mostly", "further", "openly", "quietly", "always", "frequently",
      "consistently", "even", "too", "do", "does", "did", "not", "never", "all", "both", "here", "there", "today",
      "yesterday", "once", "again", "tend", "tends", "to", "continue", "continues",
    ])
    attachingPrepositions = WordSet(["at", "from", "with", "of", "for", "including", "like", "inside", "within"])
    phrasePrepositions = WordSet([
      "at", "from", "with", "of", "for", "in", "on", "across", "within", "inside", "outside", "including", "like",
      "close", "familiar", "near", "around", "throughout", "among",
    ])
    specificDeterminers = WordSet(["the", "these", "those", "their", "our", "his", "her", "its", "my", "your", "such", "both"])
    clauseOpeners = WordSet([
      "and", "but", "while", "though", "although", "that", "as", "because", "since", "yet", "so", "where", "when",
      "whereas", "if", "which", "even", "still", "now", "meanwhile", "however", "indeed",
    ])
    nameConnectors = WordSet(["of", "de", "da", "del", "van", "von", "der", "den", "al", "bin", "la", "le", "du", "y"])
    sourceModifiers = WordSet([
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
    invertedSpeechVerbs = WordSet([
      "said", "says", "say", "added", "adds", "wrote", "writes", "noted", "notes", "stressed", "argued", "explained",
      "insisted", "warned", "observed", "remarked", "replied", "countered", "recalled", "declared", "asserted",
    ])
    nameFollowers = WordSet(["of", "at", "from", "who", "whose", "in", "on", "for", "with"])
    people = WordSet(["people", "person", "others", "observers"])

    crowdTriggers = WordSet(crowdNouns.hashes.union(crowdQuantifiers.hashes))
    vagueTriggers = vagueNouns
  }

  static func hashes(_ words: [String]) -> Set<UInt64> { Set(words.map { FoldedHash.fold($0) }) }

  /// Crowd nouns, quantifiers, unnamed-source nouns and `people`: words that never name a source.
  func isAnonymousNoun(_ hash: UInt64) -> Bool {
    crowdNouns.contains(hash) || vagueNouns.contains(hash) || people.contains(hash)
  }
}

/// A set of token roles as a bit mask: membership is one AND in the rules' per-token loops.
struct RoleSet: Sendable, ExpressibleByArrayLiteral {
  let bits: UInt32

  init(arrayLiteral roles: TokenRole...) {
    bits = roles.reduce(0) { $0 | (1 << UInt32($1.rawValue)) }
  }

  func contains(_ role: TokenRole) -> Bool { bits & (1 << UInt32(role.rawValue)) != 0 }
}

/// A set of folded-word hashes for the rules' per-word checks: a 4,096-bucket filter answers most misses
/// without hashing the key again (the key already is a hash); a hit is confirmed in the set.
struct WordSet: Sendable {
  let filter: WordHashFilter
  let hashes: Set<UInt64>

  init(_ words: [String]) {
    self.init(ClaimLexicon.hashes(words))
  }

  init(_ hashes: Set<UInt64>) {
    self.hashes = hashes
    filter = WordHashFilter(bucketBits: 12, hashes: hashes)
  }

  @inline(__always)
  func contains(_ hash: UInt64) -> Bool { filter.mayContain(hash) && hashes.contains(hash) }
}
