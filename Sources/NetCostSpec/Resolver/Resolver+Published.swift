import NetCostCore

/// Checking `published` statements: the conditions name declared parameters, the metric exists,
/// takes the selector given and is printed in a unit it can be.
extension Resolver {
  mutating func resolve(_ declaration: PublishedDecl) -> [PublishedFigure] {
    var conditions: [String: Double] = [:]
    for (name, expr) in declaration.conditions {
      // `batch` is no parameter: memory figures say the batch they were measured at.
      let batch =
        name.value == "batch" && !declaration.figures.isEmpty
        && declaration.figures.allSatisfy {
          PublishedFigure.Metric(rawValue: $0.metric.value)?.takesBatch == true
        }
      if name.value == "batch" && !batch && parameterValues[name.value] == nil {
        report(.batchNotForFigures(at: name.range))
        return []
      }
      guard parameterValues[name.value] != nil || batch else {
        report(
          .unknownParameter(
            name,
            suggestion: budget.suggestion(for: name.value, in: parameterValues.keys)))
        return []
      }
      if batch {
        guard let value = integer(expr, Scope(bindings: Bindings()), what: "the batch", minimum: 1)
        else { return [] }
        guard value <= MemorySettings.maximumBatch else {
          report(.batchTooLarge(value, at: expr.range))
          return []
        }
        conditions[name.value] = Double(value)
        continue
      }
      guard let value = number(expr, Scope(bindings: Bindings())) else { return [] }
      conditions[name.value] = value
    }
    var figures: [PublishedFigure] = []
    for figure in declaration.figures {
      guard let metric = PublishedFigure.Metric(rawValue: figure.metric.value) else {
        report(
          .unknownMetric(
            figure.metric,
            suggestion: budget.suggestion(
              for: figure.metric.value, in: PublishedFigure.Metric.allCases.map(\.rawValue))))
        continue
      }
      guard metric.accepts(figure.selector) else {
        report(.selectorNotAccepted(figure.metric, figure.selector))
        continue
      }
      let symbol = figure.unit?.value ?? ""
      guard
        let unit = metric.units.first(where: { $0.symbol == symbol })
          ?? (symbol == "" ? metric.units.first : nil)
      else {
        report(.unknownUnit(figure.unit ?? figure.metric, for: metric))
        continue
      }
      let decimals = figure.text.split(separator: ".").dropFirst().first?.count ?? 0
      figures.append(
        PublishedFigure(
          metric: metric, selector: Self.selector(figure.selector), value: figure.value,
          decimals: decimals, unit: unit, conditions: conditions,
          source: declaration.source.value, note: figure.note,
          text: figure.text + (symbol.isEmpty ? "" : " " + symbol), range: figure.range))
    }
    return figures
  }

  private static func selector(_ selector: FigureDecl.Selector) -> PublishedFigure.Selector {
    switch selector {
    case .network: .network
    case .layers(let names): .layers(names.map(\.value))
    case .kind(let kind): .kind(kind.value)
    case .versus(let other): .versus(other.value)
    }
  }
}

extension PublishedFigure.Metric {
  /// Which selectors the metric takes: layers for sums over rows, a kind for shares, another
  /// network for reductions.
  func accepts(_ selector: FigureDecl.Selector) -> Bool {
    switch (self, selector) {
    case (.macsShare, .kind), (.weightsShare, .kind): true
    case (.macsReduction, .versus), (.paramsReduction, .versus): true
    case (.macs, .layers), (.params, .layers), (.weights, .layers), (.memory, .layers),
      (.activations, .layers), (.tensorMemory, .layers), (.rfSize, .layers),
      (.rfStride, .layers), (.rfPadding, .layers):
      true
    case (.rfSize, _), (.rfStride, _), (.rfPadding, _): false
    case (.macsShare, _), (.weightsShare, _), (.macsReduction, _), (.paramsReduction, _): false
    case (_, .network): true
    default: false
    }
  }
}
