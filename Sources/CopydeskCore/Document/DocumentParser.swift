/// The single tokenising pass: finds blocks line by line, tokenises their inline content,
/// splits sentences and extracts the article structure (title, summary, references, chrome).
struct DocumentParser {
  let text: SourceText
  let bytes: [UInt8]
  let format: DraftFormat

  var tokens: [Token] = []
  var sentences: [Sentence] = []
  var blocks: [Block] = []
  var article = Article()
  var protectedRanges: [TextRange] = []
  var directives: [(directive: Suppressions.Directive, comment: TextRange, nextLineRange: TextRange)] = []

  /// Tokenizer state carried across the lines of one block.
  private var quoteDepth = 0
  private var straightDoubleOpen = false

  /// Earlier versions' text blocks, reused when their bytes are unchanged (the editor's cache).
  private let cache: BlockTokenCache?
  /// `DocumentParser.asciiClass`, held here: reading a global in the scanning loop checks its lazy
  /// initialisation on every byte.
  private let byteClasses = DocumentParser.asciiClass

  init(text: SourceText, format: DraftFormat, cache: BlockTokenCache? = nil) {
    self.text = text
    self.bytes = text.bytes
    self.format = format
    self.cache = cache
    // Prose runs about 2.8 bytes a token (words, spaces, punctuation). Reserving for 2 bytes a token avoids
    // the doubling copy near the end of a long draft; pages never written are never faulted in.
    tokens.reserveCapacity(bytes.count / 2 + 16)
    sentences.reserveCapacity(bytes.count / 64 + 4)
    cache?.beginParse()
  }

  // MARK: Lines

  private func lineContent(_ index: Int) -> TextRange { text.lineContentRange(index) }

  private func isBlank(_ range: TextRange) -> Bool {
    var index = range.start
    while index < range.end {
      let byte = bytes[index]
      if byte != 0x20 && byte != 0x09 { return false }
      index += 1
    }
    return true
  }

  private func trim(_ range: TextRange) -> TextRange {
    var start = range.start
    var end = range.end
    while start < end, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
    while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
    return TextRange(start: start, end: end)
  }

  private func leadingSpaces(_ range: TextRange) -> Int {
    var count = 0
    var index = range.start
    while index < range.end {
      if bytes[index] == 0x20 {
        count += 1
      } else if bytes[index] == 0x09 {
        count += 4 - count % 4
      } else {
        break
      }
      index += 1
    }
    return count
  }

  /// Byte comparison with a literal, no allocation: called for every line and many words.
  private func startsWith(_ range: TextRange, _ literal: StaticString) -> Bool {
    let count = literal.utf8CodeUnitCount
    guard range.length >= count else { return false }
    let literalBytes = literal.utf8Start
    for offset in 0..<count where bytes[range.start + offset] != literalBytes[offset] { return false }
    return true
  }

  /// True when the line's content, trimmed of blanks, is exactly `literal`. Byte equality is what `==` on
  /// strings gives here: no literal used contains a character that another sequence is canonically equal to.
  private func lineIs(_ content: TextRange, _ literal: StaticString) -> Bool {
    let trimmed = trim(content)
    return trimmed.length == literal.utf8CodeUnitCount && startsWith(trimmed, literal)
  }

  /// The footer labels and the teaser's first line, which start a block of their own.
  private func isChromeLabel(_ content: TextRange) -> Bool {
    lineIs(content, "No time to read?") || lineIs(content, "Previous Article") || lineIs(content, "Next Article")
  }

  // MARK: Parse

  mutating func parse() {
    let lineCount = text.lineCount
    var line = 0
    if format == .markdown {
      line = parseFrontMatter()
    }
    var bodyStart: Int? = nil
    var bodyEnd = 0
    var paragraphLines: [Int] = []
    var paragraphKind: BlockKind = .paragraph
    var pendingSummaryLabel = false
    var summaryHeadingActive = false
    var sawBody = false
    var sawTitle = article.title != nil

    func noteBody(_ range: TextRange) {
      if bodyStart == nil { bodyStart = range.start }
      bodyEnd = Swift.max(bodyEnd, range.end)
    }

    while line < lineCount || !paragraphLines.isEmpty {
      let content = line < lineCount ? lineContent(line) : TextRange(start: bytes.count, end: bytes.count)
      let blank = line >= lineCount || isBlank(content)

      // Close the open paragraph on a blank line, at the end, or before a line that starts a new block.
      let startsBlock = !blank && line < lineCount && !paragraphLines.isEmpty && lineStartsNewBlock(content, inList: paragraphKind == .listItem)
      if !paragraphLines.isEmpty && (blank || startsBlock) {
        // Setext heading underline handled when seen; here just emit.
        var kind = paragraphKind
        let first = lineContent(paragraphLines[0])
        if format == .plainText && kind == .paragraph && !sawBody && article.summary == nil {
          if pendingSummaryLabel {
            kind = .summary
          } else if startsWith(trim(first), "Summary:") {
            kind = .summary
          }
        }
        if summaryHeadingActive && (kind == .paragraph || kind == .listItem) {
          // The summary is the paragraph under the heading, or the list there; what follows is body.
          if kind == .paragraph && article.summary != nil {
            summaryHeadingActive = false
          } else {
            kind = .summary
          }
        }
        let blockIndex = emitTextBlock(lines: paragraphLines, kind: kind)
        let block = blocks[blockIndex]
        if kind == .summary {
          recordSummary(block: blockIndex, fromLabel: startsWith(trim(first), "Summary:"))
          if !summaryHeadingActive { pendingSummaryLabel = false }
          if paragraphKind != .listItem { summaryHeadingActive = false }
        } else {
          sawBody = true
          noteBody(block.range)
        }
        paragraphLines = []
        paragraphKind = .paragraph
        if line >= lineCount { break }
      }
      if line >= lineCount { break }
      if blank {
        line += 1
        continue
      }

      // Plain-text title: the first non-blank line.
      if format == .plainText && !sawTitle {
        let range = trim(content)
        let blockIndex = emitTextBlock(lines: [line], kind: .title)
        article.title = TextSpan(text: text[range], range: range)
        _ = blockIndex
        sawTitle = true
        line += 1
        continue
      }

      // Teaser: `No time to read?` / `Get a summary` (site chrome, in either format).
      if lineIs(content, "No time to read?"), line + 1 < lineCount, lineIs(lineContent(line + 1), "Get a summary") {
        _ = emitChrome(lines: [line, line + 1])
        article.teasers.append(TextRange(start: trim(content).start, end: trim(lineContent(line + 1)).end))
        line += 2
        continue
      }

      // Footer: `Previous Article` / `Next Article`, then the referenced title on the next non-blank line.
      let isPreviousLabel = lineIs(content, "Previous Article")
      if isPreviousLabel || lineIs(content, "Next Article") {
        let direction: NavigationDirection = isPreviousLabel ? .previous : .next
        _ = emitChrome(lines: [line])
        var target = line + 1
        // In Markdown, one-line HTML comments (a suppression, say) may sit between the label and the title.
        var comments: [Int] = []
        while target < lineCount {
          let candidate = trim(lineContent(target))
          if candidate.isEmpty {
            target += 1
          } else if format == .markdown, isOneLineComment(candidate) {
            comments.append(target)
            target += 1
          } else {
            break
          }
        }
        if target < lineCount {
          if !isChromeLabel(lineContent(target)) {
            for comment in comments {
              recordComment(trim(lineContent(comment)))
              emitOpaqueBlock(from: comment, through: comment, kind: .htmlBlock, role: .htmlComment)
            }
            let range = trim(lineContent(target))
            _ = emitChrome(lines: [target])
            let reference = NavigationReference(direction: direction, name: text[range], range: range, isFooter: true)
            if direction == .previous { article.previous = reference } else { article.next = reference }
            line = target + 1
            continue
          }
        }
        line += 1
        continue
      }

      if format == .plainText {
        if lineIs(content, "Summary") && !sawBody && article.summary == nil {
          _ = emitChrome(lines: [line])
          pendingSummaryLabel = true
          line += 1
          continue
        }
        paragraphLines.append(line)
        line += 1
        continue
      }

      // Markdown blocks.
      let indent = leadingSpaces(content)
      let inner = trim(content)
      if paragraphLines.isEmpty && indent >= 4 {
        // Indented code block: until a non-blank line with less indentation.
        var end = line
        var last = line
        while end < lineCount {
          let range = lineContent(end)
          if isBlank(range) {
            end += 1
            continue
          }
          if leadingSpaces(range) < 4 { break }
          last = end
          end += 1
        }
        emitOpaqueBlock(from: line, through: last, kind: .codeBlock, role: .code)
        line = last + 1
        continue
      }
      if indent < 4, let fence = fenceMarker(inner) {
        var end = line + 1
        while end < lineCount {
          let candidate = trim(lineContent(end))
          if leadingSpaces(lineContent(end)) < 4, closesFence(candidate, fence) { break }
          end += 1
        }
        let last = Swift.min(end, lineCount - 1)
        emitOpaqueBlock(from: line, through: last, kind: .codeBlock, role: .code)
        line = last + 1
        continue
      }
      if startsWith(inner, "<!--") && !lineHasCommentEnd(inner, from: inner.start + 4) {
        var end = line + 1
        while end < lineCount, !lineHasCommentEnd(lineContent(end), from: lineContent(end).start) { end += 1 }
        let last = Swift.min(end, lineCount - 1)
        let range = TextRange(start: inner.start, end: commentEnd(in: TextRange(start: inner.start, end: lineContent(last).end)))
        recordComment(range)
        emitOpaqueBlock(from: line, through: last, kind: .htmlBlock, role: .htmlComment)
        line = last + 1
        continue
      }
      if let level = atxHeadingLevel(inner) {
        let blockIndex = emitHeading(line: line, level: level)
        let headingText = headingTitle(blocks[blockIndex])
        let folded = headingText.lowercased().trimmingTrailing(":")
        if level == 1 && article.title == nil {
          article.title = TextSpan(text: text[headingRange(blocks[blockIndex])], range: headingRange(blocks[blockIndex]))
        } else {
          noteBody(blocks[blockIndex].range)
        }
        summaryHeadingActive = ["summary", "tl;dr", "tldr", "in brief", "key points"].contains(folded) && article.summary == nil
        if !summaryHeadingActive { sawBody = sawBody || level > 1 }
        line += 1
        continue
      }
      if paragraphLines.isEmpty, isThematicBreak(inner) {
        emitOpaqueBlock(from: line, through: line, kind: .thematicBreak, role: .markup)
        line += 1
        continue
      }
      if !paragraphLines.isEmpty, paragraphKind == .paragraph, isSetextUnderline(inner) {
        // The paragraph above is a heading.
        let level = bytes[inner.start] == UInt8(ascii: "=") ? 1 : 2
        let blockIndex = emitTextBlock(lines: paragraphLines, kind: .heading(level: level))
        markRole(of: blockIndex, as: .heading)
        appendOpaque(inner, role: .markup, blockIndex: blockIndex)
        blocks[blockIndex].range = TextRange(start: blocks[blockIndex].range.start, end: inner.end)
        blocks[blockIndex].tokenRange = blocks[blockIndex].tokenRange.lowerBound..<tokens.count
        if level == 1 && article.title == nil {
          article.title = TextSpan(text: headingTitle(blocks[blockIndex]), range: headingRange(blocks[blockIndex]))
        } else {
          noteBody(blocks[blockIndex].range)
        }
        paragraphLines = []
        line += 1
        continue
      }
      if listMarkerLength(inner) != nil && indent < 4 {
        if !paragraphLines.isEmpty {
          // A new list item closes the previous block; loop around to emit it first.
          let blockIndex = emitTextBlock(lines: paragraphLines, kind: summaryHeadingActive ? .summary : paragraphKind)
          if summaryHeadingActive {
            recordSummary(block: blockIndex, fromLabel: false)
          } else {
            sawBody = true
            noteBody(blocks[blockIndex].range)
          }
          paragraphLines = []
        }
        paragraphKind = .listItem
        paragraphLines.append(line)
        line += 1
        continue
      }
      if paragraphLines.isEmpty && startsWith(inner, ">") {
        paragraphKind = .blockQuote
      }
      paragraphLines.append(line)
      line += 1
    }

    if let start = bodyStart {
      article.bodyRange = TextRange(start: start, end: Swift.max(start, bodyEnd))
    } else {
      article.bodyRange = TextRange(start: bytes.count, end: bytes.count)
    }
    protectedRanges.sort()
    protectedRanges = DocumentParser.merged(protectedRanges)
  }

