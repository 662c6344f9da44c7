import Foundation
import NetCost
import Testing

@testable import NetCostCLI

/// Issue 24, part 4: a model in a format netcost recognises but does not read is named, with the
/// way to a file netcost reads, and exits 1, from its first bytes and a zip's directory, never
/// read whole. The files are real ones (Tests/Fixtures/formats/make_formats.py).
@Suite struct FormatTests {
  static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Fixtures/formats")

  /// What a run read: whole files, and the first bytes of others.
  final class Reads: @unchecked Sendable {
    var whole: [String] = []
    var heads: [String] = []
  }

  /// A context on Tests/Fixtures/formats, read-only, with directories as the disk has them;
  /// `extra` adds files by name, and `tooLarge` makes `readFile` refuse a file as the 4 MiB
  /// limit does.
  static func context(
    extra: [String: [UInt8]] = [:], tooLarge: Set<String> = [], reads: Reads = Reads()
  ) -> Context {
    let readFile: (String) -> Result<[UInt8], Context.FileError> = { path in
      if let bytes = extra[path] { return .success(bytes) }
      var isDirectory: ObjCBool = false
      let url = folder.appendingPathComponent(path)
      guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
        return .failure(.notFound)
      }
      if isDirectory.boolValue { return .failure(.isDirectory) }
      guard let data = try? Data(contentsOf: url) else { return .failure(.unreadable("?")) }
      return .success(Array(data))
    }
    return Context(
      readFile: { path in
        reads.whole.append(path)
        if tooLarge.contains(path) { return .failure(.tooLarge(limit: Context.maxFileBytes)) }
        return readFile(path)
      },
      readHead: { path, count in
        reads.heads.append(path)
        return readFile(path).map { (Array($0.prefix(count)), nil) }
      },
      exists: { path in
        extra[path] != nil
          || FileManager.default.fileExists(atPath: folder.appendingPathComponent(path).path)
      },
      openArchive: { path in readFile(path).map { ZipArchive(bytes: $0) } },
      writeFiles: { _ in .success(()) }, environment: [:], stderrIsTerminal: false)
  }

  static func run(_ arguments: [String], context: Context = context()) -> Output {
    CLI.run(arguments, context: context)
  }

  struct Case: Sendable, CustomTestStringConvertible {
    var file: String
    var error: String
    var help: String
    var testDescription: String { file }
  }

  static let torchExport =
    "help: export the model to ONNX: torch.onnx.export(model, torch.randn(1, 3, 224, 224), \"model.onnx\")"
  static let instead =
    "help: export the original model to ONNX instead (torch.onnx.export, or tf2onnx for TensorFlow)"

  /// One row per format: its fixture, the exact first line and the help.
  static let cases: [Case] = [
    Case(
      file: "torchscript.pt",
      error:
        "error: 'torchscript.pt' is a TorchScript archive (torch.jit.save), which netcost does not read",
      help: torchExport),
    Case(
      file: "state_dict.pth",
      error:
        "error: 'state_dict.pth' is a PyTorch checkpoint (torch.save), which netcost does not read",
      help: "help: it holds weights, not the network: export the model to ONNX: "
        + "torch.onnx.export(model, torch.randn(1, 3, 224, 224), \"model.onnx\")"),
    Case(
      file: "legacy.pth",
      error:
        "error: 'legacy.pth' is a PyTorch checkpoint (torch.save), which netcost does not read",
      help: "help: it holds weights, not the network: export the model to ONNX: "
        + "torch.onnx.export(model, torch.randn(1, 3, 224, 224), \"model.onnx\")"),
    Case(
      file: "exported-2.7.pt2",
      error:
        "error: 'exported-2.7.pt2' is a PyTorch ExportedProgram of before PyTorch 2.8 (torch.export.save), which netcost does not read",
      help:
        "help: save it again with PyTorch 2.8 or later: torch.export.save(torch.export.load(\"exported-2.7.pt2\"), \"model.pt2\")"
    ),
    Case(
      file: "keras2.h5",
      error: "error: 'keras2.h5' is an HDF5 file (Keras 2's .h5), which netcost does not read",
      help: "help: save it as model.save(\"m.keras\") or write model.to_json() to a .json file"),
    Case(
      file: "userblock.h5",
      error: "error: 'userblock.h5' is an HDF5 file (Keras 2's .h5), which netcost does not read",
      help: "help: save it as model.save(\"m.keras\") or write model.to_json() to a .json file"),
    Case(
      file: "model.tflite",
      error: "error: 'model.tflite' is a TensorFlow Lite model, which netcost does not read",
      help:
        "help: convert it to ONNX: python -m tf2onnx.convert --tflite model.tflite --output model.onnx"
    ),
    Case(
      file: "model.safetensors",
      error: "error: 'model.safetensors' is a safetensors file, which netcost does not read",
      help: "help: it holds weights only, no graph: export the model itself to ONNX: "
        + "torch.onnx.export(model, torch.randn(1, 3, 224, 224), \"model.onnx\")"),
    Case(
      file: "openvino.xml",
      error: "error: 'openvino.xml' is an OpenVINO IR model, which netcost does not read",
      help: instead),
    Case(
      file: "openvino.bin",
      error: "error: 'openvino.bin' is the weights of an OpenVINO IR model (its graph is the .xml "
        + "beside it), which netcost does not read",
      help: instead),
    Case(
      file: "ncnn.param",
      error: "error: 'ncnn.param' is an ncnn model (.param), which netcost does not read",
      help: instead),
    Case(
      file: "ncnn.bin",
      error: "error: 'ncnn.bin' is the weights of an ncnn model (its graph is the .param beside "
        + "it), which netcost does not read",
      help: instead),
    Case(
      file: "saved_model",
      error: "error: 'saved_model' is a TensorFlow SavedModel, which netcost does not read",
      help:
        "help: convert it to ONNX: python -m tf2onnx.convert --saved-model saved_model --output model.onnx"
    ),
    Case(
      file: "saved_model/saved_model.pb",
      error:
        "error: 'saved_model/saved_model.pb' is a TensorFlow SavedModel, which netcost does not read",
      help:
        "help: convert it to ONNX: python -m tf2onnx.convert --saved-model saved_model --output model.onnx"
    ),
    Case(
      file: "graph.pb",
      error: "error: 'graph.pb' is a TensorFlow GraphDef (.pb), which netcost does not read",
      help: "help: convert it to ONNX, naming its input and output tensors: python -m "
        + "tf2onnx.convert --graphdef graph.pb --inputs INPUT:0 --outputs OUTPUT:0 --output model.onnx"
    ),
    Case(
      file: "model.mlmodel",
      error: "error: 'model.mlmodel' is a Core ML model (.mlmodel), which netcost does not read",
      help: instead + "; an older neural-network model converts with "
        + "onnxmltools.convert_coreml(coremltools.utils.load_spec(\"model.mlmodel\"))"),
    Case(
      file: "model.mlpackage",
      error:
        "error: 'model.mlpackage' is a Core ML package (.mlpackage), which netcost does not read",
      help: instead),
  ]

  @Test(arguments: cases)
  func recognised(_ row: Case) {
    let out = Self.run([row.file])
    #expect(out.exitCode == .specError)
    #expect(out.stdout.isEmpty)
    #expect(out.stderr == row.error + "\n" + row.help + "\n")
  }

  /// Every command that reads a network refuses it the same way.
  @Test(arguments: [
    ["compare", "mobilenet", "torchscript.pt"],
    ["sweep", "model.tflite", "--resolution", "224,128"],
    ["convert", "keras2.h5"], ["report", "model.safetensors"], ["chart", "ncnn.param"],
  ])
  func everyCommand(_ arguments: [String]) {
    let out = Self.run(arguments)
    #expect(out.exitCode == .specError)
    #expect(out.stderr.hasPrefix("error: '\(arguments[arguments[0] == "compare" ? 2 : 1])' is "))
  }

  /// The formats are told apart by their content: a TorchScript archive named `.keras` or
  /// `.json`, a TFLite model named `.bin` with nothing beside it.
  @Test func contentOverExtension() throws {
    let torchscript = try Array(
      Data(contentsOf: Self.folder.appendingPathComponent("torchscript.pt")))
    let tflite = try Array(Data(contentsOf: Self.folder.appendingPathComponent("model.tflite")))
    let context = Self.context(extra: [
      "m.keras": torchscript, "m.json": torchscript, "t.bin": tflite,
    ])
    for (file, what) in [
      ("m.keras", "a TorchScript archive"), ("m.json", "a TorchScript archive"),
      ("t.bin", "a TensorFlow Lite model"),
    ] {
      #expect(Self.run([file], context: context).stderr.hasPrefix("error: '\(file)' is \(what)"))
    }
  }

  /// Standard input is sampled from what was read of it; the help then names no file.
  @Test func standardInput() throws {
    let tflite = try Array(Data(contentsOf: Self.folder.appendingPathComponent("model.tflite")))
    let out = Self.run(["-"], context: Self.context(extra: ["-": tflite]))
    #expect(out.exitCode == .specError)
    #expect(
      out.stderr
        == "error: standard input is a TensorFlow Lite model, which netcost does not read\n"
        + "help: convert it to ONNX: python -m tf2onnx.convert --tflite model.tflite --output "
        + "model.onnx\n")
  }
}

