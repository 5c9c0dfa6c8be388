public import CopydeskCore

/// Flags a claim pinned on an unnamed source: `officials said`, `a source said`, `Iranian officials
/// asserted`, `remarks attributed to`, `people familiar with the matter`.
///
/// Fix: none. A nationality or organisation before the noun (`Iranian officials`, `Pentagon officials`)
/// still leaves the source unnamed. The sentence passes when it cites (a link, a footnote, a URL,
/// `according to <Named Source>`), names a speaker (`said Alexei Dedov`, `the ministry said`), or places
/// the source in a named organisation (`officials at the Treasury said`). Quoted speech is skipped.
public struct VagueSourceRule: Rule {
  public static let description = RuleDescription(
    id: "claims/vague-source", name: "Vague Source",
    summary: "Name the officials or sources a statement comes from",
    explanation: """
      Flags statements credited to someone the reader cannot identify: “officials said”, “sources say”, \
      “a senior official said”, “Iranian officials asserted”, “remarks attributed to”, “people familiar \
      with the matter”. A nationality or organisation before the noun does not name anyone. Name the \
      person, or the organisation that made the statement, or cite where it was made. The sentence passes \
      when it names a speaker (“said Alexei Dedov”, “the ministry said”), places the source in a named \
      organisation (“officials at the Treasury said”), says “according to” a named source, or carries a \
      link, a footnote or a URL. Quoted speech is skipped.
      """,
    defaultSeverity: .warning,
    examples: [
      .triggers("⟦Officials said⟧ the border would reopen."),
      .triggers("⟦An official said⟧ the border would reopen."),
      .triggers("⟦Iranian officials earlier asserted⟧ a clear line on the matter."),
      .triggers("Attention turned to ⟦remarks attributed to⟧ the president."),
      .triggers("The deal is close, ⟦said a senior official⟧."),
      .triggers("⟦People familiar with⟧ the talks expect a deal."),
      .triggers("In parallel, ⟦Iranian officials have asserted⟧ that Tehran backs the talks."),
      .triggers("The talks resumed\n\n⟦Sources say⟧ a deal is near.", format: .plainText),
      .passes("Officials at the Treasury said the border would reopen."),
      .passes("The border will reopen, said Alexei Dedov, the ambassador."),
      .passes("According to Reuters, officials said the border would reopen."),
      .passes("Officials said [the border would reopen](https://example.org/statement)."),
      .passes("Remarks attributed to the minister were published in full.[^2]\n\n[^2]: Ministry transcript."),
      .passes("The officials said nothing more."),
      .passes("The memo collects official hints about the budget."),
      .passes("Losses were attributed to the drought."),
      .passes("The ministry published `officials said` as a search term."),
      .passes("```\nOfficials said the border would reopen.\n```"),
      .passes("<!-- Officials said the border would reopen. -->\nThe border reopened."),
      .passes("She wrote: “Officials said the border would reopen.”"),
      .passes("The memo is at https://example.org/officials-said-so for reference."),
    ])

  public var description: RuleDescription { Self.description }
  /// Measured on long drafts (copydesk-bench --sections large-rules).
  public var relativeCost: Int { 2 }

  public init() {}

  public static let factory = RuleFactory(VagueSourceRule())

  static let roles: RoleSet = [.body, .heading, .summary, .frontMatterValue]

  public func check(_ document: Document, context: RuleContext) -> [Diagnostic] {
    let reader = ClaimReader(document)
    let lexicon = reader.lexicon
    var results: [Diagnostic] = []
    for unit in ClaimReader.merged(reader.units(roles: Self.roles, triggers: reader.lexicon.vagueTriggers), reader.units(roles: Self.roles, matching: reader.lexicon.vaguePhrases)) {
      let sentence = reader.sentence(unit, roles: Self.roles)
      let words = sentence.words
      guard words.count >= 2 else { continue }
      var candidates: [(range: ClosedRange<Int>, noun: Int?)] = []
      // `officials said`, `Iranian officials have asserted`, `a source close to the talks said`.
      for noun in words.indices where lexicon.vagueNouns.contains(words[noun].hash) && !words[noun].isQuoted {
        guard let verb = sentence.verb(after: noun, in: lexicon.vagueVerbs), var start = sentence.groupStart(noun: noun) else { continue }
        if lexicon.singularVagueNouns.contains(words[noun].hash) {
          guard start > 0, words[start].isJoined, lexicon.singularArticles.contains(words[start - 1].hash) else { continue }
          start -= 1
        }
        candidates.append((start...verb.upperBound, noun))
      }
      // `…, said a senior official.`
      for verb in words.indices where lexicon.invertedSpeechVerbs.contains(words[verb].hash) && !words[verb].isQuoted {
        var next = verb + 1
        guard next < words.count, words[next].isJoined else { continue }
        if words[next].hash == lexicon.a || words[next].hash == lexicon.an { next += 1 }
        var steps = 0
        while next < words.count, words[next].isJoined, steps < 3, !lexicon.vagueNouns.contains(words[next].hash),
          lexicon.sourceModifiers.contains(words[next].hash) || words[next].isCapitalized
        {
          next += 1
          steps += 1
        }
        guard next < words.count, words[next].isJoined, lexicon.vagueNouns.contains(words[next].hash) else { continue }
        guard next + 1 == words.count || !words[next + 1].isJoined else { continue }
        candidates.append((verb...next, next))
      }
      // `remarks attributed to`, `people familiar with`, `according to officials`.
      for match in sentence.matches(of: lexicon.vaguePhrases) {
        candidates.append((match, match.reversed().first { lexicon.vagueNouns.contains(words[$0].hash) }))
      }

      candidates.sort { $0.range.lowerBound < $1.range.lowerBound || $0.range.lowerBound == $1.range.lowerBound && $0.range.count > $1.range.count }
      var lastEnd = -1
      for candidate in candidates where candidate.range.lowerBound > lastEnd {
        lastEnd = candidate.range.upperBound
        if let noun = candidate.noun, sentence.crowdIsNamed(noun: noun, allowQualifier: false) { continue }
        if sentence.isAttributed(excluding: candidate.range.lowerBound..<(candidate.range.upperBound + 1), allowingEarlierSpeaker: false) { continue }
        let text = sentence.text(candidate.range)
        let message =
          if let noun = candidate.noun {
            "“\(text)” does not name the \(document.string(words[noun].range).lowercased()); name who said it or cite where it was said"
          } else if text.lowercased().contains("attributed") {
            "“\(text)” does not say who made the remarks or where; cite where they were said or published"
          } else {
            "“\(text)” does not say who is the source; name the person or organisation, or cite where it was said"
          }
        results.append(diagnostic(sentence.textRange(candidate.range), message))
      }
    }
    return results
  }
}
