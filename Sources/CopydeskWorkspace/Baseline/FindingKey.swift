public import CopydeskCore

/// The position-free identity of a finding: which file, which rule, what text, and a little text around it.
///
/// Lines and columns are deliberately absent, so inserting lines above a finding or moving its paragraph
/// keeps the key. Baselines record keys (with counts), and SARIF's `partialFingerprints` hash them.
public struct FindingKey: Hashable, Sendable, Comparable {
  /// The draft's path relative to the corpus root, with `/` separators.
  public var path: String
  public var ruleID: RuleID
  /// The flagged text, lowercased with whitespace collapsed (see `ReportedDiagnostic.normalise`).
  public var text: String
  /// The flagged text with up to 40 bytes either side on its line, normalised the same way.
  public var context: String

  public init(path: String, ruleID: RuleID, text: String, context: String) {
    self.path = path
    self.ruleID = ruleID
    self.text = text
    self.context = context
  }

  /// The key of a reported finding in the draft at `path` (root-relative).
  public init(path: String, diagnostic: ReportedDiagnostic) {
    precondition(diagnostic.hasIdentity, "the finding was reported without its identity (LintRunner.recordsIdentity)")
    self.init(
      path: path, ruleID: diagnostic.ruleID, text: ReportedDiagnostic.normalise(diagnostic.flaggedText),
      context: diagnostic.context)
  }

  /// Orders by path, rule, text, then context: the order of a baseline file.
  public static func < (lhs: FindingKey, rhs: FindingKey) -> Bool {
    (lhs.path, lhs.ruleID.rawValue, lhs.text, lhs.context) < (rhs.path, rhs.ruleID.rawValue, rhs.text, rhs.context)
  }

  /// A 128-bit hash (32 lowercase hex digits) of the text, context and `occurrence`, for SARIF.
  ///
  /// The rule id and path are left out because SARIF consumers combine fingerprints with the result's own
  /// `ruleId` and artifact (SARIF §3.27.17 advises against repeating them). `occurrence` (0 for the first)
  /// tells apart identical findings in one file, so each result keeps a distinct fingerprint.
  public func fingerprint(occurrence: Int) -> String {
    // Two FNV-1a passes with different offset bases: collisions need both 64-bit halves to collide.
    var low: UInt64 = 0xcbf2_9ce4_8422_2325
    var high: UInt64 = 0x6c62_272e_07bb_0142
    let prime: UInt64 = 0x0000_0100_0000_01B3
    func feed(_ byte: UInt8) {
      low = (low ^ UInt64(byte)) &* prime
      high = (high ^ UInt64(byte ^ 0x5C)) &* prime
    }
    // The unit separator (0x1F) between fields keeps ("ab", "c") and ("a", "bc") apart.
    for byte in text.utf8 { feed(byte) }
    feed(0x1F)
    for byte in context.utf8 { feed(byte) }
    feed(0x1F)
    for byte in String(occurrence).utf8 { feed(byte) }
    return hex(high) + hex(low)
  }

  private func hex(_ value: UInt64) -> String {
    let digits = String(value, radix: 16)
    return String(repeating: "0", count: 16 - digits.count) + digits
  }
}
