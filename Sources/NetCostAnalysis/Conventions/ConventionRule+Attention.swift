import NetCostCore

/// How the tools count what transformers add beyond convolutions (measure_tools.py --every,
/// tools-issue27.jsonl): a fully connected layer run as `F.linear` with a module's weights
/// (Swin), `nn.MultiheadAttention`'s inference fast path (ViT), Swin V2's position-bias MLP and
/// `torch.einsum` (MaxViT).
extension ConventionRule {
  /// The tools that see neither `F.linear` nor a kernel: hooks on modules only.
  static func functionalLinearUnseen(source: String) -> ConventionRule {
    ConventionRule(
      name: "F.linear unseen",
      counts: "− the MACs of a fully connected layer run as F.linear with a module's weights "
        + "(Swin's qkv and proj), which no module hook sees",
      source: source,
      term: { l in
        guard case .dense = l.operation, l.call == .functional, l.cost.macs > 0 else { return nil }
        return -l.cost.macs
      })
  }

  /// Every tool but ptflops' pytorch backend: nothing of torch._native_multi_head_attention.
  static func fastPathUnseen(source: String) -> ConventionRule {
    ConventionRule(
      name: "MHA fast path unseen",
      counts: "− the MACs of nn.MultiheadAttention's projections in eval mode: its fast path, "
        + "torch._native_multi_head_attention, runs them, both products and the softmax in one "
        + "kernel the tool does not count",
      source: source,
      term: { l in
        guard l.call == .fastpath, l.cost.macs > 0 else { return nil }
        return -l.cost.macs
      })
  }

  /// ptflops' pytorch backend's hook on nn.MultiheadAttention, which counts the fast path too:
  /// the projections as the papers do, plus L·D to scale Q, every bias at every token, the two
  /// products and one per softmax input.
  static let ptflopsMultiheadAttention = ConventionRule(
    name: "nn.MultiheadAttention",
    counts: "its hook's formula beyond the projections' MACs: 1 per bias value at each token, "
      + "1 per value of Q (its scaling), the two products, 1 per softmax input",
    source: "ptflops 0.7.5 pytorch_ops.py multihead_attention_counter_hook",
    term: { l throws(LayerError) in
      guard l.call == .fastpath else { return nil }
      switch l.operation {
      case .dense(let units, _, _):
        // "bias is always enabled" for the output projection, as in torchvision's.
        guard let positions = l.output.positions else { throw .overflow }
        return try product([units, positions])
      case .matmul(let transposed):
        let scaling = transposed ? try l.inputValues() : 0
        return l.cost.activationMatmulMacs + scaling
      case .activation where l.kind == .softmax: return try l.inputValues()
      default: return nil
      }
    })
}

extension ConventionLayer {
  /// Swin V2's position-bias MLP (`posbias mlp = m`): `offsets` rows, each through Linear(2, m)
  /// with a bias, ReLU and Linear(m, heads) without.
  var positionBiasMLP: (offsets: Int, hidden: Int, heads: Int)? {
    guard case .positionBias(let window, let mlp) = operation, mlp > 0,
      let input = inputs.first
    else { return nil }
    let side = 2 * window - 1
    return (side * side, mlp, input.rank >= 3 ? input[input.rank - 3] : 1)
  }

  /// The values of the position-bias MLP's hidden layer: its first Linear's bias additions and
  /// its ReLU's inputs.
  func positionBiasHidden() throws(LayerError) -> Int? {
    guard let mlp = positionBiasMLP else { return nil }
    return try product([mlp.offsets, mlp.hidden])
  }
}

/// NumPy's `einsum_path` prints its FLOP estimate, 2 per multiply-accumulate of a product of two
/// operands, with `%.3e`; fvcore and calflops read that text back.
enum EinsumEstimate {
  /// `flops` rounded to four significant figures, half to even, as Python's `%.3e` rounds an
  /// integer's exact value.
  static func printed(_ flops: Int) -> Int {
    guard flops >= 10_000 else { return flops }
    var scale = 1
    while flops / scale >= 10_000 { scale *= 10 }
    let (quotient, remainder) = flops.quotientAndRemainder(dividingBy: scale)
    let half = scale / 2
    let up = remainder > half || (remainder == half && quotient % 2 == 1)
    return (quotient + (up ? 1 : 0)) * scale
  }
}
