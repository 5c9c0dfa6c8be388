import CopydeskCore

/// What the summary rules share: where the summary's words are, and whether it is a placeholder.
enum SummaryText {
  /// Indices of the tokens inside the summary's range.
  static func tokenRange(_ summary: Summary, in document: Document) -> Range<Int> {
    let start = document.tokenIndex(atOrAfter: summary.range.start)
    var end = start
    while end < document.tokens.count, document.tokens[end].start < summary.range.end { end += 1 }
    return start..<end
  }

  /// Where a finding about the summary sits: the summary text from its first word to its end (leading
  /// symbols and comments are not the summary's words).
  static func findingRange(_ summary: Summary, in document: Document) -> TextRange {
    let tokens = document.tokens
    for index in tokenRange(summary, in: document) where tokens[index].isWordLike && tokens[index].role.isProse {
      return TextRange(start: tokens[index].start, end: max(tokens[index].end, summary.range.end))
    }
    return summary.range
  }

  /// True when the summary has no text at all (`summary:`, `summary: ""`, an empty Summary section).
  static func isEmpty(_ summary: Summary) -> Bool {
    summary.text.unicodeScalars.allSatisfy { $0.properties.isWhitespace }
  }

  /// Word and number tokens of the summary.
  static func wordCount(_ summary: Summary, in document: Document) -> Int {
    let tokens = document.tokens
    return tokenRange(summary, in: document).reduce(0) { count, index in
      count + (tokens[index].isWordLike && tokens[index].role.isProse ? 1 : 0)
    }
  }

  static let markers: Set<String> = ["TK", "TKTK", "TODO", "TBD", "TBC", "FIXME", "XXX"]
  static let phrases = PhraseMatcher(BuiltInRuleData.list("summary-placeholders"))
  static let wholeTexts = Set(BuiltInRuleData.list("summary-placeholder-texts").map { $0.lowercased() })

  /// The placeholder that makes the summary not a summary, as written (`TK`, `Lorem ipsum`), or nil.
  /// An empty summary is not a placeholder: `summary/missing` reports it.
  static func placeholder(_ summary: Summary, in document: Document) -> String? {
    guard !isEmpty(summary) else { return nil }
    let trimmed = trimmedText(summary.text)
    if wholeTexts.contains(trimmed.lowercased()) { return trimmed }
    if !summary.text.unicodeScalars.contains(where: { $0.properties.isAlphabetic || $0.properties.numericType != nil }) {
      return trimmed
    }
    let tokens = document.tokens
    let range = tokenRange(summary, in: document)
    for index in range where tokens[index].kind == .word && tokens[index].role.isProse {
      let text = document.string(tokens[index])
      if markers.contains(text) { return text }
    }
    if let match = phrases.matches(in: document, tokenRange: range).first {
      return document.string(TextRange(start: tokens[match.firstToken].start, end: tokens[match.lastToken].end))
    }
    return nil
  }

  /// The text without surrounding spaces, brackets, quotes and final punctuation: `[TK]` → `TK`.
  static func trimmedText(_ text: String) -> String {
    var scalars = Substring(text)
    while let first = scalars.first, trimmedCharacters.contains(first) { scalars.removeFirst() }
    while let last = scalars.last, trimmedCharacters.contains(last) { scalars.removeLast() }
    return scalars.isEmpty ? text.trimmingCharacters() : String(scalars)
  }

  private static let trimmedCharacters: Set<Character> = [
    " ", "\t", "\n", "\r", "[", "]", "(", ")", "<", ">", "*", "_", "\"", "“", "”", ".", ":", "!", ";", ",",
  ]
}

extension String {
  /// Without leading and trailing whitespace (Core avoids Foundation).
  func trimmingCharacters() -> String {
    var scalars = Substring(self)
    while let first = scalars.first, first.isWhitespace { scalars.removeFirst() }
    while let last = scalars.last, last.isWhitespace { scalars.removeLast() }
    return String(scalars)
  }
}
