import CopydeskCore

/// A previous/next reference of the checked document, resolved against the corpus.
struct ResolvedNavigationReference: Sendable {
  let reference: NavigationReference
  /// How the name resolves (without suggestions, which only `navigation/dangling` needs).
  let resolution: ReferenceResolution
  /// True when the reference names the document itself.
  let isSelf: Bool

  /// `previous` or `next`, for messages.
  var directionName: String { reference.direction.rawValue }
}

/// The checked document's place in the corpus, shared by the navigation rules.
///
/// The document is recognised by its corpus path when it has one; otherwise (standard input, a file
/// outside the root, a new file the index has not seen) by an index of the document alone, so a
/// reference to its own title or slug still counts as "this draft".
struct NavigationContext: Sendable {
  let corpus: any DraftIndex
  let corpusPath: String?
  let references: [ResolvedNavigationReference]
  private let ownIndex: CorpusIndex?

  /// The context the navigation rules of one lint share (resolving each reference once); nil without a
  /// corpus: navigation rules then report nothing.
  static func shared(_ document: Document, _ context: RuleContext) -> NavigationContext? {
    guard let corpus = context.corpus else { return nil }
    return context.shared(NavigationContext.self) { NavigationContext(document: document, corpus: corpus, context: context) }
  }

  private init(document: Document, corpus: any DraftIndex, context: RuleContext) {
    self.corpus = corpus
    self.corpusPath = context.corpusPath
    var ownIndex: CorpusIndex? = nil
    if context.corpusPath.flatMap(corpus.draft(atPath:)) == nil {
      let path = context.corpusPath ?? CorpusIndex.stem(of: document.path) + (document.format == .plainText ? ".txt" : ".md")
      ownIndex = CorpusIndex(drafts: [CorpusIndex.summary(of: document, relativePath: path)])
    }
    var references: [ResolvedNavigationReference] = []
    for reference in document.article.references {
      let resolution = corpus.resolve(reference.name, suggesting: false)
      let isSelf = NavigationContext.names(resolution.target, path: context.corpusPath)
        || ownIndex?.resolve(reference.name, suggesting: false).target != nil
      references.append(ResolvedNavigationReference(reference: reference, resolution: resolution, isSelf: isSelf))
    }
    self.references = references
    self.ownIndex = ownIndex
  }

  private static func names(_ target: DraftSummary?, path: String?) -> Bool {
    guard let target, let path else { return false }
    return target.path == path
  }

  /// True when `name`, written in another draft, resolves to the checked document.
  func namesDocument(_ name: String) -> Bool {
    if NavigationContext.names(corpus.resolve(name, suggesting: false).target, path: corpusPath) { return true }
    return ownIndex?.resolve(name, suggesting: false).target != nil
  }

  /// The other reference of the checked document (previous for next, and the reverse).
  func reference(_ direction: NavigationDirection) -> ResolvedNavigationReference? {
    references.first { $0.reference.direction == direction }
  }
}

/// Shared wording and edits of the navigation rules.
enum NavigationText {
  /// “A”, “A and B”, “A, B and C”.
  static func list(_ items: [String], conjunction: String = "and") -> String {
    guard items.count > 1 else { return items.first ?? "" }
    return items.dropLast().joined(separator: ", ") + " \(conjunction) " + items[items.count - 1]
  }

  /// An edit that replaces a reference's name with `newName`.
  ///
  /// In front matter, an unquoted value that would read differently once written (wrapped in
  /// matching quotes, `null`, `~`, or YAML-significant `: ` / ` #`) is quoted, with whichever quote
  /// mark the name does not contain.
  static func rename(_ reference: NavigationReference, to newName: String, in document: Document) -> TextEdit {
    guard !reference.isFooter else { return TextEdit(range: reference.range, newText: newName) }
    let bytes = document.text.bytes
    let start = reference.range.start
    let end = reference.range.end
    let isQuoted = start > 0 && end < bytes.count && (bytes[start - 1] == UInt8(ascii: "\"") || bytes[start - 1] == UInt8(ascii: "'"))
      && bytes[end] == bytes[start - 1]
    guard !isQuoted, needsQuoting(newName) else { return TextEdit(range: reference.range, newText: newName) }
    if !newName.contains("\"") { return TextEdit(range: reference.range, newText: "\"\(newName)\"") }
    if !newName.contains("'") { return TextEdit(range: reference.range, newText: "'\(newName)'") }
    return TextEdit(range: reference.range, newText: newName)
  }

  private static func needsQuoting(_ value: String) -> Bool {
    if value == "null" || value == "~" || value.isEmpty { return true }
    if value.contains(": ") || value.contains(" #") || value.hasSuffix(":") { return true }
    guard let first = value.unicodeScalars.first else { return true }
    return "\"'[]{}>|*&!%@`#,?-".unicodeScalars.contains(first)
  }
}

extension String {
  /// Without leading and trailing spaces and tabs (as the parser trims names).
  func trimmingSpacesAndTabs() -> String {
    var scalars = Substring(self)
    while let first = scalars.first, first == " " || first == "\t" { scalars.removeFirst() }
    while let last = scalars.last, last == " " || last == "\t" { scalars.removeLast() }
    return String(scalars)
  }
}
