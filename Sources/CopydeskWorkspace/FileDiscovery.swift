import Foundation

/// Finds drafts under a root, honouring include and ignore globs, never leaving the root through symlinks.
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

  /// Path relative to the root with `/` separators, or nil when outside it.
  public func relativePath(_ absolute: String) -> String? {
    let path = FileDiscovery.canonical(absolute)
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
    var results: [String] = []
    var visited: Set<String> = []
    walk(FileDiscovery.canonical(directory), visited: &visited, into: &results)
    return results.sorted()
  }

  private func walk(_ directory: String, visited: inout Set<String>, into results: inout [String]) {
    guard visited.insert(directory).inserted else { return }
    let manager = FileManager.default
    guard let names = try? manager.contentsOfDirectory(atPath: directory) else { return }
    for name in names.sorted() {
      if FileDiscovery.skippedFolders.contains(name) { continue }
      let path = directory + "/" + name
      var isDirectory: ObjCBool = false
      guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else { continue }  // Dangling link.
      let resolved = FileDiscovery.canonical(path)
      guard let relative = relativePath(resolved) else { continue }  // A link leaving the root.
      if isDirectory.boolValue {
        if isIgnored(relativePath: relative) && !relative.isEmpty { continue }
        walk(resolved, visited: &visited, into: &results)
      } else if isDraft(relativePath: relativeLinkPath(directory: directory, name: name) ?? relative) {
        results.append(path)
      }
    }
  }

  /// The relative path of the entry as named (not resolved), so globs see the link's own name.
  private func relativeLinkPath(directory: String, name: String) -> String? {
    relativePath(directory).map { $0.isEmpty ? name : $0 + "/" + name }
  }
}
