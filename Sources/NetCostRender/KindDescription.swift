import NetCostAnalysis
import NetCostCore

/// A row's kind as the tables show it, `conv 3×3/2 +bn +relu` (the papers' "Conv / s2"): what it
/// is made of, written as bytes where it is shown, so a million-row table makes no string for
/// it (issue 25). Netcost's own words and numbers alone: nothing in it needs escaping.
public struct KindDescription: Hashable, Sendable {
  var kind: LayerKind
  /// What the operation adds after the kind (` 3×3/2 g32`, ` ·ᵀ`, ` mean`), written when the
  /// description is made. A short text is held inline, and the description holds no reference
  /// to the boxed operation a loop's rows share: two threads making a million rows would take
  /// turns at that box's count (issue 25).
  var window: String
  var folded: [LayerKind]
  var trainingOnly: Bool

  public init(_ row: LayerRow) {
    self.init([row], 0)
  }

  /// `rows[index]`'s, its fields read in place: the row is not copied.
  @inline(__always) init(_ rows: [LayerRow], _ index: Int) {
    kind = rows[index].kind
    var text: [UInt8] = []
    func append(_ s: StaticString) {
      text += UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount)
    }
    func appendWindow(kernel: Extent, stride: Extent) {
      append(" ")
      kernel.appendWindow(to: &text)
      append("/")
      stride.appendDescription(to: &text)
    }
    switch rows[index].operation {
    case .convolution(let conv), .transposedConvolution(let conv, _):
      appendWindow(kernel: conv.kernel, stride: conv.stride)
      if case .count(let groups) = conv.groups, groups > 1 {
        append(" g")
        NumberFormat.appendInteger(groups, to: &text)
      }
      if !conv.dilation.isUnit {
        append(" d")
        conv.dilation.appendDescription(to: &text)
      }
    case .pooling(let pool):
      appendWindow(kernel: pool.kernel, stride: pool.stride)
    case .matmul(transposed: true):
      // Its multiply-accumulates are in the `products` column, not the MACs one.
      append(" ·ᵀ")
    case .reduce(let r):
      append(" ")
      text += r.mode.rawValue.utf8
    default:
      break
    }
    window = String(decoding: text, as: UTF8.self)
    folded = rows[index].folded
    trainingOnly = rows[index].trainingOnly
  }

  /// The kind with its window and stride, and what is folded into the row.
  public func append(to text: inout [UInt8]) {
    text += kind.rawValue.utf8
    text += window.utf8
    for kind in folded {
      text += " +".utf8
      text += kind.rawValue.utf8
    }
    if trainingOnly { text += " (training)".utf8 }
  }

  public var text: String {
    var text: [UInt8] = []
    text.reserveCapacity(32 + 8 * folded.count)
    append(to: &text)
    return String(decoding: text, as: UTF8.self)
  }
}

extension LayerRow {
  /// `conv 3×3/2 +bn +relu` (`KindDescription`).
  public var kindDescription: String { KindDescription(self).text }
}