extension FormatTests {
  /// A recognised file is never read whole: its first bytes and a zip's directory say what it is,
  /// so a file over the 4 MiB limit is named too.
  @Test(arguments: ["torchscript.pt", "legacy.pth", "keras2.h5", "model.tflite", "ncnn.bin"])
  func neverReadWhole(_ file: String) {
    let reads = Reads()
    let out = Self.run([file], context: Self.context(tooLarge: [file], reads: reads))
    #expect(out.exitCode == .specError)
    #expect(reads.whole.isEmpty)
    #expect(reads.heads == [file])
  }

  /// A large file in no format netcost knows is sampled, then refused by its size as before.
  @Test func largeUnknownFileIsSampledFirst() {
    let reads = Reads()
    let big = [UInt8](repeating: 0x41, count: 8192)
    let out = Self.run(
      ["big.netspec"],
      context: Self.context(extra: ["big.netspec": big], tooLarge: ["big.netspec"], reads: reads))
    #expect(out.exitCode == .noInput)
    #expect(
      out.stderr == "error: cannot read 'big.netspec': it is larger than the 4 MiB netcost reads\n")
    #expect(reads.heads == ["big.netspec"])
    #expect(reads.whole == ["big.netspec"])
  }

  /// What worked before still does: an empty directory, a binary file, a Keras archive, a
  /// prototxt, a `.bin` with nothing beside it, a zip that is no model.
  @Test func unrecognisedFilesAreReadAsBefore() throws {
    let keras = try Array(
      Data(
        contentsOf: Self.folder.deletingLastPathComponent().appendingPathComponent(
          "keras/nested.keras")))
    let context = Self.context(extra: [
      "m.keras": keras, "plain.bin": [0, 1, 2, 3], "x.netspec": [0, 1],
    ])
    #expect(Self.run(["m.keras"], context: context).exitCode == .success)
    let bin = Self.run(["plain.bin"], context: context)
    #expect(bin.exitCode == .noInput)
    #expect(bin.stderr == "error: cannot read 'plain.bin': it is a binary file, not a spec\n")
    let directory = Self.run(["model.mlpackage/Data"], context: context)
    #expect(directory.exitCode == .noInput)
    #expect(directory.stderr == "error: cannot read 'model.mlpackage/Data': it is a directory\n")
    #expect(Self.run(["mobilenet"], context: context).exitCode == .success)
  }
}

