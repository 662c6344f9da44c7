import NetCostAnalysis
import NetCostCore

/// The stages that compare networks with each other and with what was published.
extension Pipeline {
  /// Analyses `spec` at every point of the grid `axes`, with `fixed` values for other parameters.
  ///
  /// The spec is parsed once. Points that agree on every parameter that shapes layers (usually
  /// all but `resolution`) share one resolution of the layers; each point binds its parameters,
  /// evaluates its input and is analysed for its totals alone, on every core. The published
  /// figures, the same at every point, are resolved once.
  public static func sweep(
    _ spec: ParsedSpec, over axes: [(name: String, values: [Double])],
    fixed: [String: Double] = [:], convention: Convention = .paper
  ) -> Outcome<Sweep> {
    let grid = Sweep.grid(axes).map { fixed.merging($0) { $1 } }
    guard !grid.isEmpty else {
      return Outcome(value: nil, diagnostics: [], parameterErrors: [])
    }
    // Refuse a sweep too large to finish soon before computing any point: its first point's
    // layers (and an imported model's constants, folded again at each point) times the points.
    let folding = spec.imported?.rebuildWork ?? 0
    if let network = resolve(spec, overrides: grid[0], figures: false, names: false).value {
      if network.analysisWork.saturatingAdd(folding).saturatingMultiply(grid.count)
        > Limit.sweepLayers.value
      {
        return Outcome(
          value: nil, diagnostics: [],
          parameterErrors: [
            .sweepTooLarge(
              points: grid.count, layers: network.layers.count, folding: folding,
              inputs: network.inputsBesidesFirst, fresh: network.freshLayers)
          ])
      }
    }
    let first = analyze(
      spec, overrides: grid[0], figures: true, rows: false, convention: convention)
    guard let analysis = first.value else {
      return Outcome(
        value: nil, diagnostics: first.diagnostics,
        parameterErrors: first.parameterErrors)
    }
    // The points' layer-shaping values; points with equal keys share their layers.
    let shaping = Set(grid[0].keys).intersection(spec.namesShapingLayers).sorted()
    let keys = grid.map { point in shaping.map { point[$0] ?? 0 } }
    var representative: [[Double]: Int] = [:]
    for (i, key) in keys.enumerated() where representative[key] == nil { representative[key] = i }
    let shared = Parallel.map(Array(representative.values)) { i in
      (keys[i], resolve(spec, overrides: grid[i], figures: false, names: false).value)
    }
    let networks = Dictionary(shared.map { ($0.0, $0.1) }) { a, _ in a }
    let outcomes = Parallel.map(Array(grid.indices)) { i -> Outcome<Analysis> in
      i == 0
        ? first
        : analyze(
          spec, overrides: grid[i], figures: false, rows: false,
          reusing: networks[keys[i]] ?? nil, convention: convention)
    }
    var sweep = Sweep(
      network: analysis.network, title: analysis.title, axes: axes.map(\.name),
      points: [], published: analysis.published)
    sweep.convention = convention
    sweep.points.reserveCapacity(grid.count)
    for outcome in outcomes {
      guard let analysis = outcome.value else {
        return Outcome(
          value: nil, diagnostics: outcome.diagnostics,
          parameterErrors: outcome.parameterErrors)
      }
      sweep.points.append(
        Sweep.Point(
          parameters: analysis.parameters, totals: analysis.totals,
          paperMACs: analysis.paperMACs))
    }
    return Outcome(value: sweep, diagnostics: [])
  }

  /// Each spec at its defaults, totals alone, on every core, in order (`netcost list`).
  public static func analyzeEach(_ specs: [ParsedSpec]) -> [Outcome<Analysis>] {
    Parallel.map(specs) { analyze($0, rows: false) }
  }

  /// Each spec at its values, totals alone, on every core, in order (`netcost compare`); an
  /// error when their layers come to more than `Limit.comparedLayers` (twelve networks of a
  /// million layers took 7 s), counted as they are resolved.
  public static func analyzeEach(
    _ specs: [(spec: ParsedSpec, overrides: [String: Double])], convention: Convention,
    comparing limit: Int = Limit.comparedLayers.value
  ) -> Result<[Outcome<Analysis>], ParameterError> {
    let indices = Array(specs.indices)
    // Each resolved and analysed in turn, side by side, its work (`Network.analysisWork`, as
    // sweeps count it) added up as it is resolved; once they pass
    // the limit, no more are resolved or analysed. A network is let go once analysed: twelve
    // of a million layers, all resolved first, took 1.1 GB.
    let work = SharedTotal()
    let outcomes = Parallel.map(indices) { i -> Outcome<Analysis>? in
      guard work.value <= limit else { return nil }
      let resolved = resolve(specs[i].spec, overrides: specs[i].overrides, names: false)
      if let network = resolved.value {
        work.add(network.analysisWork)
      }
      guard work.value <= limit else { return nil }
      return analyze(
        specs[i].spec, resolved: resolved, overrides: specs[i].overrides, figures: true,
        rows: false, convention: convention, memory: .standard)
    }
    guard work.value <= limit else {
      return .failure(.comparisonTooLarge(networks: specs.count, limit: limit))
    }
    return .success(outcomes.map { $0 ?? Outcome(value: nil, diagnostics: []) })
  }

