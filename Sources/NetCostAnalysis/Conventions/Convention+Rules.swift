import NetCostCore

/// Each convention's rules, written once: what the tool adds to the papers' multiply-accumulates
/// of convolutions and fully connected layers, per kind of layer, with the tool's source.
/// `docs/cost-model.md`'s "Why the tools disagree" is generated from these tables.
extension Convention {
  public var rules: [ConventionRule] {
    switch self {
    case .paper, .keras: []
    case .torchinfo: Self.torchinfoRules
    case .fvcore: Self.fvcoreRules
    case .ptflops: Self.ptflopsRules
    case .ptflopsAten: Self.ptflopsAtenRules
    case .thop: Self.thopRules
    case .flops: Self.flopsRules
    case .flopCounter: Self.flopCounterRules
    }
  }

  /// Whether some rule adds products of two computed tensors (`matmul`), which the papers'
  /// multiply-accumulates leave out.
  public var countsActivationProducts: Bool {
    rules.contains { $0.name == ConventionRule.productsRuleName }
  }

  // torchinfo/layer_info.py, calculate_macs: each parameter of a leaf module times the output's
  // positions for a Conv, times the batch (1) for any other module.
  static let torchinfoRules: [ConventionRule] = [
    ConventionRule(
      name: "conv bias", counts: "1 per output value of a conv with bias",
      source: "torchinfo 1.8.0 layer_info.py calculate_macs (bias × output positions)",
      term: { l throws(LayerError) in try l.convBias() }),
    .transposedAtOutputs(
      source: "torchinfo 1.8.0 layer_info.py calculate_macs (a Conv* weight × output positions)"),
    ConventionRule(
      name: "fc bias",
      counts: "1 per unit of a fully connected layer with bias (once, not per position), and of "
        + "the first Linear of Swin V2's position-bias MLP",
      source: "torchinfo 1.8.0 layer_info.py calculate_macs (bias × batch)",
      term: { l in l.hookedFCBias.map { $0.units } ?? l.positionBiasMLP.map { $0.hidden } }),
    ConventionRule(
      name: "fc per position",
      counts: "a fully connected layer applied at every position counted once (Swin V2's "
        + "position-bias MLP too: once, not per offset); none for F.linear",
      source: "torchinfo 1.8.0 layer_info.py calculate_macs (weight × batch, not × positions)",
      term: { l throws(LayerError) in
        if let mlp = l.positionBiasMLP { return l.cost.macs / max(mlp.offsets, 1) - l.cost.macs }
        guard case .dense(_, _, false) = l.operation, l.call != .functional, l.call != .fastpath,
          l.cost.macs > 0
        else { return nil }
        guard let positions = l.output.positions else { throw .overflow }
        return l.cost.macs / positions - l.cost.macs
      }),
    ConventionRule(
      name: "batch norm", counts: "γ and β: 2 per channel",
      source: "torchinfo 1.8.0 layer_info.py calculate_macs (weight, bias × batch)",
      term: { l in
        l.batchNorm.map { ($0.scale ? 1 : 0) + ($0.center ? 1 : 0) }.map { $0 * l.output.channels }
      }),
    ConventionRule(
      name: "layer norm", counts: "γ and β: 2 per channel",
      source: "torchinfo 1.8.0 layer_info.py calculate_macs (weight, bias × batch)",
      term: { l in
        guard case .layerNorm(let bias) = l.operation, l.call != .absent else { return nil }
        return (bias ? 2 : 1) * l.output.channels
      }),
    ConventionRule(
      name: "group norm", counts: "γ and β: 2 per channel (none without them)",
      source: "torchinfo 1.8.0 layer_info.py calculate_macs (weight, bias × batch)",
      term: { l in l.groupNorm.flatMap { $0.affine ? 2 * l.output.channels : nil } }),
    .functionalLinearUnseen(source: "torchinfo 1.8.0 torchinfo.py forward hooks on modules only"),
    .fastPathUnseen(
      source: "torchinfo 1.8.0 layer_info.py calculate_macs (nn.MultiheadAttention's "
        + "own parameters count nothing; its out_proj module is never called)"),
  ]

