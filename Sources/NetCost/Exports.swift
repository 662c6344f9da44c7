// The library's one import for its clients (the CLI, the tests): `import NetCost` brings the
// pipeline and the public values of every stage, as one module did before the stages became
// targets. The stages themselves import only what docs/architecture.md allows.
@_exported import NetCostAnalysis
@_exported import NetCostCore
@_exported import NetCostImport
@_exported import NetCostRender
@_exported import NetCostSpec
