public import CopydeskCore

/// The fixed vocabulary of declarative rule kinds (`"extends"` in a pack). Anything smarter is a Swift rule.
public enum DeclarativeRuleKind: String, Sendable, Hashable, CaseIterable {
  /// Flags every use of a word or phrase from `tokens`.
  case existence
  /// Flags a phrase from `swap` and offers its replacement as a fix.
  case substitution
  /// Flags uses of `tokens` beyond `max` per document, paragraph or sentence.
  case occurrence
  /// Flags a spelling from `groups` that differs from the one the draft used first; fixes to that one.
  case consistency

  /// Keys a rule of this kind may have besides the common ones.
  var specificKeys: [String] {
    switch self {
    case .existence: ["tokens", "ignoreCase", "skipQuoted"]
    case .substitution: ["swap", "ignoreCase", "skipQuoted"]
    case .occurrence: ["tokens", "max", "scope", "ignoreCase", "skipQuoted"]
    case .consistency: ["groups", "skipQuoted"]
    }
  }

  /// Placeholders its message may use.
  var placeholders: Set<MessageTemplate.Placeholder> {
    switch self {
    case .existence: [.match]
    case .substitution, .consistency: [.match, .replacement]
    case .occurrence: [.match, .count, .max]
    }
  }

  /// The message when a rule gives none.
  var defaultMessage: String {
    switch self {
    case .existence: "Avoid “{match}”"
    case .substitution: "Use “{replacement}” instead of “{match}”"
    case .occurrence: "“{match}” is used {count} times; keep it to {max}"
    case .consistency: "Write “{replacement}” as earlier in the draft, not “{match}”"
    }
  }

  var isFixable: Bool { self == .substitution || self == .consistency }
}

/// Where an occurrence rule counts.
public enum OccurrenceScope: String, Sendable, Hashable, CaseIterable {
  case document, paragraph, sentence
}

/// A message with named placeholders (`{match}`, `{replacement}`, `{count}`, `{max}`), checked at load.
public struct MessageTemplate: Sendable, Hashable {
  public enum Placeholder: String, Sendable, Hashable, CaseIterable {
    case match, replacement, count, max
  }

  enum Piece: Sendable, Hashable {
    case text(String)
    case placeholder(Placeholder)
  }

  let pieces: [Piece]

  /// Why a message does not parse.
  struct TemplateError: Error {
    var message: String
  }

  /// Parses `text`; the error names the first bad placeholder.
  static func parse(_ text: String, allowed: Set<Placeholder>) -> Result<MessageTemplate, TemplateError> {
    var pieces: [Piece] = []
    var literal = ""
    var rest = Substring(text)
    while let open = rest.firstIndex(of: "{") {
      literal += rest[..<open]
      guard let close = rest[open...].firstIndex(of: "}") else {
        return .failure(TemplateError(message: "unclosed “{” in message; placeholders are " + describe(allowed)))
      }
      let name = String(rest[rest.index(after: open)..<close])
      guard let placeholder = Placeholder(rawValue: name), allowed.contains(placeholder) else {
        let hint = closestMatch(to: name, in: allowed.map(\.rawValue).sorted()).map { " (did you mean {\($0)}?)" } ?? ""
        return .failure(TemplateError(message: "unknown placeholder {\(name)} in message\(hint); this kind allows " + describe(allowed)))
      }
      if !literal.isEmpty { pieces.append(.text(literal)) }
      literal = ""
      pieces.append(.placeholder(placeholder))
      rest = rest[rest.index(after: close)...]
    }
    literal += rest
    if !literal.isEmpty { pieces.append(.text(literal)) }
    return .success(MessageTemplate(pieces: pieces))
  }

  private static func describe(_ allowed: Set<Placeholder>) -> String {
    allowed.map { "{\($0.rawValue)}" }.sorted().joined(separator: ", ")
  }

  func render(_ values: [Placeholder: String]) -> String {
    var output = ""
    for piece in pieces {
      switch piece {
      case .text(let text): output += text
      case .placeholder(let placeholder): output += values[placeholder] ?? ""
      }
    }
    return output
  }
}

