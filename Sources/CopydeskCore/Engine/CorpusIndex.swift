/// How a previous/next reference resolves against the corpus.
public enum ReferenceResolution: Sendable, Hashable {
  /// Exactly one draft matches by slug, relative path or exact title.
  case resolved(DraftSummary)
  /// One draft matches only after folding case, punctuation, whitespace or a `Revised:`-style label.
  case titleMismatch(DraftSummary)
  /// Several drafts match (sorted by path).
  case ambiguous([DraftSummary])
  /// Nothing matches; `suggestions` are the closest titles or slugs (best first).
  case dangling(suggestions: [DraftSummary])

  /// The draft the reference points at, when there is exactly one (a title mismatch still resolves).
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
/// change (`upsert`, `remove(path:)`). References are names only: nothing here touches the file
/// system, so `../../etc/passwd` is just a string that matches no key.
///
/// Resolution order for a name (surrounding spaces and tabs ignored):
/// 1. a relative path with its extension (`news/budget.md`; `./` segments allowed, `..` never matches);
/// 2. otherwise every entry whose slug, exact title or extension-less path (`news/budget`) equals it;
/// 3. otherwise every entry whose folded title or folded slug equals the folded name (`foldTitle`),
///    which is a title mismatch when there is one.
///
/// When a step finds both drafts and published-index entries, the drafts win: a draft that revises a
/// published article shares its slug and title, and the file is the one to point at.
public struct CorpusIndex: DraftIndex, Sendable {
  /// An entry with its precomputed lookup keys, so `remove` finds them again.
  private struct Entry: Sendable {
    var summary: DraftSummary
    var title: String?
    var foldedTitle: String?
    var foldedSlug: String
    /// The path without its extension; nil for published entries.
    var pathStem: String?
    /// The folded title and slug as suggestion scans read them.
    var titleName: SuggestionName?
    var slugName: SuggestionName
  }

  /// A folded name as scalars, so suggestion scans compare without decoding strings, with its letter counts,
  /// which rule most names out before an edit distance is measured.
  private struct SuggestionName: Sendable {
    let scalars: [Unicode.Scalar]
    let letters: LetterCounts

    init(_ folded: String) {
      scalars = Array(folded.unicodeScalars)
      letters = LetterCounts(scalars)
    }

    /// The edit distance to `query`, or more than the bound when the letter counts already exceed it.
    func distance(_ query: LetterCounts, _ measure: inout BoundedEditDistance) -> Int {
      query.editsAtLeast(letters) <= measure.maxDistance ? measure.measure(scalars) : measure.maxDistance + 1
    }
  }

  /// The paths under one key: nearly always one, so that case needs no array.
  private enum Paths: Sendable {
    case one(String)
    case many([String])

    var all: [String] {
      switch self {
      case .one(let path): [path]
      case .many(let paths): paths
      }
    }
  }

  private var entries: [String: Entry] = [:]
  private var bySlug: [String: Paths] = [:]
  private var byTitle: [String: Paths] = [:]
  private var byFolded: [String: Paths] = [:]
  private var byPathStem: [String: Paths] = [:]

  /// - Parameter workers: threads that may fold the drafts' names side by side (the index is the same).
  public init(drafts: [DraftSummary] = [], workers: Int = 1) {
    // Sized once: a corpus of thousands would otherwise rehash every table several times.
    entries.reserveCapacity(drafts.count)
    bySlug.reserveCapacity(drafts.count)
    byTitle.reserveCapacity(drafts.count)
    byFolded.reserveCapacity(drafts.count * 2)
    byPathStem.reserveCapacity(drafts.count)
    // Folding names is most of the work and needs no table; the tables are filled in the drafts' order.
    let prepared = ParallelWork.map(drafts.count, workers: workers) { CorpusIndex.entry(for: drafts[$0]) }
    for entry in prepared { insert(entry) }
  }

  /// All entries, sorted by path.
  public var drafts: [DraftSummary] { entries.values.map(\.summary).sorted { $0.path < $1.path } }
  public var count: Int { entries.count }

  public func draft(atPath path: String) -> DraftSummary? { entries[path]?.summary }

  /// Adds or replaces the entry for `draft.path`.
  public mutating func upsert(_ draft: DraftSummary) {
    insert(CorpusIndex.entry(for: draft))
  }

