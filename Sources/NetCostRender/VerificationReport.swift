import NetCostAnalysis
import NetCostCore

/// `netcost verify`: every published figure against netcost's count, with the reason where they
/// differ, and the tally.
public enum VerificationReport {
  public static func document(_ verification: Verification, title: String? = nil) -> Document {
    var notes: [String] = []
    // Each note's number, found by its text: 50,000 notes each looked for among those before
    // took 4.4 s (issue 25).
    var numbers: [String: Int] = [:]
    let rows: [[Table.Cell]] = verification.checks.map { check in
      var status = check.status.rawValue
      if let note = check.figure.note, check.status != .matches {
        // A note shared by several figures is printed once.
        let number = numbers[note, default: notes.count + 1]
        if number > notes.count {
          notes.append(note)
          numbers[note] = number
        }
        status += " [\(number)]"
      }
      let figure = check.figure
      let conditions = figure.conditions.sorted { $0.key < $1.key }
        .map { "\($0.key) = \($0.value.shortDescription)" }.joined(separator: ", ")
      return [
        // A spec's words (its name, parameters, labels, source), which a file may have chosen.
        .name(check.network), .name(conditions), .name(describe(figure)),
        .display(
          display(figure.value, places: figure.decimals, figure),
          raw: (figure.value * figure.unit.scale).shortDescription),
        .display(
          display(check.computed, places: computedPlaces(figure), figure),
          raw: (check.computed * figure.unit.scale).shortDescription),
        .difference(check.difference), .display(status, raw: check.status.rawValue),
        .name(figure.source),
      ]
    }
    let table = Table(
      columns: [
        .init(title: "network", alignment: .left), .init(title: "at", alignment: .left),
        .init(title: "figure", alignment: .left), .init(title: "published", alignment: .right),
        .init(title: "computed", alignment: .right),
        .init(title: "difference", alignment: .right, key: "difference_percent"),
        // The verdict is what `verify` is for: a narrow terminal keeps it.
        .init(title: "status", alignment: .left, requested: true),
        .init(title: "source", alignment: .left),
      ],
      rows: rows)
    var blocks: [Document.Block] = []
    if let title { blocks.append(.heading(2, title)) }
    blocks.append(.table(table))
    if !notes.isEmpty { blocks.append(.notes(notes)) }
    blocks.append(.lines([summary(verification)]))
    return Document(blocks)
  }

  /// A value in the figure's unit: `4,253,864`, `325.40 M`, `94.857 %`.
  static func display(_ value: Double, places: Int, _ figure: PublishedFigure) -> String {
    NumberFormat.fixed(value, places: places)
      + (figure.unit.symbol.isEmpty ? "" : " " + figure.unit.symbol)
  }

  /// Exact counts stay whole; anything printed rounded gets a place more than it was printed with.
  static func computedPlaces(_ figure: PublishedFigure) -> Int {
    figure.unit.scale == 1 && figure.decimals == 0 && figure.metric.isCount
      ? 0 : max(2, figure.decimals + 1)
  }

  /// `52 checked: 40 match, 12 differ (explained), 0 unexplained`.
  public static func summary(_ v: Verification) -> String {
    "\(v.checks.count) checked: \(v.count(.matches)) match, \(v.count(.differs)) differ "
      + "(explained), \(v.count(.unexplained)) unexplained"
  }

  /// `macs`, `weights of conv_dw_7, conv_pw_7`, `macs_share of kind Conv 1×1`, `macs_reduction vs vgg16`.
  public static func describe(_ figure: PublishedFigure) -> String {
    switch figure.selector {
    case .network: figure.metric.rawValue
    case .layers(let names):
      // Rows' figures add up; a tensor's is the largest of them.
      figure.metric.rawValue + " of "
        + names.joined(separator: figure.metric == .tensorMemory ? ", " : " + ")
    case .kind(let kind): figure.metric.rawValue + " of " + kind
    case .versus(let other): figure.metric.rawValue + " vs " + other
    }
  }
}
