/// A parameter value given from outside the spec (the command line) that the spec does not accept.
/// The CLI reports these as usage errors; messages are in `Diagnostic+Catalog.swift`.
public enum ParameterError: Error, Hashable, Sendable {
  case unknown(name: String, network: String, known: [String])
  case outOfRange(name: String, value: Double, interval: String)
  case notWhole(name: String, value: Double)
}
