/// A way of counting a network's compute: the papers' (netcost's default), or what a peer tool
/// prints. Every convention counts the papers' multiply-accumulates of convolutions and fully
/// connected layers and adds, per layer, the terms its rules give (`Convention+Rules.swift`); so
/// a tool's total is the papers' plus a sum whose parts say why they differ. The rules, and what
/// a convention counts of `Totals`, are the analysis' (`ConventionRule.swift`).
public enum Convention: String, CaseIterable, Sendable {
  case paper, torchinfo, fvcore, ptflops
  case ptflopsAten = "ptflops-aten"
  case thop, keras, flops
  case flopCounter = "flop-counter"

  /// The tool and version whose counting the rules follow.
  public var tool: String {
    switch self {
    case .paper: "the papers (MobileNet, Howard et al. 2017, Sec. 3: mult-adds)"
    case .torchinfo: "torchinfo 1.8.0"
    case .fvcore: "fvcore 0.1.5.post20221221"
    case .ptflops: "ptflops 0.7.5, pytorch backend"
    case .ptflopsAten: "ptflops 0.7.5, aten backend"
    case .thop: "thop 0.1.1"
    case .keras: "Keras 3 model.summary()"
    case .flops: "calflops 0.3.2 (DeepSpeed's flops profiler)"
    case .flopCounter: "PyTorch 2.15's torch.utils.flop_counter.FlopCounterMode"
    }
  }

  /// What the tool calls the number it prints.
  public var label: String {
    switch self {
    case .paper: "mult-adds"
    case .torchinfo: "Total mult-adds"
    case .fvcore: "flops (1 per fused multiply-add)"
    case .ptflops, .ptflopsAten: "Computational complexity (GMac)"
    case .thop: "MACs"
    case .keras: "no compute figure; Total params"
    case .flops: "FLOPs"
    case .flopCounter: "get_total_flops()"
    }
  }

  /// Whether the tool counts by the modules and functions PyTorch calls (hooks on module types,
  /// patched functions), which only the live model (or its ExportedProgram) records; the others
  /// count operators, or follow a paper.
  public var countsByModule: Bool {
    switch self {
    case .torchinfo, .ptflops, .thop, .flops: true
    case .paper, .fvcore, .ptflopsAten, .keras, .flopCounter: false
    }
  }

  /// What the number is, whatever the tool calls it: FLOPs for calflops and FlopCounterMode.
  public var unit: Unit { self == .flops || self == .flopCounter ? .flops : .macs }

  public enum Unit: String, Sendable {
    case macs = "MACs"
    case flops = "FLOPs"
  }

  /// Which parameters the tool counts.
  public var params: Params {
    switch self {
    case .paper: .withoutBatchNorm
    case .keras: .all
    default: .trainable
    }
  }

  public enum Params: String, Sendable {
    /// Weights and biases (the papers).
    case withoutBatchNorm = "weights and biases, no batch norm"
    /// What `requires_grad` marks: batch norm's γ and β, not its statistics (PyTorch tools).
    case trainable = "trainable: batch norm's γ and β, not its moving statistics"
    /// Every weight (Keras).
    case all = "all: batch norm's moving statistics too"
  }
}