  private static func entry(for draft: DraftSummary) -> Entry {
    let title = draft.title.flatMap { $0.isEmpty ? nil : $0 }
    let foldedTitle = title.map(CorpusIndex.foldTitle)
    let foldedSlug = CorpusIndex.foldTitle(draft.slug)
    return Entry(
      summary: draft, title: title, foldedTitle: foldedTitle,
      foldedSlug: foldedSlug, pathStem: draft.isPublished ? nil : CorpusIndex.pathStem(draft.path),
      titleName: foldedTitle.map(SuggestionName.init), slugName: SuggestionName(foldedSlug))
  }

  /// Adds `entry`, replacing the one for its path.
  private mutating func insert(_ entry: Entry) {
    let draft = entry.summary
    let title = entry.title
    remove(path: draft.path)
    entries[draft.path] = entry
    CorpusIndex.add(draft.path, to: &bySlug, key: draft.slug)
    if let title { CorpusIndex.add(draft.path, to: &byTitle, key: title) }
    if let folded = entry.foldedTitle, !folded.isEmpty { CorpusIndex.add(draft.path, to: &byFolded, key: folded) }
    if !entry.foldedSlug.isEmpty && entry.foldedSlug != entry.foldedTitle {
      CorpusIndex.add(draft.path, to: &byFolded, key: entry.foldedSlug)
    }
    if let stem = entry.pathStem { CorpusIndex.add(draft.path, to: &byPathStem, key: stem) }
  }

  /// Removes the entry for a path, if any.
  public mutating func remove(path: String) {
    guard let old = entries.removeValue(forKey: path) else { return }
    CorpusIndex.drop(path, from: &bySlug, key: old.summary.slug)
    if let title = old.title { CorpusIndex.drop(path, from: &byTitle, key: title) }
    if let folded = old.foldedTitle { CorpusIndex.drop(path, from: &byFolded, key: folded) }
    CorpusIndex.drop(path, from: &byFolded, key: old.foldedSlug)
    if let stem = old.pathStem { CorpusIndex.drop(path, from: &byPathStem, key: stem) }
  }

  private static func add(_ path: String, to table: inout [String: Paths], key: String) {
    switch table[key] {
    case nil: table[key] = .one(path)
    case .one(let other): table[key] = .many([other, path])
    case .many(let paths): table[key] = .many(paths + [path])
    }
  }

  private static func drop(_ path: String, from table: inout [String: Paths], key: String) {
    guard var paths = table[key]?.all, let index = paths.firstIndex(of: path) else { return }
    paths.remove(at: index)
    table[key] = paths.isEmpty ? nil : paths.count == 1 ? .one(paths[0]) : .many(paths)
  }

  /// Resolves a reference by relative path, slug or exact title; then by folded title or slug; else
  /// suggests the closest names.
  public func resolve(_ name: String) -> ReferenceResolution { resolve(name, suggesting: true) }

  /// Resolves a reference; with `suggesting` false a dangling name carries no suggestions.
  public func resolve(_ name: String, suggesting: Bool) -> ReferenceResolution {
    let trimmed = CorpusIndex.trimmed(name)
    guard !trimmed.isEmpty else { return .dangling(suggestions: []) }
    let path = CorpusIndex.normalizedPath(trimmed)
    if let path, let entry = entries[path], !entry.summary.isPublished { return .resolved(entry.summary) }
    var exact = bySlug[trimmed]?.all ?? []
    exact += byTitle[trimmed]?.all ?? []
    if let path { exact += byPathStem[path]?.all ?? [] }
    if let resolution = decide(exact, single: ReferenceResolution.resolved) { return resolution }
    let folded = CorpusIndex.foldTitle(trimmed)
    if !folded.isEmpty, let paths = byFolded[folded]?.all, let resolution = decide(paths, single: ReferenceResolution.titleMismatch) {
      return resolution
    }
    return .dangling(suggestions: suggesting ? closestNames(to: trimmed, limit: 3).map(\.draft) : [])
  }

