import Foundation
import NetCost
import Testing

/// Peak and training memory (issue 15): the liveness walks by hand on small specs, the rules
/// against PyTorch's own count of what autograd saves, and the measured GPU figures of
/// docs/memory.md.
@Suite struct MemoryTests {
  static func analysis(
    _ name: String, _ overrides: [String: Double] = [:], _ settings: MemorySettings
  ) throws -> Analysis {
    try #require(Pipeline.analyze(try Run.spec(name), overrides: overrides, memory: settings).value)
  }

  static func analysis(text: String, _ settings: MemorySettings) throws -> Analysis {
    let spec = Pipeline.parse(SourceFile(name: "t.netspec", text: text))
    return try #require(Pipeline.analyze(spec, memory: settings).value)
  }

  /// A walk that overflows (Adam's three copies of 10¹⁸ parameters) names its layer and adds no
  /// note on an input it was not given: an adversarial review found "the input of 'fc_1' is "
  /// ending in nothing.
  @Test func aWalkThatOverflowsHasNoEmptyNote() throws {
    let text = "input 1 x 1 x 1000000000\nfc units = 1000000000\n"
    let spec = Pipeline.parse(SourceFile(name: "t.netspec", text: text))
    #expect(Pipeline.analyze(spec).value != nil)
    let outcome = Pipeline.analyze(spec, memory: MemorySettings(optimizer: .adam))
    let error = try #require(outcome.diagnostics.first)
    #expect(outcome.value == nil)
    #expect(error.message == "a count of 'fc_1' does not fit in 64 bits")
    #expect(error.notes.isEmpty)
  }

  // MARK: The walks, by hand

  /// 8×8×1 input; c1 makes 8·8·4 values (1,024 B at fp32), c2 8·8·2 (512 B).
  static let chain = """
    network "chain"
    input 8 x 8 x 1
    c1: conv filters = 4, kernel = 1 -> relu
    c2: conv filters = 2, kernel = 1
    """

  /// Two 512-byte branches concatenated (1,024 B), then a 256-byte conv.
  static let joined = """
    network "joined"
    input 8 x 8 x 1
    a: conv filters = 2, kernel = 1
    b: conv filters = 2, kernel = 1, from = input
    cat: concat from = [a, b]
    c: conv filters = 1, kernel = 1
    """

  typealias Case = (text: String, policy: MemoryPolicy, peak: Int, peakRow: String)

  static let cases: [Case] = [
    // c1 (1,024) and c2 (512) live together while c2 runs; the ReLU writes over c1.
    (chain, .pytorch, 1536, "c2"),
    (chain, .ideal, 1536, "c2"),
    // A ReLU that is not in place holds a second 1,024 B while it runs (folded into c1's row).
    (
      chain.replacingOccurrences(of: "-> relu", with: "-> relu inplace = false"), .pytorch, 2048,
      "c1"
    ),
    (
      chain.replacingOccurrences(of: "-> relu", with: "-> relu inplace = false"), .ideal, 1536, "c2"
    ),
    // torch.cat copies: a, b and the concatenation (2,048 B); written in place, 1,024 + c's 256.
    (joined, .pytorch, 2048, "cat"),
    (joined, .ideal, 1280, "c"),
  ]

  @Test(arguments: cases.indices)
  func peakByHand(_ index: Int) throws {
    let (text, policy, peak, row) = Self.cases[index]
    let a = try Self.analysis(text: text, MemorySettings(policy: policy))
    let memory = try #require(a.memory)
    #expect(memory.peakBytes == peak)
    #expect(memory.peakRow.map { a.rows[$0].name } == row)
  }

  /// Training the chain: conv c1 saves the input (256 B), the ReLU its output (c1's 1,024 B),
  /// which c2 saves again (one storage). Plain SGD keeps no state.
  @Test func savedByHand() throws {
    let a = try Self.analysis(text: Self.chain, MemorySettings(optimizer: .sgd))
    let training = try #require(a.memory?.training)
    #expect(training.savedForBackward == 256 + 1024)
    #expect(a.rows.map(\.savedBytes) == [256 + 1024, 0])
    #expect(training.optimizerState == 0)
    #expect(training.weights == (4 * 1 + 4 + 2 * 4 + 2) * 4)
  }

  // MARK: Against PyTorch

  /// torchvision's name → netcost's network and parameter values.
  static let names: [String: (String, [String: Double])] = [
    "alexnet": ("alexnet", ["resolution": 224]), "googlenet": ("googlenet", ["torchvision": 1]),
    "mobilenet_v2": ("mobilenet-v2", [:]), "mobilenet_v3_large": ("mobilenet-v3-large", [:]),
  ]

  /// What netcost's saved bytes are minus PyTorch's, where the specs leave something out; 0 for
  /// every other model. Per batch of `b`.
  static func difference(_ model: String, batch b: Int) -> Int {
    switch model {
    // Stochastic depth keeps a fp32 noise value per image in every residual block it can drop:
    // EfficientNet-B0's 9 (torchvision's StochasticDepth, mode "row").
    case "efficientnet_b0": -9 * b * 4
    // ConvNeXt-T's 18 blocks but the first, whose drop probability is 0.
    case "convnext_tiny": -17 * b * 4
    // torchvision's GoogLeNet trains two auxiliary classifiers; the spec has none (the released
    // weights drop them): 119,808 B per image.
    case "googlenet": -119_808 * b
    // torchvision's AlexNet puts dropout before fc6, fc7 (masks of 9,216 and 4,096 values); the
    // spec after fc6 and fc7, as the paper: one more 4,096-value output saved, 5,120 fewer mask
    // bytes.
    case "alexnet": (16_384 - 5_120) * b
    default: 0
    }
  }

