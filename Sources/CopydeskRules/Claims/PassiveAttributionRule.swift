public import CopydeskCore

/// Flags a passive attribution that hides who made a claim: `it is believed`, `it has been reported`,
/// `reportedly`, `allegedly`, `is said to`.
///
/// Fix: none. The sentence passes when it cites (a link, a footnote, a URL, `according to <Named
/// Source>`) or names a speaker. `It is widely believed` and its kin are `claims/weasel`. Quoted speech is skipped.
public struct PassiveAttributionRule: Rule {
  public static let description = RuleDescription(
    id: "claims/passive", name: "Passive Attribution",
    summary: "Say who believes or reported a claim instead of hiding it in the passive",
    explanation: """
      Flags claims whose source is hidden in a passive construction or an adverb: “it is believed”, “it has \
      been reported”, “is said to”, “reportedly”, “allegedly”. The reader cannot tell who believes or \
      reported it, or whether anyone did. Name the source (“Reuters reported”), or cite it with a link, a \
      footnote or a URL; the sentence then passes. Phrases with a crowd (“it is widely believed”) belong \
      to claims/weasel. Quoted speech is skipped.
      """,
    defaultSeverity: .warning,
    examples: [
      .triggers("⟦It is believed⟧ that the ship sank in the storm."),
      .triggers("The minister ⟦reportedly⟧ resigned on Friday."),
      .triggers("⟦It has been reported⟧ that the talks collapsed."),
      .triggers("The general ⟦is said to⟧ favour a ceasefire."),
      .triggers("The funds were ⟦allegedly⟧ moved offshore."),
      .triggers("Harbour talks\n\nThe ferry ⟦reportedly⟧ sank.", format: .plainText),
      .passes("The minister reportedly resigned on Friday, Reuters reported."),
      .passes("According to the Associated Press, the minister reportedly resigned."),
      .passes("The funds were [allegedly moved offshore](https://example.org/filing)."),
      .passes("The general is said to favour a ceasefire.[^3]\n\n[^3]: Interview with the defence ministry."),
      .passes("Analysts at the IMF said the funds were allegedly moved offshore."),
      .passes("The filing uses `allegedly` eleven times."),
      .passes("```\nThe minister reportedly resigned.\n```"),
      .passes("<!-- reportedly resigned: check -->\nThe minister resigned."),
      .passes("He said: “The minister reportedly resigned, but I doubt it.”"),
      .passes("The archive at https://example.org/reportedly-resigned has the story."),
    ])

  public var description: RuleDescription { Self.description }
  /// Measured on long drafts (copydesk-bench --sections large-rules).
  public var relativeCost: Int { 2 }

  public init() {}

  public static let factory = RuleFactory(PassiveAttributionRule())

  static let roles: RoleSet = [.body, .heading, .summary, .frontMatterValue]

  public func check(_ document: Document, context: RuleContext) -> [Diagnostic] {
    let reader = ClaimReader(document)
    var results: [Diagnostic] = []
    for unit in reader.units(roles: Self.roles, matching: reader.lexicon.passivePhrases) {
      let sentence = reader.sentence(unit, roles: Self.roles)
      guard !sentence.words.isEmpty else { continue }
      for match in sentence.matches(of: reader.lexicon.passivePhrases) {
        // `Analysts at the IMF said`: a crowd named by its organisation sources the sentence.
        let namedCrowd = sentence.words.indices.contains { reader.lexicon.crowdNouns.contains(sentence.words[$0].hash) && sentence.crowdIsNamed(noun: $0) }
        if namedCrowd || sentence.isAttributed(excluding: match.lowerBound..<(match.upperBound + 1), allowingEarlierSpeaker: true) { continue }
        let text = sentence.text(match)
        results.append(diagnostic(sentence.textRange(match), "“\(text)” hides who made the claim; name the source or cite it"))
      }
    }
    return results
  }
}
