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
        .items(count: analysis.rows.count) { i in
          row(
            analysis.rows[i], image: analysis.input, flops: flops, roofline: rooflines?[i])
        }
      ),
      ("totals", totals),
    ]
    return JSONValue.object(fields).rendered() + "\n"
  }

  static func row(
    _ row: LayerRow, image: Shape, flops: Bool = false, roofline: Roofline.Row? = nil
  )
    -> JSONValue
  {
    var fields: [(String, JSONValue)] = [
      ("name", .string(row.name)),
      ("kind", .string(row.kind.rawValue)),
      ("description", .string(row.kindDescription)),
    ]
    if let window = window(row.operation) { fields.append(("window", window)) }
    fields += [
      ("output", .shape(row.output)),
      ("params", .integer(row.cost.params)),
      (
        "macs",
        .integer(flops ? row.paperMACs : row.cost.macs)
      ),
    ]
    if flops { fields.append(("flops", .integer(row.cost.macs))) }
    fields += [
      ("activationMatmulMacs", .integer(row.cost.activationMatmulMacs)),
      ("activationBytes", .integer(row.activationBytes)),
      (
        "receptiveField",
        row.receptiveField.map { receptiveField($0, image: image) } ?? .null
      ),
    ]
    if let live = row.liveBytes { fields.append(("liveBytes", .integer(live))) }
    if let saved = row.savedBytes { fields.append(("savedBytes", .integer(saved))) }
    if let r = roofline {
      fields.append(
        (
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
          ])
        ))
    }
    // Only where it is so: a layer of `training { … }` (its MACs and memory are 0).
    if row.trainingOnly { fields.append(("trainingOnly", .boolean(true))) }
    return .object(fields)
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
  static func receptiveField(_ field: ReceptiveField, image: Shape) -> JSONValue {
    func axis(_ a: ReceptiveField.Axis) -> JSONValue {
      .object([
        ("size", .integer(a.size)), ("stride", .integer(a.stride)),
        ("padding", .integer(a.padding)), ("reach", .integer(a.reach)),
      ])
    }
    let local: [(String, JSONValue)] = [
      ("height", axis(field.height)), ("width", axis(field.width)),
      ("aligned", .boolean(field.aligned)),
    ]
    guard field.global else { return .object([("global", .boolean(false))] + local) }
    let whole = ReceptiveField.wholeImage(image)
    return .object([
      ("global", .boolean(true)), ("height", axis(whole.height)), ("width", axis(whole.width)),
      ("local", field.hasLocalPath ? .object(local) : .null),
    ])
  }

  /// A convolution's or pooling's kernel, stride, padding and dilation, each side apart.
  static func window(_ operation: Operation) -> JSONValue? {
    let (kernel, stride, padding, dilation): (Extent, Extent, Padding, Extent)
    switch operation {
    case .convolution(let c), .transposedConvolution(let c, _):
      (kernel, stride, padding, dilation) = (c.kernel, c.stride, c.padding, c.dilation)
    case .pooling(let p): (kernel, stride, padding, dilation) = (p.kernel, p.stride, p.padding, 1)
    default: return nil
    }
    let pad: JSONValue =
      switch padding {
      case .explicit(let p): .extent(p)
      case .same, .valid: .string(padding.description)
      }
    return .object([
      ("kernel", .extent(kernel)), ("stride", .extent(stride)), ("padding", pad),
      ("dilation", .extent(dilation)),
    ])
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
  /// An array whose items are made as they are written, one at a time: a million rows are
  /// never all held as values at once.
  case items(count: Int, item: (Int) -> JSONValue)
  case string(String)
  case integer(Int)
  case number(Double)
  case boolean(Bool)
  case null

  /// A feature map's height, width and channels, and every shape's dims.
  static func shape(_ shape: Shape) -> JSONValue {
    let dims = ("dims", JSONValue.array(shape.dims.map { .integer($0) }))
    guard shape.isMap else { return .object([dims]) }
    return .object([
      ("height", .integer(shape.height)), ("width", .integer(shape.width)),
      ("channels", .integer(shape.channels)), dims,
    ])
  }

  /// A window's sides; `depth` only for a window over a volume's depth.
  static func extent(_ extent: Extent) -> JSONValue {
    let sides: [(String, JSONValue)] = [
      ("height", .integer(extent.height)), ("width", .integer(extent.width)),
    ]
    guard let depth = extent.depth else { return .object(sides) }
    return .object([("depth", .integer(depth))] + sides)
  }

  func rendered(indent: Int = 0) -> String {
    var out = ""
    write(into: &out, indent: indent)
    return out
  }

  /// Appends the text to `out`, so no part is built as a string of its own and copied again.
  func write(into out: inout String, indent: Int) {
    switch self {
    case .object(let fields):
      if fields.isEmpty { return out += "{}" }
      out += "{"
      for (i, field) in fields.enumerated() {
        if i > 0 { out += "," }
        Self.newline(into: &out, indent: indent + 1)
        Self.quote(field.0, into: &out)
        out += ": "
        field.1.write(into: &out, indent: indent + 1)
      }
      Self.newline(into: &out, indent: indent)
      out += "}"
    case .array(let items):
      Self.items(count: items.count, into: &out, indent: indent) { items[$0] }
    case .items(let count, let item):
      Self.items(count: count, into: &out, indent: indent, item)
    case .string(let s): Self.quote(s, into: &out)
    case .integer(let n): out += String(n)
    // JSON has no infinity or NaN: a figure that is not finite is null, never `inf`.
    case .number(let x): out += x.isFinite ? x.shortDescription : "null"
    case .boolean(let b): out += b ? "true" : "false"
    case .null: out += "null"
    }
  }

  private static func items(
    count: Int, into out: inout String, indent: Int, _ item: (Int) -> JSONValue
  ) {
    if count == 0 { return out += "[]" }
    out += "["
    for i in 0..<count {
      if i > 0 { out += "," }
      newline(into: &out, indent: indent + 1)
      item(i).write(into: &out, indent: indent + 1)
    }
    newline(into: &out, indent: indent)
    out += "]"
  }

  /// A line break and two spaces per level.
  private static func newline(into out: inout String, indent: Int) {
    out += "\n"
    for _ in 0..<indent { out += "  " }
  }

  static func quoted(_ s: String) -> String {
    var out = ""
    quote(s, into: &out)
    return out
  }

  static func quote(_ s: String, into out: inout String) {
    out += "\""
    // Printable ASCII without quotes or backslashes, nearly every name, goes in as it is.
    if s.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F && $0 != 0x22 && $0 != 0x5C }) {
      out += s
      return out += "\""
    }
    for scalar in s.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      // Every control and bidirectional override as \uXXXX (JSON requires it below 0x20): the
      // value is kept, and a terminal showing the JSON is not steered by it.
      case _ where TerminalText.isControl(scalar):
        let hex = String(scalar.value, radix: 16)
        out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      default: out.unicodeScalars.append(scalar)
      }
    }
    out += "\""
  }
}
