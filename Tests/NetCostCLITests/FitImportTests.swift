import Testing

@testable import NetCostCLI

/// `netcost fit` on an imported model (issue 26, part 5): its input's resolution, height,
/// width or channels are searched from the file's own input, where before the answer was
/// "network 'resnet50.dynamo' has no parameter 'resolution'". The figures are the frameworks'
/// own, computed apart from netcost on this project's machine (torch 2.15, torchvision 0.29.2,
/// Keras 3.15 with JAX), by the scripts quoted in each test.
@Suite struct FitImportTests {
  static func table(_ out: Output) -> [String] {
    out.stdout.split(separator: "\n").filter {
      $0.hasPrefix("chosen ") || $0.hasPrefix("next step ") || $0.hasPrefix("smallest ")
    }.map(String.init)
  }

  /// ResNet-50 from ONNX (rebuilt at each size, `OnnxImporter.rebuilder`). The MACs are
  /// PyTorch forward hooks on torchvision's resnet50 at 152×152 and 153×153: per Conv2d
  /// `out.numel() * in_channels / groups * kh * kw`, per Linear `in * out`.
  @Test func onnxResolution() {
    let out = ImportCommandTests.run([
      "fit", "onnx/resnet50.dynamo.onnx", "--vary", "resolution", "--macs", "2G",
    ])
    #expect(out.exitCode == .success, "\(out.stderr)")
    #expect(out.stdout.contains("\nlargest resolution that fits: 152\n"))
    #expect(
      Self.table(out) == [
        "chosen            152  1,991,994,368    25,503,912  yes",
        "next step         153  2,063,475,392    25,503,912  no: MACs over",
      ])
  }

  /// An ONNX export that leaves height and width open (`dynamic_axes`) has no network until the
  /// search gives it a size. Its MACs are torchvision's mobilenet_v2, which the built-in
  /// `mobilenet_v2` reproduces layer by layer: 297,707,120 at 220, 300,060,672 at 221 (300.77 M
  /// at 224, torchvision's documented 0.30 GFLOPS).
  @Test func openOnnxInput() {
    let out = ImportCommandTests.run([
      "fit", "onnx/mobilenet_v2.legacy-dynamic.onnx", "--vary", "resolution", "--macs", "300M",
    ])
    #expect(out.exitCode == .success, "\(out.stderr)")
    #expect(
      Self.table(out) == [
        "chosen            220  297,707,120     3,487,816  yes",
        "next step         221  300,060,672     3,487,816  no: MACs over",
      ])
    // Searching the channels alone leaves height and width open: the file's error, located.
    let channels = ImportCommandTests.run([
      "fit", "onnx/mobilenet_v2.legacy-dynamic.onnx", "--vary", "channels", "--macs", "300M",
    ])
    #expect(channels.exitCode == .specError)
    #expect(channels.stderr.contains("the model leaves its input's height and width open"))
  }

  /// Keras's MobileNet pads each stride-2 convolution by one pixel on the bottom and right,
  /// so at odd sizes it is not the paper's (the built-in `mobilenet` at 166 is 348,989,440).
  /// The MACs are Keras's `MobileNet(input_shape=(r, r, 3), weights=None)` counted from its
  /// layers' shapes: Conv2D `h·w·c_out·kh·kw·c_in`, DepthwiseConv2D `h·w·c·kh·kw`.
  @Test func kerasResolution() {
    let out = ImportCommandTests.run([
      "fit", "keras/mobilenet.keras", "--vary", "resolution", "--macs", "300M",
    ])
    #expect(out.exitCode == .success, "\(out.stderr)")
    #expect(
      Self.table(out) == [
        "chosen            166  294,370,624     4,253,864  yes",
        "next step         167  301,260,416     4,253,864  no: MACs over",
      ])
  }

  /// VGG16 from Keras JSON: a Flatten feeds its first Dense, so the params change with the
  /// size too. The MACs are torchvision's vgg16 `features` by forward hooks (9,821,188,800 at
  /// 183, 10,275,434,496 at 184; both end 5×5×512), plus the three Dense layers by hand:
  /// 12,800·4,096 + 4,096·4,096 + 4,096·1,000 = 73,302,016.
  @Test func kerasFlattenedResolution() {
    let out = ImportCommandTests.run([
      "fit", "keras/vgg16.json", "--vary", "resolution", "--macs", "10G",
    ])
    #expect(
      Self.table(out) == [
        "chosen            183   9,894,490,816    88,025,896  yes",
        "next step         184  10,348,736,512    88,025,896  no: MACs over",
      ])
  }

  /// Caffe's GoogLeNet ends in a 7×7 pooling, so below 223 it cannot be built: the smallest
  /// size that can, 223 (its 1,582,671,872 MACs are `netcost googlenet.prototxt
  /// --resolution 223`), is shown over the budget. Height alone is searched with the file's
  /// width kept.
  @Test func caffeSmallestThatBuilds() {
    let out = ImportCommandTests.run([
      "fit", "caffe/googlenet.prototxt", "--vary", "resolution", "--macs", "1G",
    ])
    #expect(out.stdout.contains("\nno value of resolution fits: the smallest exceeds the limits\n"))
    #expect(Self.table(out) == ["smallest         223  1,582,671,872     6,998,552  no: MACs over"])
    let height = ImportCommandTests.run([
      "fit", "caffe/googlenet.prototxt", "--vary", "height", "--macs", "2G", "--format", "csv",
    ])
    #expect(height.stdout.hasPrefix("point,height,macs,params,fits\r\nchosen,286,1956005376,"))
  }

  /// ShuffleNetV2's dynamo export reshapes to constant sizes (`[1, 2, 58, 28, 28]`), so it
  /// is built at 224 alone: the answer says why the next size is not an answer.
  @Test func aGraphThatFixesItsSize() {
    let out = ImportCommandTests.run([
      "fit", "onnx/shufflenet_v2_x1_0.dynamo.onnx", "--vary", "resolution", "--macs", "1G",
    ])
    #expect(out.exitCode == .success)
    #expect(
      out.stdout.contains(
        "\nlargest resolution that fits: 224 (at 225 the network cannot be built: node 12 "
          + "'node_view' (Reshape) on [1, 116, 29, 29]: cannot reshape 97556 values to "
          + "[1, 2, 58, 28, 28])\n"))
    #expect(Self.table(out) == ["chosen         224  144,907,992     2,262,424  yes"])
  }

  @Test func anImportHasOnlyItsInput() {
    let out = ImportCommandTests.run([
      "fit", "onnx/resnet50.dynamo.onnx", "--vary", "alpha", "--macs", "2G",
    ])
    #expect(out.exitCode == .usage)
    #expect(out.stderr.hasPrefix("error: network 'resnet50.dynamo' has no parameter 'alpha'\n"))
    let typo = ImportCommandTests.run([
      "fit", "onnx/resnet50.dynamo.onnx", "--vary", "resolutoin", "--macs", "2G",
    ])
    #expect(typo.stderr.contains("\nhelp: did you mean 'resolution'?\n"))
  }
  /// A search where no point builds is the network's own error at its own values, exit 1, as
  /// analyze reports it: an adversarial review's spec (a kernel of 100,000) said "no value of
  /// resolution gives a network that can be built" and exited 0.
  @Test func nothingBuiltIsTheNetworksError() {
    let spec =
      "param resolution = 224 in [1, 100000]\ninput resolution x resolution x 3\n"
      + "d: conv filters = 8, kernel = 200000\n"
    let out = ImportCommandTests.run(
      ["fit", "t.netspec", "--vary", "resolution", "--macs", "1G"],
      extra: ["t.netspec": Array(spec.utf8)])
    #expect(out.exitCode == .specError)
    #expect(out.stdout.isEmpty)
    #expect(
      out.stderr.hasPrefix(
        "t.netspec:3:22: error: the 200000×200000 window of 'd' is larger than its padded input "
          + "224×224\n"))
  }
  /// An imported model is built again at each point, its constants folded again: a 174-byte
  /// ONNX file folding 15.8 M values (0.1 s an import) made a two-parameter fit run past 900 s
  /// (an adversarial review). Its folding counts in the search's budget, 158,000 layers a
  /// point here, and a sweep's, with three for each node that makes no layer: 6 more.
  @Test func foldingCountsInTheBudget() {
    let model = "../Fuzz/corpus/hostile-onnx-tensor-folding-side-chain.onnx"
    let fit = ImportCommandTests.run(["fit", model, "--vary", "resolution", "--macs", "1G"])
    #expect(fit.exitCode == .usage)
    #expect(
      fit.stderr.hasPrefix(
        "error: the search may analyse 15 points of 1 layers (and 158,006 more for building the "
          + "model again at each); a search may analyse at most 2,000,000 layers in all\n"))
    let sweep = ImportCommandTests.run(
      ["sweep", model, "--resolution", (1...13).map { String(16 * $0) }.joined(separator: ",")])
    #expect(sweep.exitCode == .usage)
    #expect(sweep.stderr.contains("(and 158,006 more for building the model again at each)"))
  }
}
