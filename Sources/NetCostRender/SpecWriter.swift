import NetCostCore

/// A network written back in netcost's spec language (`netcost convert`): one labelled layer per
/// line, every key that differs from its default, `from` wherever a layer does not read the one
/// before it. The spec analyses to the same figures, row for row: a test holds this for every
/// import fixture. Blocks are not reconstructed.
public enum SpecWriter {
  public static func write(_ network: Network, from file: String? = nil) -> String {
    var out = TextWriter()
    write(network, from: file, into: &out)
    return out.text
  }

  /// `write`, each line written as it is made: a million layers are never held as text.
  public static func write(_ network: Network, from file: String? = nil, into out: inout TextWriter)
  {
    write(network, from: file, into: &out, layersPerPiece: 4096)
  }

  /// The lines made `layersPerPiece` layers at a time, a few pieces side by side on the cores.
  static func write(
    _ network: Network, from file: String? = nil, into out: inout TextWriter, layersPerPiece: Int
  ) {
    func writeLine(_ text: String) {
      out.write(text)
      out.write(byte: 0x0A)
    }
    if let file { writeLine("# Converted by netcost from \(oneLine(file)).") }
    writeLine("network " + quoted(network.name))
    if let title = network.title { writeLine("title " + quoted(title)) }
    if let source = network.source { writeLine("source " + quoted(source)) }
    if let library = network.library { writeLine("library " + quoted(library)) }
    let input = network.input
    writeLine("")
    writeLine("input " + input.dims.map(String.init).joined(separator: " x "))
    writeLine("")
    // Names first, in order (a name taken is not taken again); then the lines, a wave of
    // pieces of layers side by side on the cores, written out in order (a million layers).
    var used = UsedNames(taken: ["input"])
    let names = network.layers.map { unique(layerName($0.name), &used) }
    let layers = network.layers
    Parallel.inOrder(Parallel.pieces(of: layers.count, size: layersPerPiece)) { piece in
      var out = TextWriter()
      var keys = RecentKeys()
      for index in piece {
        write(layer: index, of: layers, names: names, keys: &keys, into: &out)
      }
      return out.bytes
    } take: { bytes in
      out.write(piece: bytes)
    }
    if layers.last?.trainingOnly == true { writeLine("}") }
  }

  /// Layer `index`'s line, after the line that opens or closes `training { … }` where it starts
  /// or ends a run of layers that run only in training: inside it each reads the one before, as
  /// in the network; after it, a layer names what it reads. Written piece by piece into `out`,
  /// the layer's fields read in place: a million layers' lines are made with no line, key list
  /// or layer copied (issue 25: `convert` of a million layers).
  private static func write(
    layer index: Int, of layers: [Layer], names: [String], keys: inout RecentKeys,
    into out: inout TextWriter
  ) {
    let trainingOnly = layers[index].trainingOnly
    let before = index > 0 && layers[index - 1].trainingOnly
    if trainingOnly != before { out.write(before ? "}\n" : "training {\n") }
    // The kind the operation is written as (a spec's `pwconv` is written as the `conv` it is).
    let kind = LayerKind.of(layers[index].operation)
    if trainingOnly { out.write("  ") }
    writeQuoted(names[index], into: &out)
    out.write(": ")
    out.write(kind.rawValue)
    var separator = " "
    func key(_ text: String) {
      out.write(separator)
      out.write(text)
      separator = ", "
    }
    let operationKeys = keys.text(of: layers[index].operation)
    if !operationKeys.isEmpty { key(operationKeys) }
    if kind.takesTorchCall, layers[index].torchCall != TorchCall.defaultCall(for: kind) {
      key("torch = " + layers[index].torchCall.rawValue)
    }
    // One learned tensor per layer is what the importers make.
    if let learned = layers[index].learned.first { key("learned = " + list(learned.dims)) }
    if let inPlace = kind.inPlaceDefault, layers[index].inPlace != inPlace {
      key("inplace = \(layers[index].inPlace)")
    }
    func read(_ input: Layer.Input) -> String {
      switch input {
      case .network: "input"
      case .layer(let i): quoted(names[i])
      }
    }
    if kind.isMerge {
      key("from = [" + layers[index].inputs.map(read).joined(separator: ", ") + "]")
    } else if let only = layers[index].inputs.first,
      only != (index == 0 ? .network : .layer(index - 1))
    {
      key("from = " + read(only))
    }
    out.write(byte: 0x0A)
  }

