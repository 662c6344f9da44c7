/// A feature map: height × width × channels, printed as the papers print it (`112×112×32`).
public struct Shape: Hashable, Sendable, CustomStringConvertible {
  public var height: Int
  public var width: Int
  public var channels: Int

  public init(_ height: Int, _ width: Int, _ channels: Int) {
    self.height = height
    self.width = width
    self.channels = channels
  }

  public var description: String { "\(height)×\(width)×\(channels)" }

  /// Elements in the map; nil when the product does not fit in 64 bits.
  public var elementCount: Int? {
    let (hw, o1) = height.multipliedReportingOverflow(by: width)
    let (hwc, o2) = hw.multipliedReportingOverflow(by: channels)
    return o1 || o2 ? nil : hwc
  }
}
