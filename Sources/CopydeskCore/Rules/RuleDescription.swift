/// Everything a rule says about itself: the documentation, the CLI listing and the test suite at once.
public struct RuleDescription: Sendable {
  /// `family/kebab-name`, stable forever.
  public let id: RuleID
  /// Human name: "Repeated Word".
  public let name: String
  /// One sentence, no trailing period (checked by a test).
  public let summary: String
  /// One paragraph: what it flags, why it matters, what to do.
  public let explanation: String
  public let defaultSeverity: Severity
  /// True when the rule can attach fixes.
  public let isFixable: Bool
  /// Typed options with their defaults.
  public let options: [RuleOptionDescription]
  /// Examples that must trigger, must pass, and fixes. They run as tests.
  public let examples: [RuleExample]
  /// Whether findings come from words in the text or from the draft as a whole (title, summary, links).
  public let scope: RuleScope

  public init(
    id: RuleID, name: String, summary: String, explanation: String, defaultSeverity: Severity, isFixable: Bool = false,
    options: [RuleOptionDescription] = [], scope: RuleScope = .text, examples: [RuleExample]
  ) {
    self.id = id
    self.name = name
    self.summary = summary
    self.explanation = explanation
    self.defaultSeverity = defaultSeverity
    self.isFixable = isFixable
    self.options = options
    self.examples = examples
    self.scope = scope
  }
}

/// What a rule looks at. The example tests wrap `.text` examples in code and expect silence; they
/// cannot do that for `.document` rules, whose findings are about the draft's structure.
public enum RuleScope: Sendable, Hashable {
  /// Findings sit on words or characters of the text (most rules).
  case text
  /// Findings are about the draft as a whole: a missing summary, a broken link.
  case document
}

/// One documented option.
public struct RuleOptionDescription: Sendable {
  public let name: String
  /// The default, as JSON (shown by `explain` and written by `init`).
  public let defaultValue: JSONValue
  public let summary: String

  public init(name: String, defaultValue: JSONValue, summary: String) {
    self.name = name
    self.defaultValue = defaultValue
    self.summary = summary
  }
}

/// A documented example. In `text`, `⟦` and `⟧` mark the ranges the rule must report.
public struct RuleExample: Sendable {
  public enum Expectation: Sendable, Hashable {
    /// Must report exactly the marked ranges.
    case triggers
    /// Must report nothing.
    case passes
    /// Applying the rule's fixes (to a fixpoint) must give this text.
    case fixes(to: String)
  }

  public let text: String
  public let expectation: Expectation
  /// Rule options as JSON5 text, or nil for defaults.
  public let options: String?
  public let format: DraftFormat
  /// Where the example is written, so a failing example points at its own line.
  public let file: String
  public let line: Int
  /// The other drafts of the example's corpus, for rules that read the corpus (`CorpusRule`). Empty
  /// for every other rule: then the example runs without a corpus.
  public let corpus: [ExampleDraft]

  public init(
    text: String, expectation: Expectation, options: String?, format: DraftFormat, file: String, line: Int,
    corpus: [ExampleDraft] = []
  ) {
    self.text = text
    self.expectation = expectation
    self.options = options
    self.format = format
    self.file = file
    self.line = line
    self.corpus = corpus
  }

  /// Where the example itself sits in its corpus: `example.md` or `example.txt`, so the other drafts
  /// can name it by slug (`example`) whatever path a test runner gives the document.
  public var corpusPath: String { format == .plainText ? "example.txt" : "example.md" }

  /// The context to check `document` (the example's text, possibly varied by a test runner) with:
  /// no corpus when `corpus` is empty; otherwise an index of the other drafts plus `document` at
  /// `corpusPath`.
  public func context(for document: Document) -> RuleContext {
    guard !corpus.isEmpty else { return RuleContext() }
    var drafts = corpus.map { draft in
      CorpusIndex.summary(of: Document(path: draft.path, string: draft.text), relativePath: draft.path)
    }
    drafts.append(CorpusIndex.summary(of: document, relativePath: corpusPath))
    return RuleContext(corpus: CorpusIndex(drafts: drafts), corpusPath: corpusPath)
  }

  public static func triggers(
    _ text: String, options: String? = nil, format: DraftFormat = .markdown, corpus: [ExampleDraft] = [],
    file: String = #filePath, line: Int = #line
  ) -> RuleExample {
    RuleExample(text: text, expectation: .triggers, options: options, format: format, file: file, line: line, corpus: corpus)
  }

  public static func passes(
    _ text: String, options: String? = nil, format: DraftFormat = .markdown, corpus: [ExampleDraft] = [],
    file: String = #filePath, line: Int = #line
  ) -> RuleExample {
    RuleExample(text: text, expectation: .passes, options: options, format: format, file: file, line: line, corpus: corpus)
  }

  public static func fixes(
    _ text: String, to fixed: String, options: String? = nil, format: DraftFormat = .markdown, corpus: [ExampleDraft] = [],
    file: String = #filePath, line: Int = #line
  ) -> RuleExample {
    RuleExample(
      text: text, expectation: .fixes(to: fixed), options: options, format: format, file: file, line: line, corpus: corpus)
  }

  /// Opening marker of an expected range.
  public static let openMarker = "⟦"
  /// Closing marker of an expected range.
  public static let closeMarker = "⟧"

  /// The text without markers, and the marked UTF-8 ranges in it.
  public var unmarked: (text: String, ranges: [TextRange]) {
    RuleExample.stripMarkers(text)
  }

  public static func stripMarkers(_ marked: String) -> (text: String, ranges: [TextRange]) {
    var output: [UInt8] = []
    var ranges: [TextRange] = []
    var openStack: [Int] = []
    for scalar in marked.unicodeScalars {
      if scalar == "⟦" {
        openStack.append(output.count)
      } else if scalar == "⟧", let start = openStack.popLast() {
        ranges.append(TextRange(start: start, end: output.count))
      } else {
        output.append(contentsOf: String(scalar).utf8)
      }
    }
    return (String(decoding: output, as: UTF8.self), ranges.sorted())
  }
}

/// Another draft in a rule example's corpus: a path relative to the corpus root and its text.
public struct ExampleDraft: Sendable, Hashable {
  public let path: String
  public let text: String

  public init(_ path: String, _ text: String) {
    self.path = path
    self.text = text
  }
}
