import CopydeskCore
import CopydeskWorkspace

extension LanguageServer {
  // MARK: Code actions

  func codeActions(_ request: CodeActionRequest) async throws -> [CodeAction] {
    let uri = request.textDocument.uri
    let result = try await currentResult(for: uri)
    let text = result.document.text
    let only = request.context.only
    func wants(_ kind: String) -> Bool {
      guard let only else { return true }
      return only.contains { kind == $0 || kind.hasPrefix($0 + ".") }
    }
    let encoding = encoding
    let versioned = capabilities.supportsDocumentChanges
    func workspaceEdit(_ edits: [LSPTextEdit]) -> WorkspaceEdit {
      versioned
        ? WorkspaceEdit(documentChanges: [
          TextDocumentEdit(
            textDocument: OptionalVersionedTextDocumentIdentifier(uri: uri, version: result.version), edits: edits)
        ])
        : WorkspaceEdit(changes: [uri: edits])
    }
    var actions: [CodeAction] = []
    if wants(CodeAction.quickFixKind) {
      // Only the `data` the server attached identifies a diagnostic; the client's ranges may be in other units.
      let identities = request.context.diagnostics.compactMap { DiagnosticIdentity(json: $0.value["data"]) }
      let chosen: [(Diagnostic, LSPDiagnostic)]
      if identities.isEmpty {
        let range = Conversions.textRange(request.range, in: text, encoding: encoding)
        chosen = zip(result.diagnostics, result.lspDiagnostics).filter { diagnostic, _ in
          diagnostic.fix != nil && diagnostic.range.start <= range.end && range.start <= diagnostic.range.end
        }
      } else {
        chosen = zip(result.diagnostics, result.lspDiagnostics).filter { diagnostic, _ in
          diagnostic.fix != nil && identities.contains { $0.matches(diagnostic) }
        }
      }
      for (diagnostic, lspDiagnostic) in chosen {
        guard let fix = diagnostic.fix else { continue }
        // The same applier as `lint --fix`: it validates the edits and writes line breaks as the file does.
        let applied = FixApplier.apply([diagnostic], to: result.document).applied
        guard !applied.isEmpty else { continue }
        actions.append(
          CodeAction(
            title: fix.title, kind: CodeAction.quickFixKind, diagnostics: [lspDiagnostic], isPreferred: true,
            edit: workspaceEdit(Conversions.edits(applied, in: text, encoding: encoding))))
      }
    }
    if wants(CodeAction.fixAllKind), result.diagnostics.contains(where: { $0.fix != nil }) {
      let edits = await LanguageServer.fixAllEdits(result, encoding: encoding)
      try Task.checkCancellation()
      if !edits.isEmpty {
        actions.append(
          CodeAction(
            title: "Fix all auto-fixable Copydesk problems", kind: CodeAction.fixAllKind, edit: workspaceEdit(edits)))
      }
    }
    return actions
  }

  /// The edits turning the document into its fixpoint under every fix: the same applier and passes as
  /// `lint --fix`, one edit per changed region so the rest of the buffer (and the cursor) stays untouched.
  nonisolated static func fixAllEdits(_ result: AnalysisResult, encoding: PositionEncoding) async -> [LSPTextEdit] {
    let text = result.document.text
    let fixed = FixApplier.fixToFixpoint(text, path: result.document.path, format: result.document.format) {
      result.linter.lint($0, context: result.context)
    }
    guard fixed.isChanged else { return [] }
    return Conversions.edits(fixed.edits, in: text, encoding: encoding)
  }

  // MARK: Hover

  func hover(_ request: HoverRequest) async throws -> Hover? {
    let result = try await currentResult(for: request.textDocument.uri)
    let text = result.document.text
    let offset = Conversions.utf8Offset(request.position, in: text, encoding: encoding)
    let hits = result.diagnostics.filter { $0.range.start <= offset && offset <= $0.range.end }
    guard let first = hits.first else { return nil }
    let descriptions = Dictionary(
      result.linter.rules.map { ($0.rule.description.id, $0.rule.description) }, uniquingKeysWith: { first, _ in first }
    )
    let markdown = capabilities.supportsMarkdownHover
    var sections: [String] = []
    var seen: Set<String> = []
    for hit in hits where seen.insert(hit.ruleID.rawValue + "\u{1}" + hit.message).inserted {
      let explanation = descriptions[hit.ruleID].map(RulesCommand.explanation)
      if markdown {
        var section = "**\(hit.message)** `\(hit.ruleID)`"
        if let explanation { section += "\n\n```text\n\(explanation)```" }
        sections.append(section)
      } else {
        sections.append(
          explanation.map { "\(hit.message) [\(hit.ruleID)]\n\n\($0)" } ?? "\(hit.message) [\(hit.ruleID)]")
      }
    }
    return Hover(
      contents: MarkupContent(
        kind: markdown ? "markdown" : "plaintext", value: sections.joined(separator: markdown ? "\n\n---\n\n" : "\n\n")),
      range: Conversions.range(first.range, in: text, encoding: encoding))
  }

  // MARK: Navigation

  func definition(_ request: DefinitionRequest) async throws -> Location? {
    let uri = request.textDocument.uri
    let result = try await currentResult(for: uri)
    let offset = Conversions.utf8Offset(request.position, in: result.document.text, encoding: encoding)
    guard
      let reference = result.document.article.references.first(where: {
        $0.range.start <= offset && offset <= $0.range.end
      }),
      let (targetURI, _) = target(of: reference, from: uri)
    else { return nil }
    let origin = Position(lineIndex: 0, codeUnitColumn: 0)
    return Location(uri: targetURI, range: LSPRange(start: origin, end: origin))
  }

