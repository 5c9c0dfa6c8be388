public import CopydeskCore

/// A rule defined as data in a pack (`Rules/` or a house pack): one of the fixed kinds of
/// `DeclarativeRuleKind`, with its word lists compiled once into a `PhraseMatcher`.
///
/// Matching runs over the document's word tokens, so code, URLs, link targets, HTML comments and
/// front-matter keys are never matched, and words match across line breaks and emphasis markers.
public struct DeclarativeRule: Rule {
  public let description: RuleDescription
  public let spec: DeclarativeRuleSpec
  private let matcher: PhraseMatcher
  /// For each phrase of the matcher: the words as written (for case-sensitive rules).
  private let phraseWords: [[Substring]]
  /// `consistency`: for each phrase of the matcher, its group, its form, and whether it is the possessive (`’s`) form.
  private let variants: [(group: Int, form: Int, possessive: Bool)]

  public init(spec: DeclarativeRuleSpec) {
    self.spec = spec
    self.description = RuleDescription(
      id: spec.id, name: spec.name, summary: spec.summary, explanation: spec.explanation, defaultSeverity: spec.severity,
      isFixable: spec.kind.isFixable, examples: spec.examples)
    var phrases: [String] = []
    var variants: [(group: Int, form: Int, possessive: Bool)] = []
    switch spec.kind {
    case .existence, .occurrence:
      phrases = spec.tokens
    case .substitution:
      phrases = spec.swap.map(\.phrase)
    case .consistency:
      for (group, forms) in spec.groups.enumerated() {
        for (form, spelling) in forms.enumerated() {
          phrases.append(spelling)
          variants.append((group, form, false))
          // `Kiev's` is one token; match it too and keep the suffix when fixing.
          phrases.append(spelling + "'s")
          variants.append((group, form, true))
        }
      }
    }
    self.matcher = PhraseMatcher(phrases)
    self.phraseWords = phrases.map { $0.split(whereSeparator: { $0 == " " || $0 == "\t" }) }
    self.variants = variants
  }

  /// A factory for this rule. Declarative rules have no options; any given are rejected.
  public var factory: RuleFactory {
    let rule = self
    return RuleFactory(description) { _ throws(RuleOptionError) in rule }
  }

  public func check(_ document: Document, context: RuleContext) -> [Diagnostic] {
    let skipQuoted = spec.skipQuoted
    var matches = matcher.matches(in: document, tokenRange: 0..<document.tokens.count) { token in
      token.role.isProse && !(skipQuoted && token.isQuoted)
    }
    if !spec.ignoreCase && spec.kind != .consistency {
      matches = matches.filter { isWrittenAsListed($0, in: document) }
    }
    switch spec.kind {
    case .existence: return existence(matches, in: document)
    case .substitution: return substitution(matches, in: document)
    case .occurrence: return occurrence(matches, in: document)
    case .consistency: return consistency(matches, in: document)
    }
  }

  // MARK: Kinds

  private func existence(_ matches: [PhraseMatcher.Match], in document: Document) -> [Diagnostic] {
    matches.map { match in
      let range = self.range(of: match, in: document)
      return diagnostic(range, spec.message.render([.match: document.string(range)]))
    }
  }

  private func substitution(_ matches: [PhraseMatcher.Match], in document: Document) -> [Diagnostic] {
    matches.map { match in
      let range = self.range(of: match, in: document)
      let original = document.string(range)
      let replacement = CaseMatching.apply(caseOf: original, to: spec.swap[match.phraseIndex].replacement)
      let message = spec.message.render([.match: original, .replacement: replacement])
      // A quotation is the speaker's wording: report it, but do not rewrite it.
      let quoted = document.tokens[match.firstToken].isQuoted
      let fix = quoted ? nil : self.fix(replacing: match, in: document, with: replacement)
      return diagnostic(range, message, fix: fix)
    }
  }

  private func occurrence(_ matches: [PhraseMatcher.Match], in document: Document) -> [Diagnostic] {
    // Group matches by the unit they are counted in.
    var units: [Int: [PhraseMatcher.Match]] = [:]
    var order: [Int] = []
    for match in matches {
      let unit: Int
      switch spec.scope {
      case .document: unit = 0
      case .paragraph: unit = Int(document.tokens[match.firstToken].blockIndex)
      case .sentence: unit = document.sentenceIndex(containingToken: match.firstToken) ?? -1 - match.firstToken
      }
      if units[unit] == nil { order.append(unit) }
      units[unit, default: []].append(match)
    }
    var results: [Diagnostic] = []
    for unit in order {
      let group = units[unit]!
      guard group.count > spec.max else { continue }
      let first = self.range(of: group[0], in: document)
      for match in group.dropFirst(spec.max) {
        let range = self.range(of: match, in: document)
        let message = spec.message.render([.match: document.string(range), .count: String(group.count), .max: String(spec.max)])
        let related = [RelatedLocation(range: first, message: "First use of “\(document.string(first))”")]
        results.append(diagnostic(range, message, related: related))
      }
    }
    return results
  }