  /// Checks every published figure in `spec` that netcost can compute, each at the parameter values
  /// it was printed for. `others` analyses the networks that reductions are measured against;
  /// `base` is the spec's analysis at its defaults when the caller has it (a report), so that a
  /// million-row network is not held twice.
  public static func verify(
    _ spec: ParsedSpec, base: Analysis? = nil, checking limit: Int = Limit.checkedLayers.value,
    reading rowLimit: Int = Limit.checkedRows.value, others: (String) -> Analysis?
  )
    -> Outcome<Verification>
  {
    let defaults = base.map { Outcome(value: $0, diagnostics: []) } ?? analyze(spec)
    guard let base = defaults.value else {
      return Outcome(
        value: nil, diagnostics: defaults.diagnostics,
        parameterErrors: defaults.parameterErrors)
    }
    // Analyses by the figure's conditions and the convention its metric is counted under.
    struct Key: Hashable {
      var conditions: [String: Double]
      var convention: Convention
      var memory: MemorySettings
    }
    // Each set of conditions analysed once. Their layers in all are bounded
    // (`Limit.checkedLayers`), which bounds what the cache holds too: a spec of a thousand
    // blocks of different conditions held a thousand analyses, 5.5 GB.
    var cache: [Key: Analysis] = [
      Key(conditions: [:], convention: .paper, memory: .standard): base
    ]
    var analysedLayers = 0
    // Each analysis's rows by name, made once for the figures that name layers.
    var indexes: [Key: RowIndex] = [:]
    // Each network a reduction is measured against, analysed once, in the same budget.
    var versus: [String: Analysis?] = [:]
    // Each value computed once: a figure met again (30,000 alike) reads no rows again, and
    // the rows figures read in all are bounded (`Limit.checkedRows`).
    struct ValueKey: Hashable {
      var analysis: Key
      var selector: PublishedFigure.Selector
      var metric: PublishedFigure.Metric
    }
    var values: [ValueKey: Result<Double, Analysis.FigureError>] = [:]
    var rows = RowBudget(limit: rowLimit)
    var checks: [Check] = []
    var diagnostics: [Diagnostic] = []
    for figure in base.published where figure.metric.isComputed {
      let analysis: Analysis
      var overrides = figure.conditions
      // A memory figure's batch (`batch = 32`), within the range `--batch` takes.
      let batch = overrides.removeValue(forKey: "batch").map {
        Int(min(max($0, 1), Double(MemorySettings.maximumBatch)))
      }
      let memory = figure.metric.memory(batch: batch ?? 1)
      let key = Key(conditions: overrides, convention: figure.metric.convention, memory: memory)
      if let cached = cache[key] {
        analysis = cached
      } else if analysedLayers.saturatingAdd(base.layerCount) > limit {
        diagnostics.append(.figureNotComputable(figure, .overAnalysisLimit(limit)))
        continue
      } else {
        let outcome = analyze(
          spec, overrides: overrides, convention: figure.metric.convention, memory: memory)
        guard let value = outcome.value else {
          let error: Analysis.FigureError =
            outcome.parameterErrors.first.map { .refusedConditions($0.message) }
            ?? .failsUnderConditions(firstError: outcome.diagnostics.first?.message)
          diagnostics.append(.figureNotComputable(figure, error))
          continue
        }
        analysedLayers += value.layerCount
        cache[key] = value
        analysis = value
      }
      var other: Analysis?
      if case .versus(let name) = figure.selector {
        if let known = versus[name] {
          other = known
        } else {
          other = others(name)
          if let layers = other?.layerCount {
            guard analysedLayers.saturatingAdd(layers) <= limit else {
              diagnostics.append(.figureNotComputable(figure, .overAnalysisLimit(limit)))
              continue
            }
            analysedLayers += layers
          }
          versus[name] = other
        }
        if other == nil {
          diagnostics.append(.figureNotComputable(figure, .noSuchNetwork(name)))
          continue
        }
      }
      let valueKey = ValueKey(analysis: key, selector: figure.selector, metric: figure.metric)
      let result: Result<Double, Analysis.FigureError>
      if let known = values[valueKey] {
        result = known
      } else {
        var index: RowIndex? = nil
        if case .layers = figure.selector {
          index = indexes[key] ?? RowIndex(analysis.rows)
          indexes[key] = index
        }
        do throws(Analysis.FigureError) {
          result = .success(
            try analysis.value(of: figure, versus: other, index: index, reading: &rows))
        } catch {
          result = .failure(error)
        }
        values[valueKey] = result
      }
      switch result {
      case .success(let computed):
        checks.append(
          Check(
            network: analysis.network, parameters: analysis.parameters,
            figure: figure, computed: computed))
      case .failure(let error):
        diagnostics.append(.figureNotComputable(figure, error))
      }
    }
    return Outcome(
      value: diagnostics.isEmpty ? Verification(checks: checks) : nil,
      diagnostics: diagnostics)
  }
}
