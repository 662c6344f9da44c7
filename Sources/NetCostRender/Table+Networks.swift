import NetCostAnalysis

/// The network list: one row per network at its default parameters, with the family (the spec)
/// it is a variant of and the library whose names and layout it follows ("paper" for a network
/// that follows a paper's tables alone).
extension Table {
  public init(networks: [NetworkSummary]) {
    self.init(
      columns: [
        Column(title: "network", alignment: .left),
        Column(title: "family", alignment: .left),
        Column(title: "follows", alignment: .left, key: "library"),
        Column(title: "title", alignment: .left),
        Column(title: "input", alignment: .right),
        Column(title: "params (all)", alignment: .right, key: "params", requested: true),
        Column(title: "MACs", alignment: .right, requested: true),
        Column(title: "parameters", alignment: .left),
      ],
      rows: networks.map { network in
        [
          .name(network.network), .text(network.family), .text(network.library ?? "paper"),
          .name(network.title ?? ""),
          .shape(network.input), .count(network.totals.params), .count(network.totals.macs),
          .text(Self.parameterSummary(network.parameters)),
        ]
      })
  }

  /// `alpha=1 resolution=224 classes=1000`: what `--set` can change, at its defaults.
  static func parameterSummary(_ parameters: [NetworkSummary.Parameter]) -> String {
    parameters.map { "\($0.name)=\($0.value.shortDescription)" }.joined(separator: " ")
  }
}

extension JSONRenderer {
  /// `{"networks": [{"network", "family", "title", "input", "parameters", "totals"}]}`.
  public static func render(networks: [NetworkSummary]) -> String {
    let items: [JSONValue] = networks.map { network in
      .object([
        ("network", .string(network.network)), ("family", .string(network.family)),
        ("library", network.library.map { .string($0) } ?? .null),
        ("title", .string(network.title ?? "")), ("input", .shape(network.input)),
        ("parameters", .object(network.parameters.map { ($0.name, .number($0.value)) })),
        ("totals", totals(network.totals)),
      ])
    }
    return JSONValue.object([("networks", .array(items))]).rendered() + "\n"
  }
}
