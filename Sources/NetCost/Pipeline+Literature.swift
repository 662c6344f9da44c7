/// The stages that compare networks with each other and with what was published.
extension Pipeline {
  /// Analyses `spec` at every point of the grid `axes`, with `fixed` values for other parameters.
  public static func sweep(_ spec: ParsedSpec, over axes: [(name: String, values: [Double])],
    fixed: [String: Double] = [:]) -> Outcome<Sweep>
  {
    var analyses: [Analysis] = []
    for point in Sweep.grid(axes) {
      let outcome = analyze(spec, overrides: fixed.merging(point) { $1 })
      guard let analysis = outcome.value else {
        return Outcome(value: nil, diagnostics: outcome.diagnostics,
          parameterErrors: outcome.parameterErrors)
      }
      analyses.append(analysis)
    }
    return Outcome(value: Sweep(axes: axes.map(\.name), analyses: analyses), diagnostics: [])
  }

  /// Checks every published figure in `spec` that netcost can compute, each at the parameter values
  /// it was printed for. `others` analyses the networks that reductions are measured against.
  public static func verify(_ spec: ParsedSpec, others: (String) -> Analysis?)
    -> Outcome<Verification>
  {
    let defaults = analyze(spec)
    guard let base = defaults.value else {
      return Outcome(value: nil, diagnostics: defaults.diagnostics,
        parameterErrors: defaults.parameterErrors)
    }
    var cache: [[String: Double]: Analysis] = [[:]: base]
    var checks: [Check] = []
    var diagnostics: [Diagnostic] = []
    for figure in base.published where figure.metric.isComputed {
      let analysis: Analysis
      if let cached = cache[figure.conditions] {
        analysis = cached
      } else {
        let outcome = analyze(spec, overrides: figure.conditions)
        guard let value = outcome.value else {
          diagnostics.append(.figureNotComputable(figure,
            reason: outcome.parameterErrors.first?.message ?? "the network has errors there"))
          continue
        }
        cache[figure.conditions] = value
        analysis = value
      }
      var other: Analysis?
      if case .versus(let name) = figure.selector {
        other = others(name)
        if other == nil {
          diagnostics.append(.figureNotComputable(figure, reason: "no network named '\(name)'"))
          continue
        }
      }
      do throws(Analysis.FigureError) {
        let computed = try analysis.value(of: figure, versus: other)
        checks.append(Check(network: analysis.network, parameters: analysis.parameters,
          figure: figure, computed: computed))
      } catch {
        diagnostics.append(.figureNotComputable(figure, error))
      }
    }
    return Outcome(value: diagnostics.isEmpty ? Verification(checks: checks) : nil,
      diagnostics: diagnostics)
  }
}
