/// Why a layer cannot be computed on its input. Pure: knows shapes, not source positions; the
/// analyzer turns it into a diagnostic at the layer.
public enum LayerError: Error, Hashable, Sendable {
  /// The (dilated) kernel does not fit in the padded input.
  case windowLargerThanInput(window: Int, paddedHeight: Int, paddedWidth: Int)
  case channelsNotDivisible(role: String, channels: Int, groups: Int)
  case concatSizesDiffer([Shape])
  case addShapesDiffer([Shape])
  /// A count passed 2⁶³ − 1.
  case overflow
}
