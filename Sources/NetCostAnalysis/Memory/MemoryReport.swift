import NetCostCore

/// The memory figures asked for with the costs (`--memory`, `--optimizer`, `--batch`, `--dtype`).
public struct MemoryReport: Hashable, Sendable {
  public var settings: MemorySettings
  /// The batch of input images, which the caller holds.
  public var inputBytes: Int
  /// Every parameter at the data type.
  public var weightBytes: Int
  /// Under a policy: the most the activations hold at once, above the input and the weights.
  public var peakBytes: Int?
  /// The row whose layer runs at that peak (nil for an analysis without rows).
  public var peakRow: Int?
  /// What the framework allocates for itself besides tensors, stated apart (`pytorch`: cuBLAS's
  /// workspace, `Workspace`).
  public var workspaceBytes: Int?
  /// The tensors' peak, cuBLAS's workspace and the workspace the user stated (`--workspace`), or
  /// nil without a peak or past 64 bits.
  public var peakWithWorkspace: Int? {
    guard let peakBytes else { return nil }
    return try? sum(sum(peakBytes, workspaceBytes ?? 0), settings.workspace ?? 0)
  }
  public var training: TrainingMemory?
  /// The row of the training step's peak.
  public var trainingPeakRow: Int?
}

/// What a framework allocates for its own use at run time, a fixed figure apart from tensors.
public enum Workspace {
  /// cuBLAS's workspace on an NVIDIA Hopper GPU: 32 MiB, the size NVIDIA's cuBLAS documentation
  /// recommends for Hopper (cublasSetWorkspace) and PyTorch allocates for a handle on the first
  /// matrix product. The inference peaks measured in docs/memory.md include it; at batch 1 they are
  /// near 34.6 MB, nearly all of it this.
  public static let pytorchCUDA = 33_554_432
}
