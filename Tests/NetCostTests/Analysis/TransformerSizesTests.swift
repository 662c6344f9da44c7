import Foundation
import NetCost
import Testing

/// The transformers at input sizes other than their weights' (issue 27's sweeps of the image
/// size): ViT-B/16's position embedding grown to 384, Swin's windows padded where a stage's side
/// is no multiple of 7 (and an odd side merged at 100), Swin V2 at 200, MaxViT's grid at 448.
/// torchvision 0.29.2's models built at those sizes (weights=None, eval, batch 1), measured by
/// Tests/Fixtures/torchvision/measure_models.py into sizes.tsv: their parameter count, and
/// FlopCounterMode's FLOPs, which are two per MAC or activation product.
@Suite struct TransformerSizesTests {
  typealias Row = (network: String, size: Int, params: Int, flops: Int)

  static let rows: [Row] = {
    let url = Paths.fixtures.appendingPathComponent("torchvision/sizes.tsv")
    let text = (try? Paths.read(url)) ?? ""
    return text.split(separator: "\n").dropFirst().compactMap { line in
      let f = line.split(separator: "\t").map(String.init)
      guard f.count == 4, let size = Int(f[1]), let params = Int(f[2]), let flops = Int(f[3])
      else { return nil }
      return (f[0], size, params, flops)
    }
  }()

  @Test func everySizeIsMeasured() {
    #expect(
      Self.rows.map { "\($0.network)@\($0.size)" }.sorted() == [
        "maxvit_t@448", "swin_t@100", "swin_t@384", "swin_v2_t@200", "vit_b_16@384",
      ])
  }

  @Test(arguments: rows)
  func countsEqualFlopCounterMode(_ c: Row) throws {
    let t = try Run.analysis(c.network, ["resolution": Double(c.size)]).totals
    #expect(t.trainableParams == c.params, "\(c.network) at \(c.size)")
    #expect(2 * (t.macs + t.activationMatmulMacs) == c.flops, "\(c.network) at \(c.size)")
  }
}
