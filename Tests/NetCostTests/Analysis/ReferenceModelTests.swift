import NetCost
import Testing

/// The built-in networks against published figures, each row citing its source in
/// `../shared/reference/published.md` (§ numbers) or a library's own output. Exact: no tolerance.
@Suite struct ReferenceModelTests {
  struct TotalsCase: Sendable, CustomTestStringConvertible {
    var network: String
    var overrides: [String: Double] = [:]
    var params: Int? = nil
    var trainable: Int? = nil
    var nonTrainable: Int? = nil
    var withoutBatchNorm: Int? = nil
    var macs: Int? = nil
    var source: String
    var testDescription: String { "\(network) \(overrides.sorted { $0.key < $1.key }) — \(source)" }
  }

  static let totals: [TotalsCase] = [
    TotalsCase(
      network: "mobilenet", params: 4_253_864, trainable: 4_231_976, nonTrainable: 21_888,
      withoutBatchNorm: 4_210_088, macs: 568_740_352,
      source: "§1 Keras model.summary() and the derived check (Table 1, last dw at stride 1)"),
    TotalsCase(
      network: "mobilenet", overrides: ["alpha": 0.75], macs: 325_400_448,
      source: "§1 Table 6: 325 M (exact count derived from Table 1)"),
    TotalsCase(
      network: "mobilenet", overrides: ["alpha": 0.5], macs: 149_497_088,
      source: "§1 Table 6: 149 M"),
    TotalsCase(
      network: "mobilenet", overrides: ["alpha": 0.25], macs: 41_030_272,
      source: "§1 Table 6: 41 M"),
    TotalsCase(
      network: "mobilenet", overrides: ["resolution": 192], macs: 418_121_728,
      source: "§1 Table 7: 418 M"),
    TotalsCase(
      network: "mobilenet", overrides: ["resolution": 160], macs: 290_675_200,
      source: "§1 Table 7: 290 M (the paper truncates 290.68)"),
    TotalsCase(
      network: "mobilenet", overrides: ["resolution": 128], macs: 186_400_768,
      source: "§1 Table 7: 186 M"),
    TotalsCase(
      network: "mobilenet", overrides: ["alpha": 0.5, "resolution": 32, "classes": 10],
      params: 834_666, trainable: 823_722, nonTrainable: 10_944,
      source:
        "Keras Applications MobileNet(alpha=0.5, input_shape=(32, 32, 3), classes=10), model.summary()"
    ),
    TotalsCase(
      network: "alexnet", params: 61_100_840,
      source: "§5/§6: torchvision AlexNet num_params (EECS 498 layout)"),
    TotalsCase(
      network: "alexnet-2012", params: 60_965_224, macs: 724_406_816,
      source: "§5: derived for the grouped original at 227 (MobileNet T9's 720 M)"),
    TotalsCase(
      network: "vgg16", params: 138_357_544, macs: 15_470_264_320,
      source: "§4: torchvision/Keras exact params; derived conv+FC MACs (torchvision 15.47 GFLOPS)"),
    TotalsCase(
      network: "squeezenet", params: 1_248_424, macs: 818_924_576,
      source: "§2 torchvision squeezenet1_0 num_params; §8 MXOP SqueezeNet1_0 818,924,576 mults"),
    TotalsCase(
      network: "squeezenet-1.1", params: 1_235_496, macs: 349_151_936,
      source: "§2 torchvision squeezenet1_1 num_params; §8 MXOP SqueezeNet1_1 349,151,936 mults"),
  ]

  /// The reference implementations' parameter counts (§6–8): torchvision's `num_params` and
  /// Keras's trainable count are netcost's trainable params (batch norm's γ and β, not its
  /// moving statistics); and their GFLOPS, which are MACs, to the places they print.
  static let implementations:
    [(network: String, trainable: Int, gigaMACs: String?, source: String)] = [
      ("resnet18", 11_689_512, "1.814", "§6 torchvision ResNet18 (1.814 GFLOPS)"),
      ("resnet50", 25_557_032, "4.089", "§6 torchvision ResNet50 v1.5 (4.089 GFLOPS)"),
      ("resnext50-32x4d", 25_028_904, "4.230", "§6 torchvision ResNeXt50_32X4D (4.230)"),
      ("densenet121", 7_978_856, "2.834", "§6/§7 torchvision and Keras DenseNet121 (2.834)"),
      ("shufflenet-v2", 2_278_604, "0.145", "§6 torchvision ShuffleNet_V2_X1_0 (0.145)"),
      ("mobilenet-v2", 3_504_872, "0.301", "§6/§7 torchvision and Keras MobileNetV2 (0.301)"),
      ("mobilenet-v3-large", 5_483_032, "0.217", "§6 torchvision MobileNet_V3_Large (0.217)"),
      ("mobilenet-v3-small", 2_542_856, "0.057", "§6 torchvision MobileNet_V3_Small (0.057)"),
      ("xception", 22_855_952, nil, "§7/§8 Keras Xception trainable; Xception paper Table 3"),
    ]

  @Test(arguments: implementations)
  func referenceImplementations(
    _ c: (network: String, trainable: Int, gigaMACs: String?, source: String)
  ) throws {
    let t = try Run.analysis(c.network).totals
    #expect(t.trainableParams == c.trainable, "\(c.source)")
    if let giga = c.gigaMACs {
      #expect(NumberFormat.decimal(t.macs, over: 1_000_000_000, places: 3) == giga, "\(c.source)")
    }
  }

