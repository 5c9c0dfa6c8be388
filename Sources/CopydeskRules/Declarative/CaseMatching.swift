/// Carries the capitalisation of the text a fix replaces over to its replacement.
///
/// `In order to` → `To`, `IN ORDER TO` → `TO`, `in order to` → `to`. A replacement that is itself
/// capitalised (a proper name such as `Kyiv`) keeps its capitals when the original is lowercase.
enum CaseMatching {
  /// `replacement` styled like `original`.
  static func apply(caseOf original: String, to replacement: String) -> String {
    guard !replacement.isEmpty else { return replacement }
    let letters = original.unicodeScalars.filter { $0.properties.isAlphabetic }
    guard let first = letters.first else { return replacement }
    if letters.count >= 2 && letters.allSatisfy({ $0.properties.isUppercase }) {
      return replacement.uppercased()
    }
    if first.properties.isUppercase {
      return capitalizingFirstLetter(replacement)
    }
    return replacement
  }

  /// The string with its first letter uppercased (the rest untouched).
  static func capitalizingFirstLetter(_ text: String) -> String {
    guard let index = text.firstIndex(where: { $0.isLetter }) else { return text }
    return text[..<index] + text[index].uppercased() + text[text.index(after: index)...]
  }
}
