import Testing

@testable import NetCost
@testable import NetCostCore
@testable import NetCostImport

/// Every way an imported file can be refused: one error, its exact words and where it points.
/// Unknown means error, never a silent zero.
@Suite struct ImportDiagnosticsTests {
  struct Case: Sendable, CustomTestStringConvertible {
    var file: String
    var text: String
    var message: String
    /// line:column the error points at.
    var at: String
    var help: String? = nil
    var testDescription: String { message }
  }

  static let caffeInput = "input: \"data\"\ninput_shape { dim: 1 dim: 3 dim: 32 dim: 32 }\n"

  static let cases: [Case] = [
    // Caffe: syntax.
    Case(
      file: "a.prototxt", text: "layer { name: \"x\"\n", message: "the file ends inside a message",
      at: "2:1", help: "a '}' is missing"),
    Case(
      file: "a.prototxt", text: "name: \"x\nlayer {}",
      message: "a string is not closed before the end of its line", at: "1:7"),
    Case(
      file: "a.prototxt", text: "name \"x\"",
      message: "expected ':' or '{' after 'name', found '\"'",
      at: "1:6"),
    Case(
      file: "a.prototxt", text: "layer { } }", message: "expected a field name, found '}'",
      at: "1:11"),
    Case(
      file: "a.prototxt", text: String(repeating: "a { ", count: 300),
      message: "the file nests messages, objects or arrays more than 256 deep", at: "1:1028"),
    // Caffe: what Caffe itself refuses (an adversarial review, 2026-12-06; before, each was
    // read: a pad as large as the kernel, the last of two num_outputs, a scale over axis 2 as
    // one per channel).
    Case(
      file: "a.prototxt",
      text: caffeInput
        + "layer { name: \"p\" type: \"Pooling\" bottom: \"data\" top: \"p\" pooling_param { kernel_size: 2 pad: 2 } }",
      message:
        "layer 'p' pads 2×2 around a 2×2 window; Caffe's pooling needs a pad smaller than its kernel",
      at: "3:73"),
    Case(
      file: "a.prototxt",
      text: caffeInput
        + "layer { name: \"p\" type: \"Pooling\" bottom: \"data\" top: \"p\" pooling_param { global_pooling: true kernel_size: 2 } }",
      message: "layer 'p' gives 'kernel_size' with global_pooling, which pools the whole map",
      at: "3:96"),
    Case(
      file: "a.prototxt",
      text: caffeInput
        + "layer { name: \"c\" type: \"Convolution\" bottom: \"data\" top: \"c\" convolution_param { num_output: 8 num_output: 4 kernel_size: 3 } }",
      message: "'num_output' is given 2 times; caffe.proto takes it once", at: "3:97"),
    Case(
      file: "a.prototxt",
      text: caffeInput
        + "layer { name: \"r\" type: \"ReLU\" bottom: \"data\" top: \"a\" top: \"b\" }",
      message: "layer 'r' writes 2 tops; a ReLU layer writes one", at: "3:61"),
    Case(
      file: "a.prototxt",
      text: caffeInput
        + "layer { name: \"s\" type: \"Scale\" bottom: \"data\" top: \"s\" scale_param { axis: 2 } }",
      message: "layer 's' sets 'axis' = 2, which netcost does not model", at: "3:69",
      help: "netcost scales each channel (axis 1, num_axes 1)"),
    // Caffe: settings Caffe checks that were read past (a fifth review: a Flatten from axis
    // 99 flattened from axis 1, exit 0).
    Case(
      file: "a.prototxt",
      text: caffeInput
        + "layer { name: \"f\" type: \"Flatten\" bottom: \"data\" top: \"f\" flatten_param { axis: 99 } }",
      message: "layer 'f' sets 'axis' = 99, which netcost does not model", at: "3:73",
      help: "netcost flattens every axis after the batch (axis 1, end_axis -1)"),
    Case(
      file: "a.prototxt",
      text: caffeInput
        + "layer { name: \"f\" type: \"Flatten\" bottom: \"data\" top: \"f\" flatten_param { axis: -3 end_axis: 2 } }",
      message: "layer 'f' sets 'end_axis' = 2, which netcost does not model", at: "3:73",
      help: "netcost flattens every axis after the batch (axis 1, end_axis -1)"),
    Case(
      file: "a.prototxt",
      text: caffeInput
        + "layer { name: \"s\" type: \"Softmax\" bottom: \"data\" top: \"s\" softmax_param { axis: -99 } }",
      message: "layer 's' sets 'axis' = -99; a Caffe blob has at most 4 axes (−4 to 3)",
      at: "3:73"),
    Case(
      file: "a.prototxt",
      text: caffeInput
        + "layer { name: \"n\" type: \"LRN\" bottom: \"data\" top: \"n\" lrn_param { local_size: 4 } }",
      message: "layer 'n' sets 'local_size' = 4; Caffe's LRN takes an odd size", at: "3:65"),
    Case(
      file: "a.prototxt",
      text: caffeInput
        + "layer { name: \"e\" type: \"Eltwise\" bottom: \"data\" bottom: \"data\" top: \"e\" eltwise_param { coeff: 1 coeff: 1 coeff: 1 } }",
      message: "layer 'e' gives 3 coefficients for 2 bottoms; Caffe's Eltwise takes one for each",
      at: "3:90"),
    Case(
      file: "a.prototxt",
      text: caffeInput
        + "layer { name: \"e\" type: \"Eltwise\" bottom: \"data\" bottom: \"data\" top: \"e\" eltwise_param { operation: PROD coeff: 1 coeff: 1 } }",
      message:
        "layer 'e' gives coefficients to a product; Caffe's Eltwise takes them for a sum or a maximum",
      at: "3:106"),
    // Caffe's counts of bottoms: a second one was read as nothing (issue 25).
    Case(
      file: "a.prototxt",
      text: caffeInput
        + "layer { name: \"r\" type: \"ReLU\" bottom: \"data\" bottom: \"data\" top: \"r\" }",
      message: "layer 'r' reads 2 bottoms; a ReLU layer reads one", at: "3:55"),
    Case(
      file: "a.prototxt",
      text: caffeInput
        + "layer { name: \"e\" type: \"Eltwise\" bottom: \"data\" top: \"e\" }",
      message: "layer 'e' reads one bottom; an Eltwise layer reads two or more", at: "3:7"),
    // Keras refuses a stride and a dilation above 1 together.
    Case(
      file: "m.json",
      text: keras(
        "{\"class_name\": \"Conv2D\", \"config\": {\"name\": \"c\", \"filters\": 4, \"kernel_size\": 3, \"strides\": 2, \"dilation_rate\": [2, 2]}}"
      ),
      message:
        "layer 'c' has strides 2 and dilation_rate [2, 2]; Keras takes a stride or a dilation above 1, not both",
      at: "3:113"),
    // Caffe: the input.
    Case(
      file: "a.prototxt",
      text: "name: \"x\"\nlayer { name: \"r\" type: \"ReLU\" bottom: \"data\" }",
      message: "the Caffe model declares no input shape", at: "2:1",
      help:
        "declare it before the first layer: 'input: \"data\"' with 'input_shape { dim: 1 dim: 3 dim: 224 dim: 224 }', or an 'Input' layer"
    ),
    Case(
      file: "a.prototxt", text: "input: \"data\"\ninput_dim: 3\ninput_dim: 32",
      message: "the input has 2 dimensions; netcost reads 4 (batch, channels, height, width)",
      at: "3:1"),
    Case(
      file: "a.prototxt", text: "input: \"data\"\ninput: \"label\"",
      message: "the model declares 2 inputs", at: "2:8",
      help: "netcost analyses networks with one input"),
    // Caffe: layers.
    Case(
      file: "a.prototxt",
      text: caffeInput + "layer { name: \"c\" type: \"Convolutoin\" bottom: \"data\" top: \"c\" }",
      message: "Caffe layer 'c' has type 'Convolutoin', which netcost does not model", at: "3:25",
      help: "did you mean 'Convolution'?"),
    Case(
      file: "a.prototxt",
      text: caffeInput
        + "layer { name: \"up\" type: \"Deconvolution\" bottom: \"data\" top: \"up\" }",
      message: "Caffe layer 'up' has type 'Deconvolution', which netcost does not model",
      at: "3:26", help: "did you mean 'Convolution'?"),
    Case(
      file: "a.prototxt",
      text: caffeInput + "layer { name: \"r\" type: \"ReLU\" bottom: \"dta\" top: \"r\" }",
      message: "layer 'r' reads 'dta', which no layer before it makes", at: "3:40",
      help: "did you mean 'data'?"),
    Case(
      file: "a.prototxt",
      text: caffeInput
        + "layer { name: \"c\" type: \"Convolution\" bottom: \"data\" top: \"c\"\n"
        + "  convolution_param { num_output: 8 kernel_size: 3 deformable: true } }",
      message: "layer 'c' sets 'deformable', which netcost does not model", at: "4:52",
      help:
        "netcost reads 'axis', 'bias_filler', 'bias_term', 'dilation', 'engine', 'force_nd_im2col', 'group', 'kernel_h', 'kernel_size', 'kernel_w', 'num_output', 'pad', 'pad_h', 'pad_w', 'stride', 'stride_h', 'stride_w', 'weight_filler' here"
    ),
    Case(
      file: "a.prototxt",
      text: caffeInput
        + "layer { name: \"c\" type: \"Convolution\" bottom: \"data\" top: \"c\"\n"
        + "  convolution_param { num_output: \"many\" kernel_size: 3 } }",
      message: "'num_output' must be a whole number below 2³¹, got 'many'", at: "4:23"),
    Case(
      file: "a.prototxt",
      text: caffeInput
        + "layer { name: \"c\" type: \"Convolution\" bottom: \"data\" top: \"c\"\n"
        + "  convolution_param { num_output: 8 } }",
      message: "layer 'c' has no 'kernel_size'", at: "4:21"),
    Case(
      file: "a.prototxt",
      text: caffeInput
        + "layer { name: \"c\" type: \"Convolution\" bottom: \"data\" top: \"c\"\n"
        + "  convolution_param { num_output: 8 kernel_size: 3 kernel_size: 3 kernel_size: 3 } }",
      message: "'kernel_size' has 3 values; netcost reads 2-D layers (1 or 2 values)",
      at: "4:67"),
    Case(
      file: "a.prototxt",
      text: caffeInput
        + "layer { name: \"e\" type: \"Eltwise\" bottom: \"data\" bottom: \"data\" top: \"e\"\n"
        + "  eltwise_param { operation: MIN } }",
      message: "layer 'e' sets 'operation' = MIN, which netcost does not model", at: "4:17"),
    Case(
      file: "a.prototxt",
      text: "layer { name: \"d\" type: \"Data\" top: \"data\" }",
      message: "layer 'd' has type 'Data', which belongs to a training net", at: "1:25",
      help: "netcost reads deploy nets: use the model's deploy.prototxt"),
    Case(
      file: "a.prototxt",
      text: caffeInput
        + "layer { name: \"r\" type: \"ReLU\" bottom: \"data\" top: \"r\" }\n"
        + "layer { name: \"r\" type: \"ReLU\" bottom: \"r\" top: \"r\" }",
      message: "two layers are named 'r'", at: "4:7", help: "layer names must be unique"),
    // Keras.
    Case(
      file: "m.json", text: "{\"class_name\": \"Sequential\", \"config\": {\"layers\": [",
      message: "the JSON ends where a value should be", at: "1:52"),
    Case(
      file: "m.json", text: "{\"layers\": []}",
      message: "this JSON is not a Keras model: it has no 'class_name' and 'config'", at: "1:1",
      help: "netcost reads the output of model.to_json() or a .keras archive's config.json"),
    Case(
      file: "m.json", text: keras("{\"class_name\": \"Conv2d\", \"config\": {\"name\": \"c\"}}"),
      message: "Keras layer 'c' (layer 1) has type 'Conv2d', which netcost does not model",
      at: "3:16", help: "did you mean 'Conv2D'?"),
    Case(
      file: "m.json",
      text: keras(
        "{\"class_name\": \"Dense\", \"config\": {\"name\": \"d\", \"units\": 4, \"lora_rank\": 4}}"
      ),
      message: "layer 'd' sets 'lora_rank' = 4, which netcost does not model", at: "3:74",
      help: "netcost reads 'activation', 'units', 'use_bias' of this layer"),
    Case(
      file: "m.json",
      text: keras(
        "{\"class_name\": \"Dense\", \"config\": {\"name\": \"d\", \"units\": 4, \"activation\": \"rellu\"}}"
      ),
      message: "layer 'd' sets 'activation' = 'rellu', which netcost does not model", at: "3:75",
      help: "did you mean 'relu'?"),
    Case(
      file: "m.json",
      text: keras(
        "{\"class_name\": \"Conv2D\", \"config\": {\"name\": \"c\", \"filters\": 4, \"kernel_size\": 3, \"data_format\": \"channels_first\"}}"
      ),
      message: "layer 'c' sets 'data_format' = channels_first, which netcost does not model",
      at: "3:36", help: "netcost reads channels-last models"),
    Case(
      file: "m.json",
      text: keras(
        "{\"class_name\": \"Conv2D\", \"config\": {\"name\": \"c\", \"kernel_size\": 3}}"),
      message: "layer 'c' has no 'filters'", at: "3:1"),
    Case(
      file: "m.json",
      text:
        "{\"class_name\": \"Sequential\", \"config\": {\"layers\": [{\"class_name\": \"InputLayer\", \"config\": {\"batch_shape\": [null, 224, 0, 3]}}]}}",
      message:
        "the model's input shape is [null, 224, 0, 3]; netcost reads a fixed height × width × channels (channels last), or depth × height × width × channels for a volume",
      at: "1:107", help: "build the model with a fixed input, e.g. keras.Input((224, 224, 3))"),
    Case(
      file: "m.json",
      text:
        "{\"class_name\": \"Functional\", \"config\": {\"layers\": [{\"class_name\": \"ReLU\", \"config\": {}, \"name\": \"r\", \"inbound_nodes\": [[[\"s\", 0, 0, {}]]]}, {\"class_name\": \"ReLU\", \"config\": {}, \"name\": \"s\", \"inbound_nodes\": [[[\"r\", 0, 0, {}]]]}]}}",
      message: "layer 'r' reads 's', which no layer before it makes", at: "1:121"),
  ]