  /// The papers' own figures, which the reference implementations' layouts reproduce within their
  /// printed rounding where they can (§8), and `verify` explains where they do not.
  @Test func papersFigures() throws {
    // ResNet Table 1: 3.8 × 10⁹ with the stride on the first 1×1 conv (the paper's placement).
    let resnet = try Run.analysis("resnet50", ["stride_in_1x1": 1]).totals.macs
    #expect(NumberFormat.decimal(resnet, over: 100_000_000, places: 0) == "39")  // 3.86 G
    // MobileNetV2: "300 million multiply-adds"; ShuffleNet v1 (g = 3): 137 M in Table 1;
    // ShuffleNet V2 1×: 146 M in Table 5 (torchvision 0.145 G).
    #expect(
      NumberFormat.decimal(try Run.analysis("mobilenet-v2").totals.macs, over: 1_000_000, places: 0)
        == "301")
    #expect(
      NumberFormat.decimal(
        try Run.analysis("shufflenet-v1").totals.macs, over: 1_000_000, places: 0) == "137")
    #expect(
      NumberFormat.decimal(
        try Run.analysis("shufflenet-v2").totals.macs, over: 1_000_000, places: 0) == "145")
  }

  @Test(arguments: totals)
  func publishedTotals(_ c: TotalsCase) throws {
    let t = try Run.analysis(c.network, c.overrides).totals
    if let params = c.params { #expect(t.params == params) }
    if let trainable = c.trainable { #expect(t.trainableParams == trainable) }
    if let nonTrainable = c.nonTrainable { #expect(t.nonTrainableParams == nonTrainable) }
    if let withoutBatchNorm = c.withoutBatchNorm {
      #expect(t.paramsWithoutBatchNorm == withoutBatchNorm)
    }
    if let macs = c.macs { #expect(t.macs == macs) }
  }

  /// EECS 498-007 Lecture 8 works AlexNet's conv1 by hand (published.md §5); pool1 and fc6 are
  /// the same arithmetic on torchvision's layout (fc6: 9216·4096 + 4096 = 37,752,832).
  @Test func alexnetRowsAsTheLectureWorksThem() throws {
    let a = try Run.analysis("alexnet")
    let conv1 = try a.row("conv1")
    #expect(conv1.output == Shape(56, 56, 64))
    #expect(conv1.activationBytes == 784 * 1024)
    #expect(conv1.cost.params == 23_296)
    #expect(conv1.cost.macs == 72_855_552)
    let pool1 = try a.row("pool1")
    #expect(pool1.output == Shape(27, 27, 64))
    #expect(pool1.activationBytes * 100 == 18_225 * 1024)  // 182.25 KB
    let fc6 = try a.row("fc6")
    #expect(fc6.cost.params == 37_752_832)
    #expect(fc6.cost.macs == 37_748_736)
  }

  /// Keras's summary prints these output shapes (HWC) for α = 0.5 at 32×32.
  @Test func kerasCifarShapesAsSeed004() throws {
    let a = try Run.analysis("mobilenet", ["alpha": 0.5, "resolution": 32, "classes": 10])
    let expected: [(String, Shape, Int)] = [
      ("conv1", Shape(16, 16, 16), 432 + 64), ("conv_dw_1", Shape(16, 16, 16), 144 + 64),
      ("conv_pw_1", Shape(16, 16, 32), 512 + 128), ("conv_dw_2", Shape(8, 8, 32), 288 + 128),
      ("conv_pw_2", Shape(8, 8, 64), 2048 + 256), ("conv_dw_13", Shape(1, 1, 512), 4608 + 2048),
      ("conv_pw_13", Shape(1, 1, 512), 262_144 + 2048), ("fc", Shape(1, 1, 10), 5130),
    ]
    for (name, shape, params) in expected {
      let row = try a.row(name)
      #expect(row.output == shape, "\(name)")
      #expect(row.cost.params == params, "\(name): layer + its batch norm, as Keras lists them")
    }
  }

  /// GoogLeNet Table 1's "output size" column, row by row (§3).
  @Test func googlenetOutputSizesAsTable1() throws {
    let a = try Run.analysis("googlenet")
    let expected: [(String, Shape)] = [
      ("conv1/7x7_s2", Shape(112, 112, 64)), ("pool1/3x3_s2", Shape(56, 56, 64)),
      ("conv2/3x3", Shape(56, 56, 192)), ("pool2/3x3_s2", Shape(28, 28, 192)),
      ("inception_3a", Shape(28, 28, 256)), ("inception_3b", Shape(28, 28, 480)),
      ("pool3/3x3_s2", Shape(14, 14, 480)), ("inception_4a", Shape(14, 14, 512)),
      ("inception_4b", Shape(14, 14, 512)), ("inception_4c", Shape(14, 14, 512)),
      ("inception_4d", Shape(14, 14, 528)), ("inception_4e", Shape(14, 14, 832)),
      ("pool4/3x3_s2", Shape(7, 7, 832)), ("inception_5a", Shape(7, 7, 832)),
      ("inception_5b", Shape(7, 7, 1024)), ("pool5/7x7_s1", Shape(1, 1, 1024)),
      ("loss3/classifier", Shape(1, 1, 1000)),
    ]
    for (name, shape) in expected {
      #expect(try a.row(name).output == shape, "\(name)")
    }
  }
}
