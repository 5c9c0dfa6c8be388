/// Entry point of `copydesk serve`; the language server is built on the JSON-RPC transport here.
public enum LanguageServerEntry {
  /// Runs the server over stdio until `exit` or end of input. Returns the process exit code.
  public static func runStdio(arguments: [String]) -> Int32 {
    FileHandleWriter.standardError("copydesk serve: the language server is not available yet\n")
    return 2
  }
}
