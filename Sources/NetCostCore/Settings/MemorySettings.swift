/// The number format of activations and weights (`--dtype`).
public enum DataType: String, CaseIterable, Sendable {
  case fp32, fp16, bf16, int8

  /// Bytes per value.
  public var bytes: Int {
    switch self {
    case .fp32: 4
    case .fp16, .bf16: 2
    case .int8: 1
    }
  }
}

/// Which tensors a runtime keeps apart, for the liveness of inference memory (`--memory`).
public enum MemoryPolicy: String, CaseIterable, Sendable {
  /// Every elementwise layer overwrites its input and every concatenation is written in place
  /// where that is legal (the input is read by nothing later): the lower bound any runtime can
  /// reach without recomputing.
  case ideal
  /// Eager PyTorch: what torchvision's modules allocate (batch norm in eval writes a new tensor,
  /// `ReLU(inplace=True)` and `out += identity` do not, `torch.cat` copies; the `inplace` key).
  case pytorch
}

/// The optimizer of a training step (`--optimizer`): what state it keeps per trained parameter
/// (PyTorch's torch.optim.SGD and Adam).
public enum Optimizer: String, CaseIterable, Sendable {
  /// Plain SGD: no state.
  case sgd
  /// SGD with momentum: one momentum buffer per parameter.
  case momentum
  /// Adam: the running averages of the gradient and of its square.
  case adam

  /// Copies of the trained parameters the optimizer keeps between steps.
  public var stateCopies: Int {
    switch self {
    case .sgd: 0
    case .momentum: 1
    case .adam: 2
    }
  }

  /// Parameter-sized temporaries of the step itself: Adam's foreach step computes the square
  /// root of every second moment into new tensors (torch/optim/adam.py, `_multi_tensor_adam`);
  /// SGD's updates run in place.
  public var stepCopies: Int { self == .adam ? 1 : 0 }
}

/// What memory to compute with the costs: the batch and number format of the byte counts, the
/// inference policy whose liveness to walk, and the optimizer of a training step.
public struct MemorySettings: Hashable, Sendable {
  public var batch: Int
  public var dtype: DataType
  /// nil: no liveness walk (the table's memory column alone).
  public var policy: MemoryPolicy?
  /// nil: no training memory.
  public var optimizer: Optimizer?
  /// A workspace the user knows, in bytes (`--workspace`): cuDNN's convolution workspace, which
  /// cuDNN chooses at run time and netcost cannot predict, added to the inference peak.
  public var workspace: Int? = nil

  public init(
    batch: Int = 1, dtype: DataType = .fp32, policy: MemoryPolicy? = nil,
    optimizer: Optimizer? = nil
  ) {
    self.batch = batch
    self.dtype = dtype
    self.policy = policy
    self.optimizer = optimizer
  }

  /// Batch 1 at fp32, no walk: the papers' per-layer memory.
  public static let standard = MemorySettings()

  /// The largest batch accepted: beyond any accelerator, and small enough that no byte count of a
  /// network within the limits wraps unnoticed (each is checked anyway).
  public static let maximumBatch = 1_000_000
  /// The largest workspace accepted, 1 PiB: past any device, and far from 64 bits in any sum.
  public static let maximumWorkspace = 1 << 50
}
