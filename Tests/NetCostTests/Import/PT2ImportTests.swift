import Foundation
import Testing

@testable import NetCost
@testable import NetCostAnalysis
@testable import NetCostCore
@testable import NetCostImport
@testable import NetCostRender

/// PyTorch ExportedPrograms (`.pt2`, Tests/Fixtures/pt2, made by make_pt2.py with torch 2.15.0,
/// torchvision 0.29.2 and timm 1.0.31; the weight payloads left out of each archive) against what
/// PyTorch says of the same model in the script, on the live model:
/// - params: `sum(p.numel())` (netcost's trainable count; its total adds batch norm's running
///   mean and variance, which PyTorch keeps as buffers),
/// - MACs: conv and linear weights × output positions, by forward hooks (`weightMacs`; for a
///   model that calls `F.linear` itself, FlopCounterMode's weight part: `functionalLinear`),
/// - MACs plus activation products: `torch.utils.flop_counter.FlopCounterMode`'s forward count
///   halved (`flopCounterMacs`), the products its bmm and attention part (`…ActivationMacs`),
/// - every leaf module's output shape, by forward hooks (`shapes`).
@Suite struct PT2ImportTests {
  struct Expected: Decodable {
    var params: Int
    var trainable: Int
    var buffers: Int
    var weightMacs: Int
    var flopCounterMacs: Int
    var flopCounterActivationMacs: Int
    var shapes: [String: [Int]]
    var at160: At?
    var savedForBackwardBatch2: Int?
    struct At: Decodable {
      var weightMacs: Int
      var shapes: [String: [Int]]
    }
  }

  /// Eval and train mode, the default and the core ATen opsets, a symbolic batch and a symbolic
  /// height and width, and a video model on a clip (conv3d, and the core opset's convolution of
  /// three spatial axes).
  static let files = [
    "resnet18", "resnet18.core", "resnet18.dynamic", "mobilenet_v2", "mobilenet_v2.core",
    "mobilenet_v2.train", "mobilenet_v2.dynamic", "vit_tiny_patch16_224", "convnext_tiny.core",
    "shufflenet_v2_x1_0", "swin_t", "r2plus1d_18", "r2plus1d_18.core", "efficientnet_b0",
    "efficientnet_b0.core", "mobilenet_v3_large", "mobilenet_v3_large.core",
  ]

  /// Models whose forward calls `F.linear` with a module's weight (torchvision's Swin attention):
  /// the forward hooks of Linear modules do not see it, FlopCounterMode does. Their weight MACs
  /// are FlopCounterMode's weight part, and the hooks' figure is less by those calls.
  static let functionalLinear: Set<String> = ["swin_t"]

  static func expected(_ file: String) throws -> Expected {
    try JSONDecoder().decode(
      Expected.self, from: Data(try Fixture.bytes("pt2/\(file).expected.json")))
  }

  /// The program inside a fixture's archive, read as the command line reads it: by the zip's
  /// directory, its weights never touched.
  static func program(_ file: String) throws -> SourceFile {
    let archive = ZipArchive(bytes: try Fixture.bytes("pt2/\(file).pt2"))
    guard let source = try PT2Archive.program(in: archive, path: "\(file).pt2") else {
      throw Run.Failure(description: "\(file).pt2 holds no models/*.json")
    }
    return source
  }

  static func outcome(
    _ source: SourceFile, _ overrides: [String: Double] = [:]
  ) -> Outcome<Analysis> {
    Pipeline.analyze(Pipeline.parse(source), overrides: overrides)
  }

  static func analysis(_ file: String, _ overrides: [String: Double] = [:]) throws -> Analysis {
    let source = try program(file)
    let outcome = outcome(source, overrides)
    guard let analysis = outcome.value else {
      throw Run.Failure(
        description: DiagnosticRenderer().render(outcome.diagnostics, in: source))
    }
    return analysis
  }