/// On the disk: a regular file's first bytes are read alone; a pipe (`netcost <(…)`) is read
/// whole once, since the bytes read to sample it cannot be read again.
extension FormatTests {
  @Test func aPipeIsReadOnce() throws {
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("netcost-formats-\(UInt32.random(in: 0...UInt32.max))")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let spec = folder.appendingPathComponent("spec.netspec").path
    let vgg = Self.folder.deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("Specs/vgg.netspec")
    let text = try String(contentsOf: vgg, encoding: .utf8)
    try text.write(toFile: spec, atomically: true, encoding: .utf8)
    let regular = try Context.live().head(spec, 4).get()
    #expect(regular.head == Array(text.utf8.prefix(4)))
    #expect(regular.whole == nil)
    let pipe = folder.appendingPathComponent("pipe").path
    #expect(mkfifo(pipe, 0o600) == 0)
    let writer = Thread {
      if let handle = FileHandle(forWritingAtPath: pipe) {
        handle.write(Data(text.utf8))
        try? handle.close()
      }
    }
    writer.start()
    let out = CLI.run([pipe], context: .live())
    #expect(out.exitCode == .success)
    #expect(out.stdout.hasPrefix("vgg: VGG\n"))
  }
}

/// Hostile inputs: each ends with a clear message, never a crash. How long they take is the
/// fuzz run's and the benchmarks' to measure (docs/fuzzing.md), not a test's: a timed test fails
/// on a loaded machine.
extension FormatTests {
  static func hostile(_ bytes: [UInt8], named name: String = "x.dat") -> Output {
    Self.run([name], context: Self.context(extra: [name: bytes]))
  }

