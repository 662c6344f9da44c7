import NetCostAnalysis
import NetCostCore

/// `netcost conventions`: one row per convention, what the tool prints for the network and why it
/// differs from the papers' count, rule by rule (the parts sum to the difference).
public enum ConventionsReport {
  /// `analyses` holds the network analysed under each convention, the papers' first.
  public static func document(_ analyses: [Analysis]) -> Document {
    guard let paper = analyses.first(where: { $0.convention == .paper }) else {
      return Document([])
    }
    let base = paper.totals.macs
    let rows: [[Table.Cell]] = analyses.map { a in
      [
        .text(a.convention.rawValue), .text(a.convention.tool), .text(a.convention.label),
        .count(a.totals.macs), .text(a.convention.unit.rawValue),
        .fixed(ratio(a.totals.macs, base), places: 4),
        .count(a.convention.params.count(a.totals)),
        .text(breakdown(a, base: base)),
      ]
    }
    let table = Table(
      columns: [
        .init(title: "convention", alignment: .left), .init(title: "tool", alignment: .left),
        .init(title: "it prints", alignment: .left, key: "label"),
        .init(title: "count", alignment: .right, key: "value", requested: true),
        .init(title: "unit", alignment: .left),
        .init(title: "× paper", alignment: .right, key: "ratio_to_paper", requested: true),
        .init(title: "params counted", alignment: .right, key: "params"),
        // The breakdown is what the command is for: it stays, wrapped, on a narrow terminal.
        .init(
          title: "difference from the paper's count, by rule", alignment: .left, key: "breakdown",
          requested: true),
      ], rows: rows)
    return Document(
      [
        .lines(AnalysisReport.header(paper)),
        .table(table),
        .lines(
          [
            "each rule's share is of the papers' count (" + NumberFormat.grouped(base)
              + " MACs of conv and fc layers); the parts sum to each difference; "
              + "'netcost <network> --convention <name> --explain' shows a layer's terms"
          ] + Caveats.conventions(paper.provenance)),
      ] + byTorchCall(analyses, paper: paper))
  }

  /// For a network with attention (products of two computed tensors): each convention's count
  /// split by how the PyTorch reference runs the layers (`torch`), since that is where the tools
  /// part: nn.MultiheadAttention's fast path, `F.linear`, `torch.matmul`, `@`, `torch.einsum`.
  static func byTorchCall(_ analyses: [Analysis], paper: Analysis) -> [Document.Block] {
    let products = paper.totals.activationMatmulMacs
    guard products > 0 else { return [] }
    let calls = TorchCall.allCases.filter { call in
      analyses.contains { ($0.macsByTorchCall[call] ?? 0) != 0 }
    }
    let rows: [[Table.Cell]] = analyses.map { a in
      [.text(a.convention.rawValue)] + calls.map { .count(a.macsByTorchCall[$0] ?? 0) }
        + [.count(a.totals.macs)]
    }
    let table = Table(
      columns: [.init(title: "convention", alignment: .left)]
        + calls.map { .init(title: "torch = " + $0.rawValue, alignment: .right) }
        + [.init(title: "count", alignment: .right)],
      rows: rows)
    return [
      .lines([
        "attention: the count of the layers the PyTorch reference runs each way (the spec's "
          + "`torch` key); the papers leave out its " + NumberFormat.grouped(products)
          + " MACs of activation products (Q·Kᵀ and A·V), which each tool counts, or not, by how "
          + "they run"
      ]),
      .table(table),
    ]
  }

  /// `+ fc bias 1,000 (0.00 %), + batch norm 22,227,968 (0.54 %)`: each rule that added
  /// something, and its share of the papers' count.
  static func breakdown(_ a: Analysis, base: Int) -> String {
    a.conventionTerms.filter { $0.value != 0 }.map { term in
      (term.value < 0 ? "− " : "+ ") + term.rule + " " + NumberFormat.grouped(abs(term.value))
        + " (" + NumberFormat.fixed(abs(ratio(term.value, base) * 100), places: 2) + " %)"
    }.joined(separator: ", ")
  }

  static func ratio(_ a: Int, _ b: Int) -> Double { b == 0 ? 0 : Double(a) / Double(b) }
}

extension JSONRenderer {
  /// `{"network", "conventions": [{"name", "tool", "label", "value", "unit", "ratioToPaper",
  /// "params", "breakdown": [{"rule", "value"}]}]}`; for a network with attention, each
  /// convention also has `"byTorchCall": {"module": …, "fastpath": …}`, as the text's table.
  public static func render(conventions analyses: [Analysis]) -> String {
    let paper = analyses.first { $0.convention == .paper }
    let base = paper?.totals.macs ?? 0
    let attention = (paper?.totals.activationMatmulMacs ?? 0) > 0
    let items: [JSONValue] = analyses.map { a in
      let byCall: [(String, JSONValue)] =
        attention
        ? [
          (
            "byTorchCall",
            .object(
              TorchCall.allCases.compactMap { call in
                a.macsByTorchCall[call].map { (call.rawValue, .integer($0)) }
              })
          )
        ] : []
      return .object(
        [
          ("name", .string(a.convention.rawValue)), ("tool", .string(a.convention.tool)),
          ("label", .string(a.convention.label)), ("value", .integer(a.totals.macs)),
          ("unit", .string(a.convention.unit.rawValue)),
          ("ratioToPaper", .number(ConventionsReport.ratio(a.totals.macs, base))),
          ("params", .integer(a.convention.params.count(a.totals))),
          (
            "breakdown",
            .array(
              a.conventionTerms.map {
                .object([("rule", .string($0.rule)), ("value", .integer($0.value))])
              })
          ),
        ] + byCall)
    }
    let caveats = Caveats.conventions(paper?.provenance ?? .spec)
    return JSONValue.object(
      [("network", .string(analyses.first?.network ?? "")), ("conventions", .array(items))]
        + (caveats.isEmpty ? [] : [("caveats", .array(caveats.map { .string($0) }))])
    ).rendered() + "\n"
  }
}

extension ConventionsReport {
  /// Every convention's rules as Markdown, for docs/cost-model.md ("Why the tools disagree").
  public static func rulesMarkdown() -> String {
    var blocks: [Document.Block] = []
    for convention in Convention.allCases {
      let unit = convention.unit == .flops ? " (FLOPs)" : ""
      blocks.append(
        .lines([
          "**\(convention.rawValue)** — \(convention.tool); prints \"\(convention.label)\"\(unit);"
            + " params counted: \(convention.params.rawValue)."
        ]))
      guard !convention.rules.isEmpty else { continue }
      blocks.append(
        .table(
          Table(
            columns: [
              .init(title: "rule", alignment: .left), .init(title: "adds", alignment: .left),
              .init(title: "source", alignment: .left),
            ],
            rows: convention.rules.map { [.text($0.name), .text($0.counts), .text($0.source)] })))
    }
    return Document(blocks).renderedAsMarkdown()
  }
}
