import NetCostCore

/// What running a layer does to memory: whether its output is a new tensor, and what autograd
/// keeps of it for the backward pass. One place for these rules; docs/memory.md gives each with
/// its source.
package enum TensorEffect: String, Equatable {
  /// A new tensor the size of the output.
  case allocates = "new tensor"
  /// Written over an input of the output's size that nothing reads later; a new tensor when there
  /// is none (PyTorch would compute wrongly, so no model does it).
  case overwrites = "in place"
  /// The output is the input's storage seen another way (`flatten`, `chunk`, dropout in eval).
  case views = "view of its input"
  /// The inputs written side by side into one buffer (the ideal concatenation): an input that
  /// nothing reads later becomes part of it, the others are copied in.
  case joins = "written into one buffer"
}

extension LayerKind {
  /// What a layer of this kind's output is under `policy`; `inPlace`: the `inplace` key.
  package func effect(policy: MemoryPolicy, training: Bool, inPlace: Bool) -> TensorEffect {
    switch self {
    case .flatten, .reshape, .split, .crop, .transpose, .slice, .expand: return .views
    case .dropout where !training: return .views
    default: break
    }
    switch policy {
    case .pytorch:
      return inPlace && inPlaceDefault != nil ? .overwrites : .allocates
    case .ideal:
      switch self {
      case .concat: return .joins
      case .bn, .scale, .rescale, .prelu, .add, .max, .multiply, .relu, .relu6, .leakyrelu,
        .sigmoid, .tanh, .hsigmoid, .hswish, .swish, .gelu:
        return .overwrites
      default: return .allocates
      }
    }
  }

  /// What autograd saves for a layer of this kind, in words (`Layer.saved` in numbers), for
  /// docs/memory.md.
  package var savedDoc: String {
    switch self {
    case .conv, .dwconv, .pwconv, .deconv, .fc: "input (for the weights' gradient)"
    case .avgpool: "input"
    case .lppool: "input, its p-th powers, and four tensors of the output's size"
    case .prelu, .gelu, .scale: "input"
    case .mish, .softplus, .elu: "input"
    case .math: "input (the most a function of one tensor keeps for its derivative)"
    case .max: "every input"
    case .multiply: "every input; times a `constant` (stochastic depth's noise), the constant alone"
    case .matmul:
      "every input; `torch = fused` (scaled dot-product attention): Q·Kᵀ its inputs, ·V its "
        + "output and a logsumexp per row, fp32, nothing T×T"
    case .relu6, .hswish, .hsigmoid, .swish:
      "input; in place, a copy of it made before it is overwritten"
    case .relu, .leakyrelu: "output (in place too: the result is all the derivative needs)"
    case .sigmoid, .tanh: "output"
    case .softmax: "output; nothing with `torch = fused` (inside attention's kernel)"
    case .maxpool, .globalmaxpool: "input, and the argmax of every output as int64"
    case .adaptiveavgpool: "input, unless the output is 1×1 (a mean)"
    case .bn:
      "input; the batch's mean and inverse deviation and the running mean and variance, C fp32 each"
    case .layernorm: "input; a mean and a reciprocal deviation per position, fp32"
    case .groupnorm: "input; a mean and a reciprocal deviation per group, fp32"
    case .lrn: "input, its square padded with size − 1 channels, the pooled sum and the divisor"
    case .dropout: "a bool mask per value (CUDA's fused dropout)"
    case .reduce: "nothing for a mean or a sum; the input and the output for the others"
    case .globalavgpool, .add, .concat, .split, .shuffle, .flatten, .reshape, .pad, .crop,
      .resize, .rescale, .transpose, .slice, .expand, .tile, .constant, .posbias:
      "nothing"
    }
  }
}

