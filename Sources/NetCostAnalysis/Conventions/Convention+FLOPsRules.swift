import NetCostCore

/// The conventions that count FLOPs, 2 per multiply-accumulate: calflops and PyTorch's own
/// FlopCounterMode (their rules, as `Convention+Rules.swift` holds the MAC-counting tools').
extension Convention {
  // FLOPs as calflops counts them (calflops/pytorch_ops.py, DeepSpeed's flops profiler): it
  // patches functions, not modules, so what it sees is what the forward calls (`F.relu` inside
  // nn.ReLU, but not nn.ReLU6's F.hardtanh, nor `+`).
  static let flopsRules: [ConventionRule] = [
    ConventionRule(
      name: "two FLOPs per MAC", counts: "a multiply and an add per multiply-accumulate",
      source: "calflops 0.3.2 pytorch_ops.py _conv_flops_compute, _linear_flops_compute",
      term: { l in l.cost.macs > 0 && l.call != .fastpath ? l.cost.macs : nil }),
    ConventionRule(
      name: "conv bias",
      counts: "1 per output value of a conv with bias (a linear layer's bias: 0)",
      source: "calflops 0.3.2 pytorch_ops.py _conv_flops_compute",
      term: { l throws(LayerError) in try l.convBias(transposed: false) }),
    .calflopsTransposed,
    ConventionRule(
      name: "batch norm", counts: "2 per input value (1 without γ and β), in eval mode",
      source: "calflops 0.3.2 pytorch_ops.py _batch_norm_flops_compute",
      term: { l throws(LayerError) in
        guard let bn = l.batchNorm, l.call != .tensor else { return nil }
        return try (bn.scale || bn.center ? 2 : 1) * l.inputValues()
      }),
    ConventionRule(
      name: "layer norm", counts: "5 per input value (4 without γ and β)",
      source: "calflops 0.3.2 pytorch_ops.py _layer_norm_flops_compute",
      term: { l throws(LayerError) in
        guard case .layerNorm(let bias) = l.operation, l.call != .absent, l.call != .tensor
        else { return nil }
        return try (bias ? 5 : 4) * l.inputValues()
      }),
    ConventionRule(
      name: "group norm",
      counts: "5 per input value of F.group_norm, instance_norm (4 without γ, β)",
      source:
        "calflops 0.3.2 pytorch_ops.py _group_norm_flops_compute, _instance_norm_flops_compute",
      term: { l throws(LayerError) in
        guard let norm = l.groupNorm, l.call != .tensor else { return nil }
        return try (norm.affine ? 5 : 4) * l.inputValues()
      }),
    ConventionRule(
      name: "activations",
      counts:
        "1 per input value of F.relu, prelu, elu, leaky_relu, silu, gelu, softmax (F.relu6 only "
        + "when called: nn.ReLU6 calls F.hardtanh, which is not patched; Swin V2's "
        + "position-bias MLP's ReLU too)",
      source: "calflops 0.3.2 pytorch_ops.py _relu_flops_compute, _silu_flops_compute, …",
      term: { l throws(LayerError) in
        if let hidden = try l.positionBiasHidden() { return hidden }  // F.relu in its nn.ReLU
        guard
          (Kinds.calflopsPatched.contains(l.kind) && (l.call == .module || l.call == .functional))
            || (l.kind == .relu6 && l.call == .functional)
        else { return nil }
        return try l.inputValues()
      }),
    ConventionRule(
      name: "pooling",
      counts: "1 per input value of F.max_pool2d, avg_pool2d and the adaptive pools",
      source: "calflops 0.3.2 pytorch_ops.py _pool_flops_compute",
      term: { l throws(LayerError) in
        guard l.isPooling, l.call == .module || l.call == .functional else { return nil }
        return try l.inputValues()
      }),
    .lpPoolingRoot(source: "calflops 0.3.2 pytorch_ops.py _relu_flops_compute, _mul_flops_compute"),
    ConventionRule(
      name: "torch.add and torch.mul", counts: "1 per output value (not `+` or `*`)",
      source: "calflops 0.3.2 pytorch_ops.py _add_flops_compute, _mul_flops_compute",
      term: { l throws(LayerError) in
        guard l.kind == .add || l.kind == .multiply, l.call == .functional else { return nil }
        return try l.outputValues()
      }),
    .activationProducts(
      counts: "2 per multiply-accumulate of torch.matmul and Tensor.matmul (not `@`, bmm or "
        + "F.scaled_dot_product_attention); torch.einsum's FLOPs as NumPy's estimate prints them "
        + "(%.3e)",
      source: "calflops 0.3.2 pytorch_ops.py _patch_tensor_methods, _matmul_flops_compute, "
        + "_einsum_flops_compute (NumPy's printed estimate)",
      when: [.functional], factor: 2, einsum: { EinsumEstimate.printed(2 * $0) }),
    .fastPathUnseen(
      source: "calflops 0.3.2 pytorch_ops.py (torch._native_multi_head_attention is not patched)"),
  ]

  // torch/utils/flop_counter.py: it counts at PyTorch's dispatch, so whatever the Python calls
  // reaches it, fused kernels included; it registers formulas only for matrix products,
  // convolutions and attention kernels (2 FLOPs per multiply-accumulate, no bias), nothing else.
  static let flopCounterRules: [ConventionRule] = [
    ConventionRule(
      name: "two FLOPs per MAC", counts: "a multiply and an add per multiply-accumulate",
      source: "torch 2.15 utils/flop_counter.py conv_flop_count, mm_flop, addmm_flop (no bias)",
      term: { l in l.cost.macs > 0 && l.call != .fastpath ? l.cost.macs : nil }),
    .activationProducts(
      counts: "2 per multiply-accumulate however PyTorch runs the product (`@`, torch.matmul, "
        + "bmm, torch.einsum, F.scaled_dot_product_attention)",
      source: "torch 2.15 utils/flop_counter.py bmm_flop, matmul, sdpa_flop_count",
      when: [.module, .functional, .tensor, .custom, .fused, .einsum], factor: 2),
    .fastPathUnseen(
      source: "torch 2.15 utils/flop_counter.py (no formula for aten._native_multi_head_attention)"),
  ]
}
