/// The network list: one row per network at its default parameters.
extension Table {
  public init(networks: [Analysis]) {
    self.init(
      columns: [
        Column(title: "network", alignment: .left),
        Column(title: "title", alignment: .left),
        Column(title: "input", alignment: .right),
        Column(title: "params (all)", alignment: .right, key: "params"),
        Column(title: "MACs", alignment: .right),
        Column(title: "parameters", alignment: .left),
      ],
      rows: networks.map {
        [
          .text($0.network), .text($0.title ?? ""), .shape($0.input), .count($0.totals.params),
          .count($0.totals.macs), .text(Self.parameterSummary($0.parameters)),
        ]
      })
  }

  /// `alpha=1 resolution=224 classes=1000`: what `--set` can change, at its defaults.
  static func parameterSummary(_ parameters: [Network.Parameter]) -> String {
    parameters.map { "\($0.name)=\($0.defaultValue.shortDescription)" }.joined(separator: " ")
  }
}

extension JSONRenderer {
  /// `{"networks": [{"network", "title", "input", "totals"}]}`.
  public static func render(networks: [Analysis]) -> String {
    let items: [JSONValue] = networks.map {
      .object([
        ("network", .string($0.network)), ("title", .string($0.title ?? "")),
        ("input", .shape($0.input)), ("parameters", parameters($0.parameters)),
        ("totals", totals($0.totals)),
      ])
    }
    return JSONValue.object([("networks", .array(items))]).rendered() + "\n"
  }
}
