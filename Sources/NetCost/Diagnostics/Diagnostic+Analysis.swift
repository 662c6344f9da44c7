/// The messages the analyzer emits after a spec has parsed and resolved: a layer whose shapes do
/// not fit, and a published figure that cannot be checked. Same rules as the catalogue of
/// `Diagnostic+Catalog.swift` (docs/diagnostics.md).
extension Diagnostic {
  static func layerError(
    _ error: LayerError, layer: Layer, inputs: [Shape], network: Network
  ) -> Diagnostic {
    let shapes = inputs.map(\.description).joined(separator: ", ")
    let name = "'\(layer.name)'"
    // The message, the keys whose value to underline (first given wins), and whether the input
    // shape helps.
    let (message, keys, showsInput): (String, [String], Bool) =
      switch error {
      case .addShapesDiffer: ("'add' needs inputs of one shape, got \(shapes)", [], false)
      case .concatSizesDiffer:
        ("'concat' needs inputs of one height and width, got \(shapes)", [], false)
      case .multiplyShapesDiffer:
        (
          "'multiply' needs inputs of the first one's shape or 1×1 with its channels, got \(shapes)",
          [], false
        )
      case .partOutOfRange(let part, let parts):
        ("part \(part) of \(name) is past the last of its \(parts) parts", ["part"], true)
      case .channelsNotDivisible(let role, let channels, let groups):
        (
          "\(role) channels \(channels) of \(name) do not divide into \(groups) groups",
          ["groups", "filters"], true
        )
      case .overflow: ("a count of \(name) does not fit in 64 bits", [], true)
      case .windowLargerThanInput(let window, let height, let width):
        (
          "the \(window)×\(window) window of \(name) is larger than its padded input \(height)×\(width)",
          ["kernel"], true
        )
      }
    var notes = showsInput ? [Note("the input of \(name) is \(shapes)")] : []
    notes += layer.callSites.map { Note("in the block called here", at: $0) }
    if !network.parameters.isEmpty {
      let values = network.parameters.map { "\($0.name) = \($0.value.shortDescription)" }
      notes.append(Note("with " + values.joined(separator: ", ")))
    }
    let range = keys.lazy.compactMap { layer.range(ofKey: $0) }.first ?? layer.headRange
    return Diagnostic(message, at: range, notes: notes)
  }

  static func figureNotComputable(_ figure: PublishedFigure, reason: String) -> Diagnostic {
    Diagnostic("cannot check '\(figure.metric.rawValue)': \(reason)", at: figure.range)
  }

  static func figureNotComputable(
    _ figure: PublishedFigure, _ error: Analysis.FigureError
  ) -> Diagnostic {
    switch error {
    case .noSuchLayer(let name): return figureNotComputable(figure, reason: "no layer '\(name)'")
    case .noSuchKind(let kind, let known):
      return Diagnostic(
        "cannot check '\(figure.metric.rawValue)': no layers of kind '\(kind)'", at: figure.range,
        help: Suggest.closest(to: kind, in: known).map { "did you mean '\($0)'?" }
          ?? "the kinds are " + Suggest.quotedList(known))
    case .notComputed: return figureNotComputable(figure, reason: "netcost does not compute it")
    }
  }
}
