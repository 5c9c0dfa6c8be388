import CopydeskCore

/// The small corpus every navigation rule's examples run against. The example itself is indexed as
/// `example.txt` or `example.md` (see `RuleExample.corpusPath`); `copydesk explain` lists these drafts.
enum NavigationExamples {
  /// `news/tax.md` (“Tax reform passes”, slug `tax`, previous: the example); `sport/derby.txt`
  /// (“Derby ends in a draw”, previous “Tax reform passes”); two drafts titled “Annual report published”
  /// that share the slug `report`.
  static let corpus: [ExampleDraft] = [
    ExampleDraft("news/tax.md", "---\ntitle: Tax reform passes\nslug: tax\nprevious: example\n---\n\nThe vote was close.\n"),
    ExampleDraft("sport/derby.txt", "Derby ends in a draw\n\nBoth sides scored.\n\nPrevious Article\n\nTax reform passes\n"),
    ExampleDraft("a/report.txt", "Annual report published\n\nThe figures are out.\n"),
    ExampleDraft("b/report.md", "# Annual report published\n\nThe figures are out again.\n"),
  ]
}
