/// The formats netcost recognises but does not read: each one's name, a file of it, its signature
/// (in words and as a test), what is said of it and the way to a file netcost reads.
extension RecognisedFormat {
  static let toONNX =
    "export the model to ONNX: torch.onnx.export(model, torch.randn(1, 3, 224, 224), \"model.onnx\")"
  static let noWayBack =
    "export the original model to ONNX instead (torch.onnx.export, or tf2onnx for TensorFlow)"

  /// Every format, in the order they are tried: signatures in the content first, then
  /// extensions, which are trusted only on binary content (no spec, prototxt or JSON is binary).
  public static let all: [RecognisedFormat] = pytorch + containers + layouts + extensions

  /// PyTorch's archives are zips with every entry under one folder (`<prefix>/`), named after the
  /// file. An ExportedProgram is tried first: it holds torch.save files of its own.
  static let pytorch = [
    RecognisedFormat(
      "a PyTorch ExportedProgram of before PyTorch 2.8 (torch.export.save)", example: "model.pt2",
      signature: "a zip holding `serialized_exported_program.json`, or `<prefix>/archive_format` "
        + "and no `<prefix>/models/*.json` (which netcost reads)",
      help: "save it again with PyTorch 2.8 or later: "
        + "torch.export.save(torch.export.load(\"{file}\"), \"model.pt2\")",
      matches: { $0.archive?.isExportedProgram == true }),
    RecognisedFormat(
      "a TorchScript archive (torch.jit.save)", example: "model.pt",
      signature: "a zip holding `<prefix>/data.pkl` and `<prefix>/code/…`", help: toONNX,
      matches: { $0.archive?.isTorchScript == true }),
    RecognisedFormat(
      "a PyTorch checkpoint (torch.save)", example: "model.pth",
      signature: "a zip holding `<prefix>/data.pkl` and no `code/`; or a pickle: 0x80, then "
        + "protocol 2 to 5 (torch.save before PyTorch 1.6)",
      help: "it holds weights, not the network: " + toONNX,
      matches: { $0.archive?.isCheckpoint == true || $0.isPickle }),
  ]

  /// Formats with a signature in their first bytes.
  static let containers = [
    RecognisedFormat(
      "an HDF5 file (Keras 2's .h5)", example: "model.h5",
      signature: "`\\x89HDF\\r\\n\\x1a\\n` at byte 0, 512, 1024, 2048 or 4096 (after a user block)",
      help: "save it as model.save(\"m.keras\") or write model.to_json() to a .json file",
      matches: { $0.hasHDF5Signature }),
    RecognisedFormat(
      "a TensorFlow Lite model", example: "model.tflite",
      signature: "`TFL3` at bytes 4 to 7 (the FlatBuffer's file identifier)",
      help: "convert it to ONNX: python -m tf2onnx.convert --tflite {file} --output model.onnx",
      matches: { $0.has(Array("TFL3".utf8), at: 4) }),
    RecognisedFormat(
      "a safetensors file", example: "model.safetensors",
      signature: "an 8-byte little-endian header length from 2 to 100,000,000, then `{`",
      help: "it holds weights only, no graph: export the model itself to ONNX: "
        + "torch.onnx.export(model, torch.randn(1, 3, 224, 224), \"model.onnx\")",
      matches: { $0.isSafetensors }),
    RecognisedFormat(
      "an OpenVINO IR model", example: "model.xml",
      signature: "XML whose root element is `<net … version=…>`", help: noWayBack,
      matches: { $0.isOpenVINOXML }),
    RecognisedFormat(
      "an ncnn model (.param)", example: "model.param",
      signature: "the first line `7767517` (or those 4 bytes, little-endian: a binary .param.bin)",
      help: noWayBack,
      matches: { $0.firstLine == "7767517" || $0.isBinary && $0.has([0xDD, 0x85, 0x76, 0], at: 0) }
    ),
  ]

  /// Directories that are models, known by the entries they hold.
  static let layouts = [
    RecognisedFormat(
      "a TensorFlow SavedModel", example: "saved_model",
      signature: "a directory holding `saved_model.pb` or `saved_model.pbtxt`, or a binary file "
        + "named `saved_model.pb`",
      help:
        "convert it to ONNX: python -m tf2onnx.convert --saved-model {folder} --output model.onnx",
      entries: ["saved_model.pb", "saved_model.pbtxt"],
      matches: {
        $0.holds("saved_model.pb") || $0.holds("saved_model.pbtxt")
          || $0.fileName == "saved_model.pb" && $0.isBinary
      }),
    RecognisedFormat(
      "a Core ML package (.mlpackage)", example: "model.mlpackage",
      signature: "a directory holding `Manifest.json`, named `.mlpackage` or holding "
        + "`Data/com.apple.CoreML`",
      help: noWayBack, entries: ["Manifest.json", "Data/com.apple.CoreML"],
      matches: {
        $0.holds("Manifest.json")
          && ($0.lowercasedPath.hasSuffix(".mlpackage") || $0.holds("Data/com.apple.CoreML"))
      }),
  ]

  /// Protobufs and raw weights have no signature of their own: their extension names them.
  static let extensions = [
    RecognisedFormat(
      "a Core ML model (.mlmodel)", example: "model.mlmodel",
      signature: "binary, named `.mlmodel` (a protobuf)",
      help: noWayBack + "; an older neural-network model converts with onnxmltools."
        + "convert_coreml(coremltools.utils.load_spec(\"{file}\"))",
      matches: { $0.lowercasedPath.hasSuffix(".mlmodel") && $0.isBinary }),
    RecognisedFormat(
      "a TensorFlow GraphDef (.pb)", example: "model.pb",
      signature: "binary, named `.pb` (a protobuf)",
      help: "convert it to ONNX, naming its input and output tensors: python -m tf2onnx.convert "
        + "--graphdef {file} --inputs INPUT:0 --outputs OUTPUT:0 --output model.onnx",
      matches: { $0.lowercasedPath.hasSuffix(".pb") && $0.isBinary }),
    RecognisedFormat(
      "the weights of an OpenVINO IR model (its graph is the .xml beside it)",
      example: "model.bin",
      signature: "binary, named `.bin`, with the `.xml` of its name beside it",
      help: noWayBack, siblings: [".xml"],
      matches: { $0.lowercasedPath.hasSuffix(".bin") && $0.isBinary && $0.hasSibling(".xml") }),
    RecognisedFormat(
      "the weights of an ncnn model (its graph is the .param beside it)", example: "model.bin",
      signature: "binary, named `.bin`, with the `.param` of its name beside it", help: noWayBack,
      siblings: [".param"],
      matches: { $0.lowercasedPath.hasSuffix(".bin") && $0.isBinary && $0.hasSibling(".param") }),
  ]
}
