import NetCostCore

/// A stage's result: the value when there were no errors, and everything found on the way.
public struct Outcome<Value> {
  public var value: Value?
  public var diagnostics: [Diagnostic]
  /// Parameter values from the command line that the spec does not accept.
  public var parameterErrors: [ParameterError]

  public init(value: Value?, diagnostics: [Diagnostic], parameterErrors: [ParameterError] = []) {
    self.value = value
    self.diagnostics = diagnostics
    self.parameterErrors = parameterErrors
  }
}

extension Outcome: Sendable where Value: Sendable {}
