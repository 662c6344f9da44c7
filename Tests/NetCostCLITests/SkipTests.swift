import Testing

@testable import NetCostCLI

/// `--skip TYPE` in every command that reads a network (issue 24): each takes the flag, passes
/// it to the importer, and says in its output what was counted as nothing; ONNX operators are
/// skipped by `op_type`, or by `domain::op_type` outside the default domain.
@Suite struct SkipTests {
  /// A Caffe model with a layer type netcost does not model (Swish) between two it does.
  static let model = Array(
    """
    input: "data"
    input_shape { dim: 1 dim: 3 dim: 8 dim: 8 }
    layer { name: "c" type: "Convolution" bottom: "data" top: "c"
      convolution_param { num_output: 4 kernel_size: 3 } }
    layer { name: "s" type: "Swish" bottom: "c" top: "c" }
    layer { name: "p" type: "Pooling" bottom: "c" top: "p" pooling_param { pool: MAX kernel_size: 2 stride: 2 } }
    """.utf8)

  static func run(_ arguments: [String]) -> Output {
    ImportCommandTests.run(arguments, extra: ["m.prototxt": model])
  }

  /// Each command, with the model refused without the flag and read with it. The figure each
  /// checks is the convolution's: 4 filters of 3·3·3 plus a bias, 112 params, over 6×6
  /// positions, 3,888 MACs.
  @Test(arguments: [
    (["m.prototxt"], "counted as nothing (--skip): Swish"),
    (["compare", "mobilenet", "m.prototxt"], "m "),
    (["sweep", "m.prototxt", "--resolution", "8,16"], "        16      0.02"),
    (["report", "m.prototxt"], "counted as nothing (--skip): Swish"),
    (["chart", "m.prototxt"], "<svg"),
    (["conventions", "m.prototxt"], "counted as nothing (--skip): Swish"),
    (["convert", "m.prototxt"], "\"p\": maxpool kernel = 2, ceil = true"),
    (["m.prototxt", "--format", "json"], "\"macs\": 3888"),
  ])
  func everyCommandTakesSkip(_ arguments: [String], _ expected: String) {
    let refused = Self.run(arguments)
    #expect(refused.exitCode == .specError)
    #expect(refused.stderr.contains("'--skip Swish' counts it as costing nothing"))
    let skipped = Self.run(arguments + ["--skip", "Swish"])
    #expect(skipped.exitCode == .success, "\(arguments): \(skipped.stderr)")
    #expect(skipped.stdout.contains(expected), "\(arguments): \(skipped.stdout)")
  }

