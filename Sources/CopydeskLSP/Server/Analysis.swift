import CopydeskCore
import CopydeskWorkspace
import Dispatch
import Foundation
import Synchronization

/// Where configurations come from: `.copydesk.json` files (cached until a reload) and the built-in defaults, all
/// narrowed by the server's rule selection.
struct ConfigurationSource: Sendable {
  let cache: ConfigurationCache
  /// Used outside any configured folder, and when a `.copydesk.json` is broken (its error is reported separately).
  let fallback: LoadedConfiguration

  init(selection: RuleSelection) {
    cache = ConfigurationCache(selection: selection, override: nil)
    do {
      fallback = try ConfigLoader.load(path: nil, selection: selection)
    } catch {
      // Only an unknown rule id in the selection can fail here; the built-in rules then apply unfiltered.
      fallback = try! ConfigLoader.load(path: nil)
    }
  }

  /// The configuration for a file in `directory`, or the fallback with the error that prevented loading.
  func configuration(forDirectory directory: String?) -> (LoadedConfiguration, ConfigurationError?) {
    guard let directory else { return (fallback, nil) }
    do {
      return (try cache.configuration(forDirectory: directory), nil)
    } catch {
      return (fallback, error)
    }
  }
}

/// Everything needed to lint one document version, captured on the server and used off it.
struct AnalysisInput: Sendable {
  var uri: DocumentURI
  var version: Int
  var text: SourceText
  var place: DocumentPlace
  /// The document's workspace corpus once indexing has finished; nil before (navigation rules then stay quiet
  /// rather than report every reference as dangling).
  var corpus: CorpusIndex?
  var rootURI: DocumentURI?
  var configurations: ConfigurationSource
  var encoding: PositionEncoding
  var generation: Int
  /// Texts of the other open documents of the same root, by relative path (for related locations).
  var openTexts: [String: SourceText]
  /// The open document's parse cache.
  var blockCache: BlockTokenCache?
}

/// One document version, parsed and linted.
struct AnalysisResult: Sendable {
  var uri: DocumentURI
  var version: Int
  var generation: Int
  var document: Document
  var diagnostics: [Diagnostic]
  var lspDiagnostics: [LSPDiagnostic]
  /// Changes exactly when the reported diagnostics change (pull diagnostics' `resultId`).
  var resultId: String
  /// The corpus entry for this version, when the document is a workspace draft.
  var summary: DraftSummary?
  /// The linter and context used, so code actions re-lint exactly the same way.
  var linter: Linter
  var context: RuleContext
  var configurationError: ConfigurationError?
}

/// Pure, off-actor work: linting one document and indexing a folder.
enum Analyzer {
  /// Threads that may check one large draft's rules side by side.
  static let workers = ProcessInfo.processInfo.activeProcessorCount

  static func analyze(_ input: AnalysisInput) async -> AnalysisResult {
    let place = input.place
    let document = Document(path: place.displayPath, format: place.format, text: input.text, cache: input.blockCache)
    let directory = place.absolutePath.map { ($0 as NSString).deletingLastPathComponent } ?? place.rootPath
    let (configuration, error) = input.configurations.configuration(forDirectory: directory)
    var summary: DraftSummary?
    var corpus = input.corpus
    if let relativePath = place.relativePath, !place.isConfiguration {
      let fresh = CorpusIndex.summary(of: document, relativePath: relativePath)
      summary = fresh
      if corpus?.draft(atPath: relativePath) != fresh { corpus?.upsert(fresh) }
    }
    let context = RuleContext(corpus: corpus, corpusPath: place.relativePath)
    var diagnostics: [Diagnostic] = []
    if !place.isConfiguration && !place.isIgnored {
      diagnostics = configuration.linter.lint(document, context: context, workers: Analyzer.workers)
    }
    let lspDiagnostics = diagnostics.map { diagnostic in
      Conversions.diagnostic(diagnostic, in: input.text, uri: input.uri, encoding: input.encoding) { path in
        relatedFile(path, input: input)
      }
    }
    return AnalysisResult(
      uri: input.uri, version: input.version, generation: input.generation, document: document,
      diagnostics: diagnostics,
      lspDiagnostics: lspDiagnostics, resultId: resultID(lspDiagnostics), summary: summary,
      linter: configuration.linter,
      context: context, configurationError: error)
  }

