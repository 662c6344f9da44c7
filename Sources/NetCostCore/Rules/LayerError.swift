/// Why a layer cannot be computed on its input. Pure: knows shapes, not source positions; the
/// analyzer turns it into a diagnostic at the layer.
public enum LayerError: Error, Hashable, Sendable {
  /// The (dilated) kernel does not fit in the padded input.
  case windowLargerThanInput(window: Extent, paddedHeight: Int, paddedWidth: Int)
  case channelsNotDivisible(role: String, channels: Int, groups: Int)
  /// Inputs joined along `axis` whose other dims differ.
  case concatSizesDiffer([Shape], axis: Int)
  /// An elementwise layer's inputs that do not broadcast to one shape.
  case notBroadcastable([Shape])
  /// A layer that reads a feature map (height × width × channels) given another tensor.
  case needsMap(Shape)
  /// A window over depth (a side written `3×3×3`) given a tensor that is not a volume D×H×W×C.
  case needsVolume(Shape, window: Extent)
  /// A window along a volume's depth longer than the padded depth.
  case windowDeeperThanInput(window: Int, paddedDepth: Int)
  /// A layer that reads `expected` inputs given another number.
  case inputCount(expected: Int, got: Int)
  /// A product of two tensors whose inner sizes (K of M×K · K×N) differ, or of rank below 2.
  case matmulSizesDiffer(Shape, Shape)
  /// An axis past the tensor's rank, either way.
  case axisOutOfRange(axis: Int, rank: Int)
  /// A transpose whose order is not each axis once.
  case notAPermutation([Int], rank: Int)
  /// Axes named twice in one reduction.
  case repeatedAxis(Int)
  /// A tensor of a rank netcost does not hold (over `Shape.maxRank`, or none).
  case rankOutOfRange(Int)
  /// A slice that keeps nothing of an axis of `size`, or steps by less than 1.
  case emptySlice(start: Int, end: Int, step: Int, size: Int)
  /// A split or shuffle whose groups do not divide the channels, or a part past the last.
  case partOutOfRange(part: Int, parts: Int)
  /// A reshape to a shape of another number of values.
  case reshapeSizeDiffers(from: Shape, to: Shape)
  /// A crop that leaves no row or column: `cut` of a side of `size`.
  case cropLeavesNothing(cut: Int, size: Int)
  /// A tile whose repeats are not one per axis, each at least 1.
  case repeatsDiffer([Int], rank: Int)
  /// A transposed convolution's output padding not smaller than its stride or its dilation.
  case outputPaddingTooLarge(Int, stride: Extent, dilation: Extent)
  /// A transposed convolution whose padding cuts away all it makes.
  case transposedOutputEmpty(height: Int, width: Int)
  /// A count passed 2⁶³ − 1.
  case overflow
}
