public import CopydeskCore
public import CopydeskWorkspace
import Foundation

/// Where an open document sits: inside a workspace folder (with its root-relative path) or outside all of them.
public struct DocumentPlace: Sendable, Hashable {
  /// Absolute path on disk, when the URI is a `file:` URI.
  public var absolutePath: String?
  /// The workspace folder holding it.
  public var rootPath: String?
  /// Path relative to the root (the corpus key), when inside a root.
  public var relativePath: String?
  /// The path rules and messages see: relative to the root, else the file name.
  public var displayPath: String
  public var format: DraftFormat
  /// True for a `.copydesk.json`: watched for changes, never linted as a draft.
  public var isConfiguration: Bool
  /// True when the root's `ignore` globs exclude it (no findings are reported).
  public var isIgnored: Bool

  public init(
    absolutePath: String?, rootPath: String?, relativePath: String?, displayPath: String, format: DraftFormat,
    isConfiguration: Bool, isIgnored: Bool
  ) {
    self.absolutePath = absolutePath
    self.rootPath = rootPath
    self.relativePath = relativePath
    self.displayPath = displayPath
    self.format = format
    self.isConfiguration = isConfiguration
    self.isIgnored = isIgnored
  }
}

/// One workspace folder: its files, its corpus index and the globs that pick drafts.
public struct WorkspaceRoot: Sendable {
  public let uri: DocumentURI
  /// Canonical absolute path.
  public let path: String
  public var discovery: FileDiscovery
  /// Every draft of the folder by relative path, plus published articles from `navigation.index`.
  public var index: CorpusIndex
  /// False until the folder has been indexed once: before that, navigation rules get no corpus (rather than
  /// an empty one that would make every reference look dangling).
  public var isIndexed = false

  public init(uri: DocumentURI, path: String) {
    self.uri = uri
    self.path = FileDiscovery.canonical(path)
    self.discovery = FileDiscovery(root: path)
    self.index = CorpusIndex()
  }

  /// The file URI of a draft given by its root-relative path.
  public func uri(forRelativePath relativePath: String) -> DocumentURI {
    FileURI.uri(forPath: path + "/" + relativePath)
  }
}

/// `file:` URIs to paths and back.
public enum FileURI {
  /// The absolute path of a `file:` URI (percent-decoded), or nil for other schemes.
  public static func path(of uri: DocumentURI) -> String? {
    guard uri.lowercased().hasPrefix("file:"), let url = URL(string: uri), url.isFileURL else { return nil }
    let path = url.path
    return path.isEmpty ? nil : path
  }

  /// A `file:` URI for an absolute path.
  public static func uri(forPath path: String) -> DocumentURI {
    URL(fileURLWithPath: path).absoluteString
  }

  /// The last path component of any URI (for naming untitled documents).
  public static func fileName(of uri: DocumentURI) -> String {
    let withoutQuery = uri.split(separator: "?").first.map(String.init) ?? uri
    let name = withoutQuery.split(separator: "/").last.map(String.init) ?? withoutQuery
    return name.removingPercentEncoding ?? name
  }
}

extension DraftFormat {
  /// The format of a document from its path, falling back to the client's language id for untitled buffers.
  static func forDocument(path: String, languageId: String) -> DraftFormat {
    let lower = path.lowercased()
    if lower.hasSuffix(".txt") { return .plainText }
    if lower.hasSuffix(".md") || lower.hasSuffix(".markdown") { return .markdown }
    switch languageId.lowercased() {
    case "plaintext", "text", "txt": return .plainText
    default: return .markdown
    }
  }
}
