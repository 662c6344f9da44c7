/// Diagnostics about a layer that cannot be computed on its input: the message names the layer,
/// underlines the key at fault and notes the input shape, the block calls and the parameters.
extension Diagnostic {
  package static func layerError(
    _ error: LayerError, layer: Layer, inputs: [Shape], network: Network
  ) -> Diagnostic {
    let shapes = inputs.map(\.description).joined(separator: ", ")
    let name = "'\(layer.name)'"
    let (message, keys, showsInput) = layerMessage(
      error, layer: layer.name, kind: layer.kind, inputs: inputs)
    // A memory walk's overflow knows the layer, not its inputs: no note then.
    var notes = showsInput && !inputs.isEmpty ? [Note("the input of \(name) is \(shapes)")] : []
    notes += layer.callSites.map { Note("in the block called here", at: $0) }
    if !network.parameters.isEmpty {
      let values = network.parameters.map { "\($0.name) = \($0.value.shortDescription)" }
      notes.append(Note("with " + values.joined(separator: ", ")))
    }
    let range = keys.lazy.compactMap { layer.range(ofKey: $0) }.first ?? layer.headRange
    return Diagnostic(message, at: range, notes: notes)
  }

  /// Why a layer cannot be computed, as a sentence: the one place each `LayerError` gets its
  /// words (the analyzer's diagnostics and the ONNX importer's both use it). Also the keys to
  /// underline (the first given wins) and whether the input's shape helps.
  package static func layerMessage(
    _ error: LayerError, layer: String, kind: LayerKind, inputs: [Shape]
  ) -> (message: String, keys: [String], showsInput: Bool) {
    let shapes = inputs.map(\.description).joined(separator: ", ")
    let name = "'\(layer)'"
    return
      switch error
    {
    case .notBroadcastable:
      (
        "'\(kind.rawValue)' needs inputs that broadcast to one shape (from the last axis, each "
          + "size equal or 1), got \(shapes)", [], false
      )
    case .concatSizesDiffer(_, let axis) where axis == -1:
      ("'concat' needs inputs of one height and width, got \(shapes)", [], false)
    case .concatSizesDiffer(_, let axis):
      (
        "'concat' along axis \(axis) needs inputs whose other sizes agree, got \(shapes)",
        ["axis"], false
      )
    case .needsMap(let shape):
      (
        "\(name) reads a feature map (height × width × channels), but its input is \(shape)",
        [], false
      )
    case .needsVolume(let shape, let window):
      (
        "\(name) slides a \(window.window) window over depth, which needs a volume "
          + "(depth × height × width × channels), but its input is \(shape)",
        ["kernel", "stride", "dilation", "padding"], false
      )
    case .windowDeeperThanInput(let window, let depth):
      (
        "the window of \(name) spans \(window) frames of depth, more than its padded input's "
          + "\(depth)", ["kernel"], true
      )
    case .inputCount(let expected, let got):
      ("\(name) multiplies \(expected) inputs, not \(got)", ["from"], false)
    case .matmulSizesDiffer(let a, let b):
      (
        "\(name) multiplies \(a) by \(b): the first's last size must equal the second's "
          + "next-to-last (its last, transposed), both of rank 2 or more", ["transposed"], false
      )
    case .axisOutOfRange(let axis, let rank):
      (
        "axis \(axis) of \(name) is outside its input's \(rank) axes (0 to \(rank - 1), or "
          + "−1 to −\(rank) from the last)", ["axis", "axes", "perm"], true
      )
    case .notAPermutation(let perm, let rank):
      (
        "\(name) orders the axes \(perm), which does not name each of its \(rank) axes once",
        ["perm"], true
      )
    case .outputPaddingTooLarge(let padding, let stride, let dilation):
      (
        "\(name) has output_padding \(padding), which must be smaller than its stride \(stride) or "
          + "its dilation \(dilation) (PyTorch's rule)", ["output_padding"], true
      )
    case .transposedOutputEmpty(let height, let width):
      (
        "\(name) would make a map of \(height)×\(width): its padding cuts away more than the "
          + "transposed convolution makes", ["padding"], true
      )
    case .repeatsDiffer(let repeats, let rank):
      (
        "\(name) repeats \(repeats): a tile takes one count of at least 1 for each of its "
          + "input's \(rank) axes", ["repeats"], true
      )
    case .repeatedAxis(let axis):
      ("\(name) names axis \(axis) twice", ["axes"], true)
    case .rankOutOfRange(let rank):
      (
        "\(name) makes a tensor of rank \(rank); netcost holds ranks 1 to \(Shape.maxRank) "
          + "(the batch left out)", [], true
      )
    case .emptySlice(let start, let end, let step, let size):
      (
        "\(name) slices \(start)..<\(end) by \(step) of an axis of \(size), which keeps nothing",
        ["start", "end", "step"], true
      )
    case .partOutOfRange(let part, let parts):
      ("part \(part) of \(name) is past the last of its \(parts) parts", ["part"], true)
    case .channelsNotDivisible(let role, let channels, let groups):
      (
        "\(role) channels \(channels) of \(name) do not divide into \(groups) groups",
        ["groups", "filters"], true
      )
    case .reshapeSizeDiffers(let from, let to):
      ("\(name) reshapes \(from) to \(to), which holds a different number of values", [], false)
    case .overflow: ("a count of \(name) does not fit in 64 bits", [], true)
    case .cropLeavesNothing(let cut, let size):
      (
        "\(name) cuts \(cut) rows or columns off a side of \(size), which leaves nothing",
        ["top", "bottom", "left", "right"], true
      )
    case .windowLargerThanInput(let window, let height, let width):
      (
        "the \(window.window) window of \(name) is larger than its padded input \(height)×\(width)",
        ["kernel"], true
      )
    }
  }
}
