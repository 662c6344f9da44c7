import Testing

@testable import NetCostCLI

/// On a narrow terminal the columns a flag or the command asked for stay (issue 26, part 3):
/// the others are left out first, from the right, and the notice names them and how to see
/// them. Before, columns went from the right whatever they were: `--device`'s roofline at 80
/// columns, `list`'s MACs, `conventions`' breakdown and plain analyze's MACs at 60.
@Suite struct NarrowTerminalTests {
  static func run(_ arguments: [String], width: Int) -> String {
    let context = Context(
      readFile: { _ in .failure(.notFound) }, writeFiles: { _ in .success(()) },
      environment: ["NO_COLOR": "1"], stderrIsTerminal: false, terminalWidth: width)
    return CLI.run(arguments, context: context).stdout
  }

  struct Case: Sendable, CustomTestStringConvertible {
    var arguments: [String]
    var width: Int
    /// Titles the table's header must show whole.
    var kept: [String]
    /// The notice's list of what was left out; nil when nothing was.
    var leftOut: String?
    var testDescription: String { arguments.joined(separator: " ") + " at \(width)" }
  }

  static let roofline = ["params (all)", "MACs", "moved KB", "MACs/B", "bound", "µs ≥"]
  static let cases: [Case] = [
    Case(
      arguments: ["mobilenet", "--device", "t4"], width: 80, kept: roofline,
      leftOut: "kind, output, memory KB"),
    Case(
      arguments: ["mobilenet", "--device", "t4"], width: 100, kept: ["kind"] + roofline,
      leftOut: "memory KB"),
    Case(
      arguments: ["mobilenet", "--memory", "pytorch"], width: 80,
      kept: ["output", "MACs", "live KB"], leftOut: "memory KB"),
    Case(
      arguments: ["mobilenet", "--memory", "pytorch"], width: 100,
      kept: ["memory KB", "live KB"], leftOut: nil),
    Case(
      arguments: ["mobilenet", "--optimizer", "adam"], width: 80, kept: ["saved KB"],
      leftOut: "memory KB"),
    Case(
      arguments: ["vgg16", "--columns", "rf"], width: 80,
      kept: ["MACs", "RF", "RF stride", "RF padding"], leftOut: "kind, output, memory KB"),
    Case(
      arguments: ["conventions", "resnet50"], width: 80,
      kept: ["count", "× paper", "difference from the paper's count, by rule"],
      leftOut: "tool, it prints, unit, params counted"),
    Case(
      arguments: ["conventions", "resnet50"], width: 100,
      kept: ["tool", "count", "× paper", "difference from the paper's count, by rule"],
      leftOut: "unit, params counted"),
    // The commands' own verdicts: a comparison's ratios, verify's status, fit's budgeted
    // figures and whether each point fits (a review found them left out first).
    Case(
      arguments: ["compare", "vgg16", "mobilenet", "resnet50", "googlenet"], width: 80,
      kept: ["params (paper) ratio", "MACs ratio"], leftOut: "memory (MB), param memory (MB)"),
    Case(
      arguments: ["verify", "mobilenet"], width: 80, kept: ["status"],
      leftOut: "difference, source"),
    Case(
      arguments: ["fit", "mobilenet", "--macs", "300M", "--vary", "resolution"], width: 50,
      kept: ["resolution", "MACs", "fits"], leftOut: "params (all)"),
    Case(
      arguments: ["list"], width: 80, kept: ["network", "params (all)", "MACs"],
      leftOut: "title, input, parameters"),
    Case(
      arguments: ["list"], width: 100, kept: ["title", "params (all)", "MACs"],
      leftOut: "parameters"),
    Case(
      arguments: ["mobilenet"], width: 60, kept: ["kind", "params (all)", "MACs"],
      leftOut: "output, memory KB"),
  ]

  @Test(arguments: cases)
  func requestedColumnsStay(_ c: Case) {
    let text = Self.run(c.arguments, width: c.width)
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    for line in lines {
      #expect(line.unicodeScalars.count <= c.width, "\(line)")
    }
    // The header is every line from the blank line above the rule to the rule (a wrapping
    // column's title takes two); its titles are separated by two spaces or more.
    guard let rule = lines.firstIndex(where: { $0.hasPrefix("─") }) else {
      Issue.record("no table")
      return
    }
    let start = lines[..<rule].lastIndex(of: "").map { $0 + 1 } ?? 0
    let header = lines[start..<rule].joined(separator: "  ")
    let titles = header.split(separator: "  ").map { $0.trimmingSpaces }
    let joined = titles.joined(separator: " ")
    for title in c.kept {
      #expect(titles.contains(title) || joined.contains(title), "'\(title)' in \(titles)")
    }
    let notice = lines.drop { !$0.hasPrefix("(") }.prefix { !$0.isEmpty }
      .map { $0.trimmingSpaces }.joined(separator: " ")
    if let leftOut = c.leftOut {
      #expect(notice.contains("left out: " + leftOut + ";"), "\(notice)")
      #expect(notice.hasSuffix("a wider terminal or --format csv shows all)"), "\(notice)")
    } else {
      #expect(!notice.contains("left out"), "\(notice)")
    }
  }

  /// `conventions` at 80 columns: the breakdown wraps under its title, every rule whole (the
  /// figures are `netcost conventions resnet50` at full width, where the breakdown is one line).
  @Test func theBreakdownWraps() {
    let text = Self.run(["conventions", "resnet50"], width: 80)
    let table = text.split(separator: "\n", omittingEmptySubsequences: false)
      .drop { !$0.hasPrefix("convention ") }.prefix { !$0.isEmpty }.joined(separator: "\n")
    #expect(
      table == """
        convention            count  × paper  difference from the paper's count, by rule
        ────────────  ─────────────  ───────  ──────────────────────────────────────────
        paper         4,089,184,256   1.0000
        torchinfo     4,089,238,376   1.0000  + fc bias 1,000 (0.00 %), + batch norm
                                              53,120 (0.00 %)
        fvcore        4,111,512,576   1.0055  + batch norm 22,227,968 (0.54 %),
                                              + adaptive average pooling 100,352
                                              (0.00 %)
        ptflops       4,132,436,968   1.0106  + fc bias 1,000 (0.00 %), + batch norm
                                              22,227,968 (0.54 %), + activation modules
                                              9,608,704 (0.23 %), + pooling modules
                                              903,168 (0.02 %), + counted twice
                                              10,511,872 (0.26 %)
        ptflops-aten  4,089,185,256   1.0000  + fc bias 1,000 (0.00 %)
        thop          4,133,742,592   1.0109  + batch norm 44,455,936 (1.09 %),
                                              + adaptive average pooling 102,400
                                              (0.00 %)
        keras         4,089,184,256   1.0000
        flops         8,211,108,352   2.0080  + two FLOPs per MAC 4,089,184,256
                                              (100.00 %), + batch norm 22,227,968
                                              (0.54 %), + activations 9,608,704
                                              (0.23 %), + pooling 903,168 (0.02 %)
        flop-counter  8,178,368,512   2.0000  + two FLOPs per MAC 4,089,184,256
                                              (100.00 %)
        (left out: tool, it prints, unit, params counted; a wider terminal or --format
          csv shows all)
        """)
  }
}

extension Substring {
  fileprivate var trimmingSpaces: String {
    String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
  }
}