  /// One match resolves; several are ambiguous; drafts hide published entries with the same key.
  private func decide(_ paths: [String], single: (DraftSummary) -> ReferenceResolution) -> ReferenceResolution? {
    guard !paths.isEmpty else { return nil }
    if paths.count == 1 || paths.dropFirst().allSatisfy({ $0 == paths[0] }) {
      guard let summary = entries[paths[0]]?.summary else { return nil }
      return single(summary)
    }
    var matches = Set(paths).compactMap { entries[$0]?.summary }
    if matches.contains(where: { !$0.isPublished }) { matches.removeAll(where: \.isPublished) }
    guard !matches.isEmpty else { return nil }
    matches.sort { $0.path < $1.path }
    return matches.count == 1 ? single(matches[0]) : .ambiguous(matches)
  }

  /// Closest titles or slugs by edit distance, best first (at most three).
  public func suggestions(for name: String) -> [DraftSummary] {
    closestNames(to: name, limit: 3).map(\.draft)
  }

  /// The entries whose folded title or slug is within `max(2, length / 6)` edits of the folded name,
  /// best first (ties by path), at most `limit`. A title wins over a slug at equal distance.
  public func closestNames(to name: String, limit: Int) -> [NameSuggestion] {
    let query = Array(CorpusIndex.foldTitle(name).unicodeScalars)
    guard !query.isEmpty, limit > 0 else { return [] }
    let maxDistance = Swift.max(2, query.count / 6)
    var distance = BoundedEditDistance(query: query, maxDistance: maxDistance)
    let queryLetters = LetterCounts(query)
    var found: [NameSuggestion] = []
    // Read only the scalar keys of each entry; the summary is copied out only for a match.
    for index in entries.values.indices {
      var bestKey = NameSuggestion.Key.title
      var bestDistance = Int.max
      if let value = entries.values[index].titleName?.distance(queryLetters, &distance), value <= maxDistance {
        bestDistance = value
      }
      let slugDistance = entries.values[index].slugName.distance(queryLetters, &distance)
      if slugDistance <= maxDistance, slugDistance < bestDistance {
        bestDistance = slugDistance
        bestKey = .slug
      }
      guard bestDistance != .max else { continue }
      let entry = entries.values[index]
      let name = bestKey == .title ? entry.title! : entry.summary.slug
      found.append(NameSuggestion(draft: entry.summary, name: name, key: bestKey, distance: bestDistance))
    }
    found.sort { $0.distance != $1.distance ? $0.distance < $1.distance : $0.draft.path < $1.draft.path }
    return Array(found.prefix(limit))
  }

  /// A reference read as a relative path: `./` segments dropped; nil for absolute paths, `..`
  /// segments or backslashes, which never name a draft inside the root.
  public static func normalizedPath(_ name: String) -> String? {
    var hasSeparator = false
    for byte in name.utf8 where byte == UInt8(ascii: "/") || byte == UInt8(ascii: "\\") {
      hasSeparator = true
      break
    }
    if !hasSeparator {
      return name == "." || name == ".." || name.isEmpty ? nil : name  // Most names: no folder at all.
    }
    guard !name.hasPrefix("/"), !name.contains("\\") else { return nil }
    var parts: [Substring] = []
    for part in name.split(separator: "/", omittingEmptySubsequences: true) {
      if part == "." { continue }
      if part == ".." { return nil }
      parts.append(part)
    }
    return parts.isEmpty ? nil : parts.joined(separator: "/")
  }

  /// Without leading and trailing spaces and tabs; no copy when there are none (the usual case).
  static func trimmed(_ name: String) -> String {
    let utf8 = name.utf8
    guard let first = utf8.first, let last = utf8.last else { return name }
    let isBlank = { (byte: UInt8) in byte == 0x20 || byte == 0x09 }
    guard isBlank(first) || isBlank(last) else { return name }
    return name.trimmingSpaces()
  }

  /// The path without the extension of its last segment.
  static func pathStem(_ path: String) -> String? {
    let utf8 = path.utf8
    guard let dot = utf8.lastIndex(of: UInt8(ascii: ".")) else { return nil }
    if let slash = utf8.lastIndex(of: UInt8(ascii: "/")), slash > dot { return nil }
    if dot == utf8.startIndex || utf8[utf8.index(before: dot)] == UInt8(ascii: "/") { return nil }  // `.hidden`
    return String(path[..<dot])
  }

