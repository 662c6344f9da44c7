import NetCostCore

/// A network in one line, as `netcost list` shows it: its names, input, parameters and totals at
/// the parameters' defaults. Made from an `Analysis`, or read back from a recorded one.
public struct NetworkSummary: Hashable, Sendable {
  public struct Parameter: Hashable, Sendable {
    public var name: String
    public var value: Double

    public init(name: String, value: Double) {
      self.name = name
      self.value = value
    }
  }

  public var network: String
  /// The spec the network is written in (a variant's family, or the network itself).
  public var family: String
  /// The library whose names and layout it follows; nil for a paper's tables alone.
  public var library: String?
  public var title: String?
  public var input: Shape
  public var parameters: [Parameter]
  public var totals: Totals

  public init(
    network: String, family: String, library: String?, title: String?, input: Shape,
    parameters: [Parameter], totals: Totals
  ) {
    self.network = network
    self.family = family
    self.library = library
    self.title = title
    self.input = input
    self.parameters = parameters
    self.totals = totals
  }

  public init(family: String, analysis: Analysis) {
    self.init(
      network: analysis.network, family: family, library: analysis.library,
      title: analysis.title, input: analysis.input,
      parameters: analysis.parameters.map { Parameter(name: $0.name, value: $0.value) },
      totals: analysis.totals)
  }
}
