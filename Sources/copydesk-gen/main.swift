import CopydeskCore
import Foundation

// Regenerates Sources/CopydeskRules/Generated/EmbeddedRuleData.swift from Rules/.
// Run from the package root: `swift run copydesk-gen` (or pass the root as the first argument).

let root = URL(fileURLWithPath: CommandLine.arguments.count > 1 ? CommandLine.arguments[1] : FileManager.default.currentDirectoryPath)
let rulesFolder = root.appendingPathComponent("Rules")
var files: [(path: String, contents: String)] = []
guard let enumerator = FileManager.default.enumerator(at: rulesFolder, includingPropertiesForKeys: nil) else {
  FileHandle.standardError.write(Data("copydesk-gen: no Rules/ folder under \(root.path)\n".utf8))
  exit(2)
}
for case let url as URL in enumerator where url.pathExtension == "json" || url.pathExtension == "json5" {
  let relative = String(url.standardizedFileURL.path.dropFirst(rulesFolder.standardizedFileURL.path.count + 1))
  let contents = try String(contentsOf: url, encoding: .utf8)
  files.append((relative, contents))
}
let output = root.appendingPathComponent("Sources/CopydeskRules/Generated/EmbeddedRuleData.swift")
let source = EmbeddedDataGenerator.swiftSource(for: files)
try source.write(to: output, atomically: true, encoding: .utf8)
print("copydesk-gen: wrote \(files.count) file(s) to \(output.path)")
