/// Why a layer cannot be computed on its input. Pure: knows shapes, not source positions; the
/// analyzer turns it into a diagnostic at the layer.
public enum LayerError: Error, Hashable, Sendable {
  /// The (dilated) kernel does not fit in the padded input.
  case windowLargerThanInput(window: Extent, paddedHeight: Int, paddedWidth: Int)
  case channelsNotDivisible(role: String, channels: Int, groups: Int)
  case concatSizesDiffer([Shape])
  case addShapesDiffer([Shape])
  /// A multiply's inputs are neither of the first's shape nor 1×1 with its channels.
  case multiplyShapesDiffer([Shape])
  /// A split or shuffle whose groups do not divide the channels, or a part past the last.
  case partOutOfRange(part: Int, parts: Int)
  /// A reshape to a shape of another number of values.
  case reshapeSizeDiffers(from: Shape, to: Shape)
  /// A crop that leaves no row or column: `cut` of a side of `size`.
  case cropLeavesNothing(cut: Int, size: Int)
  /// A count passed 2⁶³ − 1.
  case overflow
}