  /// A Sequential model on an 8×8×3 input, with one more layer.
  static func keras(_ layer: String) -> String {
    "{\"class_name\": \"Sequential\", \"config\": {\"name\": \"s\", \"layers\": [\n"
      + "{\"class_name\": \"InputLayer\", \"config\": {\"batch_shape\": [null, 8, 8, 3]}},\n"
      + layer + "]}}"
  }

  @Test(arguments: cases)
  func refused(_ c: Case) {
    let spec = Pipeline.parse(SourceFile(name: c.file, text: c.text))
    #expect(spec.diagnostics.count == 1)
    let d = spec.diagnostics.first
    #expect(d?.message == c.message)
    #expect(d.map { "\($0.range.lowerBound)" } == c.at)
    #expect(d?.help == c.help)
    #expect(Pipeline.resolve(spec).value == nil)
  }

  /// The format is found by content, the extension a hint.
  @Test(arguments: [
    ("x.netspec", "input 8 x 8 x 3\nconv filters = 2, kernel = 3", ModelFormat.netspec),
    ("x.txt", "name: \"AlexNet\"\nlayer {}", .caffe),
    ("x", "# a comment\ninput: \"data\"", .caffe),
    ("x", "layer {\n}", .caffe),
    ("x", "  {\"class_name\": \"Sequential\"}", .kerasJSON),
    ("model.json", "", .kerasJSON),
    ("deploy.prototxt", "", .caffe),
    ("x", "name: conv filters = 2", .netspec),
    ("x", "input 8 x 8 x 3", .netspec),
    // Long comments before the first field, past 4 KiB of bytes (non-ASCII, CR LF).
    ("deploy.txt", "# " + String(repeating: "网络结构说明", count: 250) + "\nname: \"x\"", .caffe),
    ("x", String(repeating: "#\r\n", count: 1500) + "input: \"data\"", .caffe),
    ("x", String(repeating: "\r\n", count: 2100) + "{\"class_name\": \"Model\"}", .kerasJSON),
  ])
  func formatByContent(_ name: String, _ text: String, _ format: ModelFormat) {
    #expect(ModelFormat.detect(SourceFile(name: name, text: text)) == format)
  }
}