/// A declarative rule as written in a pack, decoded strictly.
public struct DeclarativeRuleSpec: Sendable {
  public var id: RuleID
  public var name: String
  public var summary: String
  public var explanation: String
  public var kind: DeclarativeRuleKind
  public var severity: Severity
  public var message: MessageTemplate
  /// Matching ignores case (default true). When false, the words must be written as listed.
  public var ignoreCase: Bool
  /// Skip quoted speech (default false: a style rule applies inside quotations too).
  public var skipQuoted: Bool
  /// `existence` and `occurrence`: words and phrases.
  public var tokens: [String]
  /// `substitution`: phrase → replacement, in file order.
  public var swap: [(phrase: String, replacement: String)]
  /// `consistency`: spellings of one name; each group lists its forms.
  public var groups: [[String]]
  /// `occurrence`: how many uses are fine.
  public var max: Int
  public var scope: OccurrenceScope
  public var examples: [RuleExample]
}

/// Strict decoding of one rule object; every error names the file, line and column.
struct RuleSpecDecoder {
  static let commonKeys = ["id", "name", "summary", "explanation", "extends", "severity", "message", "examples"]

  let path: String
  let map: PackSourceMap
  /// Path recorded on examples (so failing examples point at the pack file).
  let examplePath: String

  func fail(_ location: SourceLocation, _ message: String) -> ConfigurationError {
    ConfigurationError(path: path, location: location, message: message)
  }

  /// Decodes a rule object. `location` is where the object starts (for errors about missing keys).
  func decode(_ object: JSONObject, at location: SourceLocation) throws(ConfigurationError) -> DeclarativeRuleSpec {
    var seen: Set<String> = []
    for member in object.members where !seen.insert(member.key).inserted {
      throw fail(member.keyLocation, "duplicate key \"\(member.key)\"")
    }
    guard let extendsMember = object.member("extends") else {
      throw fail(location, "a rule needs \"extends\": one of " + DeclarativeRuleKind.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", "))
    }
    guard let kindName = extendsMember.value.stringValue else {
      throw fail(extendsMember.valueLocation, "\"extends\" must be a string, not \(extendsMember.value.typeName)")
    }
    guard let kind = DeclarativeRuleKind(rawValue: kindName) else {
      let names = DeclarativeRuleKind.allCases.map(\.rawValue)
      let hint = closestMatch(to: kindName, in: names).map { " (did you mean \"\($0)\"?)" } ?? ""
      throw fail(extendsMember.valueLocation, "unknown rule kind \"\(kindName)\"\(hint); use one of " + names.map { "\"\($0)\"" }.joined(separator: ", "))
    }
    let allowed = RuleSpecDecoder.commonKeys + kind.specificKeys
    for member in object.members where !allowed.contains(member.key) {
      let hint = closestMatch(to: member.key, in: allowed).map { " (did you mean \"\($0)\"?)" } ?? ""
      let elsewhere = DeclarativeRuleKind.allCases.first { $0.specificKeys.contains(member.key) }
      let note = hint.isEmpty && elsewhere != nil ? " (it belongs to \"\(elsewhere!.rawValue)\" rules)" : ""
      throw fail(member.keyLocation, "unknown key \"\(member.key)\" in a \"\(kind.rawValue)\" rule\(hint)\(note)")
    }

    let idMember = try required("id", in: object, at: location)
    let idText = try string(idMember)
    let id = RuleID(idText)
    guard id.isWellFormed else {
      throw fail(idMember.valueLocation, "rule id \"\(idText)\" must look like family/kebab-name, e.g. \"house/banned-words\"")
    }
    let summary = try string(try required("summary", in: object, at: location))
    let name = try object.member("name").map { member throws(ConfigurationError) in try string(member) } ?? RuleSpecDecoder.defaultName(for: id)
    let explanation = try object.member("explanation").map { member throws(ConfigurationError) in try string(member) } ?? summary + "."
    var severity = Severity.warning
    if let member = object.member("severity") {
      let text = try string(member)
      guard let value = Severity(rawValue: text) else {
        let names = Severity.allCases.map(\.rawValue)
        let hint = (closestMatch(to: text, in: names) ?? names.first { !text.isEmpty && $0.hasPrefix(text.lowercased()) }).map { " (did you mean \"\($0)\"?)" } ?? ""
        throw fail(member.valueLocation, "unknown severity \"\(text)\"\(hint); use \"error\", \"warning\", \"info\" or \"hint\"")
      }
      severity = value
    }
    let messageMember = object.member("message")
    let messageText = try messageMember.map { member throws(ConfigurationError) in try string(member) } ?? kind.defaultMessage
    let message: MessageTemplate
    switch MessageTemplate.parse(messageText, allowed: kind.placeholders) {
    case .success(let template): message = template
    case .failure(let error): throw fail(messageMember?.valueLocation ?? location, error.message)
    }

