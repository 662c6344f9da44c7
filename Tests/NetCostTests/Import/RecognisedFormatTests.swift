import Testing

@testable import NetCostImport

/// The signatures of the formats netcost recognises but does not read, at their edges: where a
/// signature may lie, what is too short or too large to be one, and what is no format at all.
@Suite struct RecognisedFormatTests {
  static func name(_ sample: FileSample) -> String? {
    RecognisedFormat.all.first { $0.matches(sample) }?.name
  }

  static func name(_ head: [UInt8], path: String = "x.dat") -> String? {
    name(FileSample(path: path, head: head))
  }

  static let hdf5: [UInt8] = [0x89, 0x48, 0x44, 0x46, 0x0D, 0x0A, 0x1A, 0x0A]

  /// HDF5's signature at 0 or after a user block of 512 · 2ⁿ bytes, and nowhere else.
  @Test func hdf5AfterAUserBlock() {
    for offset in [0, 512, 1024, 2048, 4096] {
      let head = [UInt8](repeating: 0, count: offset) + Self.hdf5
      #expect(Self.name(head) == "an HDF5 file (Keras 2's .h5)", "\(offset)")
    }
    #expect(Self.name([UInt8](repeating: 0, count: 256) + Self.hdf5) == nil)
    #expect(Self.name(Array(Self.hdf5.prefix(7))) == nil)
  }

  /// safetensors' header length is read as 8 little-endian bytes and must be one a header can
  /// have: 2^63 or 100 MB + 1 is no safetensors file.
  @Test func safetensorsHeaderLength() {
    func file(_ length: UInt64) -> [UInt8] {
      (0..<8).map { UInt8(truncatingIfNeeded: length >> (8 * $0)) } + Array("{\"a\":1}".utf8)
    }
    #expect(Self.name(file(7)) == "a safetensors file")
    #expect(Self.name(file(100_000_000)) == "a safetensors file")
    #expect(Self.name(file(100_000_001)) == nil)
    #expect(Self.name(file(1 << 63)) == nil)
    #expect(Self.name(file(UInt64.max)) == nil)
    #expect(Self.name(file(1)) == nil)
    #expect(Self.name(Array(file(7).prefix(8))) == nil)
  }

  /// OpenVINO's root element after a byte order mark, the declaration, a comment and a doctype;
  /// not another root, not one without a version, not one cut off.
  @Test func openVINORoot() {
    let ir = "an OpenVINO IR model"
    let prologue = "\u{FEFF}<?xml version=\"1.0\"?>\n<!-- made by hand -->\n<!DOCTYPE net>\n"
    #expect(Self.name(Array((prologue + "<net name=\"a\" version=\"11\">").utf8)) == ir)
    #expect(Self.name(Array("<net\n  version = \"10\" name=\"a\">".utf8)) == ir)
    #expect(Self.name(Array("<network version=\"11\">".utf8)) == nil)
    #expect(Self.name(Array("<net name=\"a\">".utf8)) == nil)
    #expect(Self.name(Array("<net name=\"a\" version=\"11\"".utf8)) == nil)
    #expect(Self.name(Array("<!-- never closed <net version=\"1\">".utf8)) == nil)
  }