  func documentLinks(_ request: DocumentLinkRequest) async throws -> [DocumentLink] {
    let uri = request.textDocument.uri
    let result = try await currentResult(for: uri)
    return result.document.article.references.compactMap { reference in
      guard let (targetURI, draft) = target(of: reference, from: uri) else { return nil }
      let name = draft.title.map { "“\($0)”" } ?? draft.path
      return DocumentLink(
        range: Conversions.range(reference.range, in: result.document.text, encoding: encoding), target: targetURI,
        tooltip: "Open the \(reference.direction.rawValue) article, \(name)")
    }
  }

  /// The file a previous/next reference resolves to, when it names exactly one draft of the workspace.
  private func target(of reference: NavigationReference, from uri: DocumentURI) -> (DocumentURI, DraftSummary)? {
    guard let rootPath = store[uri]?.place.rootPath, let root = roots.first(where: { $0.path == rootPath }),
      let draft = root.index.resolve(reference.name).target, !draft.isPublished
    else { return nil }
    return (root.uri(forRelativePath: draft.path), draft)
  }

  // MARK: Completion

  /// Titles or slugs of the other drafts: after `previous:` / `next:` in front matter (slugs), and on the line
  /// under `Previous Article` / `Next Article` (titles).
  func completion(_ request: CompletionRequest) async throws -> CompletionList {
    let uri = request.textDocument.uri
    guard let document = store[uri] else {
      throw ResponseError.invalidParams("The document \(uri) is not open; send textDocument/didOpen first")
    }
    let text = document.text
    let offset = Conversions.utf8Offset(request.position, in: text, encoding: encoding)
    let lineIndex = text.lineIndex(containing: offset)
    let line = text.lineContentRange(lineIndex)
    let candidates = completionCandidates(excluding: document)
    let typed = text[TextRange(start: line.start, end: Swift.max(line.start, offset))]
    if document.place.format == .markdown, LanguageServer.isInFrontMatter(text, lineIndex: lineIndex),
      let valueStart = LanguageServer.frontMatterValueStart(typed, keys: ["previous", "next"])
    {
      let start = line.start + valueStart
      let range = Conversions.range(
        TextRange(start: start, end: Swift.max(start, line.end)), in: text, encoding: encoding)
      let items = candidates.map { draft in
        CompletionItem(
          label: draft.slug, kind: .reference, detail: draft.title ?? draft.path, sortText: draft.slug.lowercased(),
          filterText: draft.slug, textEdit: LSPTextEdit(range: range, newText: draft.slug))
      }
      return CompletionList(isIncomplete: false, items: items)
    }
    if LanguageServer.isFooterTitleLine(text, lineIndex: lineIndex) {
      let range = Conversions.range(line, in: text, encoding: encoding)
      let items = candidates.compactMap { draft -> CompletionItem? in
        guard let title = draft.title, !title.isEmpty else { return nil }
        return CompletionItem(
          label: title, kind: .reference, detail: draft.isPublished ? "published: \(draft.slug)" : draft.path,
          sortText: title.lowercased(), filterText: title, textEdit: LSPTextEdit(range: range, newText: title))
      }
      return CompletionList(isIncomplete: false, items: items)
    }
    return CompletionList(isIncomplete: false, items: [])
  }

  private func completionCandidates(excluding document: OpenDocument) -> [DraftSummary] {
    guard let rootPath = document.place.rootPath, let root = roots.first(where: { $0.path == rootPath }) else {
      return []
    }
    return root.index.drafts.filter { $0.path != document.place.relativePath }
  }

  /// True when the line is inside a `---` front matter block at the top of the text.
  nonisolated static func isInFrontMatter(_ text: SourceText, lineIndex: Int) -> Bool {
    guard lineIndex > 0, text[text.lineContentRange(0)].trimmingASCIISpaces() == "---" else { return false }
    for index in 1..<lineIndex {
      let content = text[text.lineContentRange(index)].trimmingASCIISpaces()
      if content == "---" || content == "..." { return false }
    }
    return true
  }

  /// The UTF-8 offset in `typed` where the value of one of `keys` starts (after the colon and spaces), when
  /// `typed` is `key:` plus the value typed so far.
  nonisolated static func frontMatterValueStart(_ typed: String, keys: Set<String>) -> Int? {
    let bytes = Array(typed.utf8)
    var index = 0
    while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x09 { index += 1 }
    let keyStart = index
    while index < bytes.count, bytes[index] != 0x3A { index += 1 }
    guard index < bytes.count else { return nil }
    let key = String(decoding: bytes[keyStart..<index], as: UTF8.self).trimmingASCIISpaces().lowercased()
    guard keys.contains(key) else { return nil }
    index += 1
    while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x09 { index += 1 }
    return index
  }

  /// True when the nearest non-blank line above reads `Previous Article` or `Next Article`.
  nonisolated static func isFooterTitleLine(_ text: SourceText, lineIndex: Int) -> Bool {
    var index = lineIndex - 1
    while index >= 0 {
      let content = text[text.lineContentRange(index)].trimmingASCIISpaces()
      if !content.isEmpty { return content == "Previous Article" || content == "Next Article" }
      index -= 1
    }
    return false
  }
}
