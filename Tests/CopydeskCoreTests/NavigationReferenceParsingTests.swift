import CopydeskCore
import Testing

@Suite("Navigation reference parsing")
struct NavigationReferenceParsingTests {
  @Test func aMarkdownFooterSkipsOneLineCommentsBeforeTheTitle() {
    let text = "# Title\n\nNext Article\n\n<!-- copydesk-disable-next-line navigation/dangling -->\nThe next one\n"
    let document = Document(path: "a.md", string: text)
    let next = document.article.next
    #expect(next?.name == "The next one")
    #expect(next.map { document.string($0.range) } == "The next one")
    // The comment is still a directive: it silences the title line below it.
    let range = next!.range
    #expect(document.suppressions.isSuppressed("navigation/dangling", at: range))
    #expect(!document.suppressions.isSuppressed("navigation/self", at: range))
    let commentStart = text.utf8.distance(from: text.utf8.startIndex, to: text.utf8.firstIndex(of: UInt8(ascii: "<"))!)
    #expect(document.isProtected(TextRange(start: commentStart, end: commentStart + 4)))
  }

  @Test func aCommentAloneAfterTheLabelIsNotATitle() {
    let document = Document(path: "a.md", string: "# Title\n\nNext Article\n\n<!-- just a note -->\n")
    #expect(document.article.next == nil)
  }

  @Test func inPlainTextACommentLineIsTheTitle() {
    // Plain text has no HTML comments: the line is the referenced title as written.
    let document = Document(path: "a.txt", string: "Title\n\nNext Article\n\n<!-- not a comment -->\n")
    #expect(document.article.next?.name == "<!-- not a comment -->")
  }

  @Test func frontMatterNamesAreEditableButOtherValuesAreNot() {
    let text = "---\nslug: s\nprevious: p\nnext: n\n---\nBody.\n"
    let document = Document(path: "a.md", string: text)
    #expect(!document.isProtected(document.article.previous!.range))
    #expect(!document.isProtected(document.article.next!.range))
    #expect(document.isProtected(document.article.slug!.range))
  }
}
