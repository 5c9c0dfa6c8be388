import CopydeskCore
import CopydeskWorkspace
import Foundation

extension LanguageServer {
  // MARK: Document sync

  func didOpen(_ notification: DidOpenTextDocumentNotification) {
    let item = notification.textDocument
    let document = OpenDocument(
      uri: item.uri, version: item.version, text: SourceText(item.text), languageId: item.languageId,
      place: place(of: item.uri, languageId: item.languageId))
    store.open(document)
    results[item.uri] = nil
    scheduleAnalysis(of: item.uri, debounced: false)
  }

  func didChange(_ notification: DidChangeTextDocumentNotification) {
    let uri = notification.textDocument.uri
    do {
      _ = try store.change(
        uri, version: notification.textDocument.version, changes: notification.contentChanges, encoding: encoding)
    } catch {
      log(.warning, error.description)
      return
    }
    scheduleAnalysis(of: uri, debounced: true)
  }

  func didSave(_ notification: DidSaveTextDocumentNotification) {
    // A saved `.copydesk.json` reloads the configuration even when the client cannot watch files.
    if let document = store[notification.textDocument.uri], document.place.isConfiguration {
      reloadConfiguration(reason: "\(LoadedConfiguration.fileName) was saved")
    }
  }

  func didClose(_ notification: DidCloseTextDocumentNotification) {
    let uri = notification.textDocument.uri
    pendingLints.removeValue(forKey: uri)?.cancel()
    results[uri] = nil
    guard let document = store.close(uri) else { return }
    if diagnosticMode == .push && !document.place.isConfiguration {
      connection.notify(PublishDiagnosticsNotification(uri: uri, version: nil, diagnostics: []))
    }
    // The corpus goes back to what is on disk: unsaved edits of a closed buffer are gone.
    if let rootPath = document.place.rootPath, let relativePath = document.place.relativePath,
      let absolutePath = document.place.absolutePath
    {
      updateIndex(rootPath: rootPath, files: [(relativePath, absolutePath)])
    }
  }

  /// Where a URI sits in the workspace.
  func place(of uri: DocumentURI, languageId: String) -> DocumentPlace {
    guard let absolutePath = FileURI.path(of: uri) else {
      let name = FileURI.fileName(of: uri)
      return DocumentPlace(
        absolutePath: nil, rootPath: nil, relativePath: nil, displayPath: name,
        format: .forDocument(path: name, languageId: languageId), isConfiguration: false, isIgnored: false)
    }
    let name = (absolutePath as NSString).lastPathComponent
    let isConfiguration = name == LoadedConfiguration.fileName
    let format = DraftFormat.forDocument(path: absolutePath, languageId: languageId)
    // The innermost folder wins when workspace folders nest.
    for root in roots.sorted(by: { $0.path.count > $1.path.count }) {
      guard let relativePath = root.discovery.relativePath(absolutePath), !relativePath.isEmpty else { continue }
      return DocumentPlace(
        absolutePath: absolutePath, rootPath: root.path, relativePath: relativePath, displayPath: relativePath,
        format: format, isConfiguration: isConfiguration,
        isIgnored: root.discovery.isIgnored(relativePath: relativePath))
    }
    return DocumentPlace(
      absolutePath: absolutePath, rootPath: nil, relativePath: nil, displayPath: name, format: format,
      isConfiguration: isConfiguration, isIgnored: false)
  }

  // MARK: Analysis

  /// Lints a document after the debounce delay, replacing any lint still pending for it.
  func scheduleAnalysis(of uri: DocumentURI, debounced: Bool) {
    pendingLints.removeValue(forKey: uri)?.cancel()
    guard phase == .running else { return }
    let delay = debounced ? options.debounce : .zero
    pendingLints[uri] = Task {
      if delay > .zero {
        do { try await Task.sleep(for: delay) } catch { return }
      }
      guard !Task.isCancelled, let input = self.analysisInput(for: uri) else { return }
      let result = await Analyzer.analyze(input)
      guard !Task.isCancelled else { return }
      self.pendingLints[uri] = nil
      self.accept(result, publish: true)
    }
  }

  /// A snapshot of everything the analysis of the document's current version needs.
  func analysisInput(for uri: DocumentURI) -> AnalysisInput? {
    guard let document = store[uri] else { return nil }
    let root = document.place.rootPath.flatMap { path in roots.first { $0.path == path } }
    var openTexts: [String: SourceText] = [:]
    if let rootPath = root?.path {
      for other in store.all where other.uri != uri && other.place.rootPath == rootPath {
        if let relativePath = other.place.relativePath { openTexts[relativePath] = other.text }
      }
    }
    return AnalysisInput(
      uri: uri, version: document.version, text: document.text, place: document.place,
      corpus: root?.isIndexed == true ? root?.index : nil, rootURI: root?.uri, configurations: configurations,
      encoding: encoding,
      generation: generation, openTexts: openTexts, blockCache: document.blockCache)
  }

