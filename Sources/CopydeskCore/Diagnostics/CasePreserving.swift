/// Gives a substitution the letter case of the text it replaces, so fixes keep sentence starts and
/// shouting intact: `In order to` → `To`, `IN ORDER TO` → `TO`, `in order to` → `to`.
///
/// Rules that substitute words (wordy phrases, spelling variants, title rewrites) call this instead
/// of inventing their own case logic, so every fix treats case the same way.
public enum CasePreserving {
  /// The case pattern of a piece of text, judged by its letters only.
  public enum Pattern: Sendable, Hashable {
    /// No uppercase letter at the start and not all caps (`in order to`, `iPhone`), or no letters at all.
    case asWritten
    /// The first letter is uppercase (`In order to`, `In Order To`, `I`).
    case capitalized
    /// Two or more letters, all uppercase (`IN ORDER TO`, `TK`).
    case allCaps
  }

  /// The case pattern of `text`.
  ///
  /// A single uppercase letter (`I`, `A`) counts as capitalised, not all caps: one letter cannot tell
  /// shouting from a sentence start.
  public static func pattern<S: StringProtocol>(of text: S) -> Pattern {
    var letterCount = 0
    var uppercaseCount = 0
    var firstLetterIsUppercase = false
    for character in text where character.isLetter {
      if letterCount == 0 { firstLetterIsUppercase = character.isUppercase }
      if character.isUppercase { uppercaseCount += 1 }
      letterCount += 1
    }
    if letterCount >= 2 && uppercaseCount == letterCount { return .allCaps }
    return firstLetterIsUppercase ? .capitalized : .asWritten
  }

  /// `replacement` in the case pattern of `original`.
  ///
  /// - All caps originals give an all-caps replacement.
  /// - Capitalised originals give the replacement with its first letter uppercased (only when a letter,
  ///   not a digit, is the first alphanumeric character, so `20 people` stays as written).
  /// - Otherwise the replacement is returned as written, so proper nouns in a substitution table
  ///   (`Kyiv`) keep their capitals after a lowercase original.
  public static func apply<R: StringProtocol, O: StringProtocol>(replacement: R, like original: O) -> String {
    switch pattern(of: original) {
    case .asWritten: return String(replacement)
    case .allCaps: return replacement.uppercased()
    case .capitalized: return capitalizingFirstLetter(replacement)
    }
  }

  /// Uppercases the first letter when it is the first alphanumeric character; the rest is unchanged.
  public static func capitalizingFirstLetter<S: StringProtocol>(_ text: S) -> String {
    guard let index = text.firstIndex(where: { $0.isLetter || $0.isNumber }), text[index].isLetter,
      text[index].isLowercase
    else { return String(text) }
    return String(text[..<index]) + text[index].uppercased() + String(text[text.index(after: index)...])
  }
}
