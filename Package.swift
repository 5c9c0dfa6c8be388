// swift-tools-version: 6.0
import PackageDescription

let strictSettings: [SwiftSetting] = [
  .enableUpcomingFeature("ExistentialAny"),
  .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
  name: "Copydesk",
  products: [
    .executable(name: "copydesk", targets: ["copydesk"]),
    .library(name: "CopydeskCore", targets: ["CopydeskCore"]),
  ],
  targets: [
    // Text, document model, tokenizer, parser, diagnostics, rule protocol, engine, JSON5 and config model.
    .target(name: "CopydeskCore", swiftSettings: strictSettings, linkerSettings: [.linkedLibrary("m")]),
    // Built-in rules (one file per rule, folders by family) and the embedded Rules/ data.
    .target(name: "CopydeskRules", dependencies: ["CopydeskCore"], swiftSettings: strictSettings),
    // File discovery, config files, corpus index, reporters, fix writing: everything that touches the file system.
    .target(name: "CopydeskWorkspace", dependencies: ["CopydeskCore", "CopydeskRules"], swiftSettings: strictSettings),
    // JSON-RPC transport, LSP protocol types and the language server loop.
    .target(name: "CopydeskLSP", dependencies: ["CopydeskWorkspace"], swiftSettings: strictSettings),
    .executableTarget(
      name: "copydesk", dependencies: ["CopydeskLSP", "CopydeskWorkspace"], swiftSettings: strictSettings),
    // Developer tool: regenerates Sources/CopydeskRules/Generated from Rules/.
    .executableTarget(name: "copydesk-gen", dependencies: ["CopydeskCore"], swiftSettings: strictSettings),
    // Release-build benchmarks (see README "Performance").
    .executableTarget(
      name: "copydesk-bench", dependencies: ["CopydeskCore", "CopydeskLSP", "CopydeskRules", "CopydeskWorkspace"],
      swiftSettings: strictSettings),
    // libFuzzer target for the parser, rules and fixes (see its main.swift for the command).
    .executableTarget(
      name: "copydesk-fuzz", dependencies: ["CopydeskCore", "CopydeskRules"], swiftSettings: strictSettings),
    // Shared test helpers (seeded random inputs); used by test targets only.
    .target(name: "CopydeskTestSupport", swiftSettings: strictSettings),
    .testTarget(name: "CopydeskCoreTests", dependencies: ["CopydeskCore", "CopydeskTestSupport"], swiftSettings: strictSettings),
    .testTarget(
      name: "CopydeskRulesTests", dependencies: ["CopydeskRules", "CopydeskCore", "CopydeskTestSupport"], swiftSettings: strictSettings),
    .testTarget(
      name: "CopydeskWorkspaceTests", dependencies: ["CopydeskWorkspace", "CopydeskTestSupport"], resources: [],
      swiftSettings: strictSettings),
    .testTarget(
      name: "CopydeskLSPTests", dependencies: ["CopydeskLSP", "CopydeskWorkspace", "CopydeskCore", "CopydeskTestSupport"],
      swiftSettings: strictSettings),
    .testTarget(name: "CLITests", dependencies: ["CopydeskWorkspace", "CopydeskTestSupport"], swiftSettings: strictSettings),
  ],
  swiftLanguageModes: [.v6]
)