  // fvcore/nn/flop_count.py _DEFAULT_SUPPORTED_OPS and jit_handles.py: traced aten ops; a bias
  // is not counted; unsupported ops (max pooling, add, mul, activations) count 0.
  static let fvcoreRules: [ConventionRule] = [
    ConventionRule(
      name: "batch norm", counts: "2 per input value (1 without γ and β), in eval mode",
      source: "fvcore 0.1.5.post20221221 jit_handles.py batchnorm_flop_jit",
      term: { l throws(LayerError) in
        guard let bn = l.batchNorm else { return nil }
        return try (bn.scale || bn.center ? 2 : 1) * l.inputValues()
      }),
    ConventionRule(
      name: "layer norm", counts: "5 per input value (4 without γ and β)",
      source: "fvcore 0.1.5.post20221221 jit_handles.py norm_flop_counter",
      term: { l throws(LayerError) in
        guard case .layerNorm = l.operation, l.call != .absent else { return nil }
        return try 5 * l.inputValues()
      }),
    ConventionRule(
      name: "group norm", counts: "5 per input value (4 without γ and β)",
      source: "fvcore 0.1.5.post20221221 flop_count.py aten::group_norm, aten::instance_norm",
      term: { l throws(LayerError) in
        guard let norm = l.groupNorm else { return nil }
        return try (norm.affine ? 5 : 4) * l.inputValues()
      }),
    ConventionRule(
      name: "adaptive average pooling",
      counts: "1 per input value of a map (aten::adaptive_avg_pool2d; not 1-D or 3-D)",
      source: "fvcore 0.1.5.post20221221 flop_count.py elementwise_flop_counter(1, 0)",
      term: { l throws(LayerError) in
        guard l.isAdaptiveAverage, l.call == .module || l.call == .functional,
          l.inputs.first?.rank == 3
        else { return nil }
        return try l.inputValues()
      }),
    .activationProducts(
      counts: "1 per multiply-accumulate of `@`, torch.matmul, bmm (the traced aten::matmul, "
        + "bmm); torch.einsum's from NumPy's estimate as printed (%.3e), halved and floored; none "
        + "inside F.scaled_dot_product_attention",
      source: "fvcore 0.1.5.post20221221 flop_count.py _DEFAULT_SUPPORTED_OPS, matmul_flop_jit, "
        + "jit_handles.py einsum_flop_jit (NumPy's printed estimate / 2, floored)",
      when: [.tensor, .functional], einsum: { EinsumEstimate.printed(2 * $0) / 2 }),
    .fastPathUnseen(
      source: "fvcore 0.1.5.post20221221 flop_count.py (aten::_native_multi_head_attention has no "
        + "handle: skipped as unsupported)"),
  ]

