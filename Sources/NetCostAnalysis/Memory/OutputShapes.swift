import NetCostCore

/// Every layer's output shape, as the memory walks read them: a shape that one of the last
/// sixteen distinct shapes is identical to is stored once, and each layer holds its place. A loop's
/// passes make one shape or a few, and a shape a layer (80 bytes) would be 80 MB of a million
/// layers' walks, made beside their rows (issue 25).
struct OutputShapes {
  private var distinct: [Shape] = []
  /// Each layer's shape's place in `distinct`: four bytes a layer, as `LayerOutputs` keeps its
  /// readers.
  private var ofLayer: [Int32] = []
  /// The places of the last few distinct shapes, compared with each new one.
  private var recent: [Int32] = []
  private var oldest = 0
  /// Enough for a block of several layers; each layer compares at most this many.
  private static let kept = 16

  init(capacity: Int) {
    ofLayer.reserveCapacity(capacity)
  }

  var count: Int { ofLayer.count }

  mutating func append(_ shape: Shape) {
    for k in recent where distinct[Int(k)].isIdentical(to: shape) {
      ofLayer.append(k)
      return
    }
    let k = Int32(truncatingIfNeeded: distinct.count)
    distinct.append(shape)
    ofLayer.append(k)
    if recent.count < Self.kept {
      recent.append(k)
    } else {
      recent[oldest] = k
      oldest = (oldest + 1) % Self.kept
    }
  }

  subscript(layer: Int) -> Shape { distinct[Int(ofLayer[layer])] }
}