  @Test func truncatedHeaders() {
    let cases: [(String, [UInt8], String)] = [
      ("three.pt", [0x50, 0x4B, 0x03], "three.pt:1:1: error:"),
      ("pickle.pt", [0x80, 0x02, 0x8A], "error: 'pickle.pt' is a PyTorch checkpoint"),
      (
        "magic.h5", [0x89, 0x48, 0x44, 0x46, 0x0D, 0x0A, 0x1A, 0x0A], "error: 'magic.h5' is an HDF5"
      ),
      (
        "short.tflite", Array("\0\0\0\0TFL".utf8),
        "error: cannot read 'short.tflite': it is a binary"
      ),
      (
        "huge.safetensors", [0, 0, 0, 0, 0, 0, 0, 0x80] + Array("{\"a\":1}".utf8),
        "error: cannot read 'huge.safetensors': it is a binary file, not a spec"
      ),
      ("zip.pt", [0x50, 0x4B, 0x03, 0x04, 0, 0], "error: cannot read 'zip.pt' as a Keras archive"),
      ("empty.pb", [], "empty.pb:1:1: error: the spec is empty"),
    ]
    for (name, bytes, first) in cases {
      let out = Self.hostile(bytes, named: name)
      #expect(out.stderr.hasPrefix(first), "\(name): \(out.stderr)")
    }
  }

  /// A zip of 100,000 entries (ZIP64) is named by its directory alone.
  @Test func aHundredThousandEntries() {
    let names = (0..<100_000).map { "archive/data/\($0)" }
    let checkpoint = Self.hostile(Self.zip(names + ["archive/data.pkl"]), named: "big.pt")
    #expect(checkpoint.stderr.hasPrefix("error: 'big.pt' is a PyTorch checkpoint (torch.save)"))
    let other = Self.hostile(Self.zip(names), named: "big.zip")
    #expect(
      other.stderr.hasPrefix(
        "error: cannot read 'big.zip' as a Keras archive: it has no 'config.json'"))
  }

  /// A `.pt2` whose program is not where torch.export.save writes it, or is empty, is refused as
  /// a `.pt2`, not as a Keras archive (an adversarial review).
  @Test func aPT2WithoutItsProgramIsNamedAsOne() {
    let atRoot = Self.hostile(Self.zip(["models/model.json"]), named: "root.pt2")
    #expect(
      atRoot.stderr.hasPrefix(
        "error: cannot read 'root.pt2' as a PyTorch ExportedProgram: it has no "
          + "'<folder>/models/model.json' (nor one other '<folder>/models/*.json')\n"))
    let named = Self.hostile(Self.zip(["archive/data/0"]), named: "named.pt2")
    #expect(named.stderr.hasPrefix("error: cannot read 'named.pt2' as a PyTorch ExportedProgram"))
    let empty = Self.hostile(Self.zip(["m/models/model.json"]), named: "empty.pt2")
    #expect(empty.stderr.hasPrefix("empty.pt2/m/models/model.json:1:1: error: "))
    #expect(!empty.stderr.contains("Keras"))
  }

  /// A zip of empty stored entries, with ZIP64's end records when it has more than 65,535
  /// (APPNOTE.TXT 4.3.7, 4.3.12, 4.3.14–16).
  static func zip(_ names: [String]) -> [UInt8] {
    func le(_ value: Int, _ count: Int) -> [UInt8] {
      (0..<count).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) }
    }
    // Each header up to its name's length: signature, versions, then zeros for the flags,
    // method, time, date, CRC and sizes of an empty stored entry.
    let local = le(0x0403_4B50, 4) + le(20, 2) + le(0, 20)
    let central = le(0x0201_4B50, 4) + le(20, 2) + le(20, 2) + le(0, 20)
    var out: [UInt8] = []
    var directory: [UInt8] = []
    for name in names {
      let bytes = Array(name.utf8)
      let offset = out.count
      out.append(contentsOf: local)
      out.append(contentsOf: le(bytes.count, 2) + le(0, 2))
      out.append(contentsOf: bytes)
      // The name's length, then zeros for the extra and comment lengths, the disk and the
      // attributes, then the local header's offset.
      directory.append(contentsOf: central)
      directory.append(contentsOf: le(bytes.count, 2) + le(0, 12) + le(offset, 4))
      directory.append(contentsOf: bytes)
    }
    let start = out.count
    out += directory
    let end = out.count
    out +=
      le(0x0606_4B50, 4) + le(44, 8) + le(45, 2) + le(45, 2) + le(0, 8)
      + le(names.count, 8) + le(names.count, 8) + le(directory.count, 8) + le(start, 8)
    out += le(0x0706_4B50, 4) + le(0, 4) + le(end, 8) + le(1, 4)
    let entries = min(names.count, 0xFFFF)
    out +=
      le(0x0605_4B50, 4) + le(0, 4) + le(entries, 2) + le(entries, 2)
      + le(directory.count, 4) + le(names.count > 0xFFFF ? 0xFFFF_FFFF : start, 4) + le(0, 2)
    return out
  }
}
