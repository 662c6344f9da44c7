/// The shape rules of tensors of any rank: broadcasting, products of two tensors, transposes,
/// reductions, slices, and the 1-D convolution. Each follows PyTorch's (and ONNX's) rule, with
/// the batch left out.
extension Operation {
  /// Layers that slide a window over, or resize, a height × width map.
  var needsMap: Bool {
    switch self {
    case .convolution, .transposedConvolution, .pooling, .globalPooling, .adaptivePooling, .pad,
      .crop, .resize, .localResponseNorm:
      true
    default: false
    }
  }

  /// Layers that also read a sequence × channels tensor, as a map of height 1.
  var isOneDimensional: Bool {
    switch self {
    case .convolution, .transposedConvolution, .pooling: true
    default: false
    }
  }

  /// A convolution over a sequence (`L×C`, PyTorch's Conv1d): the 2-D rule on a map of height 1
  /// with a kernel, stride and padding of height 1 and 0, its output again `L'×C'`.
  func oneDimensional(
    _ conv: Convolution, _ input: Shape, explaining: Bool
  ) throws(LayerError) -> WorkedOutput {
    let map = Shape(1, input[0], input[1])
    var flat = conv
    flat.kernel.height = 1
    flat.stride.height = 1
    flat.dilation.height = 1
    if case .explicit(let p) = conv.padding { flat.padding = .explicit(Extent(0, p.width)) }
    guard flat == conv else { throw .needsMap(input) }
    let worked = try Operation.convolution(flat).workedOutput(for: [map], explaining: explaining)
    guard let output = Shape(dims: [worked.shape.width, worked.shape.channels]) else {
      throw .rankOutOfRange(2)
    }
    return WorkedOutput(shape: output, width: worked.width)
  }

  /// An axis counted from 0, or from the last when negative (−1 is the last).
  static func axis(_ axis: Int, rank: Int) throws(LayerError) -> Int {
    let at = axis < 0 ? axis + rank : axis
    guard at >= 0, at < rank else { throw .axisOutOfRange(axis: axis, rank: rank) }
    return at
  }

  /// The shape several tensors broadcast to: dims aligned from the last, each pair equal or one
  /// of them 1. The output keeps the layout of an input of its dims (a map stays a map).
  static func broadcast(_ inputs: [Shape]) throws(LayerError) -> Shape {
    let rank = inputs.map(\.rank).max() ?? 1
    var dims = Array(repeating: 1, count: rank)
    for shape in inputs {
      for i in 0..<shape.rank {
        let at = rank - shape.rank + i
        let d = shape[i]
        if dims[at] == 1 {
          dims[at] = d
        } else if d != 1 && d != dims[at] {
          throw .notBroadcastable(inputs)
        }
      }
    }
    if let same = inputs.first(where: { $0.dims == dims }) { return same }
    guard let output = Shape(dims: dims) else { throw .rankOutOfRange(rank) }
    return output
  }

  /// `[…, M, K] · […, K, N] → […, M, N]` (`[…, N, K]` for the second when `transposed`), the
  /// axes before the last two broadcast.
  static func matrixProduct(_ inputs: [Shape], transposed: Bool) throws(LayerError) -> Shape {
    guard inputs.count == 2 else { throw .inputCount(expected: 2, got: inputs.count) }
    let (a, b) = (inputs[0], inputs[1])
    guard a.rank >= 2, b.rank >= 2 else { throw .matmulSizesDiffer(a, b) }
    let (k, n) = transposed ? (b[b.rank - 1], b[b.rank - 2]) : (b[b.rank - 2], b[b.rank - 1])
    guard a[a.rank - 1] == k else { throw .matmulSizesDiffer(a, b) }
    let batch: [Int]
    if a.rank == 2 && b.rank == 2 {
      batch = []
    } else {
      let outer = { (s: Shape) in Shape(dims: s.rank > 2 ? Array(s.dims.dropLast(2)) : [1]) }
      guard let x = outer(a), let y = outer(b) else { throw .matmulSizesDiffer(a, b) }
      do throws(LayerError) {
        batch = try broadcast([x, y]).dims
      } catch {
        throw .notBroadcastable(inputs)
      }
    }
    guard let output = Shape(dims: batch + [a[a.rank - 2], n]) else {
      throw .rankOutOfRange(batch.count + 2)
    }
    return output
  }

  /// The input's axes in the order `perm` names them; a map stays a map when its channels stay
  /// last.
  static func transposed(_ input: Shape, _ perm: [Int]) throws(LayerError) -> Shape {
    guard perm.count == input.rank else { throw .notAPermutation(perm, rank: input.rank) }
    var seen = Array(repeating: false, count: input.rank)
    var dims: [Int] = []
    for p in perm {
      let at: Int
      do throws(LayerError) {
        at = try axis(p, rank: input.rank)
      } catch {
        throw .notAPermutation(perm, rank: input.rank)
      }
      guard !seen[at] else { throw .notAPermutation(perm, rank: input.rank) }
      seen[at] = true
      dims.append(input[at])
    }
    let keepsChannels = input.isMap && (try? axis(perm[input.rank - 1], rank: input.rank)) == 2
    guard let output = Shape(dims: dims, layout: keepsChannels ? .map : .plain) else {
      throw .rankOutOfRange(dims.count)
    }
    return output
  }

  /// The input less the reduced axes (or with them as 1); reducing every axis without keeping
  /// them leaves one value.
  static func reduced(_ input: Shape, _ reduction: Reduction) throws(LayerError) -> Shape {
    var reduced = Array(repeating: reduction.axes.isEmpty, count: input.rank)
    for a in reduction.axes {
      let at = try axis(a, rank: input.rank)
      guard !reduced[at] else { throw .repeatedAxis(a) }
      reduced[at] = true
    }
    var dims: [Int] = []
    for i in 0..<input.rank {
      if !reduced[i] {
        dims.append(input[i])
      } else if reduction.keepsAxes {
        dims.append(1)
      }
    }
    let layout: Shape.Layout = reduction.keepsAxes && input.isMap ? .map : .plain
    guard let output = Shape(dims: dims.isEmpty ? [1] : dims, layout: layout) else {
      throw .rankOutOfRange(dims.count)
    }
    return output
  }

  /// Each axis `repeats` times as long; a map stays a map.
  static func tiled(_ input: Shape, _ repeats: [Int]) throws(LayerError) -> Shape {
    guard repeats.count == input.rank, repeats.allSatisfy({ $0 >= 1 }) else {
      throw .repeatsDiffer(repeats, rank: input.rank)
    }
    var output = input
    for (i, r) in repeats.enumerated() {
      let (size, overflow) = input[i].multipliedReportingOverflow(by: r)
      guard !overflow else { throw .overflow }
      output[i] = size
    }
    guard output.elementCount != nil else { throw .overflow }
    return output
  }

  /// `start..<end` by `step` of one axis, each end clamped to the axis as Python clamps it.
  static func sliced(_ input: Shape, _ slice: Slice) throws(LayerError) -> Shape {
    let at = try axis(slice.axis, rank: input.rank)
    let size = input[at]
    func clamped(_ i: Int) -> Int { i < 0 ? max(0, i &+ size) : min(i, size) }
    let (from, to) = (clamped(slice.start), clamped(slice.end))
    guard slice.step >= 1, to > from else {
      throw .emptySlice(start: slice.start, end: slice.end, step: slice.step, size: size)
    }
    var output = input
    output[at] = (to - from - 1) / slice.step + 1
    return output
  }
}