  /// The keys of the last operation written, joined: a loop's layers share their operation, and
  /// each making its keys again was half of a line's cost. Compared with the layout of a target
  /// shape too: `==` takes a reshape to a map and one to the same dims as a list for equal, and
  /// their keys differ.
  struct RecentKeys {
    private var operation: Operation?
    private var text = ""

    mutating func text(of operation: Operation) -> String {
      if !(self.operation.map { Operation.sameWithLayout($0, operation) } ?? false) {
        text = SpecWriter.keys(operation).joined(separator: ", ")
        self.operation = operation
      }
      return text
    }
  }

  /// The keys that say what `operation` is, defaults left out.
  static func keys(_ operation: Operation) -> [String] {
    switch operation {
    case .convolution(let c):
      var keys: [String] = []
      switch (c.filters, c.groups) {
      case (.perInputChannel(let m), .depthwise): if m != 1 { keys.append("multiplier = \(m)") }
      case (.count(let n), _): keys.append("filters = \(n)")
      case (.perInputChannel, .count): break  // Not made by any front end.
      }
      keys.append("kernel = " + extent(c.kernel))
      // Exactly as held: a volume's stride of 1 × 1 × 1 is written, so that it reads back the same.
      if c.stride != 1 { keys.append("stride = " + extent(c.stride)) }
      if c.padding != .explicit(0) { keys.append("padding = " + padding(c.padding)) }
      if c.dilation != 1 { keys.append("dilation = " + extent(c.dilation)) }
      if case .count(let g) = c.groups, g != 1 { keys.append("groups = \(g)") }
      if !c.bias { keys.append("bias = false") }
      return keys
    case .transposedConvolution(let c, let outputPadding):
      // A transposed convolution's filters are always a count; the rest as a convolution's.
      return keys(.convolution(c))
        + (outputPadding == 0 ? [] : ["output_padding = \(outputPadding)"])
    case .dense(let units, let bias, let flattens):
      return ["units = \(units)"] + (bias ? [] : ["bias = false"])
        + (flattens ? [] : ["flatten = false"])
    case .pooling(let p):
      var keys = ["kernel = " + extent(p.kernel)]
      if p.stride != p.kernel { keys.append("stride = " + extent(p.stride)) }
      if p.padding != .explicit(0) { keys.append("padding = " + padding(p.padding)) }
      if p.ceilMode { keys.append("ceil = true") }
      if let power = p.power, power != 2 { keys.append("p = \(power)") }
      return keys
    case .batchNorm(let bn):
      return (bn.scale ? [] : ["scale = false"]) + (bn.center ? [] : ["center = false"])
        + (bn.factor ? ["factor = true"] : [])
    case .scale(let bias, let norm):
      return (bias ? ["bias = true"] : []) + (norm ? [] : ["norm = false"])
    case .layerNorm(let bias): return bias ? [] : ["bias = false"]
    case .groupNorm(let groups, let affine):
      return ["groups = \(groups)"] + (affine ? [] : ["affine = false"])
    case .localResponseNorm(let size): return size == 5 ? [] : ["size = \(size)"]
    case .dropout(let rate): return rate == 0.5 ? [] : ["rate = " + rate.shortDescription]
    case .resize(let height, let width): return ["height = \(height)", "width = \(width)"]
    case .reshape(let s) where s.isMap:
      return ["height = \(s.height)", "width = \(s.width)", "channels = \(s.channels)"]
    case .reshape(let s), .expand(let s), .constant(let s): return ["dims = " + list(s.dims)]
    case .tile(let repeats): return ["repeats = " + list(repeats)]
    case .concat(let axis): return axis == -1 ? [] : ["axis = \(axis)"]
    case .matmul(let transposed): return transposed ? ["transposed = true"] : []
    case .transpose(let perm): return ["perm = " + list(perm)]
    case .reduce(let r):
      return (r.mode == .mean ? [] : ["op = \(r.mode.rawValue)"]) + ["axes = " + list(r.axes)]
        + (r.keepsAxes ? ["keepdims = true"] : [])
    case .slice(let s):
      return (s.axis == -1 ? [] : ["axis = \(s.axis)"])
        + (s.start == 0 ? [] : ["start = \(s.start)"])
        + ["end = \(s.end)"] + (s.step == 1 ? [] : ["step = \(s.step)"])
    case .padAxis(let axis, let before, let after):
      return ["axis = \(axis)", "before = \(before)", "after = \(after)"]
    case .pad(let i), .crop(let i):
      return [("top", i.top), ("bottom", i.bottom), ("left", i.left), ("right", i.right)]
        .filter { $0.1 != 0 }.map { "\($0.0) = \($0.1)" }
    case .channelShuffle(let groups): return ["groups = \(groups)"]
    case .adaptivePooling(let size): return ["size = \(size)"]
    case .channelSplit(let parts, let part): return ["parts = \(parts)", "part = \(part)"]
    case .positionBias(let window, let mlp):
      return ["window = \(window)"] + (mlp == 0 ? [] : ["mlp = \(mlp)"])
    case .globalPooling, .activation, .flatten, .add, .maximum, .multiply, .rescale,
      .parametricReLU:
      return []
    }
  }

