/// A parameter value given from outside the spec (the command line) that the spec does not accept.
/// The CLI reports these as usage errors, with the messages below.
public enum ParameterError: Error, Hashable, Sendable {
  case unknown(name: String, network: String, known: [String])
  case outOfRange(name: String, value: Double, interval: String)
  case notWhole(name: String, value: Double)
  /// A sweep over more points than `Limit.sweepLayers` allows for a network of this size;
  /// `folding`: an imported model's constants, folded again at each point, as layers; `inputs`:
  /// the inputs layers read besides their first (a merge of a thousand), each as a layer;
  /// `fresh`: the layers made afresh (`Network.freshLayerWork` more each).
  case sweepTooLarge(points: Int, layers: Int, folding: Int = 0, inputs: Int = 0, fresh: Int = 0)
  /// Networks compared whose layers come to more than `Limit.comparedLayers`.
  case comparisonTooLarge(networks: Int, limit: Int = Limit.comparedLayers.value)
  /// A graph with more rows, bends or edges than `Limit.graphRows`, `Limit.graphBends` or
  /// `Limit.graphEdges` allows.
  case graphTooLarge(Limit, count: Int)
  /// A picture or explanation of more rows than `Limit.chartRows` or `Limit.explainedRows`.
  case tooManyRows(Limit, count: Int)
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
    case .sweepTooLarge(let points, let layers, let folding, let inputs, let fresh):
      "the sweep would analyse \(points) points of \(layers) layers each"
        + Self.workRemark(folding: folding, inputs: inputs, fresh: fresh)
        + "; it may analyse at most \(Limit.sweepLayers.value) "
        + "layers in all"
    case .comparisonTooLarge(let networks, let limit):
      "the \(networks) networks compared have more than \(NumberFormat.grouped(limit)) layers "
        + "in all (counting each input a layer reads besides its first as one, and each layer "
        + "made afresh as \(1 + Network.freshLayerWork)), the most a comparison analyses"
    case .graphTooLarge(let limit, let count):
      "the graph would have \(NumberFormat.grouped(count)) "
        + "\(limit == .graphRows ? "rows" : limit == .graphEdges ? "edges" : "bends"); "
        + "it may have at most \(NumberFormat.grouped(limit.value)) \(limit.doc)"
    case .tooManyRows(let limit, let count):
      "the network has \(NumberFormat.grouped(count)) rows; at most "
        + "\(NumberFormat.grouped(limit.value)) are \(limit == .chartRows ? "drawn" : "explained")"
        + " (\(limit.doc))"
    }
  }

  public var help: String? {
    switch self {
    case .graphTooLarge(.graphRows, _), .tooManyRows(.chartRows, _):
      return "the table ('netcost analyze') shows every row of a network of any size"
    case .tooManyRows:
      return "explain one row: '--explain <layer>'"
    default: break
    }
    guard case .unknown(let name, _, let known) = self else { return nil }
    if let closest = Suggest.closest(to: name, in: known) { return "did you mean '\(closest)'?" }
    return known.isEmpty
      ? "it takes no parameters"
      : "its parameters are " + known.map { "'\($0)'" }.joined(separator: ", ")
  }
}

extension ParameterError {
  /// What a sweep's or a search's budget counts besides the layers: an imported model's
  /// constants, folded again at each point (`ImportedModel.rebuildWork`), the inputs layers
  /// read besides their first (`Network.inputsBesidesFirst`), and the layers made afresh
  /// (`Network.freshLayerWork` more each); nothing when there are none.
  package static func workRemark(folding: Int, inputs: Int, fresh: Int = 0) -> String {
    var more: [String] = []
    if folding > 0 {
      more.append("\(NumberFormat.grouped(folding)) more for building the model again at each")
    }
    if inputs > 0 {
      more.append(
        "\(NumberFormat.grouped(inputs)) more for the inputs layers read besides their first")
    }
    if fresh > 0 {
      more.append(
        "\(NumberFormat.grouped(fresh.saturatingMultiply(Network.freshLayerWork))) more for the "
          + "\(NumberFormat.grouped(fresh)) \(fresh == 1 ? "layer" : "layers") made afresh")
    }
    return more.isEmpty ? "" : " (and " + more.joined(separator: ", and ") + ")"
  }
}