  private func lineStartsNewBlock(_ content: TextRange, inList: Bool) -> Bool {
    if isChromeLabel(content) { return true }
    guard format == .markdown else { return false }
    let inner = trim(content)
    let indent = leadingSpaces(content)
    if indent >= 4 { return false }
    if fenceMarker(inner) != nil || atxHeadingLevel(inner) != nil { return true }
    if startsWith(inner, "<!--") && !lineHasCommentEnd(inner, from: inner.start + 4) { return true }
    if listMarkerLength(inner) != nil { return true }
    if startsWith(inner, ">") && !inList { return false }
    return false
  }

  // MARK: Front matter

  /// Parses `---` front matter at the top; returns the first line after it.
  private mutating func parseFrontMatter() -> Int {
    guard text.lineCount > 1, lineIs(lineContent(0), "---") else { return 0 }
    var close = 1
    while close < text.lineCount {
      let content = lineContent(close)
      if lineIs(content, "---") || lineIs(content, "...") { break }
      close += 1
    }
    guard close < text.lineCount else { return 0 }  // Unclosed: not front matter.
    let blockStart = tokens.count
    let range = TextRange(start: 0, end: text.lineContentRange(close).end)
    let blockIndex = blocks.count
    appendOpaque(lineContent(0), role: .frontMatter, blockIndex: blockIndex)
    var entries: [FrontMatterEntry] = []
    var line = 1
    while line < close {
      let content = lineContent(line)
      let inner = trim(content)
      if inner.isEmpty || bytes[inner.start] == UInt8(ascii: "#") {
        if !inner.isEmpty { appendOpaque(inner, role: .frontMatter, blockIndex: blockIndex) }
        line += 1
        continue
      }
      if startsWith(inner, "- ") || (inner.length == 1 && bytes[inner.start] == UInt8(ascii: "-")) {
        // A list item under the previous key.
        let itemRange = unquote(trim(TextRange(start: inner.start + 1, end: inner.end)))
        appendOpaque(TextRange(start: inner.start, end: inner.start + 1), role: .frontMatter, blockIndex: blockIndex)
        if !itemRange.isEmpty {
          appendOpaque(itemRange, role: .frontMatter, blockIndex: blockIndex)
          if !entries.isEmpty { entries[entries.count - 1].items.append(TextSpan(text: text[itemRange], range: itemRange)) }
        }
        line += 1
        continue
      }
      guard let colon = firstByte(UInt8(ascii: ":"), in: inner) else {
        appendOpaque(inner, role: .frontMatter, blockIndex: blockIndex)
        line += 1
        continue
      }
      let keyRange = trim(TextRange(start: inner.start, end: colon))
      let rawValue = trim(TextRange(start: colon + 1, end: inner.end))
      appendOpaque(TextRange(start: inner.start, end: colon + 1), role: .frontMatter, blockIndex: blockIndex)
      let key = text[keyRange].lowercased()
      var value: TextSpan? = nil
      if !rawValue.isEmpty {
        let valueRange = unquote(rawValue)
        let isNull = text[rawValue] == "null" || text[rawValue] == "~"
        if isNull {
          appendOpaque(rawValue, role: .frontMatter, blockIndex: blockIndex)
          value = TextSpan(text: "", range: TextRange(start: rawValue.start, end: rawValue.start))
        } else {
          value = TextSpan(text: text[valueRange], range: valueRange)
          if valueRange.start > rawValue.start {
            appendOpaque(TextRange(start: rawValue.start, end: valueRange.start), role: .frontMatter, blockIndex: blockIndex)
          }
          if key == "title" || key == "summary" {
            tokenizeInline([valueRange], role: .frontMatterValue, baseFlags: [], blockIndex: blockIndex, markdown: false)
          } else {
            appendOpaque(valueRange, role: .frontMatter, blockIndex: blockIndex)
          }
          if valueRange.end < rawValue.end {
            appendOpaque(TextRange(start: valueRange.end, end: rawValue.end), role: .frontMatter, blockIndex: blockIndex)
          }
        }
      }
      entries.append(FrontMatterEntry(key: TextSpan(text: text[keyRange], range: keyRange), value: value, items: []))
      line += 1
    }
    appendOpaque(lineContent(close), role: .frontMatter, blockIndex: blockIndex)
    // Keys and delimiters are protected; prose values are not, nor previous/next (navigation fixes
    // rewrite those names).
    protectedRanges.append(lineContent(0))
    protectedRanges.append(lineContent(close))
    for entry in entries {
      protectedRanges.append(TextRange(start: entry.key.range.start, end: entry.key.range.end + 1))
      let key = entry.key.text.lowercased()
      let isEditable = key == "title" || key == "summary" || key == "previous" || key == "next"
      if !isEditable, let value = entry.value { protectedRanges.append(value.range) }
      for item in entry.items { protectedRanges.append(item.range) }
    }
    blocks.append(Block(kind: .frontMatter, range: range, tokenRange: blockStart..<tokens.count))
    let frontMatter = FrontMatter(range: range, entries: entries)
    article.frontMatter = frontMatter
    if let title = frontMatter.entry("title")?.value, !title.text.isEmpty { article.title = title }
    if let slug = frontMatter.entry("slug")?.value, !slug.text.isEmpty { article.slug = slug }
    if let entry = frontMatter.entry("summary") {
      let span = entry.value ?? TextSpan(text: "", range: TextRange(start: entry.key.range.end + 1, end: entry.key.range.end + 1))
      article.summary = Summary(text: span.text, range: span.range, source: .frontMatter)
      if entry.value == nil, !entry.items.isEmpty {
        let joined = entry.items.map(\.text).joined(separator: " ")
        article.summary = Summary(text: joined, range: entry.items[0].range.union(entry.items[entry.items.count - 1].range), source: .frontMatter)
      }
    }
    for direction in [NavigationDirection.previous, .next] {
      if let value = frontMatter.entry(direction.rawValue)?.value, !value.text.isEmpty {
        let reference = NavigationReference(direction: direction, name: value.text, range: value.range, isFooter: false)
        if direction == .previous { article.previous = reference } else { article.next = reference }
      }
    }
    if let sources = frontMatter.entry("sources") {
      article.sources = sources.items
      if let value = sources.value, !value.text.isEmpty, value.text != "[]" { article.sources.append(value) }
    }
    return close + 1
  }

