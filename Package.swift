// swift-tools-version:6.0
import PackageDescription

let package = Package(
  name: "netcost",
  products: [
    // The binary lands at .build/<configuration>/netcost.
    .executable(name: "netcost", targets: ["NetCostCLI"])
  ],
  targets: [
    // The library: pure, source text in, values and diagnostics out. No printing, no files, no
    // exit codes. Its targets are its stages, and their dependencies are the architecture
    // (docs/architecture.md; ArchitectureTests checks both the imports and this list).
    // Tensors, operators, their shape and cost rules, and their errors and messages.
    .target(name: "NetCostCore"),
    // The spec language: lexer, parser, resolver and their messages.
    .target(name: "NetCostSpec", dependencies: ["NetCostCore"]),
    // The importers (Caffe, Keras, ONNX) and their messages.
    .target(name: "NetCostImport", dependencies: ["NetCostCore"]),
    // Costs, memory, receptive fields, conventions, fit, rooflines.
    .target(name: "NetCostAnalysis", dependencies: ["NetCostCore"]),
    // Tables, Markdown, CSV, JSON, charts, graph pictures, specs.
    .target(name: "NetCostRender", dependencies: ["NetCostCore", "NetCostAnalysis"]),
    // The pipeline: the only target that knows the whole chain; it re-exports the stages, so
    // `import NetCost` is the library's one import for the CLI.
    .target(
      name: "NetCost",
      dependencies: [
        "NetCostCore", "NetCostSpec", "NetCostImport", "NetCostAnalysis", "NetCostRender",
      ]),
    // The built-in specs, compiled into the binary so a copied `netcost` works from anywhere.
    // `Specs/` stays the one source of truth; BuiltinSpecs.swift lists every file (a test checks).
    .target(
      name: "BuiltinSpecs",
      path: "Specs",
      resources: [
        .embedInCode("alexnet.netspec"),
        .embedInCode("alexnet-2012.netspec"),
        .embedInCode("googlenet.netspec"),
        .embedInCode("mobilenet.netspec"),
        .embedInCode("mobilenet-conv.netspec"),
        .embedInCode("mobilenet-shallow.netspec"),
        .embedInCode("resnet.netspec"),
        .embedInCode("densenet.netspec"),
        .embedInCode("mobilenet-v2.netspec"),
        .embedInCode("mobilenet-v3-large.netspec"),
        .embedInCode("mobilenet-v3-small.netspec"),
        .embedInCode("shufflenet-v1.netspec"),
        .embedInCode("shufflenet-v2.netspec"),
        .embedInCode("xception.netspec"),
        .embedInCode("inception-v3.netspec"),
        .embedInCode("mnasnet.netspec"),
        .embedInCode("regnet.netspec"),
        .embedInCode("efficientnet.netspec"),
        .embedInCode("convnext.netspec"),
        .embedInCode("efficientnet-v2.netspec"),
        .embedInCode("vit.netspec"),
        .embedInCode("swin.netspec"),
        .embedInCode("maxvit.netspec"),
        .embedInCode("squeezenet.netspec"),
        .embedInCode("squeezenet-1.1.netspec"),
        .embedInCode("vgg.netspec"),
      ]
    ),
    // The shell: argv, files, stdout/stderr, exit codes.
    // Linked statically on Linux: a dynamically linked binary of this size spends most of a
    // built-in analysis's start in the loader (relocating 27,000 pointers, binding the C and
    // C++ libraries), a fully static one none (docs/performance.md). LLVM's linker, shipped
    // with the toolchain, because GNU gold warns that glibc's dlopen, which Swift's runtime
    // references but netcost never reaches, needs glibc's shared libraries at run time.
    .executableTarget(
      name: "NetCostCLI", dependencies: ["NetCost", "BuiltinSpecs"],
      linkerSettings: [
        .unsafeFlags(
          ["-static-executable", "-use-ld=lld"],
          .when(platforms: [.linux], configuration: .release))
      ]),
    .testTarget(
      name: "NetCostTests",
      dependencies: [
        "NetCostCore", "NetCostSpec", "NetCostImport", "NetCostAnalysis", "NetCostRender",
        "NetCost", "BuiltinSpecs",
      ],
      exclude: ["Golden"]),
    .testTarget(name: "NetCostCLITests", dependencies: ["NetCostCLI", "NetCost", "BuiltinSpecs"]),
  ]
)

// Release code reaches generic types' metadata through their accessors, not by demangling their
// names at run time: each type a run first meets (an array of layers, a dictionary of names)
// otherwise costs a demangling and a scan of every protocol conformance in the binary, about a
// third of a small analysis's instructions (docs/performance.md).
for target in package.targets where target.type != .test {
  target.swiftSettings =
    (target.swiftSettings ?? []) + [
      .unsafeFlags(
        ["-Xfrontend", "-disable-concrete-type-metadata-mangled-name-accessors"],
        .when(configuration: .release))
    ]
}
