import NetCostAnalysis
import NetCostCore

/// A row's kind as the tables show it, `conv 3×3/2 +bn +relu` (the papers' "Conv / s2"): what it
/// is made of, written as bytes where it is shown, so a million-row table makes no string for
/// it (issue 25). Netcost's own words and numbers alone: nothing in it needs escaping.
public struct KindDescription: Hashable, Sendable {
  var kind: LayerKind
  var operation: Operation
  var folded: [LayerKind]
  var trainingOnly: Bool

  public init(_ row: LayerRow) {
    kind = row.kind
    operation = row.operation
    folded = row.folded
    trainingOnly = row.trainingOnly
  }

  /// The kind with its window and stride, and what is folded into the row.
  public func append(to text: inout [UInt8]) {
    text += kind.rawValue.utf8
    func append(_ s: StaticString) {
      text += UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount)
    }
    func appendNumber(_ n: Int) { NumberFormat.appendInteger(n, to: &text) }
    switch operation {
    case .convolution(let conv), .transposedConvolution(let conv, _):
      append(" ")
      conv.kernel.appendWindow(to: &text)
      append("/")
      conv.stride.appendDescription(to: &text)
      if case .count(let groups) = conv.groups, groups > 1 {
        append(" g")
        appendNumber(groups)
      }
      if !conv.dilation.isUnit {
        append(" d")
        conv.dilation.appendDescription(to: &text)
      }
    case .pooling(let pool):
      append(" ")
      pool.kernel.appendWindow(to: &text)
      append("/")
      pool.stride.appendDescription(to: &text)
    case .matmul(let transposed):
      // Its multiply-accumulates are in the `products` column, not the MACs one.
      if transposed { append(" ·ᵀ") }
    case .reduce(let r):
      append(" ")
      text += r.mode.rawValue.utf8
    default:
      break
    }
    for kind in folded {
      append(" +")
      text += kind.rawValue.utf8
    }
    if trainingOnly { append(" (training)") }
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
