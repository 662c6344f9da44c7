/// How the PyTorch reference implementation runs a layer (the `torch` key: module, functional,
/// tensor, custom, fused, fastpath, einsum or absent). Counting tools see a
/// model through what they hook: torchinfo, thop and ptflops hook modules; ptflops also patches
/// functional calls (`F.relu`, `F.max_pool2d`, …) and `torch.add`/`torch.mul`, so a module whose
/// forward calls a patched function is counted twice by it; no tool sees a Python operator
/// (`out += identity`, `scale * x`). The counting conventions (`Convention`) read this.
public enum TorchCall: String, CaseIterable, Sendable {
  /// An `nn.Module` of the layer's class (`nn.ReLU`, `nn.MaxPool2d`, `nn.AdaptiveAvgPool2d`).
  case module
  /// A call of `torch.nn.functional` in a forward method (`F.relu(x)`).
  case functional
  /// A tensor operator or method (`x + y`, `x += y`, `x * s`, `x.mean([2, 3])`).
  case tensor
  /// A module of a class the hook-based tools do not know, since they look modules up by exact
  /// type (torchvision's LayerNorm2d, a subclass of nn.LayerNorm calling F.layer_norm).
  case custom
  /// Inside a fused kernel that computes several layers in one call
  /// (`F.scaled_dot_product_attention`'s two products and softmax): no hook or patched function
  /// sees its parts; only a counter at PyTorch's dispatch (`FlopCounterMode`) does.
  case fused
  /// Inside `nn.MultiheadAttention`'s inference fast path, one native kernel
  /// (`torch._native_multi_head_attention`, taken in eval mode without gradients for batch-first
  /// self-attention with an even number of heads) that runs the projections, both products and
  /// the softmax: no hook, patched function, traced op or `FlopCounterMode` formula sees any of
  /// it; only ptflops' hook on the `nn.MultiheadAttention` module counts it, by its own formula.
  case fastpath
  /// A `torch.einsum` call (MaxViT's attention products): fvcore and calflops count it from
  /// NumPy's `einsum_path` estimate, printed to four significant figures.
  case einsum
  /// Not in the PyTorch model at all (a spec's softmax that torchvision leaves to the loss).
  case absent

  /// What a kind is when the spec does not say: merges are tensor operators in torchvision
  /// (`out += identity`, `scale * input`, `torch.cat`), the rest modules.
  package static func defaultCall(for kind: LayerKind) -> TorchCall {
    kind.isMerge ? .tensor : .module
  }
}
