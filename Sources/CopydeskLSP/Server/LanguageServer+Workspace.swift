import CopydeskCore
import CopydeskWorkspace
import Foundation

extension LanguageServer {
  // MARK: Indexing

  /// Indexes workspace folders in the background; open documents are re-checked with the corpus when done.
  func startIndexing(_ rootPaths: [String]) {
    guard !rootPaths.isEmpty else { return }
    let previous = indexChain
    let configurations = configurations
    let workers = options.indexingWorkers
    indexChain = Task {
      await previous?.value
      for rootPath in rootPaths {
        guard !Task.isCancelled else { return }
        let clock = ContinuousClock()
        let start = clock.now
        let build = await Analyzer.buildIndex(rootPath: rootPath, configurations: configurations, workers: workers)
        self.install(build, rootPath: rootPath, elapsed: clock.now - start)
      }
      self.generation += 1
      self.refresh(self.store.all.map(\.uri))
    }
  }

  private func install(_ build: Analyzer.IndexBuild, rootPath: String, elapsed: Duration) {
    guard let rootIndex = roots.firstIndex(where: { $0.path == rootPath }) else { return }
    var index = build.index
    // Open documents are authoritative: their current text replaces what is on disk.
    for (uri, result) in results {
      guard let summary = result.summary, store[uri]?.place.rootPath == rootPath else { continue }
      index.upsert(summary)
    }
    roots[rootIndex].index = index
    roots[rootIndex].discovery = build.discovery
    roots[rootIndex].isIndexed = true
    reportConfigurationError(build.configurationError)
    let milliseconds = Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000
    if let problem = build.problem { log(.error, "Cannot index \(rootPath): \(problem)") }
    log(.info, "Indexed \(build.draftCount) drafts in \(rootPath) in \(Int(milliseconds)) ms")
  }

  /// Re-reads drafts from disk (in order with other index updates) and re-checks the drafts that name them.
  func updateIndex(rootPath: String, files: [(relativePath: String, absolutePath: String)]) {
    guard !files.isEmpty else { return }
    let previous = indexChain
    indexChain = Task {
      await previous?.value
      guard !Task.isCancelled else { return }
      let summaries = await Self.readSummaries(files)
      self.applyIndexUpdates(summaries, rootPath: rootPath)
    }
  }

  private static func readSummaries(
    _ files: [(relativePath: String, absolutePath: String)]
  ) async -> [(String, DraftSummary?)] {
    files.map { file in
      (file.relativePath, Analyzer.summary(ofFile: file.absolutePath, relativePath: file.relativePath))
    }
  }

  private func applyIndexUpdates(_ updates: [(String, DraftSummary?)], rootPath: String) {
    guard let rootIndex = roots.firstIndex(where: { $0.path == rootPath }) else { return }
    var changes: [(old: DraftSummary?, new: DraftSummary?)] = []
    var openURIs: Set<DocumentURI> = []
    for (relativePath, summary) in updates {
      // An open document's buffer wins over the file until it is closed.
      if let open = store.all.first(where: { $0.place.rootPath == rootPath && $0.place.relativePath == relativePath }) {
        openURIs.insert(open.uri)
        continue
      }
      let old = roots[rootIndex].index.draft(atPath: relativePath)
      if let summary {
        roots[rootIndex].index.upsert(summary)
      } else {
        roots[rootIndex].index.remove(path: relativePath)
      }
      if old.map(NavigationSignature.init) != summary.map(NavigationSignature.init) { changes.append((old, summary)) }
    }
    guard !changes.isEmpty else { return }
    generation += 1
    recheckDependents(of: changes, rootPath: rootPath, except: openURIs)
  }

  // MARK: Workspace notifications

  func didChangeWatchedFiles(_ notification: DidChangeWatchedFilesNotification) {
    var configurationChanged = false
    var byRoot: [String: [(relativePath: String, absolutePath: String)]] = [:]
    for change in notification.changes {
      guard let path = FileURI.path(of: change.uri) else { continue }
      if (path as NSString).lastPathComponent == LoadedConfiguration.fileName {
        configurationChanged = true
        continue
      }
      for root in roots.sorted(by: { $0.path.count > $1.path.count }) {
        guard let relativePath = root.discovery.relativePath(path), !relativePath.isEmpty else { continue }
        if change.type != .deleted && !root.discovery.isDraft(relativePath: relativePath) { break }
        byRoot[root.path, default: []].append((relativePath, path))
        break
      }
    }
    if configurationChanged {
      reloadConfiguration(reason: "\(LoadedConfiguration.fileName) changed on disk")
    }
    for (rootPath, files) in byRoot.sorted(by: { $0.key < $1.key }) {
      updateIndex(rootPath: rootPath, files: files)
    }
  }

  func didChangeConfiguration(_ notification: DidChangeConfigurationNotification) {
    if let settings = notification.settings?.value { apply(settings: settings) }
    reloadConfiguration(reason: "the client's settings changed")
  }

  func didChangeWorkspaceFolders(_ notification: DidChangeWorkspaceFoldersNotification) {
    let removed = Set(notification.event.removed.compactMap { FileURI.path(of: $0.uri).map(FileDiscovery.canonical) })
    roots.removeAll { removed.contains($0.path) }
    var added: [String] = []
    for folder in notification.event.added {
      guard let path = FileURI.path(of: folder.uri),
        !roots.contains(where: { $0.path == FileDiscovery.canonical(path) })
      else {
        continue
      }
      let root = WorkspaceRoot(uri: folder.uri, path: path)
      roots.append(root)
      added.append(root.path)
    }
    rehomeOpenDocuments()
    startIndexing(added)
  }

  /// Drops cached configurations, re-indexes every folder (globs and published articles may have changed) and
  /// re-checks every open document.
  func reloadConfiguration(reason: String) {
    log(.info, "Reloading configuration: \(reason)")
    configurations = ConfigurationSource(selection: options.ruleSelection)
    for uri in configurationErrorURIs.sorted() {
      connection.notify(PublishDiagnosticsNotification(uri: uri, version: nil, diagnostics: []))
    }
    configurationErrorURIs.removeAll()
    generation += 1
    // The current corpus stays in use until the folders are indexed again with the new globs.
    startIndexing(roots.map(\.path))
    refresh(store.all.map(\.uri))
  }

  /// Recomputes where each open document sits after workspace folders changed.
  private func rehomeOpenDocuments() {
    for document in store.all {
      let moved = OpenDocument(
        uri: document.uri, version: document.version, text: document.text, languageId: document.languageId,
        place: place(of: document.uri, languageId: document.languageId))
      store.open(moved)
      results[document.uri] = nil
    }
  }
}
