/// Messages for layers that cannot be computed on their input (the analyzer's `LayerError`s) and
/// for parameter values given on the command line. Kept beside the catalogue, alphabetical too.
extension Diagnostic {
  static func layerError(_ error: LayerError, layer: Layer, inputs: [Shape], network: Network)
    -> Diagnostic
  {
    let shapes = inputs.map(\.description).joined(separator: ", ")
    let inputNote = Note("the input of '\(layer.name)' is \(shapes)")
    let message: String
    var range = layer.headRange
    var notes: [Note]
    switch error {
    case .addShapesDiffer:
      message = "'add' needs inputs of one shape, got \(shapes)"
      notes = []
    case .multiplyShapesDiffer:
      message = "'multiply' needs inputs of the first one's shape or 1×1 with its channels, got \(shapes)"
      notes = []
    case .partOutOfRange(let part, let parts):
      message = "part \(part) of '\(layer.name)' is past the last of its \(parts) parts"
      range = layer.range(ofKey: "part") ?? range
      notes = [inputNote]
    case .concatSizesDiffer:
      message = "'concat' needs inputs of one height and width, got \(shapes)"
      notes = []
    case .channelsNotDivisible(let role, let channels, let groups):
      message = "\(role) channels \(channels) of '\(layer.name)' do not divide into \(groups) groups"
      range = layer.range(ofKey: "groups") ?? layer.range(ofKey: "filters") ?? range
      notes = [inputNote]
    case .overflow:
      message = "a count of '\(layer.name)' does not fit in 64 bits"
      notes = [inputNote]
    case .windowLargerThanInput(let window, let height, let width):
      message = "the \(window)×\(window) window of '\(layer.name)' is larger than its padded input \(height)×\(width)"
      range = layer.range(ofKey: "kernel") ?? range
      notes = [inputNote]
    }
    notes += layer.callSites.map { Note("in the block called here", at: $0) }
    if !network.parameters.isEmpty {
      let values = network.parameters.map { "\($0.name) = \($0.value.shortDescription)" }
      notes.append(Note("with " + values.joined(separator: ", ")))
    }
    return Diagnostic(message, at: range, notes: notes)
  }
}

extension Diagnostic {
  static func figureNotComputable(_ figure: PublishedFigure, reason: String) -> Diagnostic {
    Diagnostic("cannot check '\(figure.metric.rawValue)': \(reason)", at: figure.range)
  }

  static func figureNotComputable(_ figure: PublishedFigure, _ error: Analysis.FigureError)
    -> Diagnostic
  {
    switch error {
    case .noSuchLayer(let name):
      return figureNotComputable(figure, reason: "no layer '\(name)'")
    case .noSuchKind(let kind, let known):
      return Diagnostic("cannot check '\(figure.metric.rawValue)': no layers of kind '\(kind)'",
        at: figure.range, help: Suggest.closest(to: kind, in: known).map { "did you mean '\($0)'?" }
          ?? "the kinds are " + known.map { "'\($0)'" }.joined(separator: ", "))
    case .notComputed:
      return figureNotComputable(figure, reason: "netcost does not compute it")
    }
  }
}

extension ParameterError {
  public var message: String {
    switch self {
    case .unknown(let name, let network, _):
      "network '\(network)' has no parameter '\(name)'"
    case .outOfRange(let name, let value, let interval):
      "parameter '\(name)' must be in \(interval), got \(value.shortDescription)"
    case .notWhole(let name, let value):
      "parameter '\(name)' takes whole numbers, got \(value.shortDescription)"
    }
  }

  public var help: String? {
    guard case .unknown(let name, _, let known) = self else { return nil }
    if let closest = Suggest.closest(to: name, in: known) { return "did you mean '\(closest)'?" }
    return known.isEmpty
      ? "it takes no parameters"
      : "its parameters are " + known.map { "'\($0)'" }.joined(separator: ", ")
  }
}
