import NetCostCore

extension Analyzer {
  /// The memory walks `settings` asks for, on an analysis whose every layer succeeded:
  /// `outputs[i]` is layer i's output, `rowOfLayer[i]` its row (nil without rows).
  static func addMemory(
    to analysis: inout Analysis, network: Network, outputs: consuming [Shape], rowOfLayer: [Int]?,
    trainable: [Int], settings: MemorySettings
  ) throws(MemoryError) {
    guard outputs.count == network.layers.count else { return }
    let lastLayer = max(0, network.layers.count - 1)
    func bytes(_ count: Int) throws(MemoryError) -> Int {
      let (total, overflow) = count.multipliedReportingOverflow(by: settings.dtype.bytes)
      if overflow { throw MemoryError(layer: lastLayer) }
      return total
    }
    let inputBytes: Int
    do throws(LayerError) {
      inputBytes = try Formulas.activationBytes(
        network.input, settings: settings, explaining: false
      )
      .value
    } catch { throw MemoryError(layer: 0) }
    var report = MemoryReport(
      settings: settings, inputBytes: inputBytes, weightBytes: try bytes(analysis.totals.params))
    if let policy = settings.policy {
      let plan = try BufferPlan(
        network, outputs: copy outputs, policy: policy, training: false, settings: settings)
      let liveness = Liveness(plan)
      report.peakBytes = liveness.peak
      report.peakRow = rowOfLayer?[liveness.peakLayer]
      if policy == .pytorch { report.workspaceBytes = Workspace.pytorchCUDA }
      if let rowOfLayer {
        for (layer, row) in rowOfLayer.enumerated() where plan.bufferOfLayer[layer] != nil {
          analysis.rows[row].liveBytes = liveness.after[layer]
        }
      }
    }
    if let optimizer = settings.optimizer {
      let plan = try BufferPlan(
        network, outputs: copy outputs, policy: .pytorch, training: true, settings: settings)
      // The plan has what the walk needs of the outputs: a million of them (80 MB) go now.
      outputs = []
      let (training, savedByLayer) = try TrainingMemory.walk(
        network, plan: plan, trainable: trainable, parameters: analysis.totals.params,
        settings: settings, optimizer: optimizer)
      report.training = training
      report.trainingPeakRow = rowOfLayer?[training.peakLayer]
      if let rowOfLayer {
        for (layer, row) in rowOfLayer.enumerated() {
          analysis.rows[row].savedBytes = (analysis.rows[row].savedBytes ?? 0) + savedByLayer[layer]
        }
      }
    }
    analysis.memory = report
  }
}
