/// An immutable, parsed snapshot of one draft, shared by every rule.
///
/// Built once by the single tokenising pass (`DocumentParser`): tokens, sentences and blocks carry
/// their ranges, so rules never re-find text by searching.
public struct Document: Sendable {
  /// The path used in output (as given, or relative to the root).
  public let path: String
  public let format: DraftFormat
  public let text: SourceText
  /// Every token, in order. Opaque tokens stand for code, URLs, comments and markup.
  public let tokens: [Token]
  public let sentences: [Sentence]
  public let blocks: [Block]
  public let article: Article
  public let suppressions: Suppressions
  /// Sorted, non-overlapping ranges that fixes must never edit: code, URLs, link targets, HTML
  /// comments, front-matter delimiters and keys.
  public let protectedRanges: [TextRange]
  /// Values derived from this document that several rules share (see `DocumentMemo`).
  public let memo = DocumentMemo()

  /// Parses `text` as a draft of `format`.
  ///
  /// - Parameter cache: the blocks of this document's earlier versions (see `BlockTokenCache`); the result is
  ///   the same with or without it, only faster when most blocks are unchanged.
  public init(path: String, format: DraftFormat? = nil, text: SourceText, cache: BlockTokenCache? = nil) {
    self.path = path
    let format = format ?? DraftFormat.forPath(path)
    self.format = format
    self.text = text
    var parser = DocumentParser(text: text, format: format, cache: cache)
    parser.parse()
    self.tokens = parser.tokens
    self.sentences = parser.sentences
    self.blocks = parser.blocks
    self.article = parser.article
    self.suppressions = parser.makeSuppressions()
    self.protectedRanges = parser.protectedRanges
  }

  /// Parses a string (tests and the language server).
  public init(path: String, format: DraftFormat? = nil, string: String) {
    self.init(path: path, format: format, text: SourceText(string))
  }

  /// The text of a token.
  public func string(_ token: Token) -> String { text[token.range] }

  /// The text of a range.
  public func string(_ range: TextRange) -> String { text[range] }

  /// The bytes of a token, without copying.
  public func bytes(_ token: Token) -> ArraySlice<UInt8> { text.bytes[token.start..<token.end] }

  /// True when a token's text equals `literal` (ASCII, exact bytes).
  public func token(_ token: Token, is literal: StaticString) -> Bool {
    let length = literal.utf8CodeUnitCount
    guard token.end - token.start == length else { return false }
    return literal.withUTF8Buffer { buffer in
      var index = 0
      while index < length {
        if text.bytes[token.start + index] != buffer[index] { return false }
        index += 1
      }
      return true
    }
  }

  /// The first byte of a token (for quick punctuation checks).
  public func firstByte(_ token: Token) -> UInt8 { text.bytes[token.start] }

  /// True when `range` overlaps code, a URL, a link target, an HTML comment or a front-matter key.
  public func isProtected(_ range: TextRange) -> Bool {
    var low = 0
    var high = protectedRanges.count
    while low < high {
      let mid = (low + high) / 2
      if protectedRanges[mid].end <= range.start { low = mid + 1 } else { high = mid }
    }
    guard low < protectedRanges.count else { return false }
    let candidate = protectedRanges[low]
    return candidate.start < range.end || (range.isEmpty && candidate.start <= range.start && range.start < candidate.end)
  }

  /// The index of the first token whose end is after `offset`. O(log n).
  public func tokenIndex(atOrAfter offset: Int) -> Int {
    var low = 0
    var high = tokens.count
    while low < high {
      let mid = (low + high) / 2
      if tokens[mid].end <= offset { low = mid + 1 } else { high = mid }
    }
    return low
  }

  /// The sentence holding the token at `tokenIndex`, if any. O(log n).
  public func sentenceIndex(containingToken tokenIndex: Int) -> Int? {
    var low = 0
    var high = sentences.count
    while low < high {
      let mid = (low + high) / 2
      if sentences[mid].tokenRange.upperBound <= tokenIndex { low = mid + 1 } else { high = mid }
    }
    guard low < sentences.count, sentences[low].tokenRange.contains(tokenIndex) else { return nil }
    return low
  }
}
