import Testing

@testable import NetCostCore

/// Attention's relative position bias (`posbias`), against torchvision's modules
/// (models/swin_transformer.py, maxvit.py): the table `relative_position_bias_table` of
/// (2w − 1)² × heads, and Swin V2's `cpb_mlp` (Linear(2, 512), ReLU, Linear(512, heads,
/// bias=False)) run once on the (2w − 1)² offsets, which FlopCounterMode counts.
@Suite struct PositionBiasTests {
  static func dims(_ d: [Int]) -> Shape { Shape(dims: d) ?? Shape(0, 0, 0) }

  struct Case: Sendable, CustomTestStringConvertible {
    var window: Int
    var mlp: Int
    var scores: [Int]
    var params: Int
    var biases: Int
    var macs: Int
    var why: String
    var testDescription: String { why }
  }

  static let cases: [Case] = [
    Case(
      window: 7, mlp: 0, scores: [1, 64, 3, 49, 49], params: 13 * 13 * 3, biases: 0, macs: 0,
      why: "Swin-T stage 1: 64 windows, 3 heads; torchvision's table is 169 × 3"),
    Case(
      window: 7, mlp: 0, scores: [64, 2, 49, 49], params: 169 * 2, biases: 0, macs: 0,
      why: "MaxViT-T's first block attention: 64 windows, 2 heads of 32"),
    Case(
      window: 8, mlp: 512, scores: [1, 64, 3, 64, 64], params: 2 * 512 + 512 + 512 * 3,
      biases: 512, macs: 15 * 15 * (2 * 512 + 512 * 3),
      why: "Swin-V2-T stage 1: cpb_mlp 2 → 512 → 3 on 15 × 15 offsets"),
  ]

  @Test(arguments: cases)
  func shapeAndCost(_ c: Case) throws {
    let bias = Operation.positionBias(window: c.window, mlp: c.mlp)
    let scores = Self.dims(c.scores)
    let output = try bias.outputShape(for: [scores])
    #expect(output == scores)
    let cost = try bias.cost(inputs: [scores], output: output)
    #expect(cost.params == c.params)
    #expect(cost.biases == c.biases)
    #expect(cost.macs == c.macs)
    #expect(cost.activationMatmulMacs == 0)
  }

  /// Scores whose last two axes are not the window's tokens, or too few axes for heads.
  @Test(arguments: [[1, 64, 3, 49, 64], [49, 49], [3, 36, 36]])
  func scoresOfAnotherWindowAreRefused(_ scores: [Int]) {
    let bias = Operation.positionBias(window: 7, mlp: 0)
    #expect(throws: LayerError.self) { try bias.outputShape(for: [Self.dims(scores)]) }
  }
}
