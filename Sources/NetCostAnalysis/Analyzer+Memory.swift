import NetCostCore

/// What the memory walks `settings` asks for make of a network whose every layer succeeded: the
/// report, and by layer what the rows show (live bytes after it, bytes it saves first).
struct MemoryWalks {
  var report: MemoryReport
  /// The layers at the peaks (rows take them as rows once the rows are made).
  var peakLayer: Int?
  var trainingPeakLayer: Int?
  /// Under a policy: the bytes live after each layer that runs; empty without a policy.
  var liveAfter = OptionalCounts()
  /// With an optimizer: the bytes each layer saves first; empty without one.
  var savedByLayer: [Int] = []

  /// `outputs[i]` is layer i's output, `trainable[i]` its trained parameters; `parameters` is
  /// the network's.
  init(
    _ network: Network, outputs: OutputShapes, trainable: [Int], parameters: Int,
    settings: MemorySettings
  ) throws(MemoryError) {
    // The input first: where both overflow, the message names the first layer.
    let inputBytes: Int
    do throws(LayerError) {
      inputBytes = try Formulas.activationBytes(
        network.input, settings: settings, explaining: false
      )
      .value
    } catch { throw MemoryError(layer: 0) }
    let (weightBytes, overflow) = parameters.multipliedReportingOverflow(by: settings.dtype.bytes)
    if overflow { throw MemoryError(layer: max(0, network.layers.count - 1)) }
    report = MemoryReport(settings: settings, inputBytes: inputBytes, weightBytes: weightBytes)
    // One walk after the other, each plan let go before the next is made: with rows they are
    // made beside the rows, on a core of their own (`walksBesideRows`). Where both overflow,
    // the inference walk's layer is the one named.
    if let policy = settings.policy {
      let plan = try BufferPlan(
        network, outputs: outputs, policy: policy, training: false, settings: settings)
      let liveness = Liveness(plan)
      report.peakBytes = liveness.peak
      peakLayer = liveness.peakLayer
      if policy == .pytorch { report.workspaceBytes = Workspace.pytorchCUDA }
      liveAfter = OptionalCounts(repeating: nil, count: plan.bufferOfLayer.count)
      for i in liveAfter.indices where plan.bufferOfLayer[i] != nil {
        liveAfter[i] = liveness.after[i]
      }
    }
    if let optimizer = settings.optimizer {
      let plan = try BufferPlan(
        network, outputs: outputs, policy: .pytorch, training: true, settings: settings)
      let (training, savedByLayer) = try TrainingMemory.walk(
        network, plan: plan, trainable: trainable, parameters: parameters, settings: settings,
        optimizer: optimizer)
      report.training = training
      trainingPeakLayer = training.peakLayer
      self.savedByLayer = savedByLayer
    }
  }

  /// The report in `analysis`, and each row's live and saved bytes: `rowOfLayer[i]` is layer i's
  /// row (nil without rows).
  func add(to analysis: inout Analysis, rowOfLayer: [Int]?) {
    var report = report
    if let rowOfLayer {
      report.peakRow = peakLayer.map { rowOfLayer[$0] }
      report.trainingPeakRow = trainingPeakLayer.map { rowOfLayer[$0] }
      // A row folds several layers: it shows what is live after the last that runs, and what
      // all of them save.
      for (layer, live) in liveAfter.enumerated() {
        if let live { analysis.rows[rowOfLayer[layer]].liveBytes = live }
      }
      for (layer, saved) in savedByLayer.enumerated() {
        let row = rowOfLayer[layer]
        analysis.rows[row].savedBytes = (analysis.rows[row].savedBytes ?? 0) + saved
      }
    }
    analysis.memory = report
  }
}

extension Analyzer {
  /// The memory walks, made on a thread of their own while the rows are made, from a pass that
  /// computes each layer's output and parameters alone (issue 25: a million layers' walks take
  /// as long as their rows). Nil when a layer fails, which the analysis reports.
  static func walksBesideRows(
    _ network: Network, settings: MemorySettings
  ) -> Result<MemoryWalks, MemoryError>? {
    var outputs = OutputShapes(capacity: network.layers.count)
    var trainable: [Int] = []
    if settings.optimizer != nil { trainable.reserveCapacity(network.layers.count) }
    var parameters = 0
    var known: [Shape] = []
    var recent = RecentEvaluations()
    for index in network.layers.indices {
      known.empty()
      for input in network.layers[index].inputs {
        switch input {
        case .network: known.append(network.input)
        case .layer(let i):
          guard (0..<outputs.count).contains(i) else { return nil }
          known.append(outputs[i])
        }
      }
      do throws(LayerError) {
        let (output, cost) = try recent.evaluate(
          network.layers, index, reading: known,
          keep: network.originRecurs(after: index, within: RecentEvaluations.slots))
        parameters = try sum(parameters, cost.params)
        if settings.optimizer != nil { trainable.append(cost.params - cost.nonTrainableParams) }
        outputs.append(output)
      } catch { return nil }
    }
    do throws(MemoryError) {
      return .success(
        try MemoryWalks(
          network, outputs: outputs, trainable: trainable, parameters: parameters,
          settings: settings))
    } catch { return .failure(error) }
  }
}