/// What autograd saves for a layer's backward (PyTorch's tools/autograd/derivatives.yaml, checked
/// with `torch.autograd.graph.saved_tensors_hooks`: Tests/Fixtures/memory/measure_saved.py).
struct SavedRule: Equatable {
  /// Its inputs (a convolution's, for the weight gradient).
  var inputs = false
  /// Its output (ReLU's, sigmoid's: their derivative is a function of the result).
  var output = false
  /// Run in place, a copy of the input made before it is overwritten, saved instead of the input
  /// (autograd's `original_self` for ReLU6's hardtanh_, SiLU's silu_, hardswish_, hardsigmoid_,
  /// whose derivatives read the input; ReLU's relu_ and leaky_relu_ read the result and copy
  /// nothing).
  var copiesInPlace = false
  /// New tensors saved with them, in bytes: max pooling's indices, batch norm's statistics.
  var extraBytes = 0
  /// Tensors that existed before the step and are saved as they are (batch norm's running mean
  /// and variance): in the count of saved storages, not in the step's growth.
  var heldBytes = 0
}

/// What the memory rules read of a layer: its kind, how PyTorch runs it, whether it writes over
/// its input, and the few figures of its operation they need. Made field by field from
/// `network.layers[i]`: a method called on an array's element copies the whole layer (name,
/// inputs, origin), and the memory walks read each of a million layers several times. The
/// operation itself is not copied: a loop's passes share one boxed operation, and two walks on
/// two threads retaining one box take turns at its count (issue 25).
struct MemoryTraits {
  /// The figures of an operation that the rules read.
  enum Detail {
    case none
    /// `Operation.matmul(transposed: true)`: attention's Q·Kᵀ.
    case transposedProduct
    case groups(Int)
    case window(Int)
    /// A reduction that keeps its input and output for backward (not a mean or a sum).
    case reductionKeepingEnds
  }

  var kind: LayerKind
  var torchCall: TorchCall
  var inPlace: Bool
  var detail: Detail

  @inline(__always) init(of network: Network, at layer: Int) {
    kind = network.layers[layer].kind
    torchCall = network.layers[layer].torchCall
    inPlace = network.layers[layer].inPlace
    detail =
      switch network.layers[layer].operation {
      case .matmul(transposed: true): .transposedProduct
      case .groupNorm(let groups, _): .groups(groups)
      case .localResponseNorm(let size): .window(size)
      case .reduce(let r) where r.mode != .mean && r.mode != .sum: .reductionKeepingEnds
      default: .none
      }
  }
}

extension MemoryTraits {
  /// What the layer's output is under `policy`; `training`: as autograd runs it (PyTorch's).
  /// A layer PyTorch does not run (`torch = absent`) passes its input on.
  func effect(policy: MemoryPolicy, training: Bool) -> TensorEffect {
    if torchCall == .absent && (training || policy == .pytorch) { return .views }
    // Fused attention's scores and weights stay inside the kernel: nothing is written.
    if isFusedAttentionInside { return .views }
    return kind.effect(policy: policy, training: training, inPlace: inPlace)
  }

  /// A fused attention's Q·Kᵀ or softmax (`torch = fused`, `F.scaled_dot_product_attention`):
  /// the flash and memory-efficient kernels never write the T×T scores or weights.
  var isFusedAttentionInside: Bool {
    guard torchCall == .fused else { return false }
    if case .transposedProduct = detail { return true }
    return kind == .softmax
  }

  /// Whether its backward hands its output's gradient to its inputs as it is: a sum's, a view's
  /// (flatten, reshape), a layer PyTorch does not run. Every other layer makes new gradients the
  /// size of its inputs.
  var handsGradientOn: Bool {
    kind == .add || kind == .flatten || kind == .reshape || torchCall == .absent
  }