  /// `fit` reads the model with the flag too, and searches its resolution: the convolution's
  /// 108 MACs per output position fit 4K over 6×6 positions (an 8×8 input, 3,888), not 7×7
  /// (9×9, 5,292).
  @Test func fitTakesSkip() {
    let arguments = ["fit", "m.prototxt", "--vary", "resolution", "--macs", "4K"]
    #expect(Self.run(arguments).stderr.contains("'--skip Swish' counts it as costing nothing"))
    let skipped = Self.run(arguments + ["--skip", "Swish", "--format", "csv"])
    #expect(skipped.stderr == "")
    #expect(
      skipped.stdout
        == "point,resolution,macs,params,fits\r\nchosen,8,3888,112,yes\r\n"
        + "next step,9,5292,112,no: MACs over\r\n")
  }

  /// A type the model does not have is said to be unused, not silently ignored.
  @Test func unusedTypeIsNamed() {
    let out = Self.run(["m.prototxt", "--skip", "Swish", "--skip", "Mish"])
    #expect(out.exitCode == .success)
    #expect(out.stdout.contains("no layer has the type given to --skip: Mish"))
  }

  /// In a comparison, `--skip` applies to the imported networks; with none it is refused.
  @Test func compareOfSpecsRefusesSkip() {
    let out = Self.run(["compare", "mobilenet", "vgg16", "--skip", "Swish"])
    #expect(out.exitCode == .usage)
    #expect(
      out.stderr.hasPrefix(
        "error: '--skip' names layer types of imported models; every network here is a spec"))
  }

  /// An ONNX operator in a custom domain is named by domain::op_type, in the error and in
  /// `--skip`; a plain op_type does not match it.
  @Test func onnxCustomDomain() {
    let file = "onnx/malformed/custom-domain.onnx"
    let refused = Self.run([file])
    #expect(refused.exitCode == .specError)
    #expect(
      refused.stderr.contains(
        "= note: '--skip com.microsoft::FusedConv' counts it as costing nothing"))
    #expect(Self.run([file, "--skip", "FusedConv"]).exitCode == .specError)
    let skipped = Self.run([file, "--skip", "com.microsoft::FusedConv"])
    #expect(skipped.exitCode == .success)
    #expect(skipped.stdout.contains("counted as nothing (--skip): com.microsoft::FusedConv"))
    #expect(skipped.stdout.contains("relu   relu   8×8×3"))
  }

  /// An operator of the default domain, by its op_type.
  @Test func onnxOperator() {
    let file = "onnx/malformed/unknown-op.onnx"
    let refused = Self.run([file])
    #expect(refused.stderr.contains("= note: '--skip NonMaxSuppression' counts it as"))
    // Skipped, the graph has nothing left to analyse: said so, not an empty table.
    let skipped = Self.run([file, "--skip", "NonMaxSuppression"])
    #expect(skipped.exitCode == .specError)
    #expect(skipped.stderr.contains("the graph has no operators netcost analyses"))
  }
}

/// Built-in names that differ only in case or separators, and the library each follows (issue
/// 24): Keras's ResNet50 (3.86 G MACs) and torchvision's resnet50 (4.09 G) each name the other.
@Suite struct NamesakeTests {
  @Test(arguments: [
    ("ResNet50", "ResNet50 follows Keras; for torchvision's, 'netcost resnet50'"),
    ("resnet50", "resnet50 follows torchvision; for Keras's, 'netcost ResNet50'"),
    ("Resnet-50", "resnet50 follows torchvision; for Keras's, 'netcost ResNet50'"),
    ("InceptionV3", "InceptionV3 follows Keras; for torchvision's, 'netcost inception_v3'"),
    (
      "efficientnet-b3",
      "efficientnet_b3 follows torchvision; for Keras's, 'netcost EfficientNetB3'"
    ),
  ])
  func eachNamesTheOther(_ typed: String, _ line: String) {
    let out = ImportCommandTests.run([typed])
    #expect(out.exitCode == .success)
    let lines = out.stdout.split(separator: "\n")
    #expect(lines.contains { $0 == line }, "\(out.stdout)")
    // One line: a family answering by its variants' names (inception-v3) is no namesake.
    #expect(lines.filter { $0.contains(" follows ") }.count == 1)
  }

  @Test func aNameWithoutNamesakeSaysNothing() {
    let out = ImportCommandTests.run(["vgg16"])
    #expect(!out.stdout.contains(" follows "))
    #expect(out.stdout.contains("\nlibrary: torchvision\n"))
  }

  /// `list` says which library each name follows: torchvision's, Keras's, Caffe's, or the paper.
  @Test func listShowsTheLibrary() {
    let out = ImportCommandTests.run(["list", "--format", "csv"])
    // CSV lines end in CRLF (RFC 4180), one Character in Swift.
    let rows = out.stdout.split(whereSeparator: \.isNewline).map {
      $0.split(separator: ",").map(String.init)
    }
    let library = Dictionary(rows.dropFirst().map { ($0[0], $0[2]) }) { first, _ in first }
    #expect(rows.first?[2] == "library")
    #expect(library["resnet50"] == "torchvision")
    #expect(library["ResNet50"] == "Keras")
    #expect(library["googlenet"] == "Caffe")
    #expect(library["mobilenet-conv"] == "paper")
    #expect(library["xception"] == "Keras")
  }
}
