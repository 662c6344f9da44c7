import Foundation
import Testing

@testable import NetCost
@testable import NetCostAnalysis

/// Issue 27's 31 newer torchvision 0.29.2 models under every tool's convention, to the integer:
/// torchinfo 1.8.0's total mult-adds, fvcore 0.1.5.post20221221's total, ptflops 0.7.5's MACs
/// (pytorch and aten backends), thop 0.1.1's MACs, calflops 0.3.2's FLOPs and torch 2.15's
/// FlopCounterMode's FLOPs, measured (weights=None, eval mode, no gradients, batch 1, at the crop
/// size of each model's first weights) by `measure_tools.py --every` into
/// Tests/Fixtures/conventions/tools-issue27.jsonl. In that mode nn.MultiheadAttention (ViT)
/// takes its fast path, which only ptflops' pytorch backend counts; Swin runs its projections
/// as F.linear and its products with Tensor.matmul; MaxViT its products with torch.einsum.
@Suite struct NewerModelConventionTests {
  struct Measured: Decodable, Sendable, CustomTestStringConvertible {
    var model: String
    var torchinfo: Int
    var fvcore: Double  // a float when an einsum was counted (NumPy's estimate / 2)
    var ptflops_pytorch: Int
    var ptflops_aten: Int
    var thop: Int
    var calflops_flops: Int
    var flop_counter: Int
    var testDescription: String { model }
  }

  static let measured: [Measured] = {
    let file = Paths.fixtures.appendingPathComponent("conventions/tools-issue27.jsonl")
    guard let text = try? Paths.read(file) else { return [] }
    return text.split(separator: "\n").compactMap {
      try? JSONDecoder().decode(Measured.self, from: Data($0.utf8))
    }
  }()

  static let models = [
    "regnet_x_800mf", "regnet_x_1_6gf", "regnet_x_3_2gf", "regnet_x_8gf", "regnet_x_16gf",
    "regnet_x_32gf", "regnet_y_800mf", "regnet_y_1_6gf", "regnet_y_3_2gf", "regnet_y_8gf",
    "regnet_y_16gf", "regnet_y_32gf", "regnet_y_128gf", "convnext_small", "convnext_base",
    "convnext_large", "efficientnet_v2_s", "efficientnet_v2_m", "efficientnet_v2_l", "vit_b_16",
    "vit_b_32", "vit_l_16", "vit_l_32", "vit_h_14", "swin_t", "swin_s", "swin_b", "swin_v2_t",
    "swin_v2_s", "swin_v2_b", "maxvit_t",
  ]

  @Test func everyModelWasMeasured() {
    #expect(Self.measured.map(\.model).sorted() == Self.models.sorted())
  }

  @Test(arguments: measured)
  func eachToolToTheInteger(_ m: Measured) throws {
    let spec = try Run.spec(m.model)
    func count(_ convention: Convention) throws -> Int {
      try #require(Pipeline.analyze(spec, convention: convention).value).totals.macs
    }
    #expect(try count(.torchinfo) == m.torchinfo, "torchinfo")
    #expect(try count(.fvcore) == Int(exactly: m.fvcore), "fvcore")
    #expect(try count(.ptflops) == m.ptflops_pytorch, "ptflops")
    #expect(try count(.ptflopsAten) == m.ptflops_aten, "ptflops-aten")
    #expect(try count(.thop) == m.thop, "thop")
    #expect(try count(.flops) == m.calflops_flops, "calflops")
    #expect(try count(.flopCounter) == m.flop_counter, "FlopCounterMode")
  }

  /// ViT-B/16 in eval mode: torch._native_multi_head_attention runs each block's attention, and
  /// only ptflops' hook on nn.MultiheadAttention counts it (its projections' 5,577,375,744 MACs,
  /// the products' 715,327,488 and its own extras); FlopCounterMode counts nothing of it.
  @Test func fastPathHidesAttention() throws {
    let spec = try Run.spec("vit_b_16")
    func byCall(_ convention: Convention) throws -> [TorchCall: Int] {
      try #require(Pipeline.analyze(spec, convention: convention).value).macsByTorchCall
    }
    #expect(try byCall(.paper) == [.module: 11_271_124_992, .fastpath: 5_577_375_744, .tensor: 0])
    #expect(try byCall(.ptflops)[.fastpath] == 6_307_369_488)
    for convention in [Convention.torchinfo, .fvcore, .ptflopsAten, .thop, .flops, .flopCounter] {
      #expect(try byCall(convention)[.fastpath] == 0, "\(convention)")
    }
  }

  /// NumPy's einsum_path prints its estimate with `%.3e`, half to even on the exact value.
  @Test(arguments: [
    (19_668_992, 19_670_000), (9_999, 9_999), (12_345, 12_340), (12_355, 12_360),
    (12_350, 12_350), (99_995, 100_000), (12_365, 12_360),
  ])
  func einsumEstimate(_ flops: Int, _ printed: Int) {
    #expect(EinsumEstimate.printed(flops) == printed)
  }
}