  /// Strips one pair of matching quotes.
  private func unquote(_ range: TextRange) -> TextRange {
    guard range.length >= 2 else { return range }
    let first = bytes[range.start]
    let last = bytes[range.end - 1]
    if (first == UInt8(ascii: "\"") || first == UInt8(ascii: "'")) && last == first {
      return TextRange(start: range.start + 1, end: range.end - 1)
    }
    return range
  }

  private func firstByte(_ byte: UInt8, in range: TextRange) -> Int? {
    var index = range.start
    while index < range.end {
      if bytes[index] == byte { return index }
      index += 1
    }
    return nil
  }

  // MARK: Block recognition

  private func fenceMarker(_ inner: TextRange) -> (byte: UInt8, count: Int)? {
    guard !inner.isEmpty else { return nil }
    let byte = bytes[inner.start]
    guard byte == UInt8(ascii: "`") || byte == UInt8(ascii: "~") else { return nil }
    var count = 0
    while inner.start + count < inner.end, bytes[inner.start + count] == byte { count += 1 }
    guard count >= 3 else { return nil }
    if byte == UInt8(ascii: "`"), firstByte(byte, in: TextRange(start: inner.start + count, end: inner.end)) != nil {
      return nil
    }
    return (byte, count)
  }

  private func closesFence(_ inner: TextRange, _ fence: (byte: UInt8, count: Int)) -> Bool {
    guard !inner.isEmpty else { return false }
    var count = 0
    while inner.start + count < inner.end, bytes[inner.start + count] == fence.byte { count += 1 }
    return count >= fence.count && inner.start + count == inner.end
  }

  private func atxHeadingLevel(_ inner: TextRange) -> Int? {
    var level = 0
    while inner.start + level < inner.end, bytes[inner.start + level] == UInt8(ascii: "#") { level += 1 }
    guard level >= 1, level <= 6 else { return nil }
    if inner.start + level == inner.end { return level }
    let next = bytes[inner.start + level]
    return next == 0x20 || next == 0x09 ? level : nil
  }

  private func isThematicBreak(_ inner: TextRange) -> Bool {
    guard !inner.isEmpty else { return false }
    let byte = bytes[inner.start]
    guard byte == UInt8(ascii: "-") || byte == UInt8(ascii: "*") || byte == UInt8(ascii: "_") else { return false }
    var count = 0
    for index in inner.asRange {
      if bytes[index] == byte {
        count += 1
      } else if bytes[index] != 0x20 && bytes[index] != 0x09 {
        return false
      }
    }
    return count >= 3
  }

  private func isSetextUnderline(_ inner: TextRange) -> Bool {
    guard !inner.isEmpty else { return false }
    let byte = bytes[inner.start]
    guard byte == UInt8(ascii: "=") || byte == UInt8(ascii: "-") else { return false }
    return inner.asRange.allSatisfy { bytes[$0] == byte }
  }

  /// Length of a list marker plus its following space (`- `, `* `, `+ `, `12. `, `3) `), or nil.
  private func listMarkerLength(_ inner: TextRange) -> Int? {
    guard !inner.isEmpty else { return nil }
    let byte = bytes[inner.start]
    if byte == UInt8(ascii: "-") || byte == UInt8(ascii: "*") || byte == UInt8(ascii: "+") {
      if inner.length >= 2, bytes[inner.start + 1] == 0x20 || bytes[inner.start + 1] == 0x09 { return 2 }
      return nil
    }
    var index = inner.start
    while index < inner.end, index - inner.start < 9, bytes[index] >= 0x30, bytes[index] <= 0x39 { index += 1 }
    guard index > inner.start, index + 1 < inner.end else { return nil }
    guard bytes[index] == UInt8(ascii: ".") || bytes[index] == UInt8(ascii: ")") else { return nil }
    guard bytes[index + 1] == 0x20 || bytes[index + 1] == 0x09 else { return nil }
    return index + 2 - inner.start
  }

  private func lineHasCommentEnd(_ range: TextRange, from start: Int) -> Bool {
    var index = Swift.max(start, range.start)
    while index + 2 < range.end {
      if bytes[index] == UInt8(ascii: "-"), bytes[index + 1] == UInt8(ascii: "-"), bytes[index + 2] == UInt8(ascii: ">") {
        return true
      }
      index += 1
    }
    return false
  }

  /// End offset (after `-->`) of the comment starting at `range.start`, or `range.end` when unclosed.
  private func commentEnd(in range: TextRange) -> Int {
    var index = range.start + 4
    while index + 2 < range.end {
      if bytes[index] == UInt8(ascii: "-"), bytes[index + 1] == UInt8(ascii: "-"), bytes[index + 2] == UInt8(ascii: ">") {
        return index + 3
      }
      index += 1
    }
    return range.end
  }

  // MARK: Emitting blocks

  private mutating func emitOpaqueBlock(from first: Int, through last: Int, kind: BlockKind, role: TokenRole) {
    let blockIndex = blocks.count
    let start = tokens.count
    for line in first...last {
      let content = lineContent(line)
      if !content.isEmpty { appendOpaque(content, role: role, blockIndex: blockIndex) }
      if line < last { appendLineBreak(after: line, blockIndex: blockIndex) }
    }
    let range = TextRange(start: lineContent(first).start, end: lineContent(last).end)
    if role == .code || role == .htmlComment { protectedRanges.append(range) }
    blocks.append(Block(kind: kind, range: range, tokenRange: start..<tokens.count))
  }

  private mutating func emitChrome(lines: [Int]) -> Int {
    let blockIndex = blocks.count
    let start = tokens.count
    for (position, line) in lines.enumerated() {
      if position > 0 { appendLineBreak(after: lines[position - 1], blockIndex: blockIndex) }
      tokenizeInline([lineContent(line)], role: .chrome, baseFlags: [], blockIndex: blockIndex, markdown: false)
    }
    let range = TextRange(start: lineContent(lines[0]).start, end: lineContent(lines[lines.count - 1]).end)
    blocks.append(Block(kind: .chrome, range: range, tokenRange: start..<tokens.count))
    return blockIndex
  }

  private mutating func emitHeading(line: Int, level: Int) -> Int {
    let blockIndex = blocks.count
    let start = tokens.count
    let content = lineContent(line)
    let inner = trim(content)
    // Leading `#`s and optional closing `#`s are markup.
    var textStart = inner.start + level
    appendOpaque(TextRange(start: inner.start, end: textStart), role: .markup, blockIndex: blockIndex)
    var textEnd = inner.end
    var closing = textEnd
    while closing > textStart, bytes[closing - 1] == UInt8(ascii: "#") { closing -= 1 }
    if closing < textEnd, closing > textStart, bytes[closing - 1] == 0x20 || bytes[closing - 1] == 0x09 {
      textEnd = closing
    } else if closing == textStart {
      textEnd = textStart
    }
    if content.start < inner.start { /* leading spaces are not tokens */ }
    if textStart > textEnd { textStart = textEnd }
    tokenizeInline([TextRange(start: textStart, end: textEnd)], role: .heading, baseFlags: [], blockIndex: blockIndex, markdown: true)
    if textEnd < inner.end { appendOpaque(TextRange(start: textEnd, end: inner.end), role: .markup, blockIndex: blockIndex) }
    blocks.append(Block(kind: .heading(level: level), range: inner, tokenRange: start..<tokens.count))
    splitSentences(blockIndex: blockIndex)
    return blockIndex
  }

  private func headingRange(_ block: Block) -> TextRange {
    let words = tokens[block.tokenRange].filter { $0.kind != .opaque && $0.kind != .space && $0.kind != .lineBreak }
    guard let first = words.first, let last = words.last else { return TextRange(start: block.range.start, end: block.range.start) }
    return TextRange(start: first.start, end: last.end)
  }

  private func headingTitle(_ block: Block) -> String { text[headingRange(block)] }

  private mutating func markRole(of blockIndex: Int, as role: TokenRole) {
    for index in blocks[blockIndex].tokenRange where tokens[index].role == .body || tokens[index].role == .summary {
      tokens[index].role = role
    }
  }