  private static let labels: [String] = [
    "revised:", "updated:", "update:", "draft:", "correction:", "corrected:", "analysis:", "explainer:", "opinion:", "live:",
  ]

  /// Case, punctuation and whitespace folded; a leading `Revised:`/`Updated:`-style label dropped.
  ///
  /// Letters and digits are kept (lowercased), apostrophes (’ ') are dropped, and every other run of
  /// characters becomes one space; the result has no leading or trailing space.
  public static func foldTitle(_ title: String) -> String {
    if let folded = foldASCII(title) { return folded }
    var text = Substring(title.lowercased())
    for label in labels where text.hasPrefix(label) {
      text = text.dropFirst(label.count)
      break
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

  /// The same folding for pure ASCII text, without Unicode property lookups (most titles and slugs).
  private static func foldASCII(_ title: String) -> String? {
    var lowered: [UInt8] = []
    lowered.reserveCapacity(title.utf8.count)
    for byte in title.utf8 {
      guard byte < 0x80 else { return nil }
      lowered.append(byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte)
    }
    var start = 0
    for label in labels {
      let bytes = label.utf8
      if lowered.count >= bytes.count && lowered.starts(with: bytes) {
        start = bytes.count
        break
      }
    }
    var result: [UInt8] = []
    result.reserveCapacity(lowered.count - start)
    var pendingSpace = false
    for byte in lowered[start...] {
      if (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) {
        if pendingSpace && !result.isEmpty { result.append(0x20) }
        pendingSpace = false
        result.append(byte)
      } else if byte != UInt8(ascii: "'") {
        pendingSpace = true
      }
    }
    return String(decoding: result, as: UTF8.self)
  }

  /// The index entry for a parsed draft at `relativePath`.
  public static func summary(of document: Document, relativePath: String) -> DraftSummary {
    let slug = document.article.slug?.text ?? CorpusIndex.stem(of: relativePath)
    let lineNumber = { (reference: NavigationReference?) in
      reference.map { document.text.lineIndex(containing: $0.range.start) + 1 }
    }
    return DraftSummary(
      path: relativePath, title: document.article.title?.text, slug: slug, format: document.format,
      previous: document.article.previous, next: document.article.next,
      previousLineNumber: lineNumber(document.article.previous), nextLineNumber: lineNumber(document.article.next))
  }

  /// The file name without folder and extension.
  public static func stem(of path: String) -> String {
    let name = path.split(separator: "/").last.map(String.init) ?? path
    guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return name }
    return String(name[..<dot])
  }
}

/// Which of 64 buckets of scalars (letters fall in distinct buckets) occur at least once, twice, three and
/// four times: a summary of a name's letter counts that compares in a few instructions.
///
/// One edit (insert, delete or substitute a scalar) changes the letter counts by at most 2 in total, and
/// two counts differ by at least the number of these thresholds one reaches and the other does not. So
/// half the thresholds crossed is a lower bound on the edit distance: a test that rules out most names
/// before their edit distance is measured.
struct LetterCounts: Sendable {
  private var atLeast1: UInt64 = 0
  private var atLeast2: UInt64 = 0
  private var atLeast3: UInt64 = 0
  private var atLeast4: UInt64 = 0

  init(_ scalars: some Sequence<Unicode.Scalar>) {
    for scalar in scalars {
      let bit: UInt64 = 1 << UInt64(scalar.value & 63)
      if atLeast1 & bit == 0 {
        atLeast1 |= bit
      } else if atLeast2 & bit == 0 {
        atLeast2 |= bit
      } else if atLeast3 & bit == 0 {
        atLeast3 |= bit
      } else {
        atLeast4 |= bit
      }
    }
  }

  /// A lower bound on the edit distance between the two texts.
  @inline(__always)
  func editsAtLeast(_ other: LetterCounts) -> Int {
    let crossed =
      (atLeast1 ^ other.atLeast1).nonzeroBitCount + (atLeast2 ^ other.atLeast2).nonzeroBitCount
      + (atLeast3 ^ other.atLeast3).nonzeroBitCount + (atLeast4 ^ other.atLeast4).nonzeroBitCount
    return (crossed + 1) / 2
  }
}