  private static func relatedFile(_ path: String, input: AnalysisInput) -> Conversions.RelatedFile? {
    guard let rootPath = input.place.rootPath, !path.hasPrefix("published:") else { return nil }
    let absolute = rootPath + "/" + path
    let text =
      input.openTexts[path]
      ?? {
        guard case .text(let text, _) = DraftReader.read(absolute, maxBytes: DraftReader.defaultMaxFileBytes) else {
          return nil
        }
        return text
      }()
    return Conversions.RelatedFile(uri: FileURI.uri(forPath: absolute), text: text)
  }

  /// A digest of everything a client shows for the diagnostics.
  static func resultID(_ diagnostics: [LSPDiagnostic]) -> String {
    var digest = FNVDigest()
    for diagnostic in diagnostics {
      digest.combine(diagnostic.code ?? "")
      digest.combine(diagnostic.range)
      digest.combine(diagnostic.severity?.rawValue ?? 0)
      digest.combine(diagnostic.message)
      for related in diagnostic.relatedInformation ?? [] {
        digest.combine(related.location.uri)
        digest.combine(related.location.range)
        digest.combine(related.message)
      }
      digest.combine(-1)
    }
    return "\(diagnostics.count)-\(digest.hexDigits)"
  }

  // MARK: Indexing

  /// A folder's corpus, built from the files on disk.
  struct IndexBuild: Sendable {
    var discovery: FileDiscovery
    var index: CorpusIndex
    var draftCount: Int
    /// Why the folder could not be indexed (it vanished, or cannot be read).
    var problem: String?
    var configurationError: ConfigurationError?
  }

  /// Indexes every draft of a folder on `workers` threads (off the cooperative pool, so linting the open
  /// documents is not starved while a large folder is indexed).
  static func buildIndex(rootPath: String, configurations: ConfigurationSource, workers: Int) async -> IndexBuild {
    await withCheckedContinuation { (continuation: CheckedContinuation<IndexBuild, Never>) in
      DispatchQueue.global(qos: .utility).async {
        continuation.resume(
          returning: buildIndexSynchronously(rootPath: rootPath, configurations: configurations, workers: workers))
      }
    }
  }

  static func discovery(rootPath: String, configuration: LoadedConfiguration) -> FileDiscovery {
    FileDiscovery(
      root: rootPath, include: configuration.configuration.include, ignore: configuration.configuration.ignore)
  }

  static func buildIndexSynchronously(rootPath: String, configurations: ConfigurationSource, workers: Int) -> IndexBuild
  {
    let (configuration, error) = configurations.configuration(forDirectory: rootPath)
    let discovery = discovery(rootPath: rootPath, configuration: configuration)
    // The same builder as `copydesk lint`, so the editor and the CLI agree on what the corpus holds.
    let builder = CorpusBuilder(discovery: discovery, published: configuration.publishedArticles, jobs: workers)
    var problem: String?
    let index: CorpusIndex
    do {
      index = try builder.build()
    } catch {
      problem = error.description
      index = CorpusIndex(drafts: configuration.publishedArticles)
    }
    return IndexBuild(
      discovery: discovery, index: index, draftCount: index.drafts.count { !$0.isPublished }, problem: problem,
      configurationError: error)
  }

  /// The corpus entry of one file on disk, or nil when it is missing or not a readable draft.
  static func summary(ofFile absolutePath: String, relativePath: String) -> DraftSummary? {
    CorpusBuilder.summary(ofFile: absolutePath, relativePath: relativePath)
  }
}
