/// Regions where inline comments switch rules off.
///
/// `<!-- copydesk-disable ID... -->` … `<!-- copydesk-enable ID... -->` and
/// `<!-- copydesk-disable-next-line ID... -->`; no ids means every rule. A disable with no
/// matching enable lasts to the end of the document.
public struct Suppressions: Sendable, Hashable {
  /// One suppressed region. `ruleIDs` empty means all rules.
  public struct Region: Sendable, Hashable {
    public var range: TextRange
    public var ruleIDs: Set<RuleID>
    /// The comment that created it (for "unused suppression" reports and for fixes to avoid).
    public var commentRange: TextRange

    public func covers(_ ruleID: RuleID) -> Bool { ruleIDs.isEmpty || ruleIDs.contains(ruleID) }
  }

  public private(set) var regions: [Region] = []

  public init(regions: [Region] = []) {
    self.regions = regions
  }

  public var isEmpty: Bool { regions.isEmpty }

  /// True when a finding of `ruleID` that starts inside `range` is suppressed.
  public func isSuppressed(_ ruleID: RuleID, at range: TextRange) -> Bool {
    regions.contains { $0.covers(ruleID) && $0.range.contains(range.start) }
  }

  /// True when any part of `range` falls in a region suppressing `ruleID` (fixes must not touch it).
  public func touchesSuppressed(_ ruleID: RuleID, _ range: TextRange) -> Bool {
    regions.contains { $0.covers(ruleID) && ($0.range.overlaps(range) || $0.range.contains(range.start)) }
  }

  /// The parsed content of one suppression comment.
  public enum Directive: Sendable, Hashable {
    case disable(Set<RuleID>)
    case enable(Set<RuleID>)
    case disableNextLine(Set<RuleID>)
  }

  /// Parses the inside of an HTML comment (`copydesk-disable a/b c/d`), or nil when it is not a directive.
  public static func directive(inComment body: Substring) -> Directive? {
    let words = body.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "," })
    guard let keyword = words.first else { return nil }
    let ids = Set(words.dropFirst().map { RuleID(String($0)) })
    switch keyword {
    case "copydesk-disable": return .disable(ids)
    case "copydesk-enable": return .enable(ids)
    case "copydesk-disable-next-line": return .disableNextLine(ids)
    default: return nil
    }
  }

  /// Builds regions from the directives in document order.
  ///
  /// - Parameter nextLineRange: the range of the line after the comment's line.
  static func build(
    directives: [(directive: Directive, comment: TextRange, nextLineRange: TextRange)], documentEnd: Int
  ) -> Suppressions {
    var regions: [Region] = []
    // Open "disable" regions: all-rules or per rule.
    var openAll: (start: Int, comment: TextRange)? = nil
    var openByRule: [RuleID: (start: Int, comment: TextRange)] = [:]
    for (directive, comment, nextLine) in directives {
      switch directive {
      case .disableNextLine(let ids):
        regions.append(Region(range: nextLine, ruleIDs: ids, commentRange: comment))
      case .disable(let ids):
        if ids.isEmpty {
          if openAll == nil { openAll = (comment.end, comment) }
        } else {
          for id in ids where openByRule[id] == nil { openByRule[id] = (comment.end, comment) }
        }
      case .enable(let ids):
        if ids.isEmpty {
          if let open = openAll {
            regions.append(Region(range: TextRange(start: open.start, end: comment.start), ruleIDs: [], commentRange: open.comment))
            openAll = nil
          }
          for (id, open) in openByRule.sorted(by: { $0.key < $1.key }) {
            regions.append(Region(range: TextRange(start: open.start, end: comment.start), ruleIDs: [id], commentRange: open.comment))
          }
          openByRule.removeAll()
        } else {
          for id in ids.sorted() {
            if let open = openByRule.removeValue(forKey: id) {
              regions.append(Region(range: TextRange(start: open.start, end: comment.start), ruleIDs: [id], commentRange: open.comment))
            }
          }
        }
      }
    }
    if let open = openAll {
      regions.append(Region(range: TextRange(start: open.start, end: documentEnd), ruleIDs: [], commentRange: open.comment))
    }
    for (id, open) in openByRule.sorted(by: { $0.key < $1.key }) {
      regions.append(Region(range: TextRange(start: open.start, end: documentEnd), ruleIDs: [id], commentRange: open.comment))
    }
    return Suppressions(regions: regions)
  }
}
