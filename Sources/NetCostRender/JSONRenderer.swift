import NetCostAnalysis
import NetCostCore

/// JSON for programs: one object per analysis with fixed keys, every count an integer.
/// Written by hand rather than with JSONEncoder to keep Foundation off netcost's start-up path
/// and the key order stable and readable.
public enum JSONRenderer {
  /// Under a convention other than the papers', `"convention"` names it and `macs` (in the
  /// totals and every row) are its MACs; the FLOPs convention keeps the papers' `macs` and adds
  /// `flops`.
  public static func render(_ analysis: Analysis) -> String {
    var out = TextWriter()
    write(analysis, into: &out)
    return out.text
  }

  /// `render`, written as it is made: each row goes out as it is written (issue 25).
  public static func write(_ analysis: Analysis, into out: inout TextWriter) {
    var fields: [(String, JSONValue)] = [("network", .string(analysis.network))]
    if let title = analysis.title { fields.append(("title", .string(title))) }
    if let source = analysis.source { fields.append(("source", .string(source))) }
    if let library = analysis.library { fields.append(("library", .string(library))) }
    // A model file says what its trainable count is, and what the analysis cannot know of it.
    if analysis.provenance != .spec {
      fields.append(("trainableParamsAre", .string(analysis.provenance.trainableRemark)))
    }
    let caveats = Caveats.of(analysis)
    if !caveats.isEmpty { fields.append(("caveats", .array(caveats.map { .string($0) }))) }
    if analysis.convention != .paper {
      fields.append(("convention", .string(analysis.convention.rawValue)))
    }
    let flops = analysis.convention.unit == .flops
    var totals = totals(
      analysis.totals, convention: analysis.convention, paperMACs: analysis.paperMACs)
    if let memory = analysis.memory {
      fields += [
        ("memoryPolicy", memory.settings.policy.map { .string($0.rawValue) } ?? .null),
        ("batch", .integer(memory.settings.batch)),
        ("dtype", .string(memory.settings.dtype.rawValue)),
      ]
      if case .object(let entries) = totals {
        totals = .object(entries + Self.memory(memory, rows: analysis.rows))
      }
    }
    if let roofline = analysis.roofline {
      fields.append(
        (
          "device",
          .object([
            ("name", .string(roofline.device.name)), ("source", .string(roofline.device.source)),
            ("peakFLOPS", .number(roofline.device.peak[roofline.dtype] ?? 0)),
            ("bandwidth", .number(roofline.device.bandwidth)),
          ])
        ))
      if case .object(let entries) = totals {
        totals = .object(entries + [("rooflineSeconds", .number(roofline.seconds))])
      }
    }
    let rooflines = analysis.roofline?.rows
    fields += [
      ("parameters", .object(analysis.parameters.map { ($0.name, .number($0.value)) })),
      ("input", .shape(analysis.input)),
      (
        "layers",
        .items(count: analysis.rows.count) { i, json in
          row(
            analysis.rows, i, image: analysis.input, flops: flops, rooflines: rooflines,
            into: &json)
        }
      ),
      ("totals", totals),
    ]
    out.writeJSON { JSONValue.object(fields).write(into: &$0) }
    out.write(byte: 0x0A)
  }

  /// Row `index`, written field by field on one line: a million rows make no values. Its
  /// fields are read in place: a copy of the row would retain the boxes a loop's rows share,
  /// on both threads that write rows (issue 25).
  static func row(
    _ rows: [LayerRow], _ index: Int, image: Shape, flops: Bool = false,
    rooflines: [Roofline.Row]? = nil, into json: inout JSONWriter
  ) {
    // The nearest of the rows a few before or after row `i` that shows what it does but for
    // its name (a loop's passes, a block's rows in turn), and the same roofline.
    let kept = JSONWriter.recordingsKept
    func showingTheSame(_ i: Int, after: Bool) -> Int? {
      LayerRow.nearestShowingTheSame(as: i, in: rows, within: kept, after: after, field: true)
        .flatMap { j in (rooflines.map { $0[i] == $0[j] } ?? true) ? j : nil }
    }
    let roofline = rooflines?[index]
    // Row `i`'s fields as `fields` writes them, for a check.
    func fieldsText(_ i: Int) -> String {
      var json = JSONWriter()
      json.beginObject()
      fields(of: rows, i, image: image, flops: flops, roofline: rooflines?[i], into: &json)
      return json.out.text
    }
    json.flat { json in
      json.beginObject()
      json.field("name", rows[index].name)
      // A row that shows what a row a few before does but for its name: the text after its
      // name is that row's, written again (a million rows, issue 25).
      if let source = showingTheSame(index, after: false),
        json.writeRecorded(of: source, for: index)
      {
        assert(
          fieldsText(index) == fieldsText(source), "row \(index) said to repeat row \(source)")
        return
      }
      if showingTheSame(index, after: true) != nil {
        json.recording(item: index) {
          fields(of: rows, index, image: image, flops: flops, roofline: roofline, into: &$0)
        }
      } else {
        fields(of: rows, index, image: image, flops: flops, roofline: roofline, into: &json)
      }
    }
  }