extension ImportDiagnosticsTests {
  /// Values a spec could not hold are refused on import, so `convert` can always write the model:
  /// 32-bit sizes (caffe.proto's), dropout ratios in [0, 1).
  @Test(arguments: [
    (
      "a.prototxt",
      caffeInput
        + "layer { name: \"c\" type: \"Convolution\" bottom: \"data\" top: \"c\"\n"
        + "  convolution_param { num_output: 8 kernel_size: 3 pad: 10000000000000000 } }",
      "'pad' must be a whole number below 2³¹, got '10000000000000000'"
    ),
    (
      "a.prototxt",
      caffeInput
        + "layer { name: \"d\" type: \"Dropout\" bottom: \"data\" top: \"data\"\n"
        + "  dropout_param { dropout_ratio: 1.5 } }",
      "'dropout_ratio' must be a number in [0, 1), got 1.5"
    ),
    (
      "m.json",
      keras(
        "{\"class_name\": \"ZeroPadding2D\", \"config\": {\"name\": \"p\", \"padding\": 1e16}}"),
      "'padding' must be n, [h, w] or [[top, bottom], [left, right]], got 10000000000000000"
    ),
    (
      "m.json",
      keras("{\"class_name\": \"Dropout\", \"config\": {\"name\": \"d\", \"rate\": -0.5}}"),
      "'rate' must be a number in [0, 1), got -0.5"
    ),
  ])
  func valuesASpecCannotHold(_ file: String, _ text: String, _ message: String) {
    let spec = Pipeline.parse(SourceFile(name: file, text: text))
    #expect(spec.diagnostics.map(\.message) == [message])
  }
}
