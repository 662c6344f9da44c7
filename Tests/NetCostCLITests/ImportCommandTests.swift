import Foundation
import Testing

@testable import NetCostCLI

/// Imported models through the command line: every command takes them, `convert` writes them as
/// specs, `--input` and `--skip` apply to them alone, and a `.keras` file is read as an archive.
@Suite struct ImportCommandTests {
  static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Fixtures")

  /// Files come from Tests/Fixtures, read-only; `extra` adds files by name.
  static func run(_ arguments: [String], extra: [String: [UInt8]] = [:]) -> Output {
    let context = Context(
      readFile: { path in
        if let bytes = extra[path] { return .success(bytes) }
        guard let data = try? Data(contentsOf: fixtures.appendingPathComponent(path)) else {
          return .failure(.notFound)
        }
        return .success(Array(data))
      },
      writeFiles: { _ in .success(()) }, environment: [:], stderrIsTerminal: false)
    return CLI.run(arguments, context: context)
  }

  static func line(_ text: String, starting prefix: String) -> String? {
    text.split(separator: "\n").first { $0.hasPrefix(prefix) }.map(String.init)
  }

  @Test func everyCommandTakesAnImportedModel() {
    let analyze = Self.run(["caffe/squeezenet-1.0.prototxt", "--resolution", "224"])
    #expect(analyze.exitCode == .success)
    #expect(
      Self.line(analyze.stdout, starting: "MACs")
        == "MACs                   818,924,576  (818.92 M multiply-accumulates)")
    let compare = Self.run([
      "compare", "squeezenet", "caffe/squeezenet-1.0.prototxt:resolution=224",
    ])
    #expect(compare.exitCode == .success)
    let sweep = Self.run(["sweep", "keras/mobilenet.keras", "--resolution", "224,128"])
    #expect(sweep.exitCode == .success)
    #expect(sweep.stdout.contains("   224    568.74"))
    #expect(
      Self.run(["report", "caffe/alexnet.prototxt", "keras/vgg16.json"]).exitCode == .success)
    #expect(Self.run(["chart", "keras/nested.json"]).exitCode == .success)
    #expect(
      Self.run(["keras/nested.json", "--explain", "conv17"]).stdout.contains(
        "MACs = (8·17·25)·(3·1·7) = 71,400"))
  }

  /// A `.pt2` archive is read by its directory and models/*.json (its weights left out here,
  /// as make_pt2.py writes the fixtures); PyTorch's sum(p.numel()) is the trainable count.
  @Test func exportedProgramArchive() {
    let out = Self.run(["pt2/resnet18.pt2", "--optimizer", "sgd"])
    #expect(out.exitCode == .success)
    #expect(
      Self.line(out.stdout, starting: "  trainable")
        == "  trainable              11,689,512  (what PyTorch counts)")
    #expect(Self.line(out.stdout, starting: "MACs")?.contains("1,814,073,344") == true)
    let sweep = Self.run(["sweep", "pt2/mobilenet_v2.dynamic.pt2", "--resolution", "224,160"])
    #expect(sweep.exitCode == .success)
    let tiny = Self.run(["formats/exported.pt2"])
    #expect(tiny.exitCode == .success)
    let damaged = Self.run(
      ["bad.pt2"],
      extra: ["bad.pt2": [0x50, 0x4B, 0x03, 0x04, 0, 0]])
    #expect(damaged.exitCode == .noInput)
  }

  @Test func kerasArchiveFromBytes() {
    let out = Self.run(["keras/resnet50-deflated.keras"])
    #expect(out.exitCode == .success)
    #expect(
      Self.line(out.stdout, starting: "params")
        == "params                   25,636,712  (25.64 M, all of them)")
    let damaged = Self.run(["bad.keras"], extra: ["bad.keras": [0x50, 0x4B, 0x03, 0x04, 0, 0]])
    #expect(damaged.exitCode == .noInput)
    #expect(
      damaged.stderr.hasPrefix(
        "error: cannot read 'bad.keras' as a Keras archive: it is not a zip archive"))
  }

  @Test func convertWritesASpec() {
    let out = Self.run(["convert", "caffe/alexnet.prototxt"])
    #expect(out.exitCode == .success)
    #expect(
      out.stdout.hasPrefix(
        "# Converted by netcost from caffe/alexnet.prototxt.\nnetwork \"AlexNet\"\n"))
    #expect(
      out.stdout.contains("\n\"conv2\": conv filters = 256, kernel = 5, padding = 2, groups = 2\n"))
    let converted = Self.run(
      ["converted.netspec"], extra: ["converted.netspec": Array(out.stdout.utf8)])
    #expect(
      Self.line(converted.stdout, starting: "MACs")
        == "MACs                  724,406,816  (724.41 M multiply-accumulates)")
  }

  /// A model saved with its height and width open is written at the size `--input` gives:
  /// MobileNetV3Small at 224×224×3, 56,510,400 MACs (Keras's own layer shapes, counted by
  /// make_keras.py in MobileNetV3Small.expected.json).
  @Test func convertTakesAnOpenInputsSize() {
    let open = Self.run(["convert", "keras/MobileNetV3Small.keras"])
    #expect(open.exitCode == .specError)
    #expect(open.stderr.contains("the model leaves its input's height and width open"))
    let out = Self.run(["convert", "keras/MobileNetV3Small.keras", "--input", "224x224x3"])
    #expect(out.exitCode == .success, "\(out.stderr)")
    #expect(out.stdout.contains("\ninput 224 x 224 x 3\n"))
    let converted = Self.run(
      ["converted.netspec"], extra: ["converted.netspec": Array(out.stdout.utf8)])
    #expect(
      Self.line(converted.stdout, starting: "MACs")
        == "MACs                   56,510,400  (56.51 M multiply-accumulates)")
    #expect(Self.run(["convert", "mobilenet", "--input", "2x2x3"]).exitCode == .usage)
  }

  @Test(arguments: [
    (
      ["mobilenet", "--input", "224x224x3"],
      "error: '--input' sets the input of an imported model; '<builtin>/mobilenet.netspec' is a spec"
    ),
    (
      ["caffe/vgg16.prototxt", "--input", "224x224"],
      "error: '--input' takes HEIGHTxWIDTHxCHANNELS, or DEPTHxHEIGHTxWIDTHxCHANNELS for a video model, got '224x224'"
    ),
    (
      ["caffe/vgg16.prototxt", "--input", "16x224x224x3"],
      "error: network 'VGG_ILSVRC_16_layers' has no parameter 'depth'"
    ),
    (
      ["caffe/vgg16.prototxt", "--alpha", "0.5"],
      "error: network 'VGG_ILSVRC_16_layers' has no parameter 'alpha'"
    ),
    (
      ["caffe/vgg16.prototxt", "--resolution", "0"],
      "error: parameter 'resolution' must be in [1, 65536], got 0"
    ),
    (
      ["mobilenet", "--skip", "Foo"],
      "error: '--skip' names layer types of an imported model; '<builtin>/mobilenet.netspec' is a spec"
    ),
  ])
  func usageErrors(_ arguments: [String], _ first: String) {
    let out = Self.run(arguments)
    #expect(out.exitCode == .usage)
    #expect(out.stderr.split(separator: "\n").first.map(String.init) == first)
  }

  @Test func inputAndSkip() {
    let input = Self.run(["caffe/vgg16.prototxt", "--input", "112x160x3", "--format", "json"])
    #expect(input.exitCode == .success)
    #expect(
      input.stdout.contains(
        "\"parameters\": {\n    \"height\": 112,\n    \"width\": 160,\n    \"channels\": 3\n  }"))
    let model = SkipTests.model
    let refused = Self.run(["m.prototxt"], extra: ["m.prototxt": model])
    #expect(refused.exitCode == .specError)
    #expect(
      refused.stderr.hasPrefix(
        "m.prototxt:5:25: error: Caffe layer 's' has type 'Swish', which netcost does not model"))
    let skipped = Self.run(["m.prototxt", "--skip", "Swish"], extra: ["m.prototxt": model])
    #expect(skipped.exitCode == .success)
    #expect(skipped.stdout.contains("counted as nothing (--skip): Swish"))
    #expect(skipped.stdout.contains("p      maxpool 2×2/2"))
  }
}

