public import CopydeskCore

/// Flags an unattributed crowd source: `analysts say`, `observers note`, `some believe`,
/// `it is widely believed`, `according to experts`.
///
/// Fix: none; only the writer knows the source. The claim is supported, and passes, when its sentence
/// cites (a link, a footnote, a URL, `according to <Named Source>`), names a speaker (`Dedov stressed`,
/// `said Alexei Dedov`), or names the crowd (`analysts at the IMF said`, `Goldman Sachs analysts`).
/// Quoted speech is the speaker's wording and is skipped.
public struct WeaselRule: Rule {
  public static let description = RuleDescription(
    id: "claims/weasel", name: "Weasel Attribution",
    summary: "Name the analysts, observers or experts a claim relies on",
    explanation: """
      Flags claims pinned on an unnamed crowd: “analysts say”, “observers note”, “experts believe”, \
      “critics argue”, “some say”, “many believe”, “it is widely believed”, “according to experts”, in any \
      tense. Readers cannot weigh a claim whose source they cannot identify, and such phrases often stand \
      in for the writer's own opinion. A sentence passes when it names the source or cites it: a named \
      crowd (“analysts at the IMF said”), “according to” a named source, a named speaker (“Dedov \
      stressed”, “said Alexei Dedov”), a link, a footnote or a URL. A crowd never counts as its own \
      source, and quoted speech is skipped.
      """,
    defaultSeverity: .warning,
    examples: [
      .triggers("⟦Analysts say⟧ the deal will hold."),
      .triggers("Looking ahead, ⟦observers note⟧ that cooperation is likely to continue."),
      .triggers("⟦It is widely believed⟧ that the treaty was rushed."),
      .triggers("The plan stalled, and ⟦some say⟧ it was never viable."),
      .triggers("⟦Critics of the plan have long argued⟧ that it costs too much."),
      .triggers("⟦Analysts point to⟧ sustained collaboration in energy and trade."),
      .triggers("Growth will slow next year, ⟦according to experts⟧."),
      .triggers("⟦Some Western analysts believe⟧ the talks will stall, though Russia disagrees."),
      .triggers("Ties endure\n\nThe ministers met twice. ⟦Experts believe⟧ the talks will resume.", format: .plainText),
      .passes("Analysts at the IMF said the deal will hold."),
      .passes("According to Reuters, analysts say the deal will hold."),
      .passes("Analysts say [the deal will hold](https://example.org/report)."),
      .passes("Observers note the gains.[^1]\n\n[^1]: Annual trade report, 2024."),
      .passes("Analysts say the deal will hold (https://example.org/analysis)."),
      .passes("Observers note a thaw in relations, Dedov stressed."),
      .passes("Goldman Sachs analysts expect rates to fall."),
      .passes("The analysts said the review had been fair."),
      .passes("Run `analysts say` through the style checker."),
      .passes("```\nAnalysts say the deal will hold.\n```"),
      .passes("<!-- Analysts say the deal will hold. -->\nThe deal held."),
      .passes("He put it bluntly: “Analysts say the deal will hold, but they are wrong.”"),
      .passes("See https://example.org/analysts-say-more for the background."),
    ])

  public var description: RuleDescription { Self.description }
  /// Measured on long drafts (copydesk-bench --sections large-rules).
  public var relativeCost: Int { 4 }

  public init() {}

  public static let factory = RuleFactory(WeaselRule())

  static let roles: RoleSet = [.body, .heading, .summary, .frontMatterValue]

  public func check(_ document: Document, context: RuleContext) -> [Diagnostic] {
    let reader = ClaimReader(document)
    var results: [Diagnostic] = []
    for unit in ClaimReader.merged(reader.units(roles: Self.roles, triggers: reader.lexicon.crowdTriggers), reader.units(roles: Self.roles, matching: reader.lexicon.weaselPhrases)) {
      let sentence = reader.sentence(unit, roles: Self.roles)
      guard sentence.count >= 2 else { continue }
      for (words, message) in Self.findings(in: sentence) {
        results.append(diagnostic(sentence.textRange(words), message))
      }
    }
    return results
  }

  /// Unattributed crowd claims in one sentence: word ranges and messages, without overlaps.
  static func findings(in sentence: ClaimSentence) -> [(ClosedRange<Int>, String)] {
    let lexicon = sentence.lexicon
    let words = sentence.words
    var candidates: [(range: ClosedRange<Int>, noun: Int?, message: (String) -> String)] = []

    // A crowd noun and its verb: `analysts say`, `critics of the plan have argued`.
    for noun in words.indices where lexicon.crowdNouns.contains(words[noun].hash) && !words[noun].isQuoted {
      guard let verb = sentence.verb(after: noun, in: lexicon.crowdVerbs), let start = sentence.groupStart(noun: noun) else { continue }
      let crowd = sentence.reader.document.string(words[noun].range).lowercased()
      candidates.append((start...verb.upperBound, noun, { "“\($0)” does not say which \(crowd); name them or cite the source" }))
    }
    // A quantifier as the crowd: `some say`, `many people believe`, `others argue`.
    for quantifier in words.indices where lexicon.crowdQuantifiers.contains(words[quantifier].hash) && !words[quantifier].isQuoted {
      guard sentence.opensClause(quantifier) else { continue }
      var subject = quantifier
      if subject + 1 < words.count, words[subject + 1].isJoined, lexicon.people.contains(words[subject + 1].hash) { subject += 1 }
      guard let verb = sentence.verb(after: subject, in: lexicon.crowdVerbs) else { continue }
      // `some analysts say` belongs to the crowd-noun pattern above.
      if (subject + 1...verb.lowerBound).contains(where: { lexicon.crowdNouns.contains(words[$0].hash) }) { continue }
      candidates.append((quantifier...verb.upperBound, nil, { "“\($0)” does not say who; name them or cite the source" }))
    }
    // Fixed phrases: `it is widely believed`, `according to experts`.
    for match in sentence.matches(of: lexicon.weaselPhrases) {
      let noun = match.reversed().first { lexicon.crowdNouns.contains(words[$0].hash) }
      candidates.append((match, noun, { "“\($0)” does not say who holds the view; name the source or cite it" }))
    }

    candidates.sort { $0.range.lowerBound < $1.range.lowerBound || $0.range.lowerBound == $1.range.lowerBound && $0.range.count > $1.range.count }
    var results: [(ClosedRange<Int>, String)] = []
    var lastEnd = -1
    for candidate in candidates where candidate.range.lowerBound > lastEnd {
      lastEnd = candidate.range.upperBound
      if let noun = candidate.noun, sentence.crowdIsNamed(noun: noun) { continue }
      if sentence.isAttributed(excluding: candidate.range.lowerBound..<(candidate.range.upperBound + 1), allowingEarlierSpeaker: false) { continue }
      results.append((candidate.range, candidate.message(sentence.text(candidate.range))))
    }
    return results
  }
}
