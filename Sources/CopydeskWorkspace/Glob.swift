/// A compiled glob over `/`-separated relative paths: `*` (within a segment), `?`, `**` (any number
/// of segments), `[abc]` classes and `{a,b}` alternatives. A pattern without `/` matches the file name
/// in any folder (`*.md`), as in `.gitignore`.
public struct Glob: Sendable, Hashable {
  public let pattern: String
  private let alternatives: [[UInt8]]
  private let matchesBaseName: Bool

  public init(_ pattern: String) {
    self.pattern = pattern
    var trimmed = pattern
    if trimmed.hasPrefix("./") { trimmed.removeFirst(2) }
    if trimmed.hasSuffix("/") { trimmed += "**" }
    self.matchesBaseName = !trimmed.contains("/")
    self.alternatives = Glob.expandBraces(trimmed).map { Array($0.utf8) }
  }

  /// True when the relative path matches.
  public func matches(_ path: String) -> Bool {
    let bytes = Array(path.utf8)
    let candidate: ArraySlice<UInt8>
    if matchesBaseName, let slash = bytes.lastIndex(of: UInt8(ascii: "/")) {
      candidate = bytes[(slash + 1)...]
    } else {
      candidate = bytes[...]
    }
    return alternatives.contains { Glob.match(pattern: $0[...], path: candidate) || (!matchesBaseName && Glob.matchesAsFolderPrefix($0, bytes)) }
  }

  /// `archive/**` also matches `archive` itself; `archive` matches everything below it.
  private static func matchesAsFolderPrefix(_ pattern: [UInt8], _ path: [UInt8]) -> Bool {
    guard !pattern.contains(UInt8(ascii: "*")) && !pattern.contains(UInt8(ascii: "?")) else { return false }
    return path.count > pattern.count && path.starts(with: pattern) && path[pattern.count] == UInt8(ascii: "/")
  }

  static func expandBraces(_ pattern: String) -> [String] {
    guard let open = pattern.firstIndex(of: "{"), let close = pattern[open...].firstIndex(of: "}") else { return [pattern] }
    let prefix = pattern[..<open]
    let suffix = pattern[pattern.index(after: close)...]
    let options = pattern[pattern.index(after: open)..<close].split(separator: ",", omittingEmptySubsequences: false)
    return options.flatMap { expandBraces(String(prefix) + $0 + suffix) }
  }

  private static func match(pattern: ArraySlice<UInt8>, path: ArraySlice<UInt8>) -> Bool {
    var patternIndex = pattern.startIndex
    var pathIndex = path.startIndex
    while patternIndex < pattern.endIndex {
      let byte = pattern[patternIndex]
      if byte == UInt8(ascii: "*") {
        let isDouble = patternIndex + 1 < pattern.endIndex && pattern[patternIndex + 1] == UInt8(ascii: "*")
        if isDouble {
          // `**/` matches zero or more segments; a trailing `**` matches everything.
          var rest = patternIndex + 2
          if rest < pattern.endIndex && pattern[rest] == UInt8(ascii: "/") { rest += 1 }
          if rest == pattern.endIndex { return true }
          var probe = pathIndex
          while true {
            if match(pattern: pattern[rest...], path: path[probe...]) { return true }
            guard let slash = path[probe...].firstIndex(of: UInt8(ascii: "/")) else { return false }
            probe = slash + 1
          }
        }
        let rest = patternIndex + 1
        var probe = pathIndex
        while true {
          if match(pattern: pattern[rest...], path: path[probe...]) { return true }
          guard probe < path.endIndex, path[probe] != UInt8(ascii: "/") else { return false }
          probe += 1
        }
      }
      guard pathIndex < path.endIndex else { return false }
      if byte == UInt8(ascii: "?") {
        guard path[pathIndex] != UInt8(ascii: "/") else { return false }
      } else if byte == UInt8(ascii: "["), let close = pattern[(patternIndex + 1)...].firstIndex(of: UInt8(ascii: "]")) {
        var members = pattern[(patternIndex + 1)..<close]
        var negate = false
        if let first = members.first, first == UInt8(ascii: "!") || first == UInt8(ascii: "^") {
          negate = true
          members = members.dropFirst()
        }
        var found = false
        var index = members.startIndex
        while index < members.endIndex {
          if index + 2 < members.endIndex, members[index + 1] == UInt8(ascii: "-") {
            if path[pathIndex] >= members[index] && path[pathIndex] <= members[index + 2] { found = true }
            index += 3
          } else {
            if path[pathIndex] == members[index] { found = true }
            index += 1
          }
        }
        guard found != negate else { return false }
        patternIndex = close + 1
        pathIndex += 1
        continue
      } else if byte != path[pathIndex] {
        return false
      }
      patternIndex += 1
      pathIndex += 1
    }
    return pathIndex == path.endIndex
  }
}
