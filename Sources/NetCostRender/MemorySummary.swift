import NetCostAnalysis
import NetCostCore

/// The memory lines under the totals: the peak of the inference walk and a training step's terms,
/// each in bytes with its MB, and what each includes.
enum MemorySummary {
  typealias Entry = (name: String, value: String, remark: String)

  /// `pytorch policy, batch 32, fp32`: the settings every memory figure depends on.
  static func settings(_ settings: MemorySettings) -> String {
    var parts: [String] = []
    if let policy = settings.policy { parts.append("\(policy.rawValue) policy") }
    parts += ["batch \(settings.batch)", settings.dtype.rawValue]
    return parts.joined(separator: ", ")
  }

  static func entries(_ analysis: Analysis) -> [Entry] {
    guard let memory = analysis.memory else { return [] }
    func entry(_ name: String, _ bytes: Int, _ remark: String) -> Entry {
      let megabytes = NumberFormat.megabytes(bytes) + " MB"
      return (
        name, NumberFormat.grouped(bytes) + " B",
        remark.isEmpty ? megabytes : megabytes + ", " + remark
      )
    }
    func row(_ index: Int?) -> String {
      guard let index, analysis.rows.indices.contains(index) else { return "" }
      return analysis.rows[index].name
    }
    var entries = [
      entry("input", memory.inputBytes, "the batch of images, held by the caller"),
      entry("weights", memory.weightBytes, "every parameter at \(memory.settings.dtype.rawValue)"),
    ]
    if let peak = memory.peakBytes, let policy = memory.settings.policy {
      let at = row(memory.peakRow)
      entries.append(
        entry(
          "peak activations", peak,
          "\(policy.rawValue) policy, above input and weights" + (at.isEmpty ? "" : ", at \(at)")))
      if let workspace = memory.workspaceBytes {
        entries.append(
          entry("  framework workspace", workspace, "cuBLAS's on a Hopper GPU, apart from tensors"))
      }
      if let stated = memory.settings.workspace {
        entries.append(entry("  stated workspace", stated, "as given by --workspace"))
      }
      if memory.workspaceBytes != nil || memory.settings.workspace != nil {
        let remark =
          memory.settings.workspace == nil
          ? "cuDNN's convolution workspace, chosen at run time, comes on top: state it with "
            + "--workspace" : ""
        if let total = memory.peakWithWorkspace {
          entries.append(entry("  peak with workspace", total, remark))
        } else {
          entries.append(("  peak with workspace", "past 64 bits", remark))
        }
      }
    }
    if let t = memory.training {
      let at = row(memory.trainingPeakRow)
      entries += [
        entry(
          "training step", t.total,
          "\(t.optimizer.rawValue), at its peak (\(t.peakPhase.rawValue)"
            + (at.isEmpty ? "" : " of \(at)") + ")"),
        entry("  weights", t.weights, ""),
        entry("  optimizer state", t.optimizerState, stateRemark(t.optimizer)),
        entry("  input", t.input, ""),
        entry("  saved activations", t.savedActivations, "kept for backward, still held"),
        entry("  gradients", t.gradients, "of the weights, made so far"),
        entry("  transient", t.transient, "outputs and activation gradients in flight"),
        entry(
          "saved for backward", t.savedForBackward,
          "all autograd saves in one forward, each storage once"),
        entry("all gradients", t.allGradients, "held until the optimizer's step"),
      ]
    }
    return entries
  }

  static func stateRemark(_ optimizer: Optimizer) -> String {
    switch optimizer {
    case .sgd: "plain SGD keeps none"
    case .momentum: "a momentum buffer per trained parameter"
    case .adam: "two running averages per trained parameter"
    }
  }
}