    var spec = DeclarativeRuleSpec(
      id: id, name: name, summary: summary, explanation: explanation, kind: kind, severity: severity, message: message,
      ignoreCase: try bool("ignoreCase", in: object, default: true), skipQuoted: try bool("skipQuoted", in: object, default: false),
      tokens: [], swap: [], groups: [], max: 0, scope: .document, examples: [])

    switch kind {
    case .existence:
      spec.tokens = try phrases(try required("tokens", in: object, at: location))
    case .occurrence:
      spec.tokens = try phrases(try required("tokens", in: object, at: location))
      let maxMember = try required("max", in: object, at: location)
      guard let value = maxMember.value.intValue, value >= 0 else {
        throw fail(maxMember.valueLocation, "\"max\" must be a whole number of 0 or more")
      }
      spec.max = value
      if let member = object.member("scope") {
        let text = try string(member)
        guard let scope = OccurrenceScope(rawValue: text) else {
          throw fail(member.valueLocation, "\"scope\" must be \"document\", \"paragraph\" or \"sentence\", not \"\(text)\"")
        }
        spec.scope = scope
      }
    case .substitution:
      let member = try required("swap", in: object, at: location)
      guard let table = member.value.objectValue, !table.isEmpty else {
        throw fail(member.valueLocation, "\"swap\" must be a non-empty object mapping phrases to replacements, e.g. {\"in order to\": \"to\"}")
      }
      var keys: Set<String> = []
      for entry in table.members {
        guard let replacement = entry.value.stringValue else {
          throw fail(entry.valueLocation, "the replacement for \"\(entry.key)\" must be a string, not \(entry.value.typeName)")
        }
        try checkPhrase(entry.key, at: entry.keyLocation)
        guard keys.insert(entry.key.lowercased()).inserted else {
          throw fail(entry.keyLocation, "\"\(entry.key)\" is listed twice in \"swap\"")
        }
        spec.swap.append((entry.key, replacement))
      }
    case .consistency:
      let member = try required("groups", in: object, at: location)
      guard let groups = member.value.arrayValue, !groups.isEmpty else {
        throw fail(member.valueLocation, "\"groups\" must be a non-empty array of spelling groups, e.g. [[\"Kyiv\", \"Kiev\"]]")
      }
      let locations = map.elementLocations(ofArrayAt: member.valueLocation)
      var owner: [String: Int] = [:]
      for (index, group) in groups.enumerated() {
        let groupLocation = index < locations.count ? locations[index] : member.valueLocation
        guard let forms = group.arrayValue, forms.count >= 2 else {
          throw fail(groupLocation, "each group must be an array of two or more spellings")
        }
        let formLocations = map.elementLocations(ofArrayAt: groupLocation)
        var spellings: [String] = []
        for (formIndex, form) in forms.enumerated() {
          let formLocation = formIndex < formLocations.count ? formLocations[formIndex] : groupLocation
          guard let text = form.stringValue else {
            throw fail(formLocation, "a spelling must be a string, not \(form.typeName)")
          }
          try checkPhrase(text, at: formLocation)
          if let previous = owner[text.lowercased()] {
            throw fail(formLocation, previous == index ? "\"\(text)\" is listed twice in this group" : "\"\(text)\" is already in group \(previous + 1)")
          }
          owner[text.lowercased()] = index
          spellings.append(text)
        }
        spec.groups.append(spellings)
      }
    }

