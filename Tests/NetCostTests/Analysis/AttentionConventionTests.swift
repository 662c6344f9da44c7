import Foundation
import Testing

@testable import NetCost

/// How each tool counts what transformers and their kin add (issue 22): the two products of
/// attention, and group and instance norms. Attention: one attention block on DeiT-Tiny's
/// sizes (197 tokens of 192, 3 heads of 64) written three ways, each tool's total measured by
/// Tests/Fixtures/conventions/measure_attention.py (torchinfo 1.8.0, fvcore 0.1.5.post20221221,
/// ptflops 0.7.5, thop 0.1.1.post2209072238, calflops 0.3.2, torch 2.15's FlopCounterMode) into
/// attention.jsonl beside it. The spec says how the reference runs the products with `torch`:
/// `tensor` for `q @ k.transpose(-2, -1)`, `functional` for `torch.matmul`, `fused` for
/// `F.scaled_dot_product_attention`.
@Suite struct AttentionConventionTests {
  struct Measured: Decodable {
    var form: String
    var torchinfo: Int
    var fvcore: Int
    var ptflops_pytorch: Int
    var ptflops_aten: Int
    var thop: Int
    var calflops_flops: Int
    var flop_counter: Int
  }

  static let measured: [Measured] = {
    let file = Paths.fixtures.appendingPathComponent("conventions/attention.jsonl")
    guard let text = try? Paths.read(file) else { return [] }
    return text.split(separator: "\n").compactMap {
      try? JSONDecoder().decode(Measured.self, from: Data($0.utf8))
    }
  }()

  /// timm's Attention (timm/layers/attention.py) as a spec: a fused qkv projection split into
  /// heads, the two products and a softmax run as `call`, the heads joined and projected.
  static func block(
    _ call: String, softmax: String, projections: String = "module"
  ) -> Pipeline.ParsedSpec {
    let text = """
      network "attention"
      input 1 x 197 x 192
      tokens: reshape dims = [197, 192]
      qkv: fc units = 576, flatten = false, torch = \(projections)
      split: reshape dims = [197, 3, 3, 64]
      heads: transpose perm = [1, 2, 0, 3]
      q: slice axis = 0, start = 0, end = 1
      k: slice axis = 0, start = 1, end = 2, from = heads
      v: slice axis = 0, start = 2, end = 3, from = heads
      scores: matmul from = [q, k], transposed = true, torch = \(call) -> softmax torch = \(softmax)
      context: matmul from = [scores, v], torch = \(call)
      merged: transpose perm = [0, 2, 1, 3] -> reshape dims = [197, 192]
      proj: fc units = 192, flatten = false, torch = \(projections)
      """
    return Pipeline.parse(SourceFile(name: "attention.netspec", text: text))
  }

  /// The measured forms: `operator` (`@`, `.softmax(dim=-1)`), `function` (torch.matmul,
  /// `.softmax(dim=-1)`) and `sdpa` (both products and the softmax in one fused call).
  static let forms = [
    "operator": ("tensor", "tensor"), "function": ("functional", "tensor"),
    "sdpa": ("fused", "fused"),
  ]

  @Test func everyFormWasMeasured() {
    #expect(Set(Self.measured.map(\.form)).isSuperset(of: Self.forms.keys))
  }

  @Test(arguments: ["operator", "function", "sdpa"])
  func eachToolToTheInteger(_ form: String) throws {
    let m = try #require(Self.measured.first { $0.form == form })
    let (call, softmax) = try #require(Self.forms[form])
    let spec = Self.block(call, softmax: softmax)
    func count(_ convention: Convention) throws -> Int {
      try #require(Pipeline.analyze(spec, convention: convention).value).totals.macs
    }
    // 2 products × 3 heads × 197² × 64, whoever counts them.
    let products = try #require(Pipeline.analyze(spec).value).totals.activationMatmulMacs
    #expect(products == 2 * 3 * 197 * 197 * 64)
    #expect(try count(.torchinfo) == m.torchinfo, "torchinfo")
    #expect(try count(.fvcore) == m.fvcore, "fvcore")
    #expect(try count(.ptflops) == m.ptflops_pytorch, "ptflops")
    #expect(try count(.ptflopsAten) == m.ptflops_aten, "ptflops-aten")
    #expect(try count(.thop) == m.thop, "thop")
    #expect(try count(.flops) == m.calflops_flops, "calflops")
    #expect(try count(.flopCounter) == m.flop_counter, "FlopCounterMode")
  }

  /// nn.MultiheadAttention with 3 heads (the `mha` form) misses its fast path (an odd number
  /// of heads) and runs F.multi_head_attention_forward: F.linear projections and
  /// F.scaled_dot_product_attention. Six tools count it as those calls; ptflops' pytorch
  /// backend counts it by its hook on the module instead, whatever the path, which no `torch`
  /// value of the layers says: netcost gives 0 there, and the difference is pinned.
  @Test func multiheadAttentionSlowPath() throws {
    let m = try #require(Self.measured.first { $0.form == "mha" })
    let spec = Self.block("fused", softmax: "fused", projections: "functional")
    func count(_ convention: Convention) throws -> Int {
      try #require(Pipeline.analyze(spec, convention: convention).value).totals.macs
    }
    #expect(try count(.torchinfo) == m.torchinfo, "torchinfo")
    #expect(try count(.fvcore) == m.fvcore, "fvcore")
    #expect(try count(.ptflopsAten) == m.ptflops_aten, "ptflops-aten")
    #expect(try count(.thop) == m.thop, "thop")
    #expect(try count(.flops) == m.calflops_flops, "calflops")
    #expect(try count(.flopCounter) == m.flop_counter, "FlopCounterMode")
    // multihead_attention_counter_hook: 29,048,832 projection MACs + 151,296 biases + 37,824 to
    // scale Q + 14,902,656 products + 116,427 softmax inputs.
    #expect(m.ptflops_pytorch == 44_257_035)
    #expect(try count(.ptflops) == 0)
  }