  /// Takes a finished analysis: drops it when its version is no longer current, else records it, updates the
  /// corpus (re-checking drafts that name this one when its title, slug or links changed) and publishes it.
  @discardableResult
  func accept(_ result: AnalysisResult, publish: Bool) -> Bool {
    guard let document = store[result.uri], document.version == result.version else { return false }
    var stored = result
    if let summary = result.summary, let rootPath = document.place.rootPath,
      let rootIndex = roots.firstIndex(where: { $0.path == rootPath }), roots[rootIndex].isIndexed
    {
      let old = roots[rootIndex].index.draft(atPath: summary.path)
      if old != summary {
        roots[rootIndex].index.upsert(summary)
        if old.map(NavigationSignature.init) != NavigationSignature(summary) {
          generation += 1
          // The result was computed with this version's own entry already in its corpus, so the bump caused by
          // that entry alone does not make it stale.
          if stored.generation == generation - 1 { stored.generation = generation }
          recheckDependents(of: [(old, summary)], rootPath: rootPath, except: [result.uri])
        }
      }
    }
    results[result.uri] = stored
    reportConfigurationError(result.configurationError)
    if publish && diagnosticMode == .push {
      connection.notify(
        PublishDiagnosticsNotification(uri: result.uri, version: result.version, diagnostics: result.lspDiagnostics))
    }
    return true
  }

  /// The analysis of the document's current version: the cached one when still valid, else a fresh one.
  func currentResult(for uri: DocumentURI) async throws -> AnalysisResult {
    for _ in 0..<3 {
      guard let document = store[uri] else {
        throw ResponseError.invalidParams("The document \(uri) is not open; send textDocument/didOpen first")
      }
      if let cached = results[uri], cached.version == document.version, cached.generation == generation {
        return cached
      }
      guard let input = analysisInput(for: uri) else { continue }
      let result = await Analyzer.analyze(input)
      try Task.checkCancellation()
      if accept(result, publish: false) || store[uri]?.version == result.version { return results[uri] ?? result }
    }
    throw ResponseError(code: ResponseError.contentModifiedCode, message: "The document kept changing; ask again")
  }

  // MARK: Pull diagnostics

  func diagnosticReport(_ request: DocumentDiagnosticRequest) async throws -> DocumentDiagnosticReport {
    let result = try await currentResult(for: request.textDocument.uri)
    if request.previousResultId == result.resultId { return .unchanged(resultId: result.resultId) }
    return .full(resultId: result.resultId, items: result.lspDiagnostics)
  }

  // MARK: Dependents

  /// Re-checks open drafts whose previous/next names one of the changed drafts (before or after the change).
  func recheckDependents(
    of changes: [(old: DraftSummary?, new: DraftSummary?)], rootPath: String, except: Set<DocumentURI>
  ) {
    guard let root = roots.first(where: { $0.path == rootPath }) else { return }
    var names: Set<String> = []
    for change in changes {
      for summary in [change.old, change.new].compactMap({ $0 }) {
        names.formUnion(NavigationSignature.names(of: summary))
      }
    }
    var dependents: [DocumentURI] = []
    for document in store.all where document.place.rootPath == rootPath && !except.contains(document.uri) {
      guard let relativePath = document.place.relativePath, let entry = root.index.draft(atPath: relativePath) else {
        continue
      }
      let references = [entry.previous, entry.next].compactMap { $0?.name }
      if references.contains(where: { names.contains(CorpusIndex.foldTitle($0)) || names.contains($0) }) {
        dependents.append(document.uri)
      }
    }
    refresh(dependents)
  }

  /// Gets fresh findings to the client for these documents: re-lints them (push) or asks it to pull again.
  func refresh(_ uris: [DocumentURI]) {
    guard !uris.isEmpty else { return }
    switch diagnosticMode {
    case .push:
      for uri in uris { scheduleAnalysis(of: uri, debounced: false) }
    case .pull:
      if capabilities.supportsDiagnosticRefresh { sendRequest(DiagnosticRefreshRequest()) }
    }
  }

  /// Publishes a broken `.copydesk.json` as a diagnostic on that file (and clears fixed ones).
  func reportConfigurationError(_ error: ConfigurationError?) {
    guard let error, let path = error.path else { return }
    let uri = FileURI.uri(forPath: path)
    guard !configurationErrorURIs.contains(uri) else { return }
    configurationErrorURIs.insert(uri)
    var range = LSPRange(
      start: Position(lineIndex: 0, codeUnitColumn: 0), end: Position(lineIndex: 0, codeUnitColumn: 0))
    if case .text(let text, _) = DraftReader.read(path, maxBytes: DraftReader.defaultMaxFileBytes) {
      let offset = text.offset(
        of: LinePosition(
          lineIndex: Swift.max(0, error.location.line - 1), column: Swift.max(0, error.location.column - 1)),
        encoding: .scalar)
      let lineEnd = text.lineContentRange(text.lineIndex(containing: offset)).end
      range = Conversions.range(TextRange(start: offset, end: Swift.max(offset, lineEnd)), in: text, encoding: encoding)
    }
    let diagnostic = LSPDiagnostic(
      range: range, severity: .error, code: "config", source: Conversions.source, message: error.message)
    connection.notify(PublishDiagnosticsNotification(uri: uri, version: nil, diagnostics: [diagnostic]))
    connection.notify(
      ShowMessageNotification(
        type: .error, message: "Copydesk: \(error.description); using the built-in rules until it is fixed"))
    log(.error, error.description)
  }
}

/// What other drafts' navigation findings depend on: a draft's names and its own links.
struct NavigationSignature: Hashable {
  var title: String?
  var slug: String
  var previous: String?
  var next: String?

  init(_ summary: DraftSummary) {
    title = summary.title
    slug = summary.slug
    previous = summary.previous?.name
    next = summary.next?.name
  }

  /// Every name a reference could use for this draft, raw and folded.
  static func names(of summary: DraftSummary) -> Set<String> {
    var names: Set<String> = [summary.slug, summary.path, CorpusIndex.stem(of: summary.path)]
    if let title = summary.title { names.insert(title) }
    for name in Array(names) { names.insert(CorpusIndex.foldTitle(name)) }
    return names
  }
}
