import Testing

@testable import NetCostAnalysis
@testable import NetCostCore

/// Receptive fields against the published table of Araujo, Norris and Sim's library
/// (google-research/receptive_field, RECEPTIVE_FIELD_TABLE.md; reference/receptive-field.md):
/// size, effective stride and effective padding, at 224×224.
@Suite struct ReceptiveFieldTests {
  static func field(_ analysis: Analysis, _ row: String) throws -> [Int] {
    let f = try #require(try analysis.row(row).receptiveField)
    #expect(f.height == f.width)
    return [f.height.size, f.height.stride, f.height.padding]
  }

  /// A crop is a 1×1 window from the first row and column it keeps, worked by hand: conv 3/2 on 9
  /// rows gives 4 rows seeing pixels 0–2, 2–4, 4–6, 6–8 (size 3, stride 2, padding 0, reach 8);
  /// cutting one row off each side keeps the two seeing 2–4 and 4–6: padding −2, reach 6. A pad
  /// of one row and a crop of it give the conv's field back.
  @Test func cropShiftsTheField() throws {
    let a = try Run.analysis(
      of: SourceFile(
        name: "crop.netspec",
        text: """
          input 9 x 9 x 1
          c: conv filters = 1, kernel = 3, stride = 2
          cut: crop top = 1, bottom = 1, left = 1, right = 1
          p: pad top = 1, left = 1, from = c
          back: crop top = 1, left = 1
          """))
    let conv = try #require(try a.row("c").receptiveField)
    let cut = try #require(try a.row("cut").receptiveField)
    #expect(
      [cut.height.size, cut.height.stride, cut.height.padding, cut.height.reach] == [3, 2, -2, 6])
    #expect(try a.row("cut").output == Shape(2, 2, 1))
    #expect(try a.row("back").receptiveField == conv)
  }

  /// VGG16 (TF-Slim vgg_16 and torchvision build the same convolutions and pools).
  @Test func vgg16() throws {
    let a = try Run.analysis("vgg16")
    let expected: [(String, [Int])] = [
      ("conv1_1", [3, 1, 1]), ("pool1", [6, 2, 2]), ("conv2_1", [10, 2, 4]), ("pool2", [16, 4, 6]),
      ("conv3_1", [24, 4, 10]), ("conv3_2", [32, 4, 14]), ("pool3", [44, 8, 18]),
      ("conv4_1", [60, 8, 26]), ("conv4_2", [76, 8, 34]), ("pool4", [100, 16, 42]),
      ("conv5_1", [132, 16, 58]), ("conv5_2", [164, 16, 74]), ("pool5", [212, 32, 90]),
    ]
    for (row, published) in expected {
      #expect(try Self.field(a, row) == published, "\(row)")
    }
  }

  /// MobileNet v1 with TensorFlow's `same` padding: each pointwise layer (Conv2d_N_pointwise; N = 0
  /// is the first full convolution).
  @Test func mobilenet() throws {
    let a = try Run.analysis("mobilenet")
    #expect(try Self.field(a, "conv1") == [3, 2, 0])
    let published: [[Int]] = [
      [7, 2, 2], [11, 4, 2], [19, 4, 6], [27, 8, 6], [43, 8, 14], [59, 16, 14], [91, 16, 30],
      [123, 16, 46], [155, 16, 62], [187, 16, 78], [219, 16, 94], [251, 32, 94], [315, 32, 126],
    ]
    for (i, expected) in published.enumerated() {
      #expect(try Self.field(a, "conv_pw_\(i + 1)") == expected, "conv_pw_\(i + 1)")
    }
  }

  /// Inception v3's last block sees 1311×1311 at stride 32 (TF-Slim's padding differs from
  /// torchvision's explicit pads, so only size and stride are compared).
  @Test func inceptionV3() throws {
    let f = try Self.field(try Run.analysis("inception-v3"), "Mixed_7c")
    #expect(Array(f.prefix(2)) == [1311, 32])
  }

  /// ResNet-50 in the original layout (a stage's stride on its first 1×1, as Caffe, Keras and
  /// TF-Slim's resnet_v1 have it) sees 483×483 at stride 32 after its last block, and each
  /// block's field has the size of TF-Slim's (35, 99, 291, 483).
  @Test func resnet50OriginalLayout() throws {
    let a = try Run.analysis("resnet50", ["stride_in_1x1": 1])
    #expect(Array(try Self.field(a, "layer4.2").prefix(2)) == [483, 32])
    let sizes = try ["layer1.2", "layer2.3", "layer3.5", "layer4.2"].map {
      try Self.field(a, $0)[0]
    }
    #expect(sizes == [35, 99, 291, 483])
  }

  /// Adaptive pooling whose windows are all of one size is a pooling (8 → 2: 4×4 windows at
  /// stride 4); with windows of varying size (8 → 3) no one field describes a unit.
  @Test func adaptivePooling() throws {
    func field(_ size: Int) throws -> [Int]? {
      let a = try Run.analysis(
        of: SourceFile(
          name: "rf.netspec",
          text: """
            input 8 x 8 x 1
            c: conv filters = 1, kernel = 3, padding = 1
            p: adaptiveavgpool size = \(size)

            """))
      return try a.row("p").receptiveField.map {
        [$0.height.size, $0.height.stride, $0.height.padding]
      }
    }
    #expect(try field(2) == [6, 4, 1])
    #expect(try field(3) == nil)
  }

  /// Rectangular windows grow each side apart; a merge of unaligned paths keeps the largest and
  /// says so.
  @Test func rectangularAndMerges() throws {
    let a = try Run.analysis(
      of: SourceFile(
        name: "rf.netspec",
        text: """
          input 32 x 32 x 3
          a: conv filters = 4, kernel = 1 x 7, padding = 0 x 3
          b: conv filters = 4, kernel = 7 x 1, padding = 3 x 0
          s: conv filters = 4, kernel = 3, stride = 2, padding = 1, from = input
          c: concat from = [b, input]
          d: add from = [s, s]

          """))
    let b = try #require(try a.row("b").receptiveField)
    #expect([b.height.size, b.width.size] == [7, 7])
    let first = try #require(try a.row("a").receptiveField)
    #expect([first.height.size, first.width.size, first.width.padding] == [1, 7, 3])
    let c = try #require(try a.row("c").receptiveField)
    #expect(c.height.size == 7 && !c.aligned)
    #expect(try a.row("d").receptiveField?.aligned == true)
  }

  /// A field past 64 bits is unknown, not a trap: a `same` window whose dilated size overflows
  /// (the analysis itself fits: 9,000,000,003 params) trapped before this was checked.
  @Test func fieldPastSixtyFourBitsIsUnknown() throws {
    let a = try Run.analysis(
      of: SourceFile(
        name: "huge.netspec",
        text: "input 8 x 8 x 3\n"
          + "dwconv kernel = 1 x 3000000000, dilation = 1 x 4000000000, padding = same\n"))
    #expect(a.totals.params == 9_000_000_003)
    #expect(a.rows.map(\.receptiveField) == [nil])
  }

  /// Global context (issue 24): a squeeze-and-excitation block's pool sees the whole image, and
  /// the map it scales does too, while its local path keeps growing by the recurrences; a map
  /// whose last pixels no unit reads is not global, and says how far it reaches.
  @Test func globalContext() throws {
    let a = try Run.analysis(
      of: SourceFile(
        name: "se.netspec",
        text: """
          input 16 x 16 x 3
          c: conv filters = 8, kernel = 3, padding = 1
          pool: globalavgpool
          fc: conv filters = 8, kernel = 1
          se: multiply from = [c, fc]
          d: conv filters = 8, kernel = 3, padding = 1
          s: conv filters = 8, kernel = 2, stride = 3, from = input
          g: globalavgpool

          """))
    let pool = try #require(try a.row("pool").receptiveField)
    #expect(pool.global && !pool.hasLocalPath && pool.height.size == 16 && pool.height.stride == 0)
    #expect(try a.row("fc").receptiveField?.global == true)
    let se = try #require(try a.row("se").receptiveField)
    #expect(se.global && se.hasLocalPath && [se.height.size, se.height.padding] == [3, 1])
    let d = try #require(try a.row("d").receptiveField)
    #expect(d.global && [d.height.size, d.height.stride, d.height.padding] == [5, 1, 2])
    // 2×2 windows at stride 3 read pixels 0-1, 3-4, …, 12-13: 14 and 15 are never read.
    let s = try #require(try a.row("s").receptiveField)
    #expect(!s.global && s.height.reach == 13)
    let g = try #require(try a.row("g").receptiveField)
    #expect(!g.global && g.height.reach == 13)
  }

  /// A pool over a map whose fields leave holes is not global (a review's find): a 1×1 window
  /// of stride 2 reads only the even pixels, and a 3×3 window after it sees every other pixel of
  /// its extent; the gradient reaches 25 of 81 pixels. An SE block after it stays local too.
  @Test(arguments: [
    "c1: conv filters = 1, kernel = 1, stride = 2\n",
    "c1: conv filters = 1, kernel = 1, stride = 2\nc2: conv filters = 1, kernel = 3, padding = 1\n",
    "c1: conv filters = 1, kernel = 2, dilation = 2, stride = 3\n",
  ])
  func holesAreNotGlobal(_ layers: String) throws {
    let a = try Run.analysis(
      of: SourceFile(
        name: "holes.netspec",
        text: "input 9 x 9 x 1\n" + layers
          + "p: globalavgpool\nfc: conv filters = 1, kernel = 1\nse: multiply from = [c1, fc]\n"))
    #expect(try a.row("p").receptiveField?.global == false)
    #expect(try a.row("se").receptiveField?.global == false)
  }
}
