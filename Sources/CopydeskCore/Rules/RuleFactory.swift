/// Makes a configured rule instance from options. Registries are lists of factories.
public struct RuleFactory: Sendable {
  public let description: RuleDescription
  private let make: @Sendable (inout OptionReader) throws(RuleOptionError) -> any Rule

  /// - Parameter make: reads the options it knows from the reader and returns the rule; the factory
  ///   rejects unread keys afterwards.
  public init(_ description: RuleDescription, make: @escaping @Sendable (inout OptionReader) throws(RuleOptionError) -> any Rule) {
    self.description = description
    self.make = make
  }

  /// A factory for a rule without options.
  public init(_ rule: any Rule) {
    self.description = rule.description
    self.make = { _ throws(RuleOptionError) in rule }
  }

  public var id: RuleID { description.id }

  /// Builds the rule with options (nil for defaults). Unknown or mistyped options throw.
  public func makeRule(options: OptionReader) throws(RuleOptionError) -> any Rule {
    var reader = options
    let rule = try make(&reader)
    try reader.finish()
    return rule
  }

  public func makeDefaultRule() -> any Rule {
    // Defaults never fail: every option has a valid default.
    (try? makeRule(options: OptionReader(nil)))!
  }
}
