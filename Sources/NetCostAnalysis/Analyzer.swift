import NetCostCore

/// Computes every layer's output shape and cost in file order, folds rows and sums the totals.
/// An impossible layer becomes a diagnostic at that layer; the analysis goes on where it can.
package enum Analyzer {
  /// `rows: false` keeps the totals alone: a sweep needs nothing else.
  /// `memory`: the batch and data type of the byte counts, and the liveness and training walks
  /// to make (`Analyzer+Memory.swift`).
  package static func analyze(
    _ network: Network, rows keepRows: Bool = true, convention: Convention = .paper,
    memory settings: MemorySettings = .standard
  ) -> (Analysis?, [Diagnostic]) {
    let (analyses, diagnostics) = analyze(
      network, rows: keepRows, conventions: [convention], memory: settings)
    return (analyses?.first, diagnostics)
  }

  /// The analysis under each of `conventions`, from one walk over the layers: shapes and costs
  /// are the same under every convention, only the rules' terms differ, so `netcost
  /// conventions` walks a million layers once, not once per convention. The rows and the
  /// memory walks are the first convention's; the others' analyses have totals alone.
  package static func analyze(
    _ network: Network, rows keepRows: Bool = true, conventions: [Convention],
    memory settings: MemorySettings = .standard
  ) -> ([Analysis]?, [Diagnostic]) {
    guard !conventions.isEmpty else { return ([], []) }
    var walk = ConventionWalk(conventions)
    var rows: [LayerRow] = []
    // Room for a row per layer, so a million rows are never copied to a larger array; what a
    // chain that folds leaves unused is never touched, so it takes no memory.
    if keepRows { rows.reserveCapacity(network.layers.count) }
    /// The row each layer went into; nil for a layer that failed.
    var rowOfLayer = OptionalCounts()
    rowOfLayer.reserveCapacity(network.layers.count)
    var diagnostics: [Diagnostic] = []
    var totals = Totals()
    // One buffer for every layer's input shapes: no allocation per layer.
    var known: [Shape] = []
    // With rows, the memory walks are made on a thread of their own while the rows are made
    // here (`walksBesideRows`): a million layers' walks take as long as their rows. Without
    // rows, they run after, from the outputs kept here.
    let walksBeside = keepRows && settings != .standard
    let pendingWalks = walksBeside ? Pending { walksBesideRows(network, settings: settings) } : nil
    // Outputs and receptive fields (computed with the rows; a sweep needs none): the previous
    // layer's, and those of layers read again later, not one per layer (a million-layer chain
    // keeps one). The memory walks after the analysis need every output.
    var outputs = LayerOutputs(
      keepingAll: settings != .standard && !walksBeside,
      lastReader: LayerOutputs.lastReaders(in: network), capacity: network.layers.count)
    var kept: [Int: ReceptiveField] = [:]
    var previousField: ReceptiveField? = nil
    var seen: [ReceptiveField] = []
    // Each layer's trained parameters, for a training walk's gradients.
    let walksTraining = settings.optimizer != nil && !walksBeside
    var trainable: [Int] = []
    // Each convention's MACs by how PyTorch runs the layer, by the call's place in `calls`
    // (flags, not a set of calls taken: no hashing per layer).
    let calls = TorchCall.allCases
    var callTotalsOf = [[Int]](
      repeating: Array(repeating: 0, count: calls.count), count: conventions.count)
    var callsTaken = [Bool](repeating: false, count: calls.count)
    // A layer the same as one of the last few takes its figures (a loop's passes).
    var recent = RecentEvaluations()
    // Rows that read the same shapes share one array of them, and rows of the same figures
    // one box.
    var recentInputs = RecentInputs()
    var recentFigures = RecentFigures()
    // The last row's figures once a layer has folded into it (`folded`), until the row is
    // finished: changed in place, not copied out and back.
    var open = LayerRow.Figures(inputs: [], output: network.input, cost: .zero, activationBytes: 0)
    var openField: ReceptiveField? = nil
    var folded = false

    // By index, each layer's fields read in place: a layer bound by the loop was copied whole
    // on each pass (some 170 instructions a layer, and a retain and release of all it holds).
    let layers = network.layers
    for index in layers.indices {
      // What this layer is the last to read is not kept past it.
      defer { outputs.release(readBy: index, inputs: layers[index].inputs) { kept[$0] = nil } }
      known.empty()
      for input in layers[index].inputs {
        switch input {
        case .network: known.append(network.input)
        case .layer(let i): if let shape = outputs[i] { known.append(shape) }
        }
      }
      // An input that already failed was reported there; this layer stays silent.
      guard known.count == layers[index].inputs.count else {
        outputs.append(nil)
        rowOfLayer.append(nil)
        previousField = nil
        continue
      }
      do throws(LayerError) {
        // Compute everything first, so a failure leaves the tables untouched.
        // Learned tensors take part in the shape and cost rules, not in receptive fields.
        var (output, cost) = try recent.evaluate(
          layers, index, reading: known,
          keep: network.originRecurs(after: index, within: RecentEvaluations.slots))
        var bytes = try recent.bytes(of: output) { shape throws(LayerError) in
          try Formulas.activationBytes(shape, settings: settings, explaining: false).value
        }
        if layers[index].trainingOnly {
          // An auxiliary classifier's weights are the model's; inference never runs it.
          cost.macs = 0
          bytes = 0
        }
        let terms =
          walk.hasRules && !layers[index].trainingOnly
          ? try recent.conventionTerms(
            kind: layers[index].kind, call: layers[index].torchCall
          ) { () throws(LayerError) in
            try walk.terms(
              of: ConventionLayer(
                kind: layers[index].kind, operation: layers[index].operation,
                call: layers[index].torchCall, inputs: known, output: output, cost: cost))
          } : nil
        try walk.count(terms, paperMACs: cost.macs)
        cost.macs = walk.layerMACs[0]
        var field: ReceptiveField? = nil
        if keepRows {
          seen.empty()
          for input in layers[index].inputs {
            switch input {
            case .network: seen.append(.input(network.input))
            case .layer(let i):
              if let f = i == index - 1 ? previousField : kept[i] { seen.append(f) }
            }
          }
          if seen.count == layers[index].inputs.count {
            field = recent.field(reading: seen) {
              ReceptiveField.after(
                layers[index].operation, inputs: seen, shapes: known, output: output,
                image: network.input)
            }
          }
        }
        if walksTraining { trainable.append(cost.params - cost.nonTrainableParams) }
        var newTotals = totals
        try add(cost, to: &newTotals)
        try walk.check()
        let named = walk.layerTerms[0].map {
          ConventionTerm(rule: walk.rules[0][$0.rule].name, value: $0.value)
        }
        if network.foldsIntoPreviousRow(index), let row = rowOfLayer.last ?? nil {
          if keepRows {
            // The row's figures change here, not in its box: a chain of a million
            // activations would make a million boxes.
            if !folded {
              open = rows[row].boxedFigures
              folded = true
            }
            openField = field
            open.cost = try add(cost, open.cost)
            rows[row].folded.append(layers[index].kind)
            rows[row].conventionTerms += named
            if cost.params > 0 { rows[row].foldedWithParameters.append(layers[index].operation) }
            rows[row].learned += layers[index].learned
            if layers[index].namesItsRow { rows[row].name = layers[index].name }
          }
          rowOfLayer.append(row)
        } else {
          newTotals.activationBytes = try sum(newTotals.activationBytes, bytes)
          if keepRows {
            finish(&rows, open, openField, folded: &folded, sharing: &recentFigures)
            let previous = boxOfLast(rows, readAloneAs: known)
            let figures = LayerRow.Figures(
              inputs: previous == nil ? recentInputs.shared(known) : [], output: output,
              cost: cost, activationBytes: bytes)
            rows.append(
              LayerRow(
                name: layers[index].name, kind: layers[index].kind,
                operation: layers[index].operation, folded: [],
                figures: figures, trainingOnly: layers[index].trainingOnly, sharing: &recentFigures)
            )
            // Given in place: passed to the row's initializer, they made the compiler copy
            // each row whole into the array (some 450 instructions a row with its release).
            rows[rows.count - 1].fieldBox = recentFigures.box(field)
            rows[rows.count - 1].readsOutputOf = previous
            rows[rows.count - 1].conventionTerms = named
            rows[rows.count - 1].learned = layers[index].learned
          }
          rowOfLayer.append(keepRows ? rows.count - 1 : index)
        }
        totals = newTotals
        walk.keep()
        if let call = calls.firstIndex(of: layers[index].torchCall) {
          for c in conventions.indices {
            callTotalsOf[c][call] = try sum(callTotalsOf[c][call], walk.layerMACs[c])
          }
          callsTaken[call] = true
        }
        outputs.append(output)
        previousField = field
        if outputs.isReadLater(index), let field { kept[index] = field }
      } catch {
        outputs.append(nil)
        rowOfLayer.append(nil)
        previousField = nil
        // The learned tensors too: one that does not fit is what the message must name.
        diagnostics.append(
          .layerError(
            error, layer: layers[index], inputs: known + layers[index].learned, network: network))
      }
    }
    // Taken before any return: the walks' thread is joined whatever the outcome.
    let walks = pendingWalks?.take()
    guard diagnostics.isEmpty else { return (nil, diagnostics) }
    finish(&rows, open, openField, folded: &folded, sharing: &recentFigures)
    // The rows move into the analysis: were the local still to hold them, the memory walks'
    // writes to a row's live and saved bytes would copy all of them (a million rows, 110 MB).
    var analysis = Analysis(
      network: network.name, title: network.title, source: network.source,
      parameters: network.parameters, input: network.input, rows: consume rows, totals: totals,
      published: network.published, convention: conventions[0],
      conventionTerms: walk.totals(0),
      library: network.library)
    analysis.provenance = network.provenance
    func macsByCall(_ c: Int) -> [TorchCall: Int] {
      var byCall: [TorchCall: Int] = [:]
      for (i, call) in calls.enumerated() where callsTaken[i] { byCall[call] = callTotalsOf[c][i] }
      return byCall
    }
    analysis.macsByTorchCall = macsByCall(0)
    // Without rows the walks run now, from the outputs kept. With rows they ran beside and,
    // having evaluated every layer as this walk did, have run when nothing was reported.
    var made = walks
    if !walksBeside && settings != .standard {
      do throws(MemoryError) {
        made = .success(
          try MemoryWalks(
            network, outputs: outputs.takeAll(), trainable: trainable,
            parameters: totals.params, settings: settings))
      } catch { made = .failure(error) }
    }
    switch made {
    case .success(let walks)?:
      walks.add(to: &analysis, rowOfLayer: keepRows ? rowOfLayer.compactMap { $0 } : nil)
    case .failure(let error)?:
      let layer = network.layers[error.layer]
      return (nil, [.layerError(.overflow, layer: layer, inputs: [], network: network)])
    case nil:
      break
    }
    var analyses = [analysis]
    for c in conventions.indices.dropFirst() {
      var other = analysis
      other.rows = []
      other.convention = conventions[c]
      other.totals.macs = walk.macs[c]
      other.conventionTerms = walk.totals(c)
      other.macsByTorchCall = macsByCall(c)
      analyses.append(other)
    }
    return (analyses, [])
  }

  /// A layer's output and cost from its inputs' shapes, its learned tensors taking part as
  /// inputs: the one place both the analysis and the walks before the rows compute them
  /// (through `RecentEvaluations`). It takes the layer's operation and learned tensors, read as
  /// fields: passing the layer whole would copy it.
  static func evaluate(
    _ operation: Operation, learned: [Shape], reading known: [Shape]
  ) throws(LayerError) -> (output: Shape, cost: Cost) {
    let operands = learned.isEmpty ? known : known + learned
    let output = try operation.outputShape(for: operands)
    var cost = try operation.cost(inputs: operands, output: output)
    cost.params = try sum(cost.params, try Layer.params(learned: learned))
    return (output, cost)
  }

  /// The box of the last row, where a row reading `known` reads its output alone: that row
  /// holds it, not an array of its own (`LayerRow.readsOutputOf`).
  private static func boxOfLast(
    _ rows: [LayerRow], readAloneAs known: [Shape]
  ) -> Box<LayerRow.Figures>? {
    guard known.count == 1, let last = rows.last?.box,
      last.value.output.isIdentical(to: known[0])
    else { return nil }
    return last
  }

  /// The last row made: given the figures and field its folded layers changed, in recent rows'
  /// boxes where they hold the same (a loop's passes share them).
  private static func finish(
    _ rows: inout [LayerRow], _ open: LayerRow.Figures, _ field: ReceptiveField?,
    folded: inout Bool, sharing recent: inout RecentFigures
  ) {
    // A row that folded nothing took its box when it was made.
    guard folded, let last = rows.indices.last else { return }
    rows[last].setFigures(open, field: field, sharing: &recent)
    folded = false
  }

  private static func add(_ cost: Cost, to totals: inout Totals) throws(LayerError) {
    totals.params = try sum(totals.params, cost.params)
    totals.nonTrainableParams = try sum(totals.nonTrainableParams, cost.nonTrainableParams)
    totals.batchNormParams = try sum(totals.batchNormParams, cost.batchNormParams)
    totals.biases = try sum(totals.biases, cost.biases)
    totals.macs = try sum(totals.macs, cost.macs)
    totals.activationMatmulMacs = try sum(totals.activationMatmulMacs, cost.activationMatmulMacs)
  }

  private static func add(_ a: Cost, _ b: Cost) throws(LayerError) -> Cost {
    Cost(
      params: try sum(a.params, b.params),
      nonTrainableParams: try sum(a.nonTrainableParams, b.nonTrainableParams),
      batchNormParams: try sum(a.batchNormParams, b.batchNormParams),
      biases: try sum(a.biases, b.biases), macs: try sum(a.macs, b.macs),
      activationMatmulMacs: try sum(a.activationMatmulMacs, b.activationMatmulMacs))
  }
}
