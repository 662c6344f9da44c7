import NetCostCore

/// What each column counts, said once here and printed under every table as one `counting:` line
/// that names exactly the counts that table shows. "params" alone is never a column: a table
/// shows `params (all)` (every parameter, as PyTorch and Keras count them) or `params (paper)`
/// (without batch norm, as the papers count them), and says which.
public enum Counting: Sendable {
  case macs
  /// MACs (or FLOPs) as a peer tool counts them.
  case convention(Convention)
  case paramsAll
  case paramsPaper
  /// A sweep whose recorded figures count trainable parameters (EfficientNet's Table 2).
  case paramsTrainable
  /// A per-layer table's memory column, and the live and saved columns of a memory walk.
  case rowMemory(MemorySettings?)
  /// A sweep's or comparison's memory column.
  case totalMemory
  /// A comparison's param memory column.
  case paramMemory

  public var text: String {
    switch self {
    case .macs:
      "MACs are multiply-accumulates of conv and fc layers (the papers' mult-adds; 1 MAC = 2 FLOPs)"
    case .convention(let convention) where convention == .paper || convention == .keras:
      Counting.macs.text
    case .convention(let convention):
      "\(convention.unit.rawValue) are counted as \(convention.tool) counts them (it prints "
        + "\"\(convention.label)\"): the papers' multiply-accumulates of conv and fc layers"
        + (convention.unit == .flops ? " twice" : "") + " plus "
        + convention.rules.filter { $0.name != "two FLOPs per MAC" }.map(\.name)
        .joined(separator: ", ") + " ('netcost conventions' breaks them down)"
    case .paramsAll:
      "params (all) are every parameter: weights, biases and batch norm's four vectors"
    case .paramsPaper:
      "params (paper) leave batch norm out, as the papers count"
    case .paramsTrainable:
      "params (trainable) leave batch norm's moving statistics out, as PyTorch and these figures count"
    case .rowMemory(let settings?) where settings != .standard:
      "memory is each row's output at \(settings.dtype.bytes) byte\(settings.dtype.bytes == 1 ? "" : "s") "
        + "per value for a batch of \(settings.batch)"
        + (settings.policy.map {
          "; live is what the activations hold after the row (\($0.rawValue) policy), ◀ the row "
            + "during which they hold the most"
        } ?? "")
        + (settings.optimizer == nil
          ? "" : "; saved is what autograd first keeps for backward at the row (PyTorch)")
    case .rowMemory: "memory is each row's output at 4 bytes per value"
    case .totalMemory: "memory is all activations at 4 bytes per value"
    case .paramMemory: "param memory is params (all) at 4 bytes each"
    }
  }

  /// `counting: …; …`: the line printed with a table.
  public static func line(_ counts: [Counting]) -> String {
    "counting: " + counts.map(\.text).joined(separator: "; ")
  }
}
