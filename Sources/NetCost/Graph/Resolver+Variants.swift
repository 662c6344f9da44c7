/// Checking `variant` statements: every variant's settings name declared parameters and give
/// values they accept, whichever variant is resolved, so a mistake in one is found from any.
extension Resolver {
  typealias Settings = [String: (value: Double, range: SourceRange)]

  /// Each variant's settings, evaluated; unknown names and values that cannot be evaluated are
  /// reported.
  mutating func evaluate(
    _ variants: [VariantDecl], declarations: [ParameterDecl]
  ) -> [(variant: String, settings: Settings)] {
    let known = declarations.map(\.name.value)
    var result: [(variant: String, settings: Settings)] = []
    for variant in variants {
      var settings: Settings = [:]
      for (name, expr) in variant.settings {
        guard known.contains(name.value) else {
          report(.unknownParameter(name, suggestion: Suggest.closest(to: name.value, in: known)))
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

  /// Every variant's values against the ranges and sets the parameters accept.
  mutating func checkRanges(
    _ variants: [(variant: String, settings: Settings)], declarations: [ParameterDecl]
  ) {
    for declaration in declarations {
      let name = declaration.name.value
      for (variant, settings) in variants {
        guard let (value, range) = settings[name] else { continue }
        if let accepted = declaration.interval, let bounds = acceptedValues[name],
          !accepted.contains(value, bounds)
        {
          report(.variantOutOfRange(variant, name, value, accepted.text(bounds), at: range))
        } else if declaration.wholeNumber && value != value.rounded() {
          report(.variantNotWhole(variant, name, value, at: range))
        }
      }
    }
  }
}