  /// Row `index`'s fields after its name, and the end of its object.
  private static func fields(
    of rows: [LayerRow], _ index: Int, image: Shape, flops: Bool, roofline: Roofline.Row?,
    into json: inout JSONWriter
  ) {
    json.field("kind", rows[index].kind.rawValue)
    json.field("description", KindDescription(rows, index).text)
    if hasWindow(rows[index].operation) {
      json.key("window")
      window(rows[index].operation, into: &json)
    }
    json.key("output")
    json.shape(rows[index].output)
    json.field("params", rows[index].cost.params)
    json.field("macs", flops ? rows[index].paperMACs : rows[index].cost.macs)
    if flops { json.field("flops", rows[index].cost.macs) }
    json.field("activationMatmulMacs", rows[index].cost.activationMatmulMacs)
    json.field("activationBytes", rows[index].activationBytes)
    json.key("receptiveField")
    if let field = rows[index].receptiveField {
      receptiveField(field, image: image, into: &json)
    } else {
      json.null()
    }
    if let live = rows[index].liveBytes { json.field("liveBytes", live) }
    if let saved = rows[index].savedBytes { json.field("savedBytes", saved) }
    if let r = roofline {
      json.field(
        "roofline",
        .object([
          ("bytes", .integer(r.bytes)), ("intensity", .number(r.intensity)),
          // A row that moves nothing (a layer of `training { … }`) has no bound.
          (
            "bound",
            r.bytes == 0 && r.seconds == 0
              ? .null : .string(r.computeBound ? "compute" : "memory")
          ),
          ("seconds", .number(r.seconds)),
        ]))
    }
    // Only where it is so: a layer of `training { … }` (its MACs and memory are 0).
    if rows[index].trainingOnly {
      json.key("trainingOnly")
      json.boolean(true)
    }
    json.endObject()
  }

  /// The memory totals: the input and weights, the inference peak, a training step's terms.
  static func memory(_ memory: MemoryReport, rows: [LayerRow]) -> [(String, JSONValue)] {
    func row(_ index: Int?) -> JSONValue {
      guard let index, rows.indices.contains(index) else { return .null }
      return .string(rows[index].name)
    }
    var fields: [(String, JSONValue)] = [
      ("inputBytes", .integer(memory.inputBytes)), ("weightBytes", .integer(memory.weightBytes)),
    ]
    if let peak = memory.peakBytes {
      fields += [("peakActivationBytes", .integer(peak)), ("peakLayer", row(memory.peakRow))]
    }
    if let stated = memory.settings.workspace {
      fields.append(("statedWorkspaceBytes", .integer(stated)))
    }
    if let workspace = memory.workspaceBytes {
      fields.append(("workspaceBytes", .integer(workspace)))
    }
    if let t = memory.training {
      fields.append(
        (
          "training",
          .object([
            ("optimizer", .string(t.optimizer.rawValue)),
            ("weights", .integer(t.weights)), ("optimizerState", .integer(t.optimizerState)),
            ("input", .integer(t.input)), ("savedActivations", .integer(t.savedActivations)),
            ("gradients", .integer(t.gradients)), ("transient", .integer(t.transient)),
            ("total", .integer(t.total)), ("peakPhase", .string(t.peakPhase.rawValue)),
            ("peakLayer", row(memory.trainingPeakRow)),
            ("savedForBackward", .integer(t.savedForBackward)),
            ("allGradients", .integer(t.allGradients)),
          ])
        ))
    }
    return fields
  }

  /// Size, effective stride and effective padding on each side, and whether merged paths agree.
  /// A local field as size, stride and padding per side; a global one as the whole image, with
  /// the field through its local path, if any, as `local`.
  static func receptiveField(_ field: ReceptiveField, image: Shape, into json: inout JSONWriter) {
    func axis(_ a: ReceptiveField.Axis) {
      json.beginObject()
      json.field("size", a.size)
      json.field("stride", a.stride)
      json.field("padding", a.padding)
      json.field("reach", a.reach)
      json.endObject()
    }
    func local() {
      json.key("height")
      axis(field.height)
      json.key("width")
      axis(field.width)
      json.key("aligned")
      json.boolean(field.aligned)
    }
    json.beginObject()
    json.key("global")
    json.boolean(field.global)
    if field.global {
      let whole = ReceptiveField.wholeImage(image)
      json.key("height")
      axis(whole.height)
      json.key("width")
      axis(whole.width)
      json.key("local")
      if field.hasLocalPath {
        json.beginObject()
        local()
        json.endObject()
      } else {
        json.null()
      }
    } else {
      local()
    }
    json.endObject()
  }