  /// Emits a paragraph-like block from its lines, stripping list and quote markers.
  @discardableResult
  private mutating func emitTextBlock(lines: [Int], kind: BlockKind) -> Int {
    guard let cache, let last = lines.last, last - lines[0] == lines.count - 1 else {
      return tokenizeTextBlock(lines: lines, kind: kind)
    }
    // The block's span: from its first line's start to its last line's content end, line breaks included.
    let spanStart = text.lineStarts[lines[0]]
    let spanEnd = lineContent(last).end
    let key = BlockTokenCache.Key(
      hash: BlockTokenCache.hash(bytes, spanStart..<spanEnd), length: spanEnd - spanStart, kind: kind, format: format)
    if let entry = cache.entry(for: key, bytes: bytes, spanStart: spanStart) {
      return appendCached(entry, kind: kind, at: spanStart)
    }
    let protectedBefore = protectedRanges.count
    let directivesBefore = directives.count
    let sentencesBefore = sentences.count
    let blockIndex = tokenizeTextBlock(lines: lines, kind: kind)
    guard directives.count == directivesBefore else { return blockIndex }
    let block = blocks[blockIndex]
    func relative(_ range: TextRange) -> TextRange { TextRange(start: range.start - spanStart, end: range.end - spanStart) }
    let firstToken = block.tokenRange.lowerBound
    let entry = BlockTokenCache.Entry(
      source: bytes, spanStart: spanStart,
      tokens: tokens[block.tokenRange].map { token in
        var moved = token
        moved.startOffset -= Int32(spanStart)
        moved.endOffset -= Int32(spanStart)
        moved.blockIndex = 0
        return moved
      },
      sentences: sentences[sentencesBefore...].map { sentence in
        Sentence(
          tokenRange: (sentence.tokenRange.lowerBound - firstToken)..<(sentence.tokenRange.upperBound - firstToken),
          range: relative(sentence.range), blockIndex: 0)
      },
      protectedRanges: protectedRanges[protectedBefore...].map(relative), blockRange: relative(block.range),
      quoteDepth: quoteDepth, straightDoubleOpen: straightDoubleOpen)
    cache.store(entry, for: key)
    return blockIndex
  }

  /// Appends a cached block of `kind` as if it had just been tokenised at `spanStart`.
  private mutating func appendCached(_ entry: BlockTokenCache.Entry, kind: BlockKind, at spanStart: Int) -> Int {
    let blockIndex = blocks.count
    let firstToken = tokens.count
    let shift = Int32(spanStart)
    // Copied whole, then moved in place: appending token by token costs a capacity check each.
    tokens.append(contentsOf: entry.tokens)
    tokens.withUnsafeMutableBufferPointer { buffer in
      for index in firstToken..<buffer.count {
        buffer[index].startOffset += shift
        buffer[index].endOffset += shift
        buffer[index].blockIndex = Int32(blockIndex)
      }
    }
    for sentence in entry.sentences {
      sentences.append(
        Sentence(
          tokenRange: (sentence.tokenRange.lowerBound + firstToken)..<(sentence.tokenRange.upperBound + firstToken),
          range: TextRange(start: sentence.range.start + spanStart, end: sentence.range.end + spanStart),
          blockIndex: blockIndex))
    }
    for range in entry.protectedRanges {
      protectedRanges.append(TextRange(start: range.start + spanStart, end: range.end + spanStart))
    }
    let range = TextRange(start: entry.blockRange.start + spanStart, end: entry.blockRange.end + spanStart)
    blocks.append(Block(kind: kind, range: range, tokenRange: firstToken..<tokens.count))
    quoteDepth = entry.quoteDepth
    straightDoubleOpen = entry.straightDoubleOpen
    return blockIndex
  }

  private mutating func tokenizeTextBlock(lines: [Int], kind: BlockKind) -> Int {
    let blockIndex = blocks.count
    let start = tokens.count
    var flags: TokenFlags = []
    let role: TokenRole
    switch kind {
    case .title, .heading: role = .heading
    case .summary: role = .summary
    case .chrome: role = .chrome
    default: role = .body
    }
    if kind == .listItem { flags.insert(.listItem) }
    if kind == .blockQuote { flags.insert(.blockQuote) }
    quoteDepth = 0
    straightDoubleOpen = false
    var segments: [TextRange] = []
    for (position, line) in lines.enumerated() {
      let content = lineContent(line)
      var inner = content
      // Strip leading indentation; it is not a token (so double-space rules ignore it).
      inner = TextRange(start: trim(content).start, end: content.end)
      if format == .markdown {
        if kind == .blockQuote || startsWith(inner, ">") {
          var markerEnd = inner.start
          while markerEnd < inner.end, bytes[markerEnd] == UInt8(ascii: ">") || bytes[markerEnd] == 0x20 {
            markerEnd += 1
          }
          if markerEnd > inner.start, bytes[inner.start] == UInt8(ascii: ">") {
            flushSegments(&segments, role: role, flags: flags, blockIndex: blockIndex)
            appendOpaque(TextRange(start: inner.start, end: markerEnd), role: .markup, blockIndex: blockIndex)
            inner = TextRange(start: markerEnd, end: inner.end)
          }
        }
        if position == 0, kind == .listItem || kind == .summary, let length = listMarkerLength(inner) {
          appendOpaque(TextRange(start: inner.start, end: inner.start + length - 1), role: .markup, blockIndex: blockIndex)
          inner = TextRange(start: trim(TextRange(start: inner.start + length, end: inner.end)).start, end: inner.end)
        }
      }
      if format == .plainText && kind == .summary && position == 0 && startsWith(inner, "Summary:") {
        appendOpaque(TextRange(start: inner.start, end: inner.start + 8), role: .markup, blockIndex: blockIndex)
        inner = TextRange(start: trim(TextRange(start: inner.start + 8, end: inner.end)).start, end: inner.end)
      }
      segments.append(inner)
      if position < lines.count - 1 {
        flushSegments(&segments, role: role, flags: flags, blockIndex: blockIndex)
        appendLineBreak(after: line, blockIndex: blockIndex)
      }
    }
    flushSegments(&segments, role: role, flags: flags, blockIndex: blockIndex)
    let range = TextRange(start: trim(lineContent(lines[0])).start, end: lineContent(lines[lines.count - 1]).end)
    blocks.append(Block(kind: kind, range: range, tokenRange: start..<tokens.count))
    splitSentences(blockIndex: blockIndex)
    return blockIndex
  }

  private mutating func flushSegments(_ segments: inout [TextRange], role: TokenRole, flags: TokenFlags, blockIndex: Int) {
    guard !segments.isEmpty else { return }
    tokenizeInline(segments, role: role, baseFlags: flags, blockIndex: blockIndex, markdown: format == .markdown)
    segments.removeAll()
  }

  private mutating func recordSummary(block blockIndex: Int, fromLabel: Bool) {
    let block = blocks[blockIndex]
    let words = tokens[block.tokenRange].filter { $0.kind != .space && $0.kind != .lineBreak && !($0.kind == .opaque && $0.role == .markup) }
    let range: TextRange
    if let first = words.first, let last = words.last {
      range = TextRange(start: first.start, end: last.end)
    } else {
      range = TextRange(start: block.range.end, end: block.range.end)
    }
    if var existing = article.summary, existing.source == .section {
      existing.range = existing.range.union(range)
      existing.text = text[existing.range]
      article.summary = existing
      return
    }
    guard article.summary == nil else { return }
    article.summary = Summary(text: text[range], range: range, source: fromLabel ? .labelledParagraph : .section)
  }

  private mutating func appendOpaque(_ range: TextRange, role: TokenRole, blockIndex: Int, flags: TokenFlags = []) {
    guard !range.isEmpty else { return }
    tokens.append(Token(kind: .opaque, role: role, flags: flags, range: range, blockIndex: blockIndex))
    switch role {
    case .code, .url, .linkTarget, .htmlComment: protectedRanges.append(range)
    default: break
    }
  }

  private mutating func appendLineBreak(after line: Int, blockIndex: Int) {
    let content = lineContent(line)
    let full = text.lineRange(line)
    if full.end > content.end {
      tokens.append(Token(kind: .lineBreak, role: .markup, flags: [], range: TextRange(start: content.end, end: full.end), blockIndex: blockIndex))
    }
  }

  /// A line that is exactly one HTML comment: `<!-- … -->`.
  private func isOneLineComment(_ inner: TextRange) -> Bool {
    guard inner.length >= 7, startsWith(inner, "<!--") else { return false }
    return bytes[inner.end - 3] == UInt8(ascii: "-") && bytes[inner.end - 2] == UInt8(ascii: "-") && bytes[inner.end - 1] == UInt8(ascii: ">")
  }

  private mutating func recordComment(_ range: TextRange) {
    guard range.length >= 7 else { return }
    let bodyEnd = Swift.max(range.start + 4, range.end - 3)
    let body = Substring(text[TextRange(start: range.start + 4, end: bodyEnd)])
    guard let directive = Suppressions.directive(inComment: body) else { return }
    let line = text.lineIndex(containing: Swift.max(range.end - 1, range.start))
    let nextLine = line + 1 < text.lineCount ? text.lineContentRange(line + 1) : TextRange(start: bytes.count, end: bytes.count)
    directives.append((directive, range, nextLine))
  }