extension ImportCommandTests {
  @Test func onnxThroughTheCommandLine() {
    let out = Self.run(["onnx/resnet50.dynamo.onnx"])
    #expect(out.exitCode == .success)
    #expect(
      Self.line(out.stdout, starting: "MACs")
        == "MACs                  4,089,184,256  (4.09 G multiply-accumulates)")
    let smaller = Self.run(["onnx/resnet50.legacy.onnx", "--resolution", "160"])
    #expect(smaller.stdout.contains("input: 160×160×3"))
    let converted = Self.run(["convert", "onnx/mobilenet_v2.dynamo.onnx"])
    #expect(converted.exitCode == .success)
    #expect(
      converted.stdout.contains(
        "\n\"node_Conv_810\": conv filters = 32, kernel = 3, stride = 2, padding = 1, bias = false\n"
      ))
    let refused = Self.run(["onnx/malformed/unknown-op.onnx"])
    #expect(refused.exitCode == .specError)
    #expect(
      refused.stderr
        == "onnx/malformed/unknown-op.onnx: error: node 0 'nms' (NonMaxSuppression) on [1, 3, 8, 8]: is an operator netcost does not model\n  = note: '--skip NonMaxSuppression' counts it as costing nothing and keeping its input's shape; docs/importing.md lists the types netcost reads\n"
    )
  }
}

extension ImportCommandTests {
  /// A model of another format named `.onnx` is named for what it is (a review's find: a
  /// TorchScript archive renamed got the ONNX reader's protobuf errors).
  @Test func anotherFormatNamedONNX() throws {
    let torchscript = Array(
      try Data(contentsOf: Self.fixtures.appendingPathComponent("formats/torchscript.pt")))
    let out = Self.run(["model.onnx"], extra: ["model.onnx": torchscript])
    #expect(out.exitCode == .specError)
    #expect(
      out.stderr.hasPrefix(
        "error: 'model.onnx' is a TorchScript archive (torch.jit.save), which netcost does not read"
      ))
  }
}
