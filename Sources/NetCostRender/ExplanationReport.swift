import NetCostAnalysis
import NetCostCore

/// `--explain`: each row's figures with their arithmetic, as EECS 498-007 Lecture 8 works AlexNet's conv1:
///
/// ```
/// conv1: conv 11×11/4 +relu, 227×227×3 → 56×56×64
/// output = (227 − 11 + 2·2) / 4 + 1 = 56
/// memory = 64·56·56·4 B / 1024 = 784 KB
/// params = 64·3·11·11 + 64 = 23,296
/// MACs = (64·56·56)·(3·11·11) = 72,855,552
/// ```
public enum ExplanationReport {
  public static func lines(_ explanation: Explanation) -> [String] {
    let row = explanation.row
    let inputs = row.inputs.map(\.description).joined(separator: " + ")
    // The name escaped here, before the text is split into lines: it may hold a newline.
    var lines = [
      "\(TerminalText.escaped(row.name)): \(row.kindDescription), \(inputs) → \(row.output)"
    ]
    for line in explanation.lines {
      let result =
        line.quantity == .memory
        ? NumberFormat.trimmed(NumberFormat.kilobytes(line.value)) + " KB"
        : NumberFormat.grouped(line.value)
      let arithmetic =
        line.quantity == .memory && line.value != 0
        ? line.arithmetic + " B / 1024" : line.arithmetic
      // A lone number needs no "= itself".
      let worked = arithmetic == String(line.value) ? result : arithmetic + " = " + result
      lines.append("\(line.quantity.rawValue) = \(worked)")
    }
    if row.trainingOnly {
      lines.append("training only: inference never runs it, so its MACs and memory are 0")
    }
    // A convention's terms, each with its rule, then the row's count under it.
    let convention = explanation.convention
    if !row.conventionTerms.isEmpty {
      for term in row.conventionTerms {
        let counts = convention.rules.first { $0.name == term.rule }?.counts ?? ""
        let value = (term.value < 0 ? "−" : "") + NumberFormat.grouped(abs(term.value))
        lines.append("\(convention.rawValue): \(term.rule) = \(value) (\(counts))")
      }
      let terms = row.conventionTerms.map {
        ($0.value < 0 ? " − " : " + ") + NumberFormat.grouped(abs($0.value))
      }
      lines.append(
        "\(convention.unit.rawValue) as \(convention.tool) counts = "
          + NumberFormat.grouped(row.paperMACs) + terms.joined()
          + " = \(NumberFormat.grouped(row.cost.macs))")
    }
    if let (n, k) = explanation.separable {
      let ratio = 1 / Double(n) + 1 / Double(k * k)
      lines.append(
        "depthwise separable = 1/N + 1/K² = 1/\(n) + 1/\(k)² = "
          + NumberFormat.fixed(ratio, places: 4) + " of a full \(k)×\(k) conv's MACs ("
          + NumberFormat.fixed(1 / ratio, places: 2) + "× fewer)")
    }
    return lines
  }

  /// Every row (or one), each explained, separated by blank lines.
  public static func render(_ explanations: [Explanation]) -> String {
    explanations.map { lines($0).joined(separator: "\n") + "\n" }.joined(separator: "\n")
  }
}