  func makeSuppressions() -> Suppressions {
    Suppressions.build(directives: directives, documentEnd: bytes.count)
  }

  static func merged(_ sorted: [TextRange]) -> [TextRange] {
    var result: [TextRange] = []
    result.reserveCapacity(sorted.count)
    for range in sorted {
      if let last = result.last, range.start <= last.end {
        result[result.count - 1].end = Swift.max(last.end, range.end)
      } else {
        result.append(range)
      }
    }
    return result
  }

  // MARK: Inline tokenizer

  /// Tokenises inline content of one block, segment by segment (line breaks are added by the caller).
  private mutating func tokenizeInline(
    _ segments: [TextRange], role: TokenRole, baseFlags: TokenFlags, blockIndex: Int, markdown: Bool
  ) {
    for segment in segments {
      scanSegment(segment, role: role, flags: baseFlags, blockIndex: blockIndex, markdown: markdown)
    }
  }

  /// Scans one line segment.
  private mutating func scanSegment(_ segment: TextRange, role: TokenRole, flags baseFlags: TokenFlags, blockIndex: Int, markdown: Bool) {
    var index = segment.start
    let end = segment.end
    while index < end {
      let byte = bytes[index]
      // Most tokens are words: a letter starts no Markdown construct, and only `h`/`w` may start a bare URL.
      if byteClasses[Int(byte)] & DocumentParser.letterClass != 0 && (byte | 0x20) != 0x68 && (byte | 0x20) != 0x77 {
        index = scanWord(from: index, end: end, role: role, flags: baseFlags, blockIndex: blockIndex)
        continue
      }
      // Whitespace.
      if byte == 0x20 || byte == 0x09 {
        var stop = index + 1
        while stop < end, bytes[stop] == 0x20 || bytes[stop] == 0x09 { stop += 1 }
        tokens.append(Token(kind: .space, role: role, flags: baseFlags.union(quoteFlags), range: TextRange(start: index, end: stop), blockIndex: blockIndex))
        index = stop
        continue
      }
      // Markdown constructs.
      if markdown {
        if byte == UInt8(ascii: "\\"), index + 1 < end, bytes[index + 1] < 0x80, isASCIIPunctuation(bytes[index + 1]) {
          tokens.append(Token(kind: .opaque, role: .markup, flags: baseFlags, range: TextRange(start: index, end: index + 1), blockIndex: blockIndex))
          tokens.append(Token(kind: .punctuation, role: role, flags: baseFlags.union(quoteFlags), range: TextRange(start: index + 1, end: index + 2), blockIndex: blockIndex))
          index += 2
          continue
        }
        if byte == UInt8(ascii: "`") {
          var run = 0
          while index + run < end, bytes[index + run] == UInt8(ascii: "`") { run += 1 }
          if let close = findBacktickRun(length: run, from: index + run, end: end) {
            appendOpaque(TextRange(start: index, end: close + run), role: .code, blockIndex: blockIndex, flags: baseFlags)
            index = close + run
            continue
          }
          // An unmatched run is literal text; consume it whole so a long run stays linear.
          tokens.append(Token(kind: .punctuation, role: role, flags: baseFlags.union(quoteFlags), range: TextRange(start: index, end: index + run), blockIndex: blockIndex))
          index += run
          continue
        }
        if byte == UInt8(ascii: "<") {
          if index + 3 < end, bytes[index + 1] == UInt8(ascii: "!"), bytes[index + 2] == UInt8(ascii: "-"), bytes[index + 3] == UInt8(ascii: "-") {
            let stop = commentEnd(in: TextRange(start: index, end: end))
            let range = TextRange(start: index, end: stop)
            recordComment(range)
            appendOpaque(range, role: .htmlComment, blockIndex: blockIndex, flags: baseFlags)
            index = stop
            continue
          }
          if let stop = autolinkOrTagEnd(from: index, end: end) {
            let isLink = looksLikeURLStart(index + 1, end: stop)
            appendOpaque(TextRange(start: index, end: stop), role: isLink ? .url : .markup, blockIndex: blockIndex, flags: baseFlags)
            index = stop
            continue
          }
        }
        if byte == UInt8(ascii: "[") || (byte == UInt8(ascii: "!") && index + 1 < end && bytes[index + 1] == UInt8(ascii: "[")) {
          if let consumed = scanLink(at: index, end: end, role: role, flags: baseFlags, blockIndex: blockIndex) {
            index = consumed
            continue
          }
        }
        if byte == UInt8(ascii: "*") || byte == UInt8(ascii: "~") || (byte == UInt8(ascii: "_") && !isIntraword(index)) {
          var stop = index + 1
          while stop < end, bytes[stop] == byte { stop += 1 }
          tokens.append(Token(kind: .opaque, role: .markup, flags: baseFlags.union(.emphasisMarker), range: TextRange(start: index, end: stop), blockIndex: blockIndex))
          index = stop
          continue
        }
      }
      // Bare URLs (both formats).
      if (byte == UInt8(ascii: "h") || byte == UInt8(ascii: "w") || byte == UInt8(ascii: "H") || byte == UInt8(ascii: "W")),
        isWordStartBoundary(index), let stop = bareURLEnd(from: index, end: end)
      {
        appendOpaque(TextRange(start: index, end: stop), role: .url, blockIndex: blockIndex, flags: baseFlags)
        index = stop
        continue
      }
      if byte < 0x80 {
        if isASCIILetter(byte) {
          index = scanWord(from: index, end: end, role: role, flags: baseFlags, blockIndex: blockIndex)
          continue
        }
        if byte >= 0x30 && byte <= 0x39 {
          index = scanNumber(from: index, end: end, role: role, flags: baseFlags, blockIndex: blockIndex)
          continue
        }
        index = scanPunctuation(from: index, end: end, role: role, flags: baseFlags, blockIndex: blockIndex)
        continue
      }
      // Non-ASCII.
      let (scalar, length) = decodeScalar(at: index)
      if scalar.properties.isAlphabetic {
        index = scanWord(from: index, end: end, role: role, flags: baseFlags, blockIndex: blockIndex)
        continue
      }
      if scalar.value == 0xA0 || scalar.properties.isWhitespace {
        tokens.append(Token(kind: .space, role: role, flags: baseFlags.union(quoteFlags), range: TextRange(start: index, end: index + length), blockIndex: blockIndex))
        index += length
        continue
      }
      if scalar.properties.numericType != nil && scalar.properties.generalCategory == .decimalNumber {
        index = scanNumber(from: index, end: end, role: role, flags: baseFlags, blockIndex: blockIndex)
        continue
      }
      index = scanPunctuation(from: index, end: end, role: role, flags: baseFlags, blockIndex: blockIndex)
    }
  }

  private var quoteFlags: TokenFlags { quoteDepth > 0 ? .quoted : [] }

  /// Classes of the 128 ASCII bytes (and 0 above), so the word scanner tests a byte with one load.
  /// `letterClass` is 0x20, the bit that lower-cases an ASCII letter.
  static let letterClass: UInt8 = 0x20
  static let digitClass: UInt8 = 0x01
  static let upperClass: UInt8 = 0x02
  static let asciiClass: [UInt8] = (0..<256).map { byte in
    switch byte {
    case 0x41...0x5A: letterClass | upperClass
    case 0x61...0x7A: letterClass
    case 0x30...0x39: digitClass
    default: 0
    }
  }