  static func list(_ numbers: [Int]) -> String {
    "[" + numbers.map(String.init).joined(separator: ", ") + "]"
  }

  static func extent(_ e: Extent) -> String {
    if let depth = e.depth { return "\(depth) x \(e.height) x \(e.width)" }
    return e.isSquare ? "\(e.height)" : "\(e.height) x \(e.width)"
  }

  static func padding(_ p: Padding) -> String {
    switch p {
    case .explicit(let e): extent(e)
    case .same: "same"
    case .valid: "valid"
    }
  }

  /// A name the spec language can hold: its strings fill in `{…}` parts and end at a line break,
  /// so braces become parentheses and control characters underscores.
  /// `name` as a label can write it: braces (which would interpolate) and control characters
  /// replaced, and at most the spec's name length, the end kept (a block's layers differ there:
  /// a 250-byte label plus `/relu_1` resolves, but cannot be written back whole).
  static func layerName(_ name: String) -> String {
    var written = Substring(oneLine(name))
    while written.utf8.count > Limit.nameLength.value { written = written.dropFirst() }
    return String(written)
  }

  /// The names given so far, and for each name asked for, the number to try next.
  struct UsedNames {
    var taken = Set<String>()
    var next: [String: Int] = [:]
  }

  /// `name`, or `name_2`, `name_3`, … if taken, each within the spec's name length (the name is
  /// shortened, on a character boundary, to make room for its number). The numbers tried for
  /// a name go on from where they stopped: 17,000 names that one-lining makes alike each tried
  /// every number before (39 s, issue 25).
  static func unique(_ name: String, _ used: inout UsedNames) -> String {
    // Most names are free: they take no entry in `next` (a million layers converted).
    guard used.taken.contains(name) else {
      used.taken.insert(name)
      return name
    }
    var n = used.next[name] ?? 2
    var candidate: String
    repeat {
      let suffix = "_\(n)"
      var base = Substring(name)
      while base.utf8.count + suffix.utf8.count > Limit.nameLength.value { base = base.dropLast() }
      candidate = base + suffix
      n += 1
    } while used.taken.contains(candidate)
    used.next[name] = n
    used.taken.insert(candidate)
    return candidate
  }

  /// Braces (which would interpolate) and control characters replaced, the bidirectional
  /// overrides and isolates among them (which would show a spec's text in another order than
  /// netcost reads it).
  static func oneLine(_ text: String) -> String {
    // Most names need nothing replaced: checked as bytes, they are kept as they are.
    guard text.utf8.contains(where: { $0 == 0x7B || $0 == 0x7D }) || TerminalText.hasControls(text)
    else { return text }
    return String(
      String.UnicodeScalarView(
        text.unicodeScalars.map { s in
          s == "{" ? "(" : s == "}" ? ")" : TerminalText.isControl(s) ? "_" : s
        }))
  }

  /// `quoted(name)` for a name `layerName` made (one line already), written into `out`: most
  /// need nothing escaped, and are written as they are between quotes, with no string made.
  private static func writeQuoted(_ name: String, into out: inout TextWriter) {
    guard !needsEscapes(name) else { return out.write(quoted(name)) }
    out.write(byte: 0x22)
    out.write(name)
    out.write(byte: 0x22)
  }

  /// Whether `text` holds a quote or a backslash, which a spec's string escapes.
  private static func needsEscapes(_ text: String) -> Bool {
    text.utf8.contains { $0 == 0x22 || $0 == 0x5C }
  }

  static func quoted(_ text: String) -> String {
    let text = oneLine(text)
    guard needsEscapes(text) else {
      return "\"" + text + "\""
    }
    var out = "\""
    for s in text.unicodeScalars {
      if s == "\"" || s == "\\" { out += "\\" }
      out.unicodeScalars.append(s)
    }
    return out + "\""
  }
}