  private func consistency(_ matches: [PhraseMatcher.Match], in document: Document) -> [Diagnostic] {
    var first: [Int: (form: Int, range: TextRange)] = [:]
    var results: [Diagnostic] = []
    for match in matches {
      let variant = variants[match.phraseIndex]
      var range = self.range(of: match, in: document)
      if variant.possessive { range.end -= possessiveSuffixLength(document.tokens[match.lastToken], in: document) }
      guard let chosen = first[variant.group] else {
        first[variant.group] = (variant.form, range)
        continue
      }
      guard chosen.form != variant.form else { continue }
      let original = document.string(range)
      let replacement = CaseMatching.apply(caseOf: original, to: spec.groups[variant.group][chosen.form])
      let message = spec.message.render([.match: original, .replacement: replacement])
      let fix = Fix(title: "Write “\(replacement)”", edits: [TextEdit(range: range, newText: replacement)])
      let related = [RelatedLocation(range: chosen.range, message: "First written as “\(document.string(chosen.range))” here")]
      results.append(diagnostic(range, message, fix: containsMarkup(match, in: document) ? nil : fix, related: related))
    }
    return results
  }

  // MARK: Helpers

  private func range(of match: PhraseMatcher.Match, in document: Document) -> TextRange {
    TextRange(start: document.tokens[match.firstToken].start, end: document.tokens[match.lastToken].end)
  }

  /// True when inline markup (`*in order* to`) sits inside the match: replacing it would unbalance the markup.
  private func containsMarkup(_ match: PhraseMatcher.Match, in document: Document) -> Bool {
    guard match.lastToken > match.firstToken else { return false }
    return document.tokens[match.firstToken...match.lastToken].contains { $0.kind == .opaque }
  }

  /// Byte length of the `'s` / `’s` ending of a possessive token.
  private func possessiveSuffixLength(_ token: Token, in document: Document) -> Int {
    let bytes = document.text.bytes
    if token.end - token.start >= 4, bytes[token.end - 4] == 0xE2, bytes[token.end - 3] == 0x80, bytes[token.end - 2] == 0x99 { return 4 }
    return 2
  }

  /// True when the matched words are written exactly as in the list (case-sensitive rules).
  private func isWrittenAsListed(_ match: PhraseMatcher.Match, in document: Document) -> Bool {
    let words = phraseWords[match.phraseIndex]
    var index = 0
    for token in document.tokens[match.firstToken...match.lastToken] where token.isWordLike {
      guard index < words.count else { return false }
      var text = document.string(token)
      if text.contains("\u{2019}") { text = String(text.map { $0 == "\u{2019}" ? "'" : $0 }) }
      guard text == words[index] else { return false }
      index += 1
    }
    return index == words.count
  }

  /// Replaces the match with `replacement`; an empty replacement deletes the phrase and one space beside it.
  private func fix(replacing match: PhraseMatcher.Match, in document: Document, with replacement: String) -> Fix? {
    guard !containsMarkup(match, in: document) else { return nil }
    let range = self.range(of: match, in: document)
    let original = document.string(range)
    guard !replacement.isEmpty else {
      let tokens = document.tokens
      var edits: [TextEdit] = []
      if match.lastToken + 1 < tokens.count, tokens[match.lastToken + 1].kind == .space {
        edits.append(TextEdit(range: TextRange(start: range.start, end: tokens[match.lastToken + 1].end), newText: ""))
        // Deleting the first word of a sentence: capitalise the next one.
        let next = match.lastToken + 2
        if tokens[match.firstToken].flags.contains(.sentenceStart), next < tokens.count, tokens[next].kind == .word,
          !tokens[next].flags.contains(.capitalized)
        {
          let word = document.string(tokens[next])
          if let first = word.first, first.isLetter {
            let length = String(first).utf8.count
            edits.append(TextEdit(range: TextRange(start: tokens[next].start, end: tokens[next].start + length), newText: first.uppercased()))
          }
        }
      } else if match.firstToken > 0, tokens[match.firstToken - 1].kind == .space {
        edits.append(TextEdit(range: TextRange(start: tokens[match.firstToken - 1].start, end: range.end), newText: ""))
      } else {
        edits.append(TextEdit(range: range, newText: ""))
      }
      return Fix(title: "Delete “\(original)”", edits: edits)
    }
    return Fix(title: "Replace “\(original)” with “\(replacement)”", edits: [TextEdit(range: range, newText: replacement)])
  }
}
