/// Where a network's layers come from, which decides what its counts can claim: a spec is
/// written from its source's code, a framework's own record of a model counts as the framework
/// does, and an exporter's inference graph holds only what the exporter kept (issue 23).
public enum Provenance: Hashable, Sendable {
  /// A spec, written from a paper's tables or a library's code.
  case spec
  /// A framework's own record of the model (Keras's config, PyTorch's ExportedProgram): its
  /// trainable parameters are the framework's count.
  case framework(String)
  /// A file of layers (Caffe's prototxt): what its layers hold.
  case layerFile(String)
  /// An exporter's inference graph (ONNX): the weights in the file, after what the exporter
  /// folded (batch norm into the convolutions) or dropped (dropout); which PyTorch module ran
  /// an operator is not recorded.
  case inferenceGraph(String)
}
