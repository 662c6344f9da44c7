/// A number a paper or a reference implementation printed for a network, recorded in its spec so
/// netcost can check itself against it (`netcost verify`) and show it beside its own (`sweep`).
public struct PublishedFigure: Hashable, Sendable {
  /// What the number measures, under the convention of the source that printed it.
  public enum Metric: String, CaseIterable, Sendable {
    /// Multiply-accumulates of the network, or of the selected layers.
    case macs
    /// MACs and activation products together: torchvision's GFLOPS and the transformer papers'
    /// FLOPs (multiply-adds), FlopCounterMode's count halved.
    case macsWithProducts = "macs_with_products"
    /// Weights and biases without batch norm: the papers' parameter count.
    case params
    /// Weights alone, no biases and no batch norm (MobileNet Tables 2 and 3).
    case weights
    /// Every parameter, batch norm's four vectors included (Keras "Total params").
    case totalParams = "total_params"
    /// Keras "Trainable params"; PyTorch's `num_params`.
    case trainableParams = "trainable_params"
    case nonTrainableParams = "non_trainable_params"
    /// Activation memory of the network, or of the selected layers' outputs.
    case memory
    /// Output values of the selected layers ("neurons", AlexNet's Figure 2).
    case activations
    /// Every parameter at 4 bytes ("4.8 MB at 32 bit").
    case paramMemory = "param_memory"
    /// Share of MACs in one kind of layer, in percent (MobileNet Table 2).
    case macsShare = "macs_share"
    /// Share of weights in one kind of layer, in percent.
    case weightsShare = "weights_share"
    /// How many times fewer MACs than another network ("27 times less compute than VGG16").
    case macsReduction = "macs_reduction"
    /// How many times fewer parameters (without batch norm) than another network.
    case paramsReduction = "params_reduction"
    /// Top-1 accuracy in percent: recorded for tables and charts, not computed.
    case accuracy
    /// What a peer tool prints for the network's compute, checked under its convention.
    case torchinfoMACs = "torchinfo_macs"
    case fvcoreMACs = "fvcore_macs"
    case ptflopsMACs = "ptflops_macs"
    case ptflopsAtenMACs = "ptflops_aten_macs"
    case thopMACs = "thop_macs"
    case flops
    /// Bytes autograd saves in one training forward, each storage once (PyTorch's
    /// saved_tensors_hooks), at the figure's `batch`.
    case savedBytes = "saved_bytes"
    /// What a training step (SGD with momentum) allocates at its peak above the weights, the
    /// optimizer's state and the input.
    case trainingGrowth = "training_growth"
    /// An eval forward's peak above the input and weights under the `pytorch` policy, the
    /// framework's workspace included.
    case inferencePeak = "inference_peak"
    /// The largest output among the selected rows at 16 bits per value: MobileNetV2's Table 3
    /// ("max number of channels/memory at each spatial resolution").
    case tensorMemory = "tensor_memory"
    /// A row's receptive field (Araujo et al. 2019): its size, effective stride and effective
    /// padding, along the height; a block's label names its last row.
    case rfSize = "rf_size"
    case rfStride = "rf_stride"
    case rfPadding = "rf_padding"

    /// The convention a figure of this metric is counted under: a tool's, or the papers'.
    public var convention: Convention {
      switch self {
      case .torchinfoMACs: .torchinfo
      case .fvcoreMACs: .fvcore
      case .ptflopsMACs: .ptflops
      case .ptflopsAtenMACs: .ptflopsAten
      case .thopMACs: .thop
      case .flops: .flops
      default: .paper
      }
    }

    /// The memory walks a figure of this metric needs, at the batch it was measured with.
    public func memory(batch: Int) -> MemorySettings {
      switch self {
      case .savedBytes, .trainingGrowth: MemorySettings(batch: batch, optimizer: .momentum)
      case .inferencePeak: MemorySettings(batch: batch, policy: .pytorch)
      default: .standard
      }
    }

    /// Whether a figure of this metric may say the batch it was measured at (`batch = 32`).
    public var takesBatch: Bool {
      self == .savedBytes || self == .trainingGrowth || self == .inferencePeak
    }