  @Test(arguments: files)
  func countsAreTheReference(_ file: String) throws {
    let expected = try Self.expected(file)
    let analysis = try Self.analysis(file)
    let totals = analysis.totals
    #expect(totals.params - totals.nonTrainableParams == expected.params)
    #expect(expected.trainable == expected.params)
    if Self.functionalLinear.contains(file) {
      #expect(totals.macs == expected.flopCounterMacs - expected.flopCounterActivationMacs)
      #expect(totals.macs > expected.weightMacs)
    } else {
      #expect(totals.macs == expected.weightMacs)
    }
    #expect(totals.activationMatmulMacs == expected.flopCounterActivationMacs)
    #expect(totals.macs + totals.activationMatmulMacs == expected.flopCounterMacs)
    // The signature's own count, said in the source line, is PyTorch's.
    let grouped = NumberFormat.grouped(expected.params)
    #expect(
      analysis.source?.contains(
        "parameters: \(grouped) values (\(grouped) requiring grad), and "
          + "\(NumberFormat.grouped(expected.buffers)) in buffers") == true)
  }

  /// PyTorch's N×C×H×W as netcost's view: H×W×C; N×C×T×H×W as T×H×W×C; N×F as 1×1×F; N×T×D
  /// as T×D.
  static func view(_ dims: [Int]) -> [Int] {
    switch dims.count {
    case 4: [dims[2], dims[3], dims[1]]
    case 5: [dims[2], dims[3], dims[4], dims[1]]
    case 2: [1, 1, dims[1]]
    default: Array(dims.dropFirst())
    }
  }

  /// Every layer named by a module (the module's first call) has as many values as the module's
  /// forward hook saw, and a convolution's or pooling's output is its N×C×H×W as H×W×C; every
  /// convolution and linear layer is in one of them (but the `F.linear` calls of `functionalLinear`,
  /// which run in modules with children, whose outputs the hooks do not record).
  @Test(arguments: files)
  func layersAreTheModulesShapes(_ file: String) throws {
    let expected = try Self.expected(file)
    let network = try #require(Pipeline.resolve(Pipeline.parse(try Self.program(file))).value)
    let shapes = try Fixture.layerShapes(network)
    let kinds = Dictionary(
      network.layers.map { ($0.name, $0.kind) }, uniquingKeysWith: { a, _ in a })
    let windows: Set<LayerKind> = [.conv, .dwconv, .maxpool, .avgpool, .globalavgpool]
    var compared = 0
    for (module, dims) in expected.shapes {
      guard let shape = shapes[module], let kind = kinds[module] else { continue }
      #expect(shape.elementCount == Shape.product(dims.dropFirst()), "\(module)")
      if windows.contains(kind) { #expect(shape.dims == Self.view(dims), "\(module)") }
      compared += 1
    }
    let weighted = network.layers.filter {
      $0.kind == .conv || $0.kind == .dwconv
        || $0.kind == .fc && !Self.functionalLinear.contains(file)
    }
    // A layer before its call's last is named by the call and its node (`block.3/addmm`).
    #expect(weighted.allSatisfy { expected.shapes[String($0.name.prefix { $0 != "/" })] != nil })
    #expect(compared >= weighted.count)
  }

  @Test func rowsAreNamedByModule() throws {
    let rows = try Self.analysis("mobilenet_v2").rows.prefix(4).map(\.name)
    #expect(
      rows == ["features.0.0", "features.1.conv.0.0", "features.1.conv.1", "features.2.conv.0.0"])
    let vit = try Self.analysis("vit_tiny_patch16_224").rows.map(\.name)
    #expect(vit.contains("blocks.11.attn.qkv") && vit.contains("head"))
  }

  /// A symbolic height and width are bound by --resolution within their range [64, 512]: the
  /// graph is built again at that size (PyTorch's figures at 160 from the script).
  @Test func symbolicSizesAreBoundWithinTheirRange() throws {
    let expected = try #require(try Self.expected("mobilenet_v2.dynamic").at160)
    let analysis = try Self.analysis("mobilenet_v2.dynamic", ["resolution": 160])
    #expect(analysis.totals.macs == expected.weightMacs)
    let outside = Self.outcome(try Self.program("mobilenet_v2.dynamic"), ["resolution": 600])
    #expect(outside.value == nil)
    #expect(
      outside.diagnostics.map(\.message) == [
        "the input's height is the symbol 's0', which the program allows from 64 to 512; it "
          + "cannot be 600"
      ])
  }

  /// Each tool's count of the live model (Tests/Fixtures/conventions/tools.jsonl and
  /// calflops.jsonl, measured by measure_tools.py), reproduced from the program: how PyTorch ran
  /// each layer (a leaf module of torch.nn's classes or another, a function, a tensor method) is
  /// read from `nn_module_stack` and `torch_fn`.
  @Test(arguments: [
    ("resnet18", "resnet18"), ("resnet18.core", "resnet18"), ("mobilenet_v2", "mobilenet_v2"),
    ("mobilenet_v2.core", "mobilenet_v2"), ("mobilenet_v2.train", "mobilenet_v2"),
    ("shufflenet_v2_x1_0", "shufflenet_v2_x1_0"), ("convnext_tiny.core", "convnext_tiny"),
    ("efficientnet_b0", "efficientnet_b0"), ("mobilenet_v3_large", "mobilenet_v3_large"),
  ])
  func conventionsAreTheTools(_ file: String, _ model: String) throws {
    let tools = try Self.toolFigures(model)
    let spec = Pipeline.parse(try Self.program(file))
    for (convention, key) in Self.toolKeys {
      let macs = try #require(Pipeline.analyze(spec, convention: convention).value).totals.macs
      #expect(macs == tools[key], "\(convention)")
    }
  }

  /// The core opset decomposes SiLU (EfficientNet) into sigmoid and mul, and hardswish and
  /// hardsigmoid (MobileNetV3) into add, clamp, div and mul: a tool hooking modules counts the
  /// `nn.SiLU` or `nn.Hardswish` module by its rule on the live model, while netcost counts the
  /// arithmetic the program holds, each node as the module would run it (docs/cost-model.md,
  /// "Conventions on a .pt2"). Every other tool is equal; these two differ by exactly this.
  @Test(arguments: [
    ("efficientnet_b0", -6_157_916, -6_157_916), ("mobilenet_v3_large", 4_545_960, 1_515_320),
  ])
  func coreOpsetActivationsDifferForModuleTools(_ model: String, ptflops: Int, flops: Int) throws {
    let tools = try Self.toolFigures(model)
    let spec = Pipeline.parse(try Self.program(model + ".core"))
    for (convention, key) in Self.toolKeys {
      let macs = try #require(Pipeline.analyze(spec, convention: convention).value).totals.macs
      let expected = try #require(tools[key])
      let difference = convention == .ptflops ? ptflops : convention == .flops ? flops : 0
      #expect(macs == expected + difference, "\(convention)")
    }
  }

  /// Each convention and the key of its tool's figure in the measured files.
  static let toolKeys: [(Convention, String)] = [
    (.torchinfo, "torchinfo"), (.fvcore, "fvcore"), (.ptflops, "ptflops_pytorch"),
    (.ptflopsAten, "ptflops_aten"), (.thop, "thop"), (.flops, "calflops_flops"),
  ]

  /// Each tool's figure for `model` at 224 (tools.jsonl and calflops.jsonl, measured by
  /// Tests/Fixtures/conventions/measure_tools.py on the live model).
  static func toolFigures(_ model: String) throws -> [String: Int] {
    var figures: [String: Int] = [:]
    for name in ["tools", "calflops"] {
      let text = String(decoding: try Fixture.bytes("conventions/\(name).jsonl"), as: UTF8.self)
      let row = try text.split(separator: "\n").lazy.compactMap {
        try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
      }.first { $0["model"] as? String == model && $0["size"] as? Int == 224 }
      guard let row else { throw Run.Failure(description: "\(model) is not in \(name).jsonl") }
      for case (let key, let value as Int) in row { figures[key] = value }
    }
    return figures
  }

  /// `netcost convert` writes a spec that analyses to the program's figures, row for row, and
  /// under a module-hooking tool's convention too (the `torch` keys read from the module stack
  /// are written back).
  @Test(arguments: files)
  func convertedSpecAnalysesTheSame(_ file: String) throws {
    let spec = Pipeline.parse(try Self.program(file))
    let network = try #require(Pipeline.resolve(spec).value)
    let text = SpecWriter.write(network, from: "\(file).pt2")
    let converted = Pipeline.parse(SourceFile(name: "converted.netspec", text: text))
    for convention in [Convention.paper, .thop, .ptflops] {
      let imported = try #require(Pipeline.analyze(spec, convention: convention).value)
      let again = try #require(Pipeline.analyze(converted, convention: convention).value)
      #expect(again.rows == imported.rows, "\(convention)")
      #expect(again.totals == imported.totals, "\(convention)")
    }
  }

  /// A symbolic batch (resnet18.dynamic: 's77' in [1, 64]) takes the byte counts' batch
  /// (`--batch`) within its range; figures stay per image.
  @Test func symbolicBatchTakesTheBatchWithinItsRange() throws {
    let spec = Pipeline.parse(try Self.program("resnet18.dynamic"))
    let inside = Pipeline.analyze(spec, memory: MemorySettings(batch: 64, optimizer: .sgd))
    #expect(inside.value?.totals.macs == 1_814_073_344)
    let outside = Pipeline.analyze(spec, memory: MemorySettings(batch: 128))
    #expect(outside.value == nil)
    #expect(
      outside.diagnostics.map(\.message) == [
        "the input's batch is the symbol 's77', which the program allows from 1 to 64; it "
          + "cannot be 128"
      ])
  }

  /// Training mode keeps batch norm and dropout: dropout is a layer (its mask saved for
  /// backward), while the eval export has none.
  @Test func trainingModeKeepsDropout() throws {
    let train = try Self.analysis("mobilenet_v2.train").rows.flatMap(\.folded)
    let eval = try Self.analysis("mobilenet_v2").rows.flatMap(\.folded)
    #expect(train.filter { $0 == .dropout }.count == 1)
    #expect(!eval.contains(.dropout))
    #expect(train.filter { $0 == .bn }.count == 52)
  }

  /// A train-mode export at batch 2 saves for backward what PyTorch's saved_tensors_hooks see
  /// (make_pt2.py, on the CPU), less one difference docs/memory.md explains: the CPU's dropout
  /// keeps a float mask, netcost counts CUDA's one byte per value (3 bytes × 2 × 1,280 here).
  @Test func trainingModeSavesWhatPyTorchSaves() throws {
    let expected = try #require(try Self.expected("mobilenet_v2.train").savedForBackwardBatch2)
    let source = try Self.program("mobilenet_v2.train")
    let outcome = Pipeline.analyze(
      Pipeline.parse(source), memory: MemorySettings(batch: 2, optimizer: .sgd))
    let training = try #require(outcome.value?.memory?.training)
    #expect(training.savedForBackward == expected - 3 * 2 * 1280)
    #expect(
      outcome.value?.source?.hasSuffix(
        "exported in train mode: batch norm and dropout as they run in training") == true)
    let eval = try Self.analysis("mobilenet_v2")
    #expect(eval.source?.contains("exported in eval mode") == true)
  }

  /// Each way a program can be wrong is one located error naming what is wrong.
  static let hostile: [(String, String, String)] = [
    (
      "\"torch.ops.aten.conv2d.default\"", "\"torch.ops.aten.conv3d.default\"",
      "node 'conv2d' (aten.conv3d) in 'conv1' on [1, 3, 224, 224]: is not a 2-D or 3-D "
        + "convolution of N×C×H×W or N×C×T×H×W by a constant weight"
    ),
    (
      "{\"name\": \"input\", \"arg\": {\"as_tensor\": {\"name\": \"x\"}}",
      "{\"name\": \"input\", \"arg\": {\"as_tensor\": {\"name\": \"y\"}}",
      "node 'conv2d' (aten.conv2d) in 'conv1': reads 'y', which nothing before it makes"
    ),
    (
      "\"p_conv1_weight\": {\"dtype\": 7, \"sizes\": [{\"as_int\": 64}",
      "\"p_conv1_weight\": {\"dtype\": 7, \"sizes\": [{\"as_int\": -64}",
      "tensor 'p_conv1_weight' has sizes [-64, 3, 7, 7]; netcost reads sizes from 0 to 2³¹ − 1, "
        + "and symbols the input binds"
    ),
    (
      "\"p_conv1_weight\": {\"dtype\": 7, \"sizes\": [{\"as_int\": 64}",
      "\"p_conv1_weight\": {\"dtype\": 7, \"sizes\": [{\"as_int\": 1099511627776}",
      "tensor 'p_conv1_weight' has sizes [1099511627776, 3, 7, 7]; netcost reads sizes from 0 to "
        + "2³¹ − 1, and symbols the input binds"
    ),
    (
      "\"p_conv1_weight\": {\"dtype\": 7, \"sizes\": [{\"as_int\": 64}, {\"as_int\": 3}",
      "\"p_conv1_weight\": {\"dtype\": 7, \"sizes\": [{\"as_int\": 2147483647}, "
        + "{\"as_int\": 2147483647}, {\"as_int\": 2147483647}",
      "tensor 'p_conv1_weight' has sizes [2147483647, 2147483647, 2147483647, 7, 7], more values "
        + "than 64 bits count"
    ),
    (
      "\"p_fc_weight\": {\"dtype\": 7, \"sizes\": [{\"as_int\": 1000}, {\"as_int\": 512}",
      "\"p_fc_weight\": {\"dtype\": 7, \"sizes\": [{\"as_int\": 1000}, {\"as_int\": 500}",
      "node 'linear' (aten.linear) in 'fc' on [1, 512]: multiplies [1, 512] by weights "
        + "[1000, 500], whose inner sizes differ"
    ),
    (
      "\"stride\", \"arg\": {\"as_ints\": [2, 2]}", "\"stride\", \"arg\": {\"as_ints\": [2, 3]}",
      "node 'conv2d' (aten.conv2d) in 'conv1' on [1, 3, 224, 224]: netcost computes its output "
        + "'conv2d' as [1, 64, 112, 75], where the file records [1, 64, 112, 112]"
    ),
  ]

  @Test(arguments: hostile.indices)
  func hostileProgramsAreLocatedErrors(_ i: Int) throws {
    let (from, to, message) = Self.hostile[i]
    let source = try Self.program("resnet18")
    let text = try #require(source.text.range(of: from)).lowerBound
    let changed = source.text.replacingCharacters(
      in: text..<source.text.index(text, offsetBy: from.count), with: to)
    let outcome = Self.outcome(SourceFile(name: source.name, text: changed))
    #expect(outcome.value == nil)
    #expect(outcome.diagnostics.map(\.message) == [message])
    #expect(outcome.diagnostics.allSatisfy { $0.range != .start })
  }

  @Test func truncatedProgramIsALocatedError() throws {
    let source = try Self.program("resnet18")
    let cut = SourceFile(name: source.name, text: String(source.text.prefix(5000)))
    let outcome = Self.outcome(cut)
    #expect(outcome.value == nil)
    #expect(outcome.diagnostics.count == 1)
    #expect(outcome.diagnostics.first?.range.lowerBound.line == 1)
  }

  @Test func archiveWithoutAProgramIsNotOne() throws {
    #expect(PT2Archive.programEntry(in: ["m/archive_format", "m/data/weights/w"]) == nil)
    #expect(PT2Archive.programEntry(in: ["x/models/model.json", "x/models/other.json"]) != nil)
    #expect(PT2Archive.programEntry(in: ["a/models/one.json"]) == "a/models/one.json")
    #expect(PT2Archive.programEntry(in: ["models/model.json"]) == nil)
  }

  @Test func modelIsNamedAfterItsArchive() {
    #expect(PT2Importer.modelName("dir/resnet18.pt2/resnet18/models/model.json") == "resnet18")
    #expect(PT2Importer.modelName("model.json") == "model")
  }
}