  /// Tests/Fixtures/memory/saved.tsv, measured by measure_saved.py beside it: fifteen
  /// torchvision models at batch 2 and the two at batch 32.
  static let measured: [(model: String, batch: Int, bytes: Int)] = {
    let url = Paths.fixtures.appendingPathComponent("memory/saved.tsv")
    let lines = (try? Paths.read(url))?.split(separator: "\n") ?? []
    return lines.dropFirst(2).compactMap { line in
      let fields = line.split(separator: "\t")
      guard fields.count == 3, let batch = Int(fields[1]), let bytes = Int(fields[2]) else {
        return nil
      }
      return (String(fields[0]), batch, bytes)
    }
  }()

  @Test func fixtureIsRead() {
    #expect(Self.measured.count == 17)
  }

  @Test(arguments: measured.indices)
  func savedBytesAsPyTorchCounts(_ index: Int) throws {
    let (model, batch, bytes) = Self.measured[index]
    let (name, overrides) = Self.names[model] ?? (model, [:])
    let a = try Self.analysis(name, overrides, MemorySettings(batch: batch, optimizer: .momentum))
    let training = try #require(a.memory?.training)
    #expect(training.savedForBackward - bytes == Self.difference(model, batch: batch), "\(model)")
  }

  /// docs/memory.md's measurements (PyTorch 2.11, one H100, fp32, batch 32): saved bytes within
  /// 5 % (here exact), the training step's growth within 10 %, the inference peak within 10 %.
  static let gpu: [(name: String, saved: Int, growth: Int, peak: Int, netcostGrowth: Int)] = [
    ("resnet50", 2_749_529_088, 2_783_535_616, 333_971_456, 2_763_672_992),
    ("mobilenet-v2", 2_502_855_168, 2_531_257_344, 337_117_184, 2_504_426_656),
  ]

  @Test(arguments: gpu.indices)
  func measuredOnAGPU(_ index: Int) throws {
    let (name, saved, growth, peak, netcostGrowth) = Self.gpu[index]
    let settings = MemorySettings(batch: 32, policy: .pytorch, optimizer: .momentum)
    let memory = try #require(try Self.analysis(name, [:], settings).memory)
    let training = try #require(memory.training)
    #expect(training.savedForBackward == saved)
    #expect(training.growth == netcostGrowth)
    #expect(abs(Double(training.growth - growth)) / Double(growth) < 0.10)
    // Both peak while three 56×56×256 (or two 112×112×96) maps are held: 3·802,816·4·32.
    #expect(memory.peakBytes == 308_281_344)
    #expect(memory.workspaceBytes == 33_554_432)
    let withWorkspace = 308_281_344 + 33_554_432
    #expect(abs(Double(withWorkspace - peak)) / Double(peak) < 0.10)
  }

  // MARK: Invariants, every built-in family at its defaults

  static let families = BuiltinFamilies.names

  @Test(arguments: families)
  func invariants(_ name: String) throws {
    let ideal = try #require(try Self.analysis(name, [:], MemorySettings(policy: .ideal)).memory)
    let a = try Self.analysis(name, [:], MemorySettings(policy: .pytorch, optimizer: .adam))
    let pytorch = try #require(a.memory)
    let idealPeak = try #require(ideal.peakBytes)
    let peak = try #require(pytorch.peakBytes)
    #expect(idealPeak <= peak)
    #expect(a.rows.allSatisfy { ($0.liveBytes ?? 0) <= peak })
    let t = try #require(pytorch.training)
    #expect(a.rows.reduce(0) { $0 + ($1.savedBytes ?? 0) } == t.savedForBackward)
    #expect(
      t.total == t.weights + t.optimizerState + t.input + t.savedActivations + t.gradients
        + t.transient)
    #expect(t.transient >= 0 && t.gradients <= t.allGradients)
    #expect(t.optimizerState == 2 * t.allGradients)
    // Every byte count scales with the batch and the data type.
    let scaled = try #require(
      try Self.analysis(name, [:], MemorySettings(batch: 3, dtype: .fp16, policy: .pytorch))
        .memory?.peakBytes)
    #expect(scaled * 2 == peak * 3)
    // With rows the walks run before the rows are made, from a pass of their own; without rows
    // (a sweep, a fit) after the analysis: the two give one report but for the rows named.
    let settings = MemorySettings(policy: .pytorch, optimizer: .adam)
    let totalsOnly = try #require(
      Pipeline.analyze(try Run.spec(name), rows: false, memory: settings).value?.memory)
    var withoutRows = pytorch
    (withoutRows.peakRow, withoutRows.trainingPeakRow) = (nil, nil)
    #expect(totalsOnly == withoutRows)
  }
}

/// The built-in families by their file names.
enum BuiltinFamilies {
  static let names: [String] = Run.builtinNames.filter { name in
    (try? Run.builtin(name)) != nil
  }
}
