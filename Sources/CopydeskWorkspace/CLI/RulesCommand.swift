public import CopydeskCore
import CopydeskRules
import Foundation

/// `copydesk rules`, `copydesk explain ID` and `copydesk init`: all rendered from rule descriptions.
public enum RulesCommand {
  static func catalog(console: Console) -> RuleCatalog {
    if let path = ConfigLoader.findConfiguration(from: console.currentDirectory), let loaded = try? ConfigLoader.load(path: path) {
      return loaded.catalog
    }
    return BuiltInRules.catalog
  }

  public static func list(_ arguments: [String], console: Console) -> ExitStatus {
    let catalog = catalog(console: console)
    let factories = catalog.factories.sorted { $0.id < $1.id }
    let wantsJSON = arguments == ["--format", "json"] || arguments == ["--format=json"]
    guard wantsJSON || arguments.isEmpty || arguments == ["--format", "text"] || arguments == ["--format=text"] else {
      console.writeError("copydesk: rules takes only --format text|json\n")
      return .failure
    }
    if wantsJSON {
      let rules: [JSONValue] = factories.map { factory in
        let description = factory.description
        return JSONReporter.object([
          ("id", .string(description.id.rawValue)), ("name", .string(description.name)),
          ("severity", .string(description.defaultSeverity.rawValue)), ("fixable", .bool(description.isFixable)),
          ("summary", .string(description.summary)),
        ])
      }
      console.writeOut(JSONWriter.pretty(.array(rules)) + "\n")
      return .clean
    }
    let idWidth = factories.map { $0.id.rawValue.count }.max() ?? 10
    var output = "ID".padding(idWidth) + "  SEVERITY  FIX  SUMMARY\n"
    for factory in factories {
      let description = factory.description
      output += description.id.rawValue.padding(idWidth) + "  " + description.defaultSeverity.rawValue.padding(8) + "  "
        + (description.isFixable ? "yes" : "—  ") + "  " + description.summary + "\n"
    }
    console.writeOut(output)
    return .clean
  }

  public static func explain(_ arguments: [String], console: Console) -> ExitStatus {
    guard arguments.count == 1 else {
      console.writeError("copydesk: explain takes one rule id, e.g. `copydesk explain repetition/word`\n")
      return .failure
    }
    let catalog = catalog(console: console)
    let id = RuleID(arguments[0])
    guard let factory = catalog.factory(for: id) else {
      let hint = closestMatch(to: id.rawValue, in: catalog.ids.map(\.rawValue)).map { " (did you mean \($0)?)" } ?? ""
      console.writeError("copydesk: unknown rule \(id)\(hint)\n")
      return .failure
    }
    console.writeOut(explanation(factory.description))
    return .clean
  }

  /// The rule's documentation as plain text (also used for LSP hover, as Markdown-compatible text).
  public static func explanation(_ description: RuleDescription) -> String {
    var output = "\(description.id) — \(description.name)\n\n"
    output += "\(description.summary).\n\n\(description.explanation)\n\n"
    output += "Default severity: \(description.defaultSeverity.rawValue). Fixable: \(description.isFixable ? "yes" : "no").\n"
    if !description.options.isEmpty {
      output += "\nOptions:\n"
      for option in description.options {
        output += "  \(option.name) (default \(JSONWriter.compact(option.defaultValue))): \(option.summary)\n"
      }
    }
    let groups: [(String, (RuleExample) -> Bool)] = [
      ("Flagged", { if case .triggers = $0.expectation { return true } else { return false } }),
      ("Not flagged", { if case .passes = $0.expectation { return true } else { return false } }),
      ("Fixed", { if case .fixes = $0.expectation { return true } else { return false } }),
    ]
    for (title, predicate) in groups {
      let examples = description.examples.filter(predicate)
      guard !examples.isEmpty else { continue }
      output += "\n\(title):\n"
      for example in examples {
        let shown = example.text.replacingOccurrences(of: "\n", with: "⏎ ")
        if case .fixes(let fixed) = example.expectation {
          output += "  \(shown)\n    → \(fixed.replacingOccurrences(of: "\n", with: "⏎ "))\n"
        } else {
          output += "  \(shown)\n"
        }
      }
    }
    // Corpus examples: show the other drafts they run against (each example is example.txt/.md).
    var drafts: [ExampleDraft] = []
    for draft in description.examples.flatMap(\.corpus) where !drafts.contains(draft) { drafts.append(draft) }
    if !drafts.isEmpty {
      output += "\nThe examples are drafts named example.txt or example.md, in a corpus that also holds:\n"
      for draft in drafts { output += "  \(draft.path): \(draft.text.replacingOccurrences(of: "\n", with: "⏎ "))\n" }
    }
    return output
  }

  public static func initialize(_ arguments: [String], console: Console) -> ExitStatus {
    let path = URL(fileURLWithPath: console.currentDirectory).appendingPathComponent(LoadedConfiguration.fileName).path
    if FileManager.default.fileExists(atPath: path) && !arguments.contains("--force") {
      console.writeError("copydesk: \(path) already exists (use --force to overwrite)\n")
      return .failure
    }
    let text = initialConfiguration()
    do {
      try text.write(toFile: path, atomically: true, encoding: .utf8)
    } catch {
      console.writeError("copydesk: cannot write \(path): \(error.localizedDescription)\n")
      return .failure
    }
    console.writeOut("Wrote \(path)\n")
    return .clean
  }

  /// A commented `.copydesk.json` listing every rule with its default.
  public static func initialConfiguration() -> String {
    var text = "// Copydesk configuration (JSON5: comments and trailing commas are fine).\n{\n"
    text += "  // Severity per rule: \"error\", \"warning\", \"info\", \"hint\" or \"off\";\n"
    text += "  // or an object with \"severity\" and the rule's options.\n"
    text += "  \"rules\": {\n"
    for factory in BuiltInRules.all.sorted(by: { $0.id < $1.id }) {
      let description = factory.description
      text += "    // \(description.summary)\n"
      if description.options.isEmpty {
        text += "    \"\(description.id)\": \"\(description.defaultSeverity.rawValue)\",\n"
      } else {
        let options = description.options.map { "\"\($0.name)\": \(JSONWriter.compact($0.defaultValue))" }.joined(separator: ", ")
        text += "    \"\(description.id)\": { \"severity\": \"\(description.defaultSeverity.rawValue)\", \(options) },\n"
      }
    }
    text += "  },\n"
    text += "  // Extra rule packs (paths relative to this file).\n  \"packs\": [],\n"
    text += "  \"include\": [\"**/*.md\", \"**/*.markdown\", \"**/*.txt\"],\n"
    text += "  \"ignore\": [],\n"
    text += "  // Published articles that previous/next may name: [{\"slug\": …, \"title\": …}].\n"
    text += "  // \"navigation\": { \"index\": \"published.json\" },\n"
    text += "}\n"
    return text
  }
}

extension String {
  func padding(_ width: Int) -> String {
    count >= width ? self : self + String(repeating: " ", count: width - count)
  }
}
