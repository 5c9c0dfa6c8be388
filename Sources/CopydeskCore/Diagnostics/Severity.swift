/// How serious a finding is. Ordered from most to least severe.
public enum Severity: String, Sendable, Hashable, CaseIterable, Comparable, Codable {
  case error
  case warning
  case info
  case hint

  /// 0 for error … 3 for hint.
  public var rank: Int {
    switch self {
    case .error: 0
    case .warning: 1
    case .info: 2
    case .hint: 3
    }
  }

  public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}
