import CopydeskCore

/// The small corpus the navigation rules' examples run against. The example itself is indexed as
/// `example.txt` or `example.md` (see `RuleExample.corpusPath`).
enum NavigationExamples {
  /// `news/tax.md` (“Tax reform passes”, slug `tax`, previous: the example), `news/rail.md` is absent,
  /// `sport/derby.txt` (“Derby ends in a draw”, previous “Tax reform passes”).
  static let corpus: [ExampleDraft] = [
    ExampleDraft("news/tax.md", "---\ntitle: Tax reform passes\nslug: tax\nprevious: example\n---\n\nThe vote was close.\n"),
    ExampleDraft("sport/derby.txt", "Derby ends in a draw\n\nBoth sides scored.\n\nPrevious Article\n\nTax reform passes\n"),
  ]

  /// Two drafts that share a title and a slug (`tax`), plus one with a unique title.
  static let duplicates: [ExampleDraft] = [
    ExampleDraft("a/tax.txt", "Tax reform passes\n\nThe vote was close.\n"),
    ExampleDraft("b/tax.md", "# Tax reform passes\n\nThe vote was close again.\n"),
    ExampleDraft("sport/derby.txt", "Derby ends in a draw\n\nBoth sides scored.\n"),
  ]
}
