/// A whole number computed with overflow checks and, when explaining, the arithmetic that made it.
///
/// Every formula netcost uses is written once, in `Formulas.swift`, over `Count`s: the analyzer
/// runs it without text; `--explain` runs the very same code with text, so what it prints is what
/// was computed (`64·3·11·11 + 64 = 23,296`).
public struct Count: Sendable {
  public let value: Int
  /// The arithmetic, as a person would write it; nil when not explaining.
  public let text: String?
  private let precedence: Precedence

  private enum Precedence: Int, Comparable {
    case sum, product, atom
    static func < (a: Precedence, b: Precedence) -> Bool { a.rawValue < b.rawValue }
  }

  private init(_ value: Int, _ text: String?, _ precedence: Precedence) {
    self.value = value
    self.text = text
    self.precedence = precedence
  }

  /// A number from the network (a kernel size, a channel count), written as itself.
  public init(_ value: Int, explaining: Bool) {
    self.init(value, explaining ? String(value) : nil, .atom)
  }

  /// A count whose arithmetic is not worth showing (a flattened input: `9216`).
  public init(_ value: Int, like other: Count) {
    self.init(value, explaining: other.text != nil)
  }

  private func operand(_ at: Precedence) -> String {
    guard let text else { return "" }
    return precedence < at ? "(" + text + ")" : text
  }

  /// Inlined to its first line: the arithmetic of a million layers' costs shows no text, and
  /// asks for none more cheaply without a call.
  @inline(__always)
  private static func join(
    _ a: Count, _ symbol: String, _ b: Count, _ at: Precedence,
    right: Precedence
  ) -> String? {
    guard a.text != nil, b.text != nil else { return nil }
    return joined(a, symbol, b, at, right: right)
  }

  @inline(never)
  private static func joined(
    _ a: Count, _ symbol: String, _ b: Count, _ at: Precedence,
    right: Precedence
  ) -> String {
    a.operand(at) + symbol + b.operand(right)
  }

  public static func * (a: Count, b: Count) throws(LayerError) -> Count {
    let (value, overflow) = a.value.multipliedReportingOverflow(by: b.value)
    if overflow { throw .overflow }
    return Count(value, join(a, "·", b, .product, right: .product), .product)
  }

  public static func + (a: Count, b: Count) throws(LayerError) -> Count {
    let (value, overflow) = a.value.addingReportingOverflow(b.value)
    if overflow { throw .overflow }
    return Count(value, join(a, " + ", b, .sum, right: .sum), .sum)
  }

  /// a + b + c + …, its text joined once: adding term by term copies the text so far at every
  /// term, quadratic in a concatenation of 300,000 inputs.
  public static func sum(_ terms: [Count]) throws(LayerError) -> Count {
    var value = 0
    for term in terms {
      let (total, overflow) = value.addingReportingOverflow(term.value)
      if overflow { throw .overflow }
      value = total
    }
    guard terms.count > 1 else { return terms.first ?? Count(0, nil, .atom) }
    let explaining = terms.allSatisfy { $0.text != nil }
    return Count(
      value, explaining ? terms.map { $0.operand(.sum) }.joined(separator: " + ") : nil, .sum)
  }

  /// The factors multiplied left to right (`196·3·64`).
  public static func product(_ factors: [Count]) throws(LayerError) -> Count {
    guard var result = factors.first else { return Count(1, explaining: false) }
    for factor in factors.dropFirst() { result = try result * factor }
    return result
  }

  public static func - (a: Count, b: Count) throws(LayerError) -> Count {
    let (value, overflow) = a.value.subtractingReportingOverflow(b.value)
    if overflow { throw .overflow }
    return Count(value, join(a, " − ", b, .sum, right: .product), .sum)
  }

  /// ⌊a / b⌋ for a ≥ 0, b > 0, written `a / b` as the CS231n formula writes it.
  public func dividedRoundingDown(by b: Count) -> Count {
    Count(value / b.value, Self.join(self, " / ", b, .atom, right: .atom), .product)
  }

  /// ⌈a / b⌉ for a ≥ 0, b > 0, without the a + b − 1 that wraps for a stride near 2⁶³.
  public func dividedRoundingUp(by b: Count) -> Count {
    let text = Self.join(self, " / ", b, .product, right: .atom).map { "⌈" + $0 + "⌉" }
    let (quotient, remainder) = value.quotientAndRemainder(dividingBy: b.value)
    return Count(remainder > 0 ? quotient + 1 : quotient, text, .atom)
  }

  /// The same number in parentheses, to show a grouping: `(64·56·56)·(3·11·11)`.
  public var grouped: Count {
    Count(value, text.map { precedence == .atom ? $0 : "(" + $0 + ")" }, .atom)
  }
}