  // ptflops/pytorch_ops.py: module hooks (MODULES_MAPPING, exact types), and patched functionals
  // and tensor ops (FUNCTIONAL_MAPPING, TENSOR_OPS_MAPPING), both active inside modules.
  static let ptflopsRules: [ConventionRule] = [
    ConventionRule(
      name: "conv bias", counts: "1 per output value of a conv with bias",
      source: "ptflops 0.7.5 pytorch_ops.py conv_flops_counter_hook",
      term: { l throws(LayerError) in try l.convBias() }),
    ConventionRule(
      name: "fc bias",
      counts: "1 per unit and position of a fully connected module with bias (not F.linear), and "
        + "of the first Linear of Swin V2's position-bias MLP",
      source: "ptflops 0.7.5 pytorch_ops.py linear_flops_counter_hook",
      term: { l throws(LayerError) in try l.fcBiasPerPosition(hooked: true) }),
    ConventionRule(
      name: "batch norm", counts: "2 per input value (1 without γ and β)",
      source: "ptflops 0.7.5 pytorch_ops.py bn_flops_counter_hook",
      term: { l throws(LayerError) in
        guard let bn = l.batchNorm, l.call == .module else { return nil }
        return try (bn.scale && bn.center ? 2 : 1) * l.inputValues()
      }),
    ConventionRule(
      name: "layer norm", counts: "1 per input value (nn.LayerNorm has no `affine`)",
      source: "ptflops 0.7.5 pytorch_ops.py bn_flops_counter_hook",
      term: { l throws(LayerError) in
        guard case .layerNorm = l.operation, l.call == .module else { return nil }
        return try l.inputValues()
      }),
    ConventionRule(
      name: "group norm",
      counts: "2 per input value of nn.GroupNorm, InstanceNorm (1 without γ, β)",
      source: "ptflops 0.7.5 pytorch_ops.py bn_flops_counter_hook",
      term: { l throws(LayerError) in
        guard let norm = l.groupNorm, l.call == .module else { return nil }
        return try (norm.affine ? 2 : 1) * l.inputValues()
      }),
    ConventionRule(
      name: "activation modules",
      counts: "1 per output value of nn.ReLU, ReLU6, LeakyReLU, PReLU, ELU, GELU (Swin V2's "
        + "position-bias MLP's nn.ReLU too)",
      source: "ptflops 0.7.5 pytorch_ops.py relu_flops_counter_hook (MODULES_MAPPING[nn.GELU] too)",
      term: { l throws(LayerError) in
        if let hidden = try l.positionBiasHidden() { return hidden }  // its MLP's nn.ReLU
        guard l.call == .module, [.relu, .relu6, .leakyrelu, .prelu, .elu, .gelu].contains(l.kind)
        else {
          return nil
        }
        return try l.outputValues()
      }),
    ConventionRule(
      name: "pooling modules",
      counts: "1 per input value of nn.MaxPool2d, AvgPool2d, AdaptiveAvgPool2d",
      source: "ptflops 0.7.5 pytorch_ops.py pool_flops_counter_hook",
      term: { l throws(LayerError) in
        guard l.call == .module, l.isPooling else { return nil }
        return try l.inputValues()
      }),
    .lpPoolingRoot(source: "ptflops 0.7.5 pytorch_ops.py FUNCTIONAL_MAPPING, TENSOR_OPS_MAPPING"),
    ConventionRule(
      name: "counted twice",
      counts: "1 per input value again for a module whose forward calls a patched function "
        + "(nn.ReLU → F.relu, nn.ELU → F.elu, nn.GELU → F.gelu, nn.MaxPool2d → F.max_pool2d, "
        + "nn.AdaptiveAvgPool2d, nn.PReLU; nn.SiLU and nn.Softmax, which have no hook, once; "
        + "Swin V2's position-bias MLP's nn.ReLU)",
      source: "ptflops 0.7.5 pytorch_engine.py patch_functional (active inside hooked modules)",
      term: { l throws(LayerError) in
        if let hidden = try l.positionBiasHidden() { return hidden }  // F.relu in its nn.ReLU
        guard l.call == .module, Kinds.ptflopsPatched.contains(l.kind) else { return nil }
        return try l.inputValues()
      }),
    ConventionRule(
      name: "functional calls",
      counts: "1 per input value of F.relu, relu6, prelu, elu, gelu, silu, softmax and the pools",
      source: "ptflops 0.7.5 pytorch_ops.py FUNCTIONAL_MAPPING",
      term: { l throws(LayerError) in
        guard l.call == .functional, Kinds.ptflopsFunctional.contains(l.kind) else { return nil }
        return try l.inputValues()
      }),
    ConventionRule(
      name: "torch.add and torch.mul", counts: "1 per output value (not `+` or `*`)",
      source: "ptflops 0.7.5 pytorch_ops.py TENSOR_OPS_MAPPING",
      term: { l throws(LayerError) in
        guard l.call == .functional, l.kind == .add || l.kind == .multiply else { return nil }
        return try l.outputValues()
      }),
    .activationProducts(
      counts: "1 per multiply-accumulate of torch.matmul, Tensor.matmul, mm and bmm (not `@`, "
        + "which calls the unpatched Tensor.__matmul__, nor F.scaled_dot_product_attention)",
      source: "ptflops 0.7.5 pytorch_engine.py patch_tensor_ops, pytorch_ops.py "
        + "_matmul_tensor_flops_hook",
      when: [.functional]),
    .functionalLinearUnseen(
      source: "ptflops 0.7.5 pytorch_engine.py patch_functional (its F.linear patch commented out)"),
    .ptflopsMultiheadAttention,
  ]

  // ptflops/aten_ops.py: aten.convolution and aten.addmm with their bias; nothing else.
  static let ptflopsAtenRules: [ConventionRule] = [
    ConventionRule(
      name: "conv bias", counts: "1 per output value of a conv with bias",
      source: "ptflops 0.7.5 aten_ops.py conv_flop_count (bias=True)",
      term: { l throws(LayerError) in try l.convBias() }),
    ConventionRule(
      name: "fc bias",
      counts: "1 per unit and position of a fully connected layer with bias, and of the first "
        + "Linear of Swin V2's position-bias MLP",
      source: "ptflops 0.7.5 aten_ops.py addmm_flop",
      term: { l throws(LayerError) in try l.fcBiasPerPosition(hooked: false) }),
    .activationProducts(
      counts: "1 per multiply-accumulate of aten.mm, matmul and bmm, whatever the Python called "
        + "(`@`, torch.einsum too); none inside F.scaled_dot_product_attention",
      source: "ptflops 0.7.5 aten_ops.py ATEN_OPS_MAPPING (matmul_flop, bmm_flop)",
      when: [.tensor, .functional, .einsum]),
    .fastPathUnseen(
      source: "ptflops 0.7.5 aten_ops.py (aten._native_multi_head_attention is not in "
        + "ATEN_OPS_MAPPING)"),
  ]

