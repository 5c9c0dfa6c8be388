import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// A draft found under the root.
public struct DiscoveredDraft: Sendable, Hashable {
  /// Absolute path as reached: a linked file keeps the link's own path.
  public var path: String
  /// Path relative to the root with `/` separators, as reached (the link's own name for a linked file).
  public var relativePath: String
  /// For a symbolic link to a file: the canonical path of its target, which is inside the root. Nil
  /// for a regular file.
  public var linkTarget: String?

  public init(path: String, relativePath: String, linkTarget: String? = nil) {
    self.path = path
    self.relativePath = relativePath
    self.linkTarget = linkTarget
  }
}

/// Finds drafts under a root, honouring include and ignore globs, never leaving the root through symlinks.
///
/// The walk reads each folder once with `readdir` and asks the file system about an entry only when it
/// is a symbolic link: a link is followed when its target stays inside the root and skipped when it
/// leaves it or dangles; folders already walked (loops) are not walked again. Only regular files are
/// drafts (a FIFO named `x.md` would block a reader).
public struct FileDiscovery: Sendable {
  public static let defaultInclude = ["**/*.md", "**/*.markdown", "**/*.txt"]
  /// Folders never descended into.
  public static let skippedFolders: Set<String> = [".git", ".build", "node_modules", ".hg", ".svn"]

  public let root: String
  public let include: [Glob]
  public let ignore: [Glob]

  public init(root: String, include: [String]? = nil, ignore: [String] = []) {
    self.root = FileDiscovery.canonical(root)
    self.include = (include ?? FileDiscovery.defaultInclude).map(Glob.init)
    self.ignore = ignore.map(Glob.init)
  }

  /// The absolute, symlink-resolved form of a path.
  public static func canonical(_ path: String) -> String {
    let url = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath()
    return url.path
  }

  /// The folder holding `path` (`/a/b.md` → `/a`), by its text alone.
  public static func parentDirectory(of path: String) -> String {
    let utf8 = path.utf8
    guard let slash = utf8.lastIndex(of: UInt8(ascii: "/")) else { return "" }
    if slash == utf8.startIndex { return "/" }
    return String(path[..<slash])
  }

  /// Path relative to the root with `/` separators, or nil when outside it.
  public func relativePath(_ absolute: String) -> String? {
    relativePath(canonical: FileDiscovery.canonical(absolute))
  }

  /// `relativePath(_:)` for a path that is already canonical.
  public func relativePath(canonical path: String) -> String? {
    if path == root { return "" }
    let prefix = root.hasSuffix("/") ? root : root + "/"
    guard path.hasPrefix(prefix) else { return nil }
    return String(path.dropFirst(prefix.count))
  }

  /// True when a relative path is a draft by the include and ignore globs.
  public func isDraft(relativePath: String) -> Bool {
    include.contains { $0.matches(relativePath) } && !ignore.contains { $0.matches(relativePath) }
  }

  /// True when a relative path is ignored.
  public func isIgnored(relativePath: String) -> Bool {
    ignore.contains { $0.matches(relativePath) }
  }

  /// Every draft below `directory` (absolute), sorted. Symlinks are followed only when they stay inside
  /// the root; loops are cut by remembering resolved folders.
  public func drafts(under directory: String) -> [String] {
    entries(under: directory).map(\.path)
  }

  /// Every draft below `directory` with its relative path and, for linked files, the link's target;
  /// sorted by path. Empty when `directory` is outside the root or unreadable.
  public func entries(under directory: String) -> [DiscoveredDraft] {
    let start = FileDiscovery.canonical(directory)
    guard let relative = relativePath(canonical: start) else { return [] }
    var results: [DiscoveredDraft] = []
    var visited: Set<String> = []
    walk(start, relative: relative, visited: &visited, into: &results)
    return results.sorted { $0.path < $1.path }
  }

  /// `directory` is canonical (built from the canonical root by appending real folder names, or
  /// resolved from a link), so `visited` compares like with like.
  private func walk(_ directory: String, relative: String, visited: inout Set<String>, into results: inout [DiscoveredDraft]) {
    guard visited.insert(directory).inserted else { return }
    for (name, kind) in FileDiscovery.listDirectory(directory) {
      if FileDiscovery.skippedFolders.contains(name) { continue }
      let path = directory == "/" ? "/" + name : directory + "/" + name
      let entryRelative = relative.isEmpty ? name : relative + "/" + name
      switch kind {
      case .directory:
        if isIgnored(relativePath: entryRelative) { continue }
        walk(path, relative: entryRelative, visited: &visited, into: &results)
      case .regularFile:
        if isDraft(relativePath: entryRelative) { results.append(DiscoveredDraft(path: path, relativePath: entryRelative)) }
      case .symbolicLink:
        let resolved = FileDiscovery.canonical(path)
        guard let resolvedRelative = relativePath(canonical: resolved) else { continue }  // Leaves the root.
        switch FileDiscovery.kind(ofResolved: resolved) {
        case .directory:
          if !resolvedRelative.isEmpty && isIgnored(relativePath: resolvedRelative) { continue }
          walk(resolved, relative: resolvedRelative, visited: &visited, into: &results)
        case .regularFile:
          // Globs see the link's own name, as a reader of the folder does.
          if isDraft(relativePath: entryRelative) {
            results.append(DiscoveredDraft(path: path, relativePath: entryRelative, linkTarget: resolved))
          }
        default:
          continue  // Dangling link, or a link to something that is not a file.
        }
      case .other:
        continue
      }
    }
  }

  enum EntryKind {
    case directory
    case regularFile
    case symbolicLink
    case other
  }

  /// The folder's entries sorted by name, with their kinds; empty when it cannot be read.
  static func listDirectory(_ directory: String) -> [(name: String, kind: EntryKind)] {
    guard let handle = opendir(directory) else { return [] }
    defer { closedir(handle) }
    var entries: [(name: String, kind: EntryKind)] = []
    while let entry = readdir(handle) {
      let name = withUnsafePointer(to: entry.pointee.d_name) { pointer in
        pointer.withMemoryRebound(to: CChar.self, capacity: MemoryLayout.size(ofValue: entry.pointee.d_name)) {
          String(cString: $0)
        }
      }
      if name == "." || name == ".." { continue }
      let kind: EntryKind
      switch Int32(entry.pointee.d_type) {
      case Int32(DT_DIR): kind = .directory
      case Int32(DT_REG): kind = .regularFile
      case Int32(DT_LNK): kind = .symbolicLink
      case Int32(DT_UNKNOWN): kind = lstatKind(directory + "/" + name)
      default: kind = .other
      }
      entries.append((name, kind))
    }
    entries.sort { $0.name < $1.name }
    return entries
  }

  /// For file systems that do not fill `d_type`.
  private static func lstatKind(_ path: String) -> EntryKind {
    var info = stat()
    guard lstat(path, &info) == 0 else { return .other }
    return kind(mode: info.st_mode)
  }

  /// What a resolved link target is (following further links); `.other` when it does not exist.
  static func kind(ofResolved path: String) -> EntryKind {
    var info = stat()
    guard stat(path, &info) == 0 else { return .other }
    return kind(mode: info.st_mode)
  }

  private static func kind(mode: mode_t) -> EntryKind {
    switch mode & S_IFMT {
    case S_IFDIR: .directory
    case S_IFREG: .regularFile
    case S_IFLNK: .symbolicLink
    default: .other
    }
  }
}