    /// Whether netcost can compute this metric and so check the figure.
    public var isComputed: Bool { self != .accuracy }

    /// Whether its value is computed from the rows it selects (a sum, the largest, the last
    /// row's field), not from the network's totals, a memory walk or another network.
    public var readsRows: Bool {
      switch self {
      case .macs, .macsWithProducts, .params, .weights, .memory, .activations, .rfSize,
        .rfStride, .rfPadding, .tensorMemory, .macsShare, .weightsShare:
        true
      default: false
      }
    }

    /// Whether the metric counts things (MACs, parameters, values, the bytes of a memory walk),
    /// which are whole numbers.
    public var isCount: Bool {
      switch self {
      case .macs, .macsWithProducts, .params, .weights, .totalParams, .trainableParams,
        .nonTrainableParams, .activations, .torchinfoMACs, .fvcoreMACs, .ptflopsMACs,
        .ptflopsAtenMACs, .thopMACs,
        .flops, .savedBytes, .trainingGrowth, .inferencePeak, .tensorMemory, .rfSize, .rfStride,
        .rfPadding:
        true
      default: false
      }
    }
  }

  public enum Selector: Hashable, Sendable {
    case network
    /// The rows with these names, or under these block labels (`inception_3a/…`).
    case layers([String])
    /// The rows of one kind, as `netcost --by kind` names them ("Conv 1×1").
    case kind(String)
    /// Another network at its defaults.
    case versus(String)
  }

  /// A unit a figure may be printed in, and what one of it is worth.
  public struct Unit: Hashable, Sendable {
    public var symbol: String
    public var scale: Double
  }

  public var metric: Metric
  public var selector: Selector
  /// The number as printed, in `unit`.
  public var value: Double
  /// Decimal places as printed: a figure matches when the computed value rounds to it.
  public var decimals: Int
  public var unit: Unit
  /// Parameter values the figure is for; the others are at their defaults.
  public var conditions: [String: Double]
  public var source: String
  /// Why the computed value differs from the printed one, where it does.
  public var note: String?
  /// The figure as the spec writes it: `325 M`, `94.86 %`, `4.8 MB`.
  public var text: String
  public var range: SourceRange

  package init(
    metric: Metric, selector: Selector, value: Double,
    decimals: Int, unit: Unit, conditions: [String: Double], source: String,
    note: String? = nil, text: String, range: SourceRange
  ) {
    self.metric = metric
    self.selector = selector
    self.value = value
    self.decimals = decimals
    self.unit = unit
    self.conditions = conditions
    self.source = source
    self.note = note
    self.text = text
    self.range = range
  }
}

extension PublishedFigure.Metric {
  /// The units a figure of this metric may be printed in; the first is the default.
  package var units: [PublishedFigure.Unit] {
    switch self {
    case .macs, .macsWithProducts, .params, .weights, .totalParams, .trainableParams,
      .nonTrainableParams, .activations, .torchinfoMACs, .fvcoreMACs, .ptflopsMACs,
      .ptflopsAtenMACs, .thopMACs, .flops:
      [
        .init(symbol: "", scale: 1), .init(symbol: "K", scale: 1e3), .init(symbol: "M", scale: 1e6),
        .init(symbol: "G", scale: 1e9),
      ]
    case .tensorMemory:
      // Table 3 prints "Kb": thousands of bytes.
      [.init(symbol: "B", scale: 1), .init(symbol: "kB", scale: 1000)]
    case .memory, .paramMemory, .savedBytes, .trainingGrowth, .inferencePeak:
      [
        .init(symbol: "B", scale: 1), .init(symbol: "KB", scale: 1024),
        .init(symbol: "MB", scale: 1024 * 1024), .init(symbol: "GB", scale: 1024 * 1024 * 1024),
      ]
    case .macsShare, .weightsShare, .accuracy:
      [.init(symbol: "%", scale: 1)]
    case .macsReduction, .paramsReduction, .rfSize, .rfStride, .rfPadding:
      [.init(symbol: "", scale: 1)]
    }
  }
}