  // thop/profile.py register_hooks (exact module types), vision/basic_hooks.py, calc_func.py.
  static let thopRules: [ConventionRule] = [
    ConventionRule(
      name: "batch norm", counts: "4 per input value (2, doubled for γ and β)",
      source: "thop 0.1.1 basic_hooks.py count_normalization, calc_func.py calculate_norm",
      term: { l throws(LayerError) in
        guard let bn = l.batchNorm, l.call == .module else { return nil }
        return try (bn.scale && bn.center ? 4 : 2) * l.inputValues()
      }),
    ConventionRule(
      name: "layer norm", counts: "4 per input value (nn.LayerNorm)",
      source: "thop 0.1.1 basic_hooks.py count_normalization",
      term: { l throws(LayerError) in
        guard case .layerNorm(let bias) = l.operation, l.call == .module else { return nil }
        return try (bias ? 4 : 2) * l.inputValues()
      }),
    .transposedAtOutputs(
      source: "thop 0.1.1 basic_hooks.py count_convNd (output values × C_in/g·k_h·k_w)"),
    ConventionRule(
      name: "instance norm",
      counts:
        "4 per input value of nn.InstanceNorm2d (2 without γ and β); nn.GroupNorm has no hook",
      source: "thop 0.1.1 profile.py register_hooks, basic_hooks.py count_normalization",
      term: { l throws(LayerError) in
        guard let norm = l.groupNorm, norm.groups == l.output.channels, l.call == .module else {
          return nil
        }
        return try (norm.affine ? 4 : 2) * l.inputValues()
      }),
    ConventionRule(
      name: "average pooling", counts: "1 per output value of nn.AvgPool2d",
      source: "thop 0.1.1 basic_hooks.py count_avgpool",
      term: { l throws(LayerError) in
        guard l.call == .module, l.kind == .avgpool else { return nil }
        return try l.outputValues()
      }),
    ConventionRule(
      name: "adaptive average pooling",
      counts: "(input area / output area + 1) per output value of nn.AdaptiveAvgPool2d",
      source: "thop 0.1.1 basic_hooks.py count_adap_avgpool, calc_func.py calculate_adaptive_avg",
      term: { l throws(LayerError) in
        guard l.call == .module, l.isAdaptiveAverage, let input = l.inputs.first else {
          return nil
        }
        // thop divides each spatial side in doubles and truncates the product, as here.
        let (from, to) = (input.dims.dropLast(), l.output.dims.dropLast())
        let kernel =
          from.count == to.count
          ? zip(from, to).reduce(1.0) { $0 * (Double($1.0) / Double(max($1.1, 1))) }
          : Double(Shape.product(from) ?? 0) / Double(max(Shape.product(to) ?? 1, 1))
        let total = (kernel + 1) * Double(try l.outputValues())
        guard total < 9.0e15 else { throw .overflow }
        return Int(total)
      }),
    ConventionRule(
      name: "softmax", counts: "3·C − 1 per position (exponentials, sums, divisions)",
      source: "thop 0.1.1 basic_hooks.py count_softmax, calc_func.py calculate_softmax",
      term: { l throws(LayerError) in
        guard l.call == .module, l.kind == .softmax else { return nil }
        guard let positions = l.output.positions else { throw .overflow }
        return try product([positions, product([3, l.output.channels]) - 1])
      }),
    ConventionRule(
      name: "PReLU", counts: "1 per input value", source: "thop 0.1.1 basic_hooks.py count_prelu",
      term: { l throws(LayerError) in
        guard l.call == .module, l.kind == .prelu else { return nil }
        return try l.inputValues()
      }),
    .functionalLinearUnseen(source: "thop 0.1.1 profile.py register_hooks (modules only)"),
    .fastPathUnseen(
      source: "thop 0.1.1 profile.py register_hooks (no rule for nn.MultiheadAttention; its "
        + "out_proj module is never called)"),
  ]
}
