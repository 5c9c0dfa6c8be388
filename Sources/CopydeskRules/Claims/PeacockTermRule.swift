public import CopydeskCore

/// Flags unverifiable praise and certainty: `unprecedented`, `world-class`, `undoubtedly`, `everyone knows`.
///
/// Fix: none; the writer should show the facts that earn the word, or attribute it. The sentence
/// passes when it cites or names a speaker (the praise is then someone's view). Quoted speech is skipped.
public struct PeacockTermRule: Rule {
  public static let description = RuleDescription(
    id: "claims/peacock", name: "Peacock Term",
    summary: "Replace unverifiable praise with the facts behind it",
    explanation: """
      Flags words that praise or assert certainty without evidence: “unprecedented”, “world-class”, \
      “groundbreaking”, “undoubtedly”, “everyone knows”. They tell the reader what to think instead of \
      showing why. Replace the word with the fact that earns it (“the first such treaty since 1991”), or \
      attribute the judgement to a named source; a sentence that names a speaker or cites a source passes. \
      Quoted speech is skipped.
      """,
    defaultSeverity: .info,
    examples: [
      .triggers("The two capitals signed an ⟦unprecedented⟧ agreement."),
      .triggers("The port has ⟦world-class⟧ facilities."),
      .triggers("⟦Everyone knows⟧ the treaty was a mistake."),
      .triggers("The reform is ⟦undoubtedly⟧ the most important of the decade."),
      .triggers("Harbour works\n\nThe new crane is ⟦groundbreaking⟧.", format: .plainText),
      .passes("The two capitals signed their first trade agreement since 1991."),
      .passes("The agreement is unprecedented, Dedov stressed."),
      .passes("The port has [world-class facilities](https://example.org/port-review)."),
      .passes("Analysts at the IMF said the reform was undoubtedly overdue."),
      .passes("The brochure calls it `world-class`."),
      .passes("```\nAn unprecedented agreement.\n```"),
      .passes("<!-- unprecedented? -->\nThe agreement was signed."),
      .passes("The minister called it “an unprecedented agreement”."),
      .passes("See https://example.org/unprecedented-deal for the text."),
      .passes("According to Reuters, the agreement is unprecedented."),
      .passes("The port has world-class facilities.[^1]\n\n[^1]: Port authority survey, 2024."),
    ])

  public var description: RuleDescription { Self.description }
  /// Measured on long drafts (copydesk-bench --sections large-rules).
  public var relativeCost: Int { 3 }

  public init() {}

  public static let factory = RuleFactory(PeacockTermRule())

  static let roles: RoleSet = [.body, .heading, .summary, .frontMatterValue]

  public func check(_ document: Document, context: RuleContext) -> [Diagnostic] {
    let reader = ClaimReader(document)
    var results: [Diagnostic] = []
    for unit in reader.units(roles: Self.roles, matching: reader.lexicon.peacockTerms) {
      let sentence = reader.sentence(unit, roles: Self.roles)
      guard !sentence.words.isEmpty else { continue }
      for match in sentence.matches(of: reader.lexicon.peacockTerms) {
        let namedCrowd = sentence.words.indices.contains { reader.lexicon.crowdNouns.contains(sentence.words[$0].hash) && sentence.crowdIsNamed(noun: $0) }
        if namedCrowd || sentence.isAttributed(excluding: match.lowerBound..<(match.upperBound + 1), allowingEarlierSpeaker: true) { continue }
        let text = sentence.text(match)
        results.append(diagnostic(sentence.textRange(match), "“\(text)” is praise the reader cannot check; show the facts behind it or attribute it"))
      }
    }
    return results
  }
}