    if let member = object.member("examples") {
      spec.examples = try examples(member, kind: kind)
    }
    return spec
  }

  /// "house/banned-words" → "Banned Words".
  static func defaultName(for id: RuleID) -> String {
    let last = id.rawValue.split(separator: "/").last.map(String.init) ?? id.rawValue
    return last.split(separator: "-").map { CaseMatching.capitalizingFirstLetter(String($0)) }.joined(separator: " ")
  }

  // MARK: Pieces

  private func required(_ key: String, in object: JSONObject, at location: SourceLocation) throws(ConfigurationError) -> JSONObject.Member {
    guard let member = object.member(key) else { throw fail(location, "the rule has no \"\(key)\"") }
    return member
  }

  private func string(_ member: JSONObject.Member) throws(ConfigurationError) -> String {
    guard let text = member.value.stringValue else {
      throw fail(member.valueLocation, "\"\(member.key)\" must be a string, not \(member.value.typeName)")
    }
    guard !text.trimmingSpaces().isEmpty else { throw fail(member.valueLocation, "\"\(member.key)\" must not be empty") }
    return text
  }

  private func bool(_ key: String, in object: JSONObject, default value: Bool) throws(ConfigurationError) -> Bool {
    guard let member = object.member(key) else { return value }
    guard let flag = member.value.boolValue else {
      throw fail(member.valueLocation, "\"\(key)\" must be true or false, not \(member.value.typeName)")
    }
    return flag
  }

  private func phrases(_ member: JSONObject.Member) throws(ConfigurationError) -> [String] {
    guard let array = member.value.arrayValue, !array.isEmpty else {
      throw fail(member.valueLocation, "\"\(member.key)\" must be a non-empty array of words or phrases")
    }
    let locations = map.elementLocations(ofArrayAt: member.valueLocation)
    var result: [String] = []
    for (index, element) in array.enumerated() {
      let location = index < locations.count ? locations[index] : member.valueLocation
      guard let text = element.stringValue else {
        throw fail(location, "\"\(member.key)\" must contain only strings, not \(element.typeName)")
      }
      try checkPhrase(text, at: location)
      result.append(text)
    }
    return result
  }

  /// A phrase must read as words the tokenizer produces one for one, or it could never match.
  private func checkPhrase(_ phrase: String, at location: SourceLocation) throws(ConfigurationError) {
    let words = phrase.split(whereSeparator: { $0 == " " || $0 == "\t" })
    guard !words.isEmpty else { throw fail(location, "a phrase must not be empty") }
    for word in words {
      let document = Document(path: "phrase.txt", format: .plainText, string: String(word))
      let tokens = document.tokens.filter { $0.kind != .space && $0.kind != .lineBreak }
      guard tokens.count == 1, tokens[0].isWordLike, document.string(tokens[0]) == String(word) else {
        throw fail(location, "“\(phrase)” cannot match: “\(word)” is not a single word (write words separated by spaces, without punctuation)")
      }
    }
  }

  private func examples(_ member: JSONObject.Member, kind: DeclarativeRuleKind) throws(ConfigurationError) -> [RuleExample] {
    guard let object = member.value.objectValue else {
      throw fail(member.valueLocation, "\"examples\" must be an object with \"triggers\", \"passes\" and \"fixes\"")
    }
    let allowed = kind.isFixable ? ["triggers", "passes", "fixes"] : ["triggers", "passes"]
    var result: [RuleExample] = []
    for entry in object.members {
      guard allowed.contains(entry.key) else {
        let hint = closestMatch(to: entry.key, in: allowed).map { " (did you mean \"\($0)\"?)" } ?? ""
        let note = entry.key == "fixes" ? " (\"\(kind.rawValue)\" rules have no fixes)" : ""
        throw fail(entry.keyLocation, "unknown key \"\(entry.key)\" in \"examples\"\(hint)\(note)")
      }
      guard let array = entry.value.arrayValue else {
        throw fail(entry.valueLocation, "\"\(entry.key)\" must be an array")
      }
      let locations = map.elementLocations(ofArrayAt: entry.valueLocation)
      for (index, element) in array.enumerated() {
        let location = index < locations.count ? locations[index] : entry.valueLocation
        if entry.key == "fixes" {
          guard let pair = element.arrayValue, pair.count == 2, let input = pair[0].stringValue, let output = pair[1].stringValue else {
            throw fail(location, "each fix example must be [\"text before\", \"text after\"]")
          }
          result.append(RuleExample(text: input, expectation: .fixes(to: output), options: nil, format: .markdown, file: examplePath, line: location.line))
        } else {
          guard let text = element.stringValue else {
            throw fail(location, "\"\(entry.key)\" must contain only strings, not \(element.typeName)")
          }
          if entry.key == "triggers" && !text.contains(RuleExample.openMarker) {
            throw fail(location, "a triggering example must mark what it flags with ⟦ and ⟧")
          }
          result.append(RuleExample(
            text: text, expectation: entry.key == "triggers" ? .triggers : .passes, options: nil, format: .markdown, file: examplePath,
            line: location.line))
        }
      }
    }
    return result
  }
}

extension String {
  /// Trims spaces and tabs at both ends.
  func trimmingSpaces() -> String {
    var scalars = Substring(self)
    while let first = scalars.first, first == " " || first == "\t" || first == "\n" { scalars.removeFirst() }
    while let last = scalars.last, last == " " || last == "\t" || last == "\n" { scalars.removeLast() }
    return String(scalars)
  }
}
