public import CopydeskCore

/// The registry of built-in rules, sorted by id (a test keeps it so).
public enum BuiltInRules {
  public static let all: [RuleFactory] = [
    PassiveAttributionRule.factory,
    PeacockTermRule.factory,
    UnsourcedStatisticRule.factory,
    VagueSourceRule.factory,
    WeaselRule.factory,
    AmbiguousReferenceRule.factory,
    DanglingReferenceRule.factory,
    NotReciprocalRule.factory,
    SelfReferenceRule.factory,
    TitleMismatchRule.factory,
    NearRepeatedPhraseRule.factory,
    RepeatedOpenerRule.factory,
    RepeatedPhraseRule.factory,
    RepeatedWordRule.factory,
    BuiltInDeclarativeRules.factory("style/consistency"),
    DoubleSpaceRule.factory,
    PunctuationSpaceRule.factory,
    RepeatedPunctuationRule.factory,
    TrailingSpaceRule.factory,
    BuiltInDeclarativeRules.factory("style/wordy"),
    SummaryLengthRule.factory,
    MissingSummaryRule.factory,
    SummaryPlaceholderRule.factory,
    UnsupportedSummaryRule.factory,
  ]

  /// A catalog of the built-in rules.
  public static var catalog: RuleCatalog { RuleCatalog(all) }
}