  /// Whether `window` writes anything for the operation.
  static func hasWindow(_ operation: Operation) -> Bool {
    switch operation {
    case .convolution, .transposedConvolution, .pooling: true
    default: false
    }
  }

  /// A convolution's or pooling's kernel, stride, padding and dilation, each side apart.
  static func window(_ operation: Operation, into json: inout JSONWriter) {
    let (kernel, stride, padding, dilation): (Extent, Extent, Padding, Extent)
    switch operation {
    case .convolution(let c), .transposedConvolution(let c, _):
      (kernel, stride, padding, dilation) = (c.kernel, c.stride, c.padding, c.dilation)
    case .pooling(let p): (kernel, stride, padding, dilation) = (p.kernel, p.stride, p.padding, 1)
    default: return
    }
    json.beginObject()
    json.key("kernel")
    json.extent(kernel)
    json.key("stride")
    json.extent(stride)
    json.key("padding")
    switch padding {
    case .explicit(let p): json.extent(p)
    case .same, .valid: json.string(padding.description)
    }
    json.key("dilation")
    json.extent(dilation)
    json.endObject()
  }

  /// Under the FLOPs convention `macs` is the papers' count and `flops` follows it.
  static func totals(_ t: Totals, convention: Convention, paperMACs: Int) -> JSONValue {
    convention.unit == .flops ? totals(t, flops: (paperMACs, t.macs)) : totals(t)
  }

  static func totals(_ t: Totals, flops: (paperMACs: Int, flops: Int)? = nil) -> JSONValue {
    var compute: [(String, JSONValue)] = [("macs", .integer(flops?.paperMACs ?? t.macs))]
    if let flops { compute.append(("flops", .integer(flops.flops))) }
    return .object(
      [
        ("params", .integer(t.params)),
        ("trainableParams", .integer(t.trainableParams)),
        ("nonTrainableParams", .integer(t.nonTrainableParams)),
        ("batchNormParams", .integer(t.batchNormParams)),
        ("paramsWithoutBatchNorm", .integer(t.paramsWithoutBatchNorm)),
      ] + compute + [
        ("activationMatmulMacs", .integer(t.activationMatmulMacs)),
        ("activationBytes", .integer(t.activationBytes)),
      ])
  }
}

/// A JSON document as a value, rendered with two-space indentation.
indirect enum JSONValue {
  case object([(String, JSONValue)])
  case array([JSONValue])
  /// An array whose items are written by a function, one at a time: a million rows are never
  /// held as values.
  case items(count: Int, write: @Sendable (Int, inout JSONWriter) -> Void)
  /// Written by a function straight into the writer.
  case written((inout JSONWriter) -> Void)
  case string(String)
  case integer(Int)
  case number(Double)
  case boolean(Bool)
  case null

  static func shape(_ shape: Shape) -> JSONValue { .written { $0.shape(shape) } }

  func rendered() -> String {
    var out = TextWriter()
    out.writeJSON { write(into: &$0) }
    return out.text
  }

  func write(into json: inout JSONWriter) {
    switch self {
    case .object(let fields):
      json.beginObject()
      for (key, value) in fields { json.field(text: key, value) }
      json.endObject()
    case .array(let items):
      json.beginArray()
      for item in items {
        json.item()
        item.write(into: &json)
      }
      json.endArray()
    case .items(let count, let write): json.items(count: count, write)
    case .written(let write): write(&json)
    case .string(let s): json.string(s)
    case .integer(let n): json.integer(n)
    case .number(let x): json.number(x)
    case .boolean(let b): json.boolean(b)
    case .null: json.null()
    }
  }
}

extension JSONWriter {
  /// A feature map's height, width and channels, and every shape's dims.
  mutating func shape(_ shape: Shape) {
    beginObject()
    if shape.isMap {
      field("height", shape.height)
      field("width", shape.width)
      field("channels", shape.channels)
    }
    key("dims")
    beginArray()
    for axis in 0..<shape.rank {
      item()
      integer(shape[axis])
    }
    endArray()
    endObject()
  }

  /// A window's sides; `depth` only for a window over a volume's depth.
  mutating func extent(_ extent: Extent) {
    beginObject()
    if let depth = extent.depth { field("depth", depth) }
    field("height", extent.height)
    field("width", extent.width)
    endObject()
  }
}
