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
  /// The places of the last few distinct shapes, compared with each new one: enough for a
  /// block of several layers.
  private var recent = Recent<Int32>(capacity: 16)

  init(capacity: Int) {
    ofLayer.reserveCapacity(capacity)
  }

  var count: Int { ofLayer.count }

  mutating func append(_ shape: Shape) {
    for k in recent.values where distinct[Int(k)].isIdentical(to: shape) {
      ofLayer.append(k)
      return
    }
    let k = Int32(truncatingIfNeeded: distinct.count)
    distinct.append(shape)
    ofLayer.append(k)
    recent.keep(k)
  }

  subscript(layer: Int) -> Shape { distinct[Int(ofLayer[layer])] }
}
