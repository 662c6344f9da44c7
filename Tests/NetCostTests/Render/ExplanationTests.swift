import NetCost
import Testing

/// `--explain` prints the analyzer's own arithmetic: every printed line, recomputed here from its
/// text alone, gives the printed result and the analyzer's figure.
@Suite struct ExplanationTests {
  /// EECS 498-007 Lecture 8's worked conv1, line for line (issue: "prints the five lines above").
  @Test func alexnetConv1AsSeed003() throws {
    let a = try Run.analysis("alexnet")
    let text = ExplanationReport.lines(try Explanation(try a.row("conv1")))
    #expect(
      text == [
        "conv1: conv 11×11/4 +relu, 227×227×3 → 56×56×64",
        "output = (227 − 11 + 2·2) / 4 + 1 = 56",
        "memory = 64·56·56·4 B / 1024 = 784 KB",
        "params = 64·3·11·11 + 64 = 23,296",
        "MACs = (64·56·56)·(3·11·11) = 72,855,552",
      ])
  }

  @Test func separableRatioAfterADepthwiseRow() throws {
    let a = try Run.analysis("mobilenet")
    let pw = try a.row("conv_pw_1")
    let dw = try a.row("conv_dw_1")
    let lines = ExplanationReport.lines(try Explanation(pw, previous: dw))
    #expect(
      lines.last == "depthwise separable = 1/N + 1/K² = 1/64 + 1/3² = 0.1267 of a full "
        + "3×3 conv's MACs (7.89× fewer)")
  }

  /// Every line of every row of every built-in: the arithmetic evaluates to the value, and the
  /// value is the analyzer's.
  @Test(arguments: Run.builtinNames)
  func everyLineRecomputes(_ name: String) throws {
    let a = try Run.analysis(name)
    for (i, row) in a.rows.enumerated() {
      let explanation = try Explanation(row, previous: i > 0 ? a.rows[i - 1] : nil)
      for line in explanation.lines {
        var parser = ArithmeticParser(line.arithmetic)
        #expect(try parser.evaluate() == line.value, "\(row.name): \(line.arithmetic)")
      }
      let values = Dictionary(explanation.lines.map { ($0.quantity, $0.value) }) { a, _ in a }
      #expect(values[.memory] == row.activationBytes)
      if let macs = values[.macs] { #expect(macs == row.cost.macs, "\(row.name)") }
      let parameterLines: Set<Explanation.Line.Quantity> = [
        .params, .batchNorm, .layerNorm, .scale, .prelu, .learned,
      ]
      let params = explanation.lines.filter { parameterLines.contains($0.quantity) }
        .reduce(0) { $0 + $1.value }
      #expect(params == row.cost.params, "\(row.name)")
      if let output = values[.output] {
        #expect(output == row.output.height && output == row.output.width)
      }
      if let channels = values[.channels] { #expect(channels == row.output.channels) }
    }
  }
}

/// Integer arithmetic as `--explain` writes it: `·`, `+`, `−`, `/` (rounding down), `⌈ ⌉`, parentheses.
struct ArithmeticParser {
  struct Failure: Error {}
  private var scalars: [Character]
  private var i = 0

  init(_ text: String) { scalars = Array(text.filter { $0 != " " }) }

  mutating func evaluate() throws -> Int {
    let value = try sum()
    guard i == scalars.count else { throw Failure() }
    return value
  }

  private mutating func sum() throws -> Int {
    var value = try product()
    while i < scalars.count, scalars[i] == "+" || scalars[i] == "−" {
      let op = scalars[i]
      i += 1
      let right = try product()
      value = op == "+" ? value + right : value - right
    }
    return value
  }

  private mutating func product() throws -> Int {
    var value = try atom()
    while i < scalars.count, scalars[i] == "·" || scalars[i] == "/" {
      let op = scalars[i]
      i += 1
      let right = try atom()
      value = op == "·" ? value * right : value / right
    }
    return value
  }

  private mutating func atom() throws -> Int {
    guard i < scalars.count else { throw Failure() }
    if scalars[i] == "(" || scalars[i] == "⌈" {
      let close: Character = scalars[i] == "(" ? ")" : "⌉"
      let ceiling = scalars[i] == "⌈"
      i += 1
      var value: Int
      if ceiling {
        // ⌈a / b⌉: evaluate a and b apart so the division rounds up.
        let a = try atomicProduct()
        guard scalars[i] == "/" else { throw Failure() }
        i += 1
        let b = try atom()
        value = (a + b - 1) / b
      } else {
        value = try sum()
      }
      guard i < scalars.count, scalars[i] == close else { throw Failure() }
      i += 1
      return value
    }
    var digits = ""
    while i < scalars.count, scalars[i].isNumber { digits.append(scalars[i]); i += 1 }
    guard let value = Int(digits) else { throw Failure() }
    return value
  }

  /// The dividend inside ⌈ ⌉: a product or a parenthesised sum, stopping at `/`.
  private mutating func atomicProduct() throws -> Int {
    var value = try atom()
    while i < scalars.count, scalars[i] == "·" {
      i += 1
      value *= try atom()
    }
    return value
  }
}
