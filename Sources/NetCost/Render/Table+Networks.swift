/// The network list: one row per network at its default parameters, with the family (the spec)
/// it is a variant of and the library whose names and layout it follows ("paper" for a network
/// that follows a paper's tables alone).
extension Table {
  public init(networks: [(family: String, analysis: Analysis)]) {
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
      rows: networks.map { family, analysis in
        [
          .text(analysis.network), .text(family), .text(analysis.library ?? "paper"),
          .text(analysis.title ?? ""),
          .shape(analysis.input), .count(analysis.totals.params), .count(analysis.totals.macs),
          .text(Self.parameterSummary(analysis.parameters)),
        ]
      })
  }

  /// `alpha=1 resolution=224 classes=1000`: what `--set` can change, at its defaults.
  static func parameterSummary(_ parameters: [Network.Parameter]) -> String {
    parameters.map { "\($0.name)=\($0.defaultValue.shortDescription)" }.joined(separator: " ")
  }
}

extension JSONRenderer {
  /// `{"networks": [{"network", "family", "title", "input", "parameters", "totals"}]}`.
  public static func render(networks: [(family: String, analysis: Analysis)]) -> String {
    let items: [JSONValue] = networks.map { family, analysis in
      .object([
        ("network", .string(analysis.network)), ("family", .string(family)),
        ("library", analysis.library.map { .string($0) } ?? .null),
        ("title", .string(analysis.title ?? "")), ("input", .shape(analysis.input)),
        ("parameters", parameters(analysis.parameters)), ("totals", totals(analysis.totals)),
      ])
    }
    return JSONValue.object([("networks", .array(items))]).rendered() + "\n"
  }
}
