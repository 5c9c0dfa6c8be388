import CopydeskLSP
import CopydeskWorkspace
import Foundation

let arguments = Array(CommandLine.arguments.dropFirst())
if arguments.first == "serve" {
  exit(LanguageServerEntry.runStdio(arguments: Array(arguments.dropFirst())))
}
exit(CommandLineTool.run(arguments, console: .standard).rawValue)
