import CopydeskCore
import CopydeskRules

// libFuzzer entry point for the document parser, every built-in rule and the fix applier.
// Build and run (not part of CI):
//   swift build -c release --product copydesk-fuzz --scratch-path .build-fuzz \
//     -Xswiftc -sanitize=fuzzer -Xswiftc -parse-as-library -Xswiftc -DFUZZING
//   mkdir -p /tmp/fuzz-corpus && .build-fuzz/release/copydesk-fuzz /tmp/fuzz-corpus -max_len=65536 -max_total_time=1800

#if FUZZING
let linter: Linter = {
  let rules = BuiltInRules.all.map { ConfiguredRule(rule: $0.makeDefaultRule(), severity: $0.description.defaultSeverity) }
  return Linter(rules: rules)
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let bytes = Array(UnsafeBufferPointer(start: data, count: size))
  // The first byte picks the draft format so both parsers are explored.
  let format: DraftFormat = (bytes.first ?? 0) & 1 == 0 ? .markdown : .plainText
  let text = SourceText(decoding: bytes.dropFirst())
  let document = Document(path: format == .markdown ? "fuzz.md" : "fuzz.txt", format: format, text: text)
  let diagnostics = linter.lint(document)
  for diagnostic in diagnostics {
    // Every range must lie inside the document and on scalar boundaries.
    precondition(diagnostic.range.start >= 0 && diagnostic.range.end <= text.count)
    precondition(text.isScalarBoundary(diagnostic.range.start) && text.isScalarBoundary(diagnostic.range.end))
    for encoding in PositionEncoding.allCases {
      let start = text.position(of: diagnostic.range.start, encoding: encoding)
      precondition(text.offset(of: start, encoding: encoding) == text.clamp(diagnostic.range.start) || text.bytes[diagnostic.range.start] == 0x0A)
    }
  }
  if diagnostics.contains(where: { $0.fix != nil }) {
    let once = FixApplier.fixToFixpoint(text.string, path: document.path, format: format) { linter.lint($0) }
    let twice = FixApplier.fixToFixpoint(once.text, path: document.path, format: format) { linter.lint($0) }
    precondition(!once.converged || once.text == twice.text, "fixing is not idempotent")
  }
  return 0
}

// SwiftPM names an executable's entry point `<module>_main`; with -parse-as-library that symbol is ours
// to define, and it hands control to libFuzzer's driver.
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(
  _ argc: UnsafeMutablePointer<CInt>,
  _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
  _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt
) -> CInt

@_cdecl("copydesk_fuzz_main")
func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
  var count = argc
  var arguments = argv
  return runFuzzerDriver(&count, &arguments) { data, size in fuzzOneInput(data, size) }
}
#endif
// Without FUZZING this file declares nothing and the program does nothing: a plain `swift build` stays green.