  /// A zip's entries tell the PyTorch formats apart by what lies under one prefix; a Keras
  /// archive, whose entries have none, is none of them.
  @Test func archiveLayouts() {
    func name(_ entries: [String]) -> String? {
      Self.name(FileSample(path: "m", head: [0x50, 0x4B, 3, 4], zipEntries: entries))
    }
    #expect(
      name(["m/data.pkl", "m/code/__torch__.py", "m/constants.pkl"])?.hasPrefix("a Torch") == true)
    #expect(name(["m/data.pkl", "m/data/0", "m/version"]) == "a PyTorch checkpoint (torch.save)")
    #expect(name(["a/data.pkl", "b/code/x.py"]) == "a PyTorch checkpoint (torch.save)")
    #expect(
      name(["e/archive_format", "e/data/weights/w"])?.hasSuffix("(torch.export.save)") == true)
    // A program netcost reads (PT2Importer) is not refused.
    #expect(name(["e/models/model.json", "e/archive_format"]) == nil)
    #expect(name(["serialized_exported_program.json", "version"])?.hasSuffix("save)") == true)
    #expect(name(["config.json", "metadata.json", "model.weights.h5"]) == nil)
    #expect(name(["data.pkl", "code/x.py"]) == nil)
    #expect(name([]) == nil)
  }

  /// Extensions count only on binary content: a cut UTF-8 sequence at the sample's end is text.
  @Test func extensionsNeedBinaryContent() {
    let graph = "a TensorFlow GraphDef (.pb)"
    #expect(Self.name([0x0A, 0x00], path: "g.pb") == graph)
    #expect(Self.name([0x0A, 0xFF, 0x12], path: "G.PB") == graph)
    #expect(Self.name(Array("name: \"x\"".utf8), path: "g.pb") == nil)
    #expect(Self.name(Array(Array("layer é".utf8).dropLast(1)), path: "g.pb") == nil)
    #expect(Self.name([0x0A, 0x00], path: "g.pbx") == nil)
  }

  /// Directories and `.bin` files are known by what the command line finds for `probes`.
  @Test func probesAndLayouts() {
    let probes = RecognisedFormat.probes(for: "dir/", isDirectory: true)
    #expect(probes.contains("dir/saved_model.pb"))
    #expect(probes.contains("dir/Manifest.json"))
    #expect(
      RecognisedFormat.probes(for: "a/m.bin", isDirectory: false) == ["a/m.xml", "a/m.param"])
    #expect(RecognisedFormat.probes(for: "a.d/m", isDirectory: false).isEmpty)
    let saved = FileSample(
      path: "dir/", head: [], isDirectory: true, existing: ["dir/saved_model.pb"])
    #expect(Self.name(saved) == "a TensorFlow SavedModel")
    let package = FileSample(
      path: "m.mlpackage", head: [], isDirectory: true, existing: ["m.mlpackage/Manifest.json"])
    #expect(Self.name(package) == "a Core ML package (.mlpackage)")
    let plain = FileSample(
      path: "stuff", head: [], isDirectory: true, existing: ["stuff/Manifest.json"])
    #expect(Self.name(plain) == nil)
    let weights = FileSample(path: "a/m.bin", head: [0, 0, 0, 0], existing: ["a/m.param"])
    #expect(Self.name(weights)?.hasPrefix("the weights of an ncnn model") == true)
    #expect(Self.name(FileSample(path: "a/m.bin", head: [0, 0, 0, 0])) == nil)
  }

  /// The help names the file where a shell and a Python string can hold its path as it is.
  @Test func helpNamesTheFile() throws {
    let tflite = try #require(RecognisedFormat.all.first { $0.example == "model.tflite" })
    func help(_ path: String) -> String {
      tflite.refusal(for: FileSample(path: path, head: [])).help
    }
    #expect(help("models/v2.tflite").contains("--tflite models/v2.tflite --output"))
    #expect(help("my model.tflite").contains("--tflite model.tflite --output"))
    #expect(help("it's\".tflite").contains("--tflite model.tflite --output"))
    #expect(help("-").contains("--tflite model.tflite --output"))
    #expect(help("-x.tflite").contains("--tflite model.tflite --output"))
    let message = tflite.refusal(for: FileSample(path: "-", head: [])).message
    #expect(message == "standard input is a TensorFlow Lite model, which netcost does not read")
  }

  /// Every format's example file gets a message that names it and a help that says what to do,
  /// with no template left unfilled.
  @Test(arguments: RecognisedFormat.all.map(\.name))
  func everyFormatIsWorded(_ name: String) throws {
    let format = try #require(RecognisedFormat.all.first { $0.name == name })
    let example = FileSample(
      path: format.example, head: [], isDirectory: !format.entries.isEmpty)
    let refusal = format.refusal(for: example)
    #expect(
      refusal.message.hasPrefix("'\(format.example)' is \(name), which netcost does not read"))
    #expect(!refusal.help.contains("{"))
    #expect(!refusal.help.isEmpty)
  }
}