  @inline(__always)
  private func isASCIILetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A }

  @inline(__always)
  private func isASCIIDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

  private func isASCIIPunctuation(_ byte: UInt8) -> Bool {
    (byte >= 0x21 && byte <= 0x2F) || (byte >= 0x3A && byte <= 0x40) || (byte >= 0x5B && byte <= 0x60) || (byte >= 0x7B && byte <= 0x7E)
  }

  private func decodeScalar(at index: Int) -> (Unicode.Scalar, Int) {
    let length = Swift.min(SourceText.scalarLength(lead: bytes[index]), bytes.count - index)
    var value: UInt32
    switch length {
    case 2: value = UInt32(bytes[index] & 0x1F) << 6 | UInt32(bytes[index + 1] & 0x3F)
    case 3: value = UInt32(bytes[index] & 0x0F) << 12 | UInt32(bytes[index + 1] & 0x3F) << 6 | UInt32(bytes[index + 2] & 0x3F)
    case 4:
      value = UInt32(bytes[index] & 0x07) << 18 | UInt32(bytes[index + 1] & 0x3F) << 12 | UInt32(bytes[index + 2] & 0x3F) << 6
        | UInt32(bytes[index + 3] & 0x3F)
    default: value = UInt32(bytes[index])
    }
    return (Unicode.Scalar(value) ?? "\u{FFFD}", Swift.max(1, length))
  }

  /// True for letters, digits and combining marks that continue a word.
  private func isWordContinuation(at index: Int) -> (Bool, Int) {
    let byte = bytes[index]
    if byte < 0x80 { return (isASCIILetter(byte) || isASCIIDigit(byte), 1) }
    let (scalar, length) = decodeScalar(at: index)
    let properties = scalar.properties
    if properties.isAlphabetic { return (true, length) }
    switch properties.generalCategory {
    case .nonspacingMark, .spacingMark, .enclosingMark, .decimalNumber: return (true, length)
    default: return (scalar.value == 0x200D || scalar.value == 0x200C, length)  // ZWJ/ZWNJ inside words (Indic scripts)
    }
  }

  private func isLetter(at index: Int, end: Int) -> Bool {
    guard index < end else { return false }
    let byte = bytes[index]
    if byte < 0x80 { return isASCIILetter(byte) }
    return decodeScalar(at: index).0.properties.isAlphabetic
  }

  private func isIntraword(_ index: Int) -> Bool {
    guard index > 0, index + 1 < bytes.count else { return false }
    let before = bytes[index - 1]
    let after = bytes[index + 1]
    return (isASCIILetter(before) || isASCIIDigit(before)) && (isASCIILetter(after) || isASCIIDigit(after))
  }

  private func isWordStartBoundary(_ index: Int) -> Bool {
    guard index > 0 else { return true }
    let before = bytes[index - 1]
    return !(isASCIILetter(before) || isASCIIDigit(before))
  }

  private mutating func scanWord(from start: Int, end: Int, role: TokenRole, flags: TokenFlags, blockIndex: Int) -> Int {
    var index = start
    var hash = FoldedHash.offsetBasis
    var nonASCII = false
    var upperCount = 0
    var letterCount = 0
    var firstUpper = false
    while index < end {
      // A run of ASCII letters and digits (nearly every word whole) over raw buffers, so the checks below run
      // only where the run stops.
      bytes.withUnsafeBufferPointer { text in
        byteClasses.withUnsafeBufferPointer { classes in
          while index < end {
            let byte = text[index]
            let byteClass = classes[Int(byte)]
            guard byteClass & (DocumentParser.letterClass | DocumentParser.digitClass) != 0 else { return }
            if byteClass & DocumentParser.upperClass != 0 {
              upperCount += 1
              if index == start { firstUpper = true }
            }
            let isLetter = byteClass & DocumentParser.letterClass
            letterCount += Int(isLetter >> 5)
            // Letters fold to lower case by setting bit 5 (`letterClass` is that bit); digits stay as they are.
            hash = FoldedHash.combine(hash, byte | isLetter)
            index += 1
          }
        }
      }
      guard index < end else { break }
      let byte = bytes[index]
      if byte < 0x80 {
        // Inner apostrophe, hyphen or underscore joins letters: Iran's, e-mail, well-known.
        if (byte == UInt8(ascii: "'") || byte == UInt8(ascii: "-")) && index + 1 < end && isLetterOrDigitByte(index + 1, end: end) && index > start {
          hash = FoldedHash.combine(hash, byte)
          index += 1
          continue
        }
        // Abbreviation dots: U.S., e.g., i.e. — a single letter followed by `.` and another letter.
        if byte == UInt8(ascii: "."), index + 1 < end, lastSegmentIsSingleLetter(start: start, at: index), isASCIILetter(bytes[index + 1]),
          index + 2 >= end || !isASCIILetter(bytes[index + 2])
        {
          hash = FoldedHash.combine(hash, byte)
          index += 1
          continue
        }
        if byte == UInt8(ascii: "."), index > start, containsDot(start: start, end: index), lastSegmentIsSingleLetter(start: start, at: index) {
          // Closing dot of U.S. / e.g.
          hash = FoldedHash.combine(hash, byte)
          index += 1
          break
        }
        break
      }
      // Right single quotation mark as an apostrophe inside a word.
      if byte == 0xE2, index + 2 < end, bytes[index + 1] == 0x80, bytes[index + 2] == 0x99, index > start,
        index + 3 < end, isLetterOrDigitByte(index + 3, end: end)
      {
        hash = FoldedHash.combine(hash, UInt8(ascii: "'"))
        index += 3
        continue
      }
      let (isContinuation, length) = isWordContinuation(at: index)
      guard isContinuation else { break }
      nonASCII = true
      letterCount += 1
      let scalar = decodeScalar(at: index).0
      if scalar.properties.isUppercase {
        upperCount += 1
        if index == start { firstUpper = true }
      }
      index += length
    }
    if index == start { index = start + SourceText.scalarLength(lead: bytes[start]) }
    var tokenFlags = flags.union(quoteFlags)
    if nonASCII {
      tokenFlags.insert(.nonASCII)
      hash = FoldedHash.hash(text[TextRange(start: start, end: index)].lowercased().replacingApostrophes())
    }
    if firstUpper { tokenFlags.insert(.capitalized) }
    if letterCount >= 2 && upperCount == letterCount { tokenFlags.insert(.allCaps) }
    tokens.append(Token(kind: .word, role: role, flags: tokenFlags, range: TextRange(start: start, end: index), foldedHash: hash, blockIndex: blockIndex))
    return index
  }

  private func isLetterOrDigitByte(_ index: Int, end: Int) -> Bool {
    guard index < end else { return false }
    let byte = bytes[index]
    if byte < 0x80 { return isASCIILetter(byte) || isASCIIDigit(byte) }
    return isWordContinuation(at: index).0
  }

  private func lastSegmentIsSingleLetter(start: Int, at dot: Int) -> Bool {
    // The characters since the previous dot (or start) are exactly one ASCII letter.
    guard dot - 1 >= start, isASCIILetter(bytes[dot - 1]) else { return false }
    return dot - 1 == start || bytes[dot - 2] == UInt8(ascii: ".")
  }

  private func containsDot(start: Int, end: Int) -> Bool {
    var index = start
    while index < end {
      if bytes[index] == UInt8(ascii: ".") { return true }
      index += 1
    }
    return false
  }

  private mutating func scanNumber(from start: Int, end: Int, role: TokenRole, flags: TokenFlags, blockIndex: Int) -> Int {
    var index = start
    var hash = FoldedHash.offsetBasis
    while index < end {
      let byte = bytes[index]
      if isASCIIDigit(byte) {
        hash = FoldedHash.combine(hash, byte)
        index += 1
        continue
      }
      if (byte == UInt8(ascii: ",") || byte == UInt8(ascii: ".")) && index + 1 < end && isASCIIDigit(bytes[index + 1]) && index > start {
        hash = FoldedHash.combine(hash, byte)
        index += 1
        continue
      }
      if byte >= 0x80 {
        let (scalar, length) = decodeScalar(at: index)
        if scalar.properties.generalCategory == .decimalNumber {
          index += length
          continue
        }
      }
      break
    }
    // Letter suffixes: 15th, 1990s, 5km.
    while index < end, isASCIILetter(bytes[index]) {
      hash = FoldedHash.combine(hash, bytes[index] | 0x20)
      index += 1
    }
    if index == start { index = start + SourceText.scalarLength(lead: bytes[start]) }
    // A compound such as `15th-century` or `24-hour` is one word.
    if index + 1 < end, bytes[index] == UInt8(ascii: "-"), isASCIILetter(bytes[index + 1]), !containsDot(start: start, end: index) {
      return scanWord(from: start, end: end, role: role, flags: flags, blockIndex: blockIndex)
    }
    tokens.append(Token(kind: .number, role: role, flags: flags.union(quoteFlags), range: TextRange(start: start, end: index), foldedHash: hash, blockIndex: blockIndex))
    return index
  }

  private mutating func scanPunctuation(from start: Int, end: Int, role: TokenRole, flags: TokenFlags, blockIndex: Int) -> Int {
    let byte = bytes[start]
    var stop = start + SourceText.scalarLength(lead: byte)
    stop = Swift.min(stop, end)
    var tokenFlags = flags
    // Runs of the same sentence punctuation are one token: `...`, `!!`, `??`, `,,`.
    if byte == UInt8(ascii: ".") || byte == UInt8(ascii: "!") || byte == UInt8(ascii: "?") || byte == UInt8(ascii: ",")
      || byte == UInt8(ascii: ";") || byte == UInt8(ascii: ":")
    {
      while stop < end, bytes[stop] == byte { stop += 1 }
      // `?!` and `!?` interrobangs join too.
      if byte == UInt8(ascii: "?") || byte == UInt8(ascii: "!") {
        while stop < end, bytes[stop] == UInt8(ascii: "?") || bytes[stop] == UInt8(ascii: "!") { stop += 1 }
      }
    } else if byte >= 0x80 {
      // Keep emoji sequences together: modifiers, variation selectors, ZWJ sequences, flags, keycaps.
      var last = decodeScalar(at: start).0
      while stop < end {
        let (scalar, length) = decodeScalar(at: stop)
        let value = scalar.value
        let joins =
          value == 0x200D || value == 0xFE0F || value == 0xFE0E || (value >= 0x1F3FB && value <= 0x1F3FF)
          || (value >= 0xE0020 && value <= 0xE007F) || value == 0x20E3 || last.value == 0x200D
          || (scalar.properties.generalCategory == .nonspacingMark || scalar.properties.generalCategory == .enclosingMark)
          || (value >= 0x1F1E6 && value <= 0x1F1FF && last.value >= 0x1F1E6 && last.value <= 0x1F1FF && stop - start == 4)
        guard joins else { break }
        last = scalar
        stop += length
      }
    }
    // Quotation marks open and close quoted speech.
    switch classifyQuote(at: start, end: end) {
    case .open:
      tokenFlags.insert(.openingQuote)
      tokenFlags.insert(.quoted)
      quoteDepth += 1
    case .close:
      tokenFlags.insert(.closingQuote)
      tokenFlags.insert(.quoted)
      quoteDepth = Swift.max(0, quoteDepth - 1)
    case .none:
      tokenFlags.formUnion(quoteFlags)
    }
    tokens.append(Token(kind: .punctuation, role: role, flags: tokenFlags, range: TextRange(start: start, end: stop), blockIndex: blockIndex))
    return stop
  }

  private enum QuoteMark { case open, close, none }

  private mutating func classifyQuote(at index: Int, end: Int) -> QuoteMark {
    let byte = bytes[index]
    let before: UInt8 = index > 0 ? bytes[index - 1] : 0x20
    let afterIndex = index + SourceText.scalarLength(lead: byte)
    let after: UInt8 = afterIndex < end ? bytes[afterIndex] : 0x20
    let beforeIsSpace = before == 0x20 || before == 0x09 || before == 0x0A || before == 0x0D || before == UInt8(ascii: "(") || before == UInt8(ascii: "[") || index == 0
    let afterIsSpace = after == 0x20 || after == 0x09 || after == 0x0A || after == 0x0D || afterIndex >= end
    if byte == UInt8(ascii: "\"") {
      if straightDoubleOpen {
        straightDoubleOpen = false
        return .close
      }
      if afterIsSpace && !beforeIsSpace { return .none }
      straightDoubleOpen = true
      return .open
    }
    if byte == 0xE2, index + 2 < bytes.count, bytes[index + 1] == 0x80 {
      switch bytes[index + 2] {
      case 0x9C: return .open  // “
      case 0x9D: return quoteDepth > 0 ? .close : .none  // ”
      case 0x98: return beforeIsSpace || index == 0 ? .open : .none  // ‘
      case 0x99:  // ’: a closing single quote only when one is open and it is not an apostrophe.
        let letterBefore = index > 0 && (isASCIILetter(before) || before >= 0x80)
        let letterAfter = isLetter(at: afterIndex, end: end)
        return quoteDepth > 0 && !(letterBefore && letterAfter) && afterIsSpaceOrPunctuation(after, afterIndex >= end) ? .close : .none
      default: return .none
      }
    }
    if byte == UInt8(ascii: "'") {
      if beforeIsSpace && !afterIsSpace && afterIndex < end && isASCIILetter(after) { return .open }
      if quoteDepth > 0 && !beforeIsSpace && afterIsSpaceOrPunctuation(after, afterIndex >= end) { return .close }
    }
    return .none
  }

  private func afterIsSpaceOrPunctuation(_ byte: UInt8, _ atEnd: Bool) -> Bool {
    // 0xE2 leads the general-punctuation block (— – … ” ’), which may follow a closing quote.
    atEnd || byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || (byte < 0x80 && isASCIIPunctuation(byte)) || byte == 0xE2
  }

  private func findBacktickRun(length: Int, from start: Int, end: Int) -> Int? {
    var index = start
    while index < end {
      if bytes[index] == UInt8(ascii: "`") {
        var run = 0
        while index + run < end, bytes[index + run] == UInt8(ascii: "`") { run += 1 }
        if run == length { return index }
        index += run
      } else {
        index += 1
      }
    }
    return nil
  }

  /// `<https://…>`, `<mailto:…>` or an inline HTML tag: the end offset, or nil.
  private func autolinkOrTagEnd(from start: Int, end: Int) -> Int? {
    var index = start + 1
    guard index < end else { return nil }
    let first = bytes[index]
    guard isASCIILetter(first) || first == UInt8(ascii: "/") else { return nil }
    while index < end {
      let byte = bytes[index]
      if byte == UInt8(ascii: ">") { return index + 1 }
      if byte == UInt8(ascii: "<") { return nil }
      index += 1
    }
    return nil
  }

  private func looksLikeURLStart(_ start: Int, end: Int) -> Bool {
    let range = TextRange(start: start, end: end)
    return startsWith(range, "http://") || startsWith(range, "https://") || startsWith(range, "mailto:") || startsWith(range, "ftp://")
      || startsWith(range, "www.")
  }

  /// End of a bare URL starting at `start` (`http://`, `https://` or `www.`), or nil.
  private func bareURLEnd(from start: Int, end: Int) -> Int? {
    let range = TextRange(start: start, end: end)
    let lower = { (offset: Int) -> UInt8 in self.bytes[offset] | 0x20 }
    var prefix = 0
    if startsWith(range, "http://") || startsWith(range, "https://") {
      prefix = bytes[start + 4] == UInt8(ascii: "s") ? 8 : 7
    } else if range.length > 4, lower(start) == UInt8(ascii: "w"), lower(start + 1) == UInt8(ascii: "w"), lower(start + 2) == UInt8(ascii: "w"),
      bytes[start + 3] == UInt8(ascii: "."), start + 4 < end, isASCIILetter(bytes[start + 4])
    {
      prefix = 4
    } else {
      return nil
    }
    var index = start + prefix
    var parens = 0
    while index < end {
      let byte = bytes[index]
      if byte == 0x20 || byte == 0x09 || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "\"") { break }
      if byte == 0xE2 && index + 2 < end && bytes[index + 1] == 0x80 && (bytes[index + 2] == 0x9C || bytes[index + 2] == 0x9D || bytes[index + 2] == 0x94) { break }
      if byte == UInt8(ascii: "(") { parens += 1 }
      if byte == UInt8(ascii: ")") {
        if parens == 0 { break }
        parens -= 1
      }
      index += 1
    }
    // Trailing sentence punctuation is not part of the URL.
    while index > start + prefix {
      let byte = bytes[index - 1]
      if byte == UInt8(ascii: ".") || byte == UInt8(ascii: ",") || byte == UInt8(ascii: ";") || byte == UInt8(ascii: ":")
        || byte == UInt8(ascii: "!") || byte == UInt8(ascii: "?") || byte == UInt8(ascii: "'")
      {
        index -= 1
      } else {
        break
      }
    }
    return index > start + prefix ? index : nil
  }

  /// Links `[text](target)`, images `![alt](src)`, reference links `[text][ref]`, definitions `[id]: url`
  /// and footnote references `[^1]`. Returns the offset after the construct, or nil when `[` is plain text.
  private mutating func scanLink(at start: Int, end: Int, role: TokenRole, flags: TokenFlags, blockIndex: Int) -> Int? {
    let isImage = bytes[start] == UInt8(ascii: "!")
    let open = isImage ? start + 1 : start
    // Footnote reference.
    if !isImage, open + 2 < end, bytes[open + 1] == UInt8(ascii: "^") {
      var index = open + 2
      while index < end, bytes[index] != UInt8(ascii: "]"), bytes[index] != 0x20 { index += 1 }
      if index < end, bytes[index] == UInt8(ascii: "]"), index > open + 2 {
        var stop = index + 1
        // `[^1]: text` is a footnote definition: the marker is markup, the text prose.
        if stop < end, bytes[stop] == UInt8(ascii: ":") { stop += 1 }
        tokens.append(Token(kind: .opaque, role: .markup, flags: flags.union(.footnoteReference), range: TextRange(start: open, end: stop), blockIndex: blockIndex))
        return stop
      }
      return nil
    }
    // Find the matching `]` in this segment (nested brackets allowed).
    var depth = 0
    var index = open
    var close: Int? = nil
    // Link text longer than this is not a link; the cap keeps runs of `[` linear.
    let scanEnd = Swift.min(end, open + 1_000)
    while index < scanEnd {
      let byte = bytes[index]
      if byte == UInt8(ascii: "\\") {
        index += 2
        continue
      }
      if byte == UInt8(ascii: "`") {
        var run = 0
        while index + run < end, bytes[index + run] == UInt8(ascii: "`") { run += 1 }
        if let closeRun = findBacktickRun(length: run, from: index + run, end: end) {
          index = closeRun + run
          continue
        }
      }
      if byte == UInt8(ascii: "[") { depth += 1 }
      if byte == UInt8(ascii: "]") {
        depth -= 1
        if depth == 0 {
          close = index
          break
        }
      }
      index += 1
    }
    guard let closeBracket = close else { return nil }
    let after = closeBracket + 1
    var targetEnd: Int? = nil
    if after < end, bytes[after] == UInt8(ascii: "(") {
      var parens = 0
      var scan = after
      while scan < end {
        let byte = bytes[scan]
        if byte == UInt8(ascii: "\\") {
          scan += 2
          continue
        }
        if byte == UInt8(ascii: "(") { parens += 1 }
        if byte == UInt8(ascii: ")") {
          parens -= 1
          if parens == 0 {
            targetEnd = scan + 1
            break
          }
        }
        scan += 1
      }
    } else if after < end, bytes[after] == UInt8(ascii: "[") {
      var scan = after + 1
      while scan < end, bytes[scan] != UInt8(ascii: "]") { scan += 1 }
      if scan < end { targetEnd = scan + 1 }
    } else if after < end, bytes[after] == UInt8(ascii: ":"), !isImage, start == segmentLineStart(start) {
      // Link reference definition: the whole rest of the line is a target.
      appendOpaque(TextRange(start: start, end: end), role: .linkTarget, blockIndex: blockIndex, flags: flags)
      return end
    }
    guard let destinationEnd = targetEnd else {
      // Shortcut reference `[text]` is ambiguous with plain brackets: treat as text.
      return nil
    }
    tokens.append(Token(kind: .opaque, role: .markup, flags: flags, range: TextRange(start: start, end: open + 1), blockIndex: blockIndex))
    let textFlags: TokenFlags = isImage ? flags : flags.union(.linkText)
    scanSegment(TextRange(start: open + 1, end: closeBracket), role: role, flags: textFlags, blockIndex: blockIndex, markdown: true)
    tokens.append(Token(kind: .opaque, role: .markup, flags: flags, range: TextRange(start: closeBracket, end: after), blockIndex: blockIndex))
    appendOpaque(TextRange(start: after, end: destinationEnd), role: .linkTarget, blockIndex: blockIndex, flags: flags.union(isImage ? [] : .linkText))
    return destinationEnd
  }

  private func segmentLineStart(_ offset: Int) -> Int {
    let line = text.lineIndex(containing: offset)
    return trim(text.lineContentRange(line)).start
  }

  // MARK: Sentences

  private static let abbreviations: Set<String> = [
    "mr", "mrs", "ms", "dr", "st", "jr", "sr", "prof", "gen", "sen", "rep", "gov", "lt", "col", "capt", "sgt", "adm",
    "mt", "ft", "no", "nos", "vol", "vols", "vs", "inc", "ltd", "co", "corp", "jan", "feb", "mar", "apr", "jun", "jul",
    "aug", "sep", "sept", "oct", "nov", "dec", "fig", "figs", "approx", "dept", "est", "rev", "hon", "pp", "cf", "al",
  ]

  /// Splits the block's tokens into sentences.
  private mutating func splitSentences(blockIndex: Int) {
    let range = blocks[blockIndex].tokenRange
    var sentenceStart: Int? = nil
    var index = range.lowerBound
    func isContent(_ token: Token) -> Bool {
      token.kind != .space && token.kind != .lineBreak && !(token.kind == .opaque && token.role == .markup && !token.flags.contains(.footnoteReference))
    }
    func close(through last: Int) {
      guard let first = sentenceStart else { return }
      var lastContent = last
      while lastContent > first, !isContent(tokens[lastContent]) { lastContent -= 1 }
      var firstContent = first
      while firstContent < lastContent, !isContent(tokens[firstContent]) { firstContent += 1 }
      sentences.append(Sentence(tokenRange: first..<(last + 1), range: TextRange(start: tokens[firstContent].start, end: tokens[lastContent].end), blockIndex: blockIndex))
      if let word = (firstContent...lastContent).first(where: { tokens[$0].isWordLike }) {
        tokens[word].flags.insert(.sentenceStart)
      }
      sentenceStart = nil
    }
    while index < range.upperBound {
      let token = tokens[index]
      if sentenceStart == nil {
        if isContent(token) && token.kind != .opaque || token.isWordLike || token.kind == .punctuation || token.kind == .opaque {
          if token.kind != .space && token.kind != .lineBreak { sentenceStart = index }
        }
      }
      if token.kind == .punctuation, isTerminal(token) {
        // Absorb closing quotes and brackets.
        var last = index
        var probe = index + 1
        while probe < range.upperBound, tokens[probe].kind == .punctuation, isCloser(tokens[probe]) {
          last = probe
          probe += 1
        }
        // Also absorb footnote references right after the full stop.
        while probe < range.upperBound, tokens[probe].flags.contains(.footnoteReference) {
          last = probe
          probe += 1
        }
        // Next content token decides.
        var next = probe
        while next < range.upperBound, tokens[next].kind == .space || tokens[next].kind == .lineBreak || (tokens[next].kind == .opaque && tokens[next].role == .markup && tokens[next].flags.contains(.emphasisMarker)) {
          next += 1
        }
        let hasGap = next > probe || probe >= range.upperBound
        if next >= range.upperBound {
          index = last + 1
          continue
        }
        if hasGap && startsNewSentence(tokens[next]) && !isAbbreviationStop(tokenIndex: index, blockStart: range.lowerBound) {
          close(through: last)
          index = last + 1
          continue
        }
        index = last + 1
        continue
      }
      index += 1
    }
    if sentenceStart != nil { close(through: range.upperBound - 1) }
  }

  private func isTerminal(_ token: Token) -> Bool {
    let byte = bytes[token.start]
    if byte == UInt8(ascii: ".") || byte == UInt8(ascii: "!") || byte == UInt8(ascii: "?") { return true }
    // … (U+2026)
    return byte == 0xE2 && token.end - token.start == 3 && bytes[token.start + 1] == 0x80 && bytes[token.start + 2] == 0xA6
  }

  private func isCloser(_ token: Token) -> Bool {
    let byte = bytes[token.start]
    if byte == UInt8(ascii: ")") || byte == UInt8(ascii: "]") || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") { return true }
    if token.flags.contains(.closingQuote) { return true }
    return byte == 0xE2 && token.end - token.start == 3 && bytes[token.start + 1] == 0x80 && (bytes[token.start + 2] == 0x9D || bytes[token.start + 2] == 0x99)
  }

  private func startsNewSentence(_ token: Token) -> Bool {
    switch token.kind {
    case .word: return token.flags.contains(.capitalized) || !token.flags.isDisjoint(with: [.nonASCII]) && isUppercaseStart(token)
    case .number: return true
    case .punctuation: return token.flags.contains(.openingQuote) || bytes[token.start] == UInt8(ascii: "(") || bytes[token.start] == UInt8(ascii: "[")
    case .opaque: return token.role != .markup || token.flags.contains(.linkText)
    default: return false
    }
  }

  private func isUppercaseStart(_ token: Token) -> Bool {
    decodeScalar(at: token.start).0.properties.isUppercase
  }

  /// True when the full stop at `tokenIndex` ends an abbreviation or an initial (`Mr.`, `J.`).
  private func isAbbreviationStop(tokenIndex: Int, blockStart: Int) -> Bool {
    guard bytes[tokens[tokenIndex].start] == UInt8(ascii: "."), tokens[tokenIndex].length == 1, tokenIndex > blockStart else { return false }
    let previous = tokens[tokenIndex - 1]
    guard previous.kind == .word else { return false }
    let length = previous.end - previous.start
    if length == 1 && isASCIILetter(bytes[previous.start]) && bytes[previous.start] < 0x61 { return true }  // An initial.
    guard length <= 6 else { return false }
    return DocumentParser.abbreviations.contains(text[previous.range].lowercased())
  }
}

