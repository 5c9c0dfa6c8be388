/// A stable rule identifier of the form `family/kebab-name`, e.g. `repetition/word`.
public struct RuleID: RawRepresentable, Hashable, Sendable, Comparable, CustomStringConvertible,
  ExpressibleByStringLiteral
{
  public let rawValue: String

  public init(rawValue: String) { self.rawValue = rawValue }
  public init(_ rawValue: String) { self.rawValue = rawValue }
  public init(stringLiteral value: String) { self.rawValue = value }

  /// The part before the slash: `repetition` for `repetition/word`.
  public var family: String {
    guard let slash = rawValue.firstIndex(of: "/") else { return rawValue }
    return String(rawValue[..<slash])
  }

  /// True for `family/kebab-name` with lowercase ASCII letters, digits and single hyphens.
  public var isWellFormed: Bool {
    let parts = rawValue.split(separator: "/", omittingEmptySubsequences: false)
    guard parts.count == 2 else { return false }
    return parts.allSatisfy { part in
      guard let first = part.first, let last = part.last, first.isLetter, last != "-" else { return false }
      return !part.contains("--")
        && part.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }
  }

  public static func < (lhs: RuleID, rhs: RuleID) -> Bool { lhs.rawValue < rhs.rawValue }
  public var description: String { rawValue }
}
