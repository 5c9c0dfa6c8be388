/// How a previous/next reference resolves against the corpus.
public enum ReferenceResolution: Sendable, Hashable {
  /// Exactly one draft matches by slug, relative path or exact title.
  case resolved(DraftSummary)
  /// One draft matches only after folding case, punctuation, whitespace or a `Revised:`-style label.
  case titleMismatch(DraftSummary)
  /// Several drafts match.
  case ambiguous([DraftSummary])
  /// Nothing matches; `suggestions` are the closest titles or slugs (best first).
  case dangling(suggestions: [DraftSummary])

  /// The draft the reference points at, when there is exactly one.
  public var target: DraftSummary? {
    switch self {
    case .resolved(let draft), .titleMismatch(let draft): draft
    default: nil
    }
  }
}

/// Every draft of the corpus, keyed by relative path, slug and title; updatable one file at a time.
///
/// A value type: the CLI builds it once; the language server keeps one and replaces entries as files
/// change. References are names only: nothing here touches the file system.
public struct CorpusIndex: DraftIndex, Sendable {
  private var byPath: [String: DraftSummary] = [:]
  private var bySlug: [String: Set<String>] = [:]
  private var byTitle: [String: Set<String>] = [:]
  private var byFoldedTitle: [String: Set<String>] = [:]

  public init(drafts: [DraftSummary] = []) {
    for draft in drafts { upsert(draft) }
  }

  /// All entries, sorted by path.
  public var drafts: [DraftSummary] { byPath.values.sorted { $0.path < $1.path } }
  public var count: Int { byPath.count }

  public func draft(atPath path: String) -> DraftSummary? { byPath[path] }

  /// Adds or replaces the entry for `draft.path`.
  public mutating func upsert(_ draft: DraftSummary) {
    remove(path: draft.path)
    byPath[draft.path] = draft
    bySlug[draft.slug, default: []].insert(draft.path)
    if let title = draft.title, !title.isEmpty {
      byTitle[title, default: []].insert(draft.path)
      byFoldedTitle[CorpusIndex.foldTitle(title), default: []].insert(draft.path)
    }
  }

  public mutating func remove(path: String) {
    guard let old = byPath.removeValue(forKey: path) else { return }
    bySlug[old.slug]?.remove(path)
    if bySlug[old.slug]?.isEmpty == true { bySlug[old.slug] = nil }
    if let title = old.title {
      byTitle[title]?.remove(path)
      if byTitle[title]?.isEmpty == true { byTitle[title] = nil }
      let folded = CorpusIndex.foldTitle(title)
      byFoldedTitle[folded]?.remove(path)
      if byFoldedTitle[folded]?.isEmpty == true { byFoldedTitle[folded] = nil }
    }
  }

  /// Resolves a reference by slug, relative path (with or without extension) or exact title; then by
  /// folded title; else suggests the closest names.
  public func resolve(_ name: String) -> ReferenceResolution {
    let trimmed = name.trimmingSpaces()
    var exact: Set<String> = []
    if let paths = bySlug[trimmed] { exact.formUnion(paths) }
    if let paths = byTitle[trimmed] { exact.formUnion(paths) }
    if byPath[trimmed] != nil, !trimmed.hasPrefix("published:") { exact.insert(trimmed) }
    for suffix in [".md", ".markdown", ".txt"] where byPath[trimmed + suffix] != nil { exact.insert(trimmed + suffix) }
    if exact.count == 1 { return .resolved(byPath[exact.first!]!) }
    if exact.count > 1 { return .ambiguous(exact.sorted().compactMap { byPath[$0] }) }
    let folded = CorpusIndex.foldTitle(trimmed)
    if let paths = byFoldedTitle[folded], !paths.isEmpty {
      return paths.count == 1 ? .titleMismatch(byPath[paths.first!]!) : .ambiguous(paths.sorted().compactMap { byPath[$0] })
    }
    return .dangling(suggestions: suggestions(for: trimmed))
  }

  /// Closest titles or slugs by edit distance, best first (at most three).
  public func suggestions(for name: String) -> [DraftSummary] {
    let folded = CorpusIndex.foldTitle(name)
    let limit = Swift.max(2, folded.count / 4)
    var scored: [(Int, String)] = []
    for draft in byPath.values {
      var best = editDistance(folded, CorpusIndex.foldTitle(draft.slug), limit: limit)
      if let title = draft.title { best = Swift.min(best, editDistance(folded, CorpusIndex.foldTitle(title), limit: limit)) }
      if best <= limit { scored.append((best, draft.path)) }
    }
    return scored.sorted { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }.prefix(3).compactMap { byPath[$0.1] }
  }

  /// Case, punctuation and whitespace folded; a leading `Revised:`/`Updated:`-style label dropped.
  public static func foldTitle(_ title: String) -> String {
    var text = Substring(title.lowercased())
    for label in ["revised:", "updated:", "update:", "draft:", "correction:", "corrected:", "analysis:", "explainer:", "opinion:", "live:"] {
      if text.hasPrefix(label) {
        text = text.dropFirst(label.count)
        break
      }
    }
    var result = ""
    var pendingSpace = false
    for scalar in text.unicodeScalars {
      if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
        if pendingSpace && !result.isEmpty { result.unicodeScalars.append(" ") }
        pendingSpace = false
        result.unicodeScalars.append(scalar)
      } else if scalar == "'" || scalar == "\u{2019}" {
        continue
      } else {
        pendingSpace = true
      }
    }
    return result
  }

  /// The index entry for a parsed draft at `relativePath`.
  public static func summary(of document: Document, relativePath: String) -> DraftSummary {
    let slug = document.article.slug?.text ?? CorpusIndex.stem(of: relativePath)
    return DraftSummary(
      path: relativePath, title: document.article.title?.text, slug: slug, format: document.format,
      previous: document.article.previous, next: document.article.next)
  }

  /// The file name without folder and extension.
  public static func stem(of path: String) -> String {
    let name = path.split(separator: "/").last.map(String.init) ?? path
    guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return name }
    return String(name[..<dot])
  }
}
