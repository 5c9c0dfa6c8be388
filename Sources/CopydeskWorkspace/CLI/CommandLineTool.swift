import CopydeskCore
import CopydeskRules

/// The `copydesk` command line, minus `serve` (which the executable hands to the language server).
public enum CommandLineTool {
  public static let version = "0.1.0"

  public static let helpText = """
    copydesk \(version) — an editorial linter for article drafts

    USAGE
      copydesk lint [PATH...] [options]     lint drafts (folders are searched for .md, .markdown, .txt)
      copydesk serve [--stdio]              run the language server over stdio
      copydesk rules [--format text|json]   list every rule
      copydesk explain ID                   explain a rule, its options and examples
      copydesk init                         write a commented .copydesk.json
      copydesk --version | --help

    LINT OPTIONS
      --format text|json|sarif|github   output format (default text)
      --fix                   apply fixes in place, repeating until stable (with --stdin: print the result)
      --diff                  print the fixes as a unified diff; write nothing (findings go to stderr)
      --stdin                 lint standard input (with --stdin-filename NAME)
      --config FILE           use this configuration instead of the nearest .copydesk.json
      --root DIR              corpus root (default: nearest folder with .copydesk.json, else .)
      --rule ID               run only this rule (repeatable)
      --disable ID            turn a rule off (repeatable)
      --max-warnings N        fail when there are more than N warnings
      --baseline FILE         hide findings recorded in FILE
      --write-baseline FILE   record current findings in FILE
      --jobs N                lint on N threads (default: all cores)
      --shard I/N             lint only the I-th of N stable shards of the files
      --no-color              plain output (NO_COLOR is honoured too)
      --quiet                 report errors only

    POSITIONS
      Lines and columns are 1-based; columns count Unicode scalar values (code points),
      so an emoji counts as one column and a combining accent as one more.

    EXIT STATUS
      0 no errors (and warnings within --max-warnings); 1 lint errors or too many warnings;
      2 usage, configuration or I/O error.

    """

  /// Runs a command line (without the program name). `serve` is not handled here.
  public static func run(_ arguments: [String], console: Console) -> ExitStatus {
    guard let command = arguments.first else {
      console.writeError(helpText)
      return .failure
    }
    let rest = Array(arguments.dropFirst())
    switch command {
    case "--help", "-h", "help":
      console.writeOut(helpText)
      return .clean
    case "--version", "-V", "version":
      console.writeOut("copydesk \(version)\n")
      return .clean
    case "lint":
      if rest.contains("--help") || rest.contains("-h") {
        console.writeOut(helpText)
        return .clean
      }
      do {
        let options = try LintOptions.parse(rest)
        return LintCommand(options: options, console: console).run()
      } catch {
        console.writeError("copydesk: \(error.message)\nRun `copydesk --help` for usage.\n")
        return .failure
      }
    case "rules":
      return RulesCommand.list(rest, console: console)
    case "explain":
      return RulesCommand.explain(rest, console: console)
    case "init":
      return RulesCommand.initialize(rest, console: console)
    default:
      let hint = closestMatch(to: command, in: ["lint", "serve", "rules", "explain", "init"]).map { " (did you mean \($0)?)" } ?? ""
      console.writeError("copydesk: unknown command \(command)\(hint)\nRun `copydesk --help` for usage.\n")
      return .failure
    }
  }
}
