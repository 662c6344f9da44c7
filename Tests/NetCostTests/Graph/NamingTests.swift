import NetCost
import Testing

@testable import NetCostSpec

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

  /// An automatic name skips one a label took, at the top level and within a call; a label that
  /// only ends like one (ViT's `encoder_layer_3`) takes none of the numbers.
  @Test func automaticNamesSkipTheLabelsLikeThem() throws {
    let text = """
      input 8 x 8 x 3
      conv_1: conv filters = 4, kernel = 1
      conv filters = 4, kernel = 1
      block b(c) {
        "maxpool_2": maxpool kernel = 1
        maxpool kernel = c
        maxpool kernel = c
        "encoder_layer_3": maxpool kernel = 1
        maxpool kernel = 1
      }
      x: b(1)
      y: b(1)
      """
    let analysis = try Run.analysis(of: SourceFile(name: "labels.netspec", text: text))
    #expect(
      analysis.rows.map(\.name) == [
        "conv_1", "conv_2", "x/maxpool_2", "x/maxpool_1", "x/maxpool_3", "x/encoder_layer_3", "x",
        "y/maxpool_2", "y/maxpool_1", "y/maxpool_3", "y/encoder_layer_3", "y",
      ])
  }

  /// Within each labelled call every kind counts on its own from 1, kinds interleaved; the
  /// calls' counts are apart from each other and from the top level's; and a label given again
  /// (reported) counts on where it stopped, so that only the label is a duplicate.
  @Test func labelledCallsCountEachKindApart() throws {
    let block = """
      input 8 x 8 x 3
      block two() {
        conv filters = 4, kernel = 1, bias = false
        bn
        maxpool kernel = 1
        conv filters = 4, kernel = 1, bias = false
        bn
        maxpool kernel = 1
      }

      """
    let analysis = try Run.analysis(
      of: SourceFile(name: "kinds.netspec", text: block + "a: two()\nb: two()\ntwo()\n"))
    #expect(
      analysis.rows.map(\.name) == [
        "a/conv_1", "a/maxpool_1", "a/conv_2", "a", "b/conv_1", "b/maxpool_1", "b/conv_2", "b",
        "conv_1", "maxpool_1", "conv_2", "maxpool_2",
      ])
    let twice = Run.diagnostics(block + "a: two()\na: two()\n").map(\.message)
    #expect(twice == ["layer name 'a' is used twice"])
  }

  /// Names written straight into a string's memory are the names `+` makes: short (stored in
  /// the string itself) and long, ASCII and not, numbers of every length.
  @Test(
    arguments: [
      (nil, "relu", 1, "relu_1"),
      ("a", "conv", 10, "a/conv_10"),
      ("layer4.1", "maxpool", 999_999, "layer4.1/maxpool_999999"),
      ("blöck.ü/ç", "add", 1_000_000, "blöck.ü/ç/add_1000000"),
      (nil, "adaptiveavgpool", Int.max, "adaptiveavgpool_9223372036854775807"),
    ] as [(String?, String, Int, String)])
  func automaticNamesAreWrittenWhole(prefix: String?, kind: String, n: Int, name: String) {
    #expect(NameText.numbered(prefix, kind, n) == name)
    #expect(NameText.numbered(prefix, kind, n).utf8.count == name.utf8.count)
  }

  @Test(
    arguments: [
      (nil, "ln_1", "ln_1"), ("a", "b", "a/b"),
      ("encoder.layers.encoder_layer_11", "mlp", "encoder.layers.encoder_layer_11/mlp"),
      ("ü", "ç→é", "ü/ç→é"),
    ] as [(String?, String, String)])
  func labelledNamesAreWrittenWhole(prefix: String?, label: String, name: String) {
    #expect(NameText.scoped(prefix, label) == name)
  }

  /// `LayerKind.ordinal` reads the byte the case is stored as: it must be the kind's place in
  /// `allCases` for every kind (per-kind counters and the key table are arrays by it), and one
  /// byte must hold every case.
  @Test func everyKindsOrdinalIsItsPlace() {
    #expect(MemoryLayout<LayerKind>.size == 1)
    for (place, kind) in LayerKind.allCases.enumerated() {
      #expect(kind.ordinal == place, "\(kind.rawValue)")
    }
    #expect(Set(LayerKind.allCases).count == LayerKind.allCases.count)
  }
}