  struct MeasuredLayer: Decodable {
    var form: String
    var torchinfo: Int
    var fvcore: Int
    var ptflops_pytorch: Int
    var ptflops_aten: Int
    var thop: Int
    var calflops_flops: Int
    var flop_counter: Int
    var params: Int
  }

  /// nn.GroupNorm(32, 64), nn.InstanceNorm2d(64, affine=True) and nn.InstanceNorm2d(64) after a
  /// 3×3 convolution on 56×56×3, two nn.ConvTranspose2d on 14×14×16, and the 3-D layers and Lp
  /// pooling (Tests/Fixtures/conventions/measure_layers.py, layers.jsonl, which says each model).
  static let layers = [
    ("group", "56 x 56 x 3", "conv filters = 64, kernel = 3, padding = 1 -> groupnorm groups = 32"),
    (
      "instance", "56 x 56 x 3",
      "conv filters = 64, kernel = 3, padding = 1 -> groupnorm groups = 64"
    ),
    (
      "plain", "56 x 56 x 3",
      "conv filters = 64, kernel = 3, padding = 1 -> groupnorm groups = 64, affine = false"
    ),
    ("deconv", "14 x 14 x 16", "deconv filters = 8, kernel = 4, stride = 2, padding = 1"),
    (
      "deconv-grouped", "14 x 14 x 16",
      "deconv filters = 8, kernel = 3, stride = 2, padding = 1, output_padding = 1, groups = 2, "
        + "bias = false"
    ),
    (
      "conv3d", "8 x 32 x 32 x 3",
      "conv filters = 8, kernel = 3 x 5 x 5, stride = 1 x 2 x 2, padding = 1 x 2 x 2 -> bn -> relu"
    ),
    (
      "pool3d", "8 x 32 x 32 x 3",
      """
      conv filters = 8, kernel = 1 x 1 x 1
      maxpool kernel = 3 x 3 x 3, stride = 2 x 2 x 2, padding = 1 x 1 x 1
      avgpool kernel = 1 x 2 x 2
      globalavgpool torch = module
      """
    ),
    ("deconv3d", "4 x 16 x 16 x 8", "deconv filters = 4, kernel = 2 x 2 x 2, stride = 2 x 2 x 2"),
    (
      "lppool", "32 x 32 x 3",
      """
      conv filters = 8, kernel = 1
      lppool kernel = 3, stride = 2
      reshape dims = [225, 8]
      lppool kernel = 1 x 3, stride = 1 x 2
      """
    ),
  ]

  @Test(arguments: layers)
  func layersToTheInteger(_ form: String, _ input: String, _ layers: String) throws {
    let file = Paths.fixtures.appendingPathComponent("conventions/layers.jsonl")
    let m = try #require(
      try Paths.read(file).split(separator: "\n").compactMap {
        try? JSONDecoder().decode(MeasuredLayer.self, from: Data($0.utf8))
      }.first { $0.form == form })
    let text = "input \(input)\n\(layers)\n"
    let spec = Pipeline.parse(SourceFile(name: "layer.netspec", text: text))
    func count(_ convention: Convention) throws -> Int {
      try #require(Pipeline.analyze(spec, convention: convention).value).totals.macs
    }
    #expect(try #require(Pipeline.analyze(spec).value).totals.trainableParams == m.params)
    #expect(try count(.torchinfo) == m.torchinfo, "torchinfo")
    #expect(try count(.fvcore) == m.fvcore, "fvcore")
    #expect(try count(.ptflops) == m.ptflops_pytorch, "ptflops")
    #expect(try count(.ptflopsAten) == m.ptflops_aten, "ptflops-aten")
    #expect(try count(.thop) == m.thop, "thop")
    #expect(try count(.flops) == m.calflops_flops, "calflops")
    #expect(try count(.flopCounter) == m.flop_counter, "FlopCounterMode")
  }

  /// On imported models FlopCounterMode's forward count is twice the MACs plus the products
  /// (Tests/Fixtures/onnx-general: it counts nothing else); `flop-counter` gives it.
  @Test(arguments: [
    "vit_tiny_patch16_224.legacy", "swin_t.dynamo", "maxvit_t.legacy", "dpn68.dynamo",
  ])
  func flopCounterOnImports(_ file: String) throws {
    let expected = try OnnxGeneralTests.expected(file)
    let bytes = try Fixture.bytes("onnx-general/\(file).onnx")
    let spec = bytes.withUnsafeBytes { Pipeline.parse(onnx: $0, name: "\(file).onnx") }
    let analysis = try #require(Pipeline.analyze(spec, convention: .flopCounter).value)
    #expect(analysis.totals.macs == 2 * expected.flopCounterMacs)
  }
}
