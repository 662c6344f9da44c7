import Dispatch

/// The stages that compare networks with each other and with what was published.
extension Pipeline {
  /// Analyses `spec` at every point of the grid `axes`, with `fixed` values for other parameters.
  public static func sweep(_ spec: ParsedSpec, over axes: [(name: String, values: [Double])],
    fixed: [String: Double] = [:]) -> Outcome<Sweep>
  {
    let grid = Sweep.grid(axes).map { fixed.merging($0) { $1 } }
    // The spec is parsed once; each point is resolved and analysed for its totals alone, and the
    // published figures, the same at every point, are resolved with the first.
    let first = analyze(spec, overrides: grid[0], figures: true, rows: false)
    guard let analysis = first.value else {
      return Outcome(value: nil, diagnostics: first.diagnostics,
        parameterErrors: first.parameterErrors)
    }
    var sweep = Sweep(network: analysis.network, title: analysis.title, axes: axes.map(\.name),
      points: [], published: analysis.published)
    // The points are independent: they are analysed on every core, each into its own slot.
    let results = UnsafeMutableBufferPointer<Outcome<Analysis>?>.allocate(capacity: grid.count)
    results.initialize(repeating: nil)
    defer {
      _ = results.deinitialize()
      results.deallocate()
    }
    let slots = Slots(results)
    let chunk = 32
    DispatchQueue.concurrentPerform(iterations: (grid.count + chunk - 1) / chunk) { c in
      for i in c * chunk..<min(grid.count, (c + 1) * chunk) where i > 0 {
        slots.buffer[i] = analyze(spec, overrides: grid[i], figures: false, rows: false)
      }
    }
    results[0] = first
    sweep.points.reserveCapacity(grid.count)
    for case let outcome? in results {
      guard let analysis = outcome.value else {
        return Outcome(value: nil, diagnostics: outcome.diagnostics,
          parameterErrors: outcome.parameterErrors)
      }
      sweep.points.append(Sweep.Point(parameters: analysis.parameters, totals: analysis.totals))
    }
    return Outcome(value: sweep, diagnostics: [])
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

/// Result slots written from several threads, each index by exactly one of them.
private struct Slots<Element>: @unchecked Sendable {
  let buffer: UnsafeMutableBufferPointer<Element>
  init(_ buffer: UnsafeMutableBufferPointer<Element>) { self.buffer = buffer }
}
