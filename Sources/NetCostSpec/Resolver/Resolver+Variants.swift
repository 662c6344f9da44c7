import NetCostCore

/// Checking `variant` statements: every variant's settings name declared parameters and give
/// values they accept, whichever variant is resolved, so a mistake in one is found from any.
extension Resolver {
  typealias Settings = [String: (value: Double, range: SourceRange)]

  /// Each variant's settings, evaluated; unknown names and values that cannot be evaluated are
  /// reported.
  mutating func evaluate(
    _ variants: [VariantDecl], declarations: [ParameterDecl]
  ) -> [(variant: String, settings: Settings)] {
    let known = Set(declarations.map(\.name.value))
    var result: [(variant: String, settings: Settings)] = []
    for variant in variants {
      var settings: Settings = [:]
      for (name, expr) in variant.settings {
        guard known.contains(name.value) else {
          report(.unknownParameter(name, suggestion: budget.suggestion(for: name.value, in: known)))
          continue
        }
        if let value = number(expr, Scope(bindings: Bindings())) {
          settings[name.value] = (value, expr.range)
        }
      }
      result.append((variant.name.value, settings))
    }
    return result
  }

  /// Every variant's values against the ranges and sets the parameters accept: one look-up per
  /// setting, so a spec of many variants and many parameters costs what it says.
  mutating func checkRanges(
    _ variants: [(variant: String, settings: Settings)], declarations: [ParameterDecl]
  ) {
    var byName: [String: ParameterDecl] = [:]
    for declaration in declarations where byName[declaration.name.value] == nil {
      byName[declaration.name.value] = declaration
    }
    var members: [String: Set<Double>] = [:]
    for (variant, settings) in variants {
      for (name, (value, range)) in settings.sorted(by: {
        $0.value.range.lowerBound < $1.value.range.lowerBound
      }) {
        guard let declaration = byName[name] else { continue }
        if let accepted = declaration.interval, let bounds = acceptedValues[name] {
          let inside: Bool
          if accepted.isSet {
            if members[name] == nil { members[name] = Set(bounds) }
            inside = members[name]?.contains(value) ?? false
          } else {
            inside = accepted.contains(value, bounds)
          }
          if !inside {
            report(.variantOutOfRange(variant, name, value, accepted.text(bounds), at: range))
            continue
          }
        }
        if declaration.wholeNumber && value != value.rounded() {
          report(.variantNotWhole(variant, name, value, at: range))
        }
      }
    }
  }
}
