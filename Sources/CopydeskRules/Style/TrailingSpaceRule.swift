public import CopydeskCore

/// Flags spaces and tabs at the end of a line, including lines that hold only whitespace.
///
/// Fix: delete them. Markdown's hard line break (exactly two spaces after text, inside a paragraph
/// that continues on the next line) is kept, and so is whitespace inside code blocks, HTML comments
/// and front matter.
public struct TrailingSpaceRule: Rule {
  public static let description = RuleDescription(
    id: "style/trailing-space", name: "Trailing Space",
    summary: "Delete whitespace at the end of a line",
    explanation: """
      Flags spaces and tabs at the end of a line, and lines that hold nothing but whitespace. They are \
      invisible in the editor but show up in diffs, confuse line-based tools and can turn into stray \
      gaps when text is reflowed. In Markdown, exactly two spaces after text in a paragraph that goes on \
      to the next line are a deliberate hard line break and are left alone, as is anything inside code \
      blocks, HTML comments and front matter. The fix deletes the whitespace.
      """,
    defaultSeverity: .info, isFixable: true,
    examples: [
      .triggers("The talks ended.⟦ ⟧\nThe next round starts soon."),
      .triggers("The talks ended.⟦\t⟧"),
      .triggers("First paragraph.\n⟦   ⟧\nSecond paragraph."),
      .triggers("# Heading⟦  ⟧\nBody text."),
      .triggers("The last line of a paragraph.⟦  ⟧\n\nA new paragraph."),
      .triggers("Plain text has no hard breaks.⟦  ⟧\nIt goes on.", format: .plainText),
      .passes("A line with a hard break  \nand the next line of the paragraph."),
      .passes("```\nlet x = 1   \n```"),
      .passes("<!--\nnote   \n-->\nText."),
      .passes("---\ntitle: Talks   \n---\nBody."),
      .passes("Read `code` and https://example.com/path today."),
      .fixes("The talks ended. \t\nThe next round starts soon.", to: "The talks ended.\nThe next round starts soon."),
      .fixes("First paragraph.\n  \nSecond paragraph.", to: "First paragraph.\n\nSecond paragraph."),
    ])

  public var description: RuleDescription { Self.description }
  public init() {}
  public static let factory = RuleFactory(TrailingSpaceRule())

  public func check(_ document: Document, context: RuleContext) -> [Diagnostic] {
    var results: [Diagnostic] = []
    let text = document.text
    let bytes = text.bytes
    let frontMatter = document.article.frontMatter?.range
    for line in 0..<text.lineCount {
      let content = text.lineContentRange(line)
      var start = content.end
      while start > content.start, bytes[start - 1] == 0x20 || bytes[start - 1] == 0x09 { start -= 1 }
      guard start < content.end else { continue }
      let run = TextRange(start: start, end: content.end)
      if let frontMatter, frontMatter.contains(run.start) { continue }
      if document.isProtected(run) { continue }
      let blankLine = start == content.start
      if !blankLine && isHardBreak(run, lineEnd: content.end, in: document) { continue }
      let fix = Fix(title: "Delete the trailing whitespace", edits: [TextEdit(range: run, newText: "")])
      let message = blankLine ? "Delete the whitespace on this empty line" : "Delete the whitespace at the end of the line"
      results.append(diagnostic(run, message, fix: fix))
    }
    return results
  }

  /// Exactly two spaces after text, in a Markdown paragraph, list item or quote that continues on the next line.
  private func isHardBreak(_ run: TextRange, lineEnd: Int, in document: Document) -> Bool {
    guard document.format == .markdown, run.length == 2, document.text.bytes[run.start] == 0x20, document.text.bytes[run.start + 1] == 0x20 else {
      return false
    }
    let index = document.tokenIndex(atOrAfter: run.start)
    guard index < document.tokens.count, document.tokens[index].start <= run.start else { return false }
    let block = document.blocks[Int(document.tokens[index].blockIndex)]
    switch block.kind {
    case .paragraph, .listItem, .blockQuote, .summary: return block.range.end > lineEnd
    default: return false
    }
  }
}