extension Token {
  var length: Int { end - start }
}

extension String {
  func trimmingTrailing(_ character: Character) -> String {
    var result = self
    while result.last == character { result.removeLast() }
    return result.trimmingSpaces()
  }

  func trimmingSpaces() -> String {
    var scalars = Substring(self)
    while let first = scalars.first, first == " " || first == "\t" { scalars.removeFirst() }
    while let last = scalars.last, last == " " || last == "\t" { scalars.removeLast() }
    return String(scalars)
  }

  /// Folds the typographic apostrophe to the ASCII one.
  func replacingApostrophes() -> String {
    guard self.utf8.contains(0xE2) else { return self }
    return String(self.unicodeScalars.map { $0 == "\u{2019}" ? "'" : Character($0) })
  }
}

/// FNV-1a 64-bit hashing of folded word text: cheap, allocation-free, stable across runs.
public enum FoldedHash {
  public static let offsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325
  static let prime: UInt64 = 0x0000_0100_0000_01B3

  @inline(__always)
  public static func combine(_ hash: UInt64, _ byte: UInt8) -> UInt64 {
    (hash ^ UInt64(byte)) &* prime
  }

  /// Hash of an already folded string.
  public static func hash(_ folded: String) -> UInt64 {
    var hash = offsetBasis
    for byte in folded.utf8 { hash = combine(hash, byte) }
    return hash
  }

  /// Folds a word the way the tokenizer does (lowercase, `’` → `'`) and hashes it.
  public static func fold(_ word: some StringProtocol) -> UInt64 {
    hash(String(word).lowercased().replacingApostrophes())
  }
}
