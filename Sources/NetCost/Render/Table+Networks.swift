/// The network list: one row per network at its default parameters.
extension Table {
  public init(networks: [Analysis]) {
    self.init(
      columns: [
        Column(title: "network", alignment: .left),
        Column(title: "title", alignment: .left),
        Column(title: "input", alignment: .right),
        Column(title: "params", alignment: .right),
        Column(title: "MACs", alignment: .right),
      ],
      rows: networks.map {
        [
          .text($0.network), .text($0.title ?? ""), .shape($0.input), .count($0.totals.params),
          .count($0.totals.macs),
        ]
      })
  }
}

extension JSONRenderer {
  /// `{"networks": [{"network", "title", "input", "totals"}]}`.
  public static func render(networks: [Analysis]) -> String {
    let items: [JSONValue] = networks.map {
      .object([
        ("network", .string($0.network)), ("title", .string($0.title ?? "")),
        ("input", .shape($0.input)), ("totals", totals($0.totals)),
      ])
    }
    return JSONValue.object([("networks", .array(items))]).rendered() + "\n"
  }
}
