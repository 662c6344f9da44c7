import NetCost
import Testing

/// How rows are named (issue 11, item 7): a block call's label names the block's last row, even
/// when that row is a merge with an activation folded into it, and automatic names count within
/// their block call.
@Suite struct NamingTests {
  static let spec = """
    input 32 x 32 x 16
    block basic(c) {
      add {
        branch { conv filters = c, kernel = 3, padding = 1 -> bn -> relu }
        branch { }
      } -> relu
    }
    res1: basic(16)
    res2: basic(16)
    pool: globalavgpool from = res1
    """

  @Test func aBlockLabelNamesItsLastRow() throws {
    let analysis = try Run.analysis(of: SourceFile(name: "res.netspec", text: Self.spec))
    #expect(
      analysis.rows.map(\.name) == ["res1/conv_1", "res1", "res2/conv_1", "res2", "pool"])
    #expect(try analysis.row("res1").folded == [.relu])
  }

  /// The residual blocks of ResNet-18 are rows named as torchvision names the modules.
  @Test func resnetRowsAreNamedByTheirBlocks() throws {
    let names = try Run.analysis("resnet18").rows.map(\.name)
    #expect(names.contains("layer1.0"))
    #expect(names.contains("layer4.1"))
    #expect(!names.contains { $0.hasSuffix("/add_1") })
  }
}
