import Foundation
import NetCost
import Testing

/// Every row's output shape equals PyTorch's for the module of its name (issue 27): one model of
/// each family the transformer work added or extended, measured by forward hooks in
/// Tests/Fixtures/torchvision/measure_models.py (torchvision 0.29.2, eval, batch 1, at the
/// weights' input size), whose shapes.tsv lists each module's output, batch left out and features
/// last. A row matches the module of its name (`/` read as `.`), or, where torchvision nests it
/// deeper (RegNet's `trunk_output.block1.block1-0`), the module whose name ends in it.
@Suite struct TorchvisionShapesTests {
  /// The model, and how many of its rows the fixture's modules name: a row renamed, or a module
  /// the spec stops naming, shows here.
  static let models: [(network: String, matched: Int)] = [
    ("vit_b_16", 37),
    ("swin_t", 41),
    ("swin_v2_t", 41),
    ("maxvit_t", 150),
    ("efficientnet_v2_s", 43),
    ("regnet_y_800mf", 20),
  ]

  static let fixture: [String: [(module: String, dims: [Int])]] = {
    let url = Paths.fixtures.appendingPathComponent("torchvision/shapes.tsv")
    var byModel: [String: [(module: String, dims: [Int])]] = [:]
    for line in ((try? Paths.read(url)) ?? "").split(separator: "\n").dropFirst() {
      let fields = line.split(separator: "\t").map(String.init)
      guard fields.count == 3 else { continue }
      let dims = fields[2].split(separator: "x").compactMap { Int($0) }
      byModel[fields[0], default: []].append((fields[1], dims))
    }
    return byModel
  }()

  @Test(arguments: models)
  func outputShapesEqualPyTorch(_ c: (network: String, matched: Int)) throws {
    let modules = try #require(Self.fixture[c.network], "no shapes for \(c.network)")
    let analysis = try Run.analysis(c.network)
    var matched = 0
    for row in analysis.rows {
      let name = row.name.replacingOccurrences(of: "/", with: ".")
      guard
        let module = modules.first(where: { $0.module == name })
          ?? modules.first(where: { $0.module.hasSuffix("." + name) })
      else { continue }
      matched += 1
      #expect(row.output.dims == module.dims, "\(c.network) \(row.name) vs \(module.module)")
    }
    #expect(matched == c.matched, "\(c.network): rows named as torchvision's modules")
  }
}