  /// What autograd keeps of this layer for the backward pass, for a batch of `batch` at `bytes`
  /// per value. Indices are int64, masks one byte and statistics fp32 whatever the data type.
  func saved(
    inputs: [Shape], output: Shape, batch: Int, bytes: Int
  ) throws(LayerError)
    -> SavedRule
  {
    // A layer PyTorch does not run keeps nothing.
    guard torchCall != .absent else { return SavedRule() }
    let input = inputs[0]
    func count(_ shape: Shape, _ width: Int) throws(LayerError) -> Int {
      guard let elements = shape.elementCount else { throw .overflow }
      return try product([elements, batch, width])
    }
    if torchCall == .fused, kind == .matmul || kind == .softmax {
      // The fused kernel (flash attention on the CPU and CUDA) keeps the query, key and value
      // (the scores' inputs; the weights are a view of the query), its output, and a logsumexp
      // per query and head, fp32: no T×T tensor.
      guard !isFusedAttentionInside, output.rank >= 1, output[output.rank - 1] >= 1,
        let values = output.elementCount
      else { return SavedRule(inputs: kind == .matmul) }
      return SavedRule(
        inputs: true, output: true,
        extraBytes: try product([values / output[output.rank - 1], batch, 4]))
    }
    switch kind {
    case .conv, .dwconv, .pwconv, .deconv, .fc, .avgpool, .prelu, .gelu, .scale, .multiply, .max,
      .matmul,
      .mish, .softplus, .elu, .math:
      return SavedRule(inputs: true)
    case .relu6, .hswish, .hsigmoid, .swish:
      return SavedRule(inputs: true, copiesInPlace: true)
    case .relu, .leakyrelu, .sigmoid, .tanh, .softmax:
      return SavedRule(output: true)
    case .maxpool, .globalmaxpool:
      // max_pool2d_with_indices and adaptive_max_pool2d keep the argmax of every output.
      return SavedRule(inputs: true, extraBytes: try count(output, 8))
    case .adaptiveavgpool:
      // To 1×1 PyTorch takes the mean, which keeps only sizes.
      return SavedRule(inputs: output.height > 1 || output.width > 1)
    case .bn:
      // native_batch_norm: the input, the batch's mean and inverse deviation (new), and the
      // running mean and variance (the module's buffers).
      let vector = try product([input.channels, 4])
      return SavedRule(inputs: true, extraBytes: 2 * vector, heldBytes: 2 * vector)
    case .layernorm:
      // native_layer_norm: the input, and a mean and reciprocal deviation per position.
      guard let positions = input.positions else { throw .overflow }
      return SavedRule(inputs: true, extraBytes: try product([positions, 2, batch, 4]))
    case .groupnorm:
      // native_group_norm: the input, and a mean and reciprocal deviation per sample and group.
      guard case .groups(let groups) = detail else { return SavedRule(inputs: true) }
      return SavedRule(inputs: true, extraBytes: try product([groups, 2, batch, 4]))
    case .lrn:
      // F.local_response_norm is composed of tensor ops: they keep the input, its square padded
      // with size − 1 channels, the pooled sum and the divisor.
      guard case .window(let size) = detail else { return SavedRule(inputs: true) }
      let padded = Shape(input.height, input.width, try sum(input.channels, size - 1))
      let extra = try sum(try count(padded, bytes), try product([2, try count(input, bytes)]))
      return SavedRule(inputs: true, extraBytes: extra)
    case .lppool:
      // F.lp_pool2d is composed of tensor ops: pow keeps the input, avg_pool2d the powers, and
      // abs, relu, mul and the root keep four of the output's size (measured with
      // saved_tensors_hooks, torch 2.15).
      let powers = try count(input, bytes)
      return SavedRule(
        inputs: true, extraBytes: try sum(powers, try product([4, try count(output, bytes)])))
    case .dropout:
      // native_dropout's mask, a bool per value (CUDA; the CPU keeps a float mask).
      return SavedRule(extraBytes: try count(output, 1))
    case .reduce:
      // mean and sum backward need only sizes; amax, amin, prod and the norms keep both ends.
      guard case .reductionKeepingEnds = detail else { return SavedRule() }
      return SavedRule(inputs: true, output: true)
    case .globalavgpool, .add, .concat, .split, .shuffle, .flatten, .reshape, .pad, .crop,
      .resize, .rescale, .transpose, .slice, .expand, .tile, .constant, .posbias:
      // Sums, copies, views, padding and constant scaling need nothing but sizes.
      return SavedRule()
    }
  }
}
