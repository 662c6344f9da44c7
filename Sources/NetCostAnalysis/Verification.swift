import NetCostCore

/// A published figure against netcost's own count.
public struct Check: Sendable {
  public enum Status: String, Sendable, CaseIterable {
    /// The computed value, rounded as the figure was printed, is the figure.
    case matches
    /// It is not, and the spec records why.
    case differs
    /// It is not, and nobody has said why: a bug in netcost, in the spec, or in the source.
    case unexplained
  }

  public var network: String
  public var parameters: [Network.Parameter]
  public var figure: PublishedFigure
  /// netcost's value, in the figure's unit.
  public var computed: Double
  public var status: Status

  public init(
    network: String, parameters: [Network.Parameter], figure: PublishedFigure,
    computed: Double
  ) {
    self.network = network
    self.parameters = parameters
    self.figure = figure
    self.computed = computed / figure.unit.scale
    let tolerance = 0.5 * Self.power(10, -figure.decimals) * (1 + 1e-9)
    if abs(self.computed - figure.value) <= tolerance {
      status = .matches
    } else {
      status = figure.note == nil ? .unexplained : .differs
    }
  }

  /// (computed − published) / published, in percent.
  public var difference: Double {
    figure.value == 0 ? 0 : (computed - figure.value) / figure.value * 100
  }

  private static func power(_ base: Double, _ exponent: Int) -> Double {
    var result = 1.0
    for _ in 0..<abs(exponent) { result *= base }
    return exponent < 0 ? 1 / result : result
  }
}

/// The checks of many figures, with their tally.
public struct Verification: Sendable {
  public var checks: [Check]

  public init(checks: [Check]) {
    self.checks = checks
  }

  public func count(_ status: Check.Status) -> Int {
    checks.filter { $0.status == status }.count
  }
}
