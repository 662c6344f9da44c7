import NetCostCore

/// What one unit of a layer's output sees of the input image: on each axis, the field's size, the
/// distance between neighbouring units' fields (the effective stride) and how far the first field
/// starts before the image (the effective padding). Computed forward, layer by layer, by the
/// recurrences of Araujo, Norris and Sim, "Computing Receptive Fields of Convolutional Neural
/// Networks" (Distill, 2019): r′ = r + (k − 1)·j, j′ = j·s, p′ = p + pad·j, with k the dilated
/// window d·(k − 1) + 1 and pad the padding before the first value (TensorFlow's `same` puts the
/// odd one after).
public struct ReceptiveField: Hashable, Sendable {
  public struct Axis: Hashable, Sendable {
    public var size: Int
    public var stride: Int
    public var padding: Int
    /// The last pixel of the image (0-based) that the map's last unit sees. Unit u's field ends
    /// at −padding + u·stride + size − 1 by the recurrences, which count what lies past an
    /// intermediate map's end as padding; where a strided layer leaves the last rows of its input
    /// unread (AlexNet's pool1 reads the first 55 of conv1's 56 columns at 227), the units at the
    /// far edge see less, and each unit's field ends at the smaller of the two.
    public var reach: Int
    /// Whether a unit sees every pixel between its field's ends: a window whose taps lie further
    /// apart than the fields they read (a 3×3 convolution after a 1×1 one of stride 2) leaves
    /// holes, which the recurrences' extent does not show. Only a dense field can cover an image.
    public var dense = true
  }
  public var height: Axis
  public var width: Axis
  /// False after a merge whose inputs' fields are not aligned (their strides or paddings differ):
  /// the largest field is kept, as Araujo et al. do.
  public var aligned = true
  /// Every unit of the row sees the whole image: the row follows global context (a global pool,
  /// or a fully connected layer, over a map whose fields cover the image; a map multiplied by or
  /// added to such a result, as in squeeze-and-excitation). Araujo et al.'s recurrences, and the
  /// TF-Slim library that implements them, leave a network with such context undefined there;
  /// netcost says `global` and keeps in `height` and `width` the field through the local path
  /// (the map the context scales), where there is one.
  public var global = false
  /// Whether a local path reaches the row: false for a global pool's output and what is
  /// computed from it alone, whose `height` and `width` then are the whole image.
  public var hasLocalPath = true

  /// A pixel of the input image.
  static func input(_ image: Shape) -> ReceptiveField {
    ReceptiveField(
      height: Axis(size: 1, stride: 1, padding: 0, reach: image.height - 1),
      width: Axis(size: 1, stride: 1, padding: 0, reach: image.width - 1))
  }

  /// Global context alone: every unit's field is the whole image (all fields coincide, so the
  /// stride between them is 0).
  package static func wholeImage(_ image: Shape) -> ReceptiveField {
    ReceptiveField(
      height: Axis(size: image.height, stride: 0, padding: 0, reach: image.height - 1),
      width: Axis(size: image.width, stride: 0, padding: 0, reach: image.width - 1),
      global: true, hasLocalPath: false)
  }

  /// The field after `operation`, from its inputs' fields and shapes; nil where a layer makes it
  /// unknown (a reshape or resize of a local field), or past 64 bits. `image` is the network's
  /// input.
  static func after(
    _ operation: Operation, inputs: [ReceptiveField], shapes: [Shape], output: Shape,
    image: Shape
  ) -> ReceptiveField? {
    guard !inputs.isEmpty else { return nil }
    // Global context stays global through every layer; only its local path, if any, moves.
    if inputs.contains(where: \.global) {
      let local = inputs.filter(\.hasLocalPath)
      guard !local.isEmpty, !operation.isWholeMapWindow,
        var field = localAfter(operation, inputs: local, shapes: shapes, output: output)
      else { return .wholeImage(image) }
      field.global = true
      return field
    }
    guard var field = localAfter(operation, inputs: inputs, shapes: shapes, output: output) else {
      return nil
    }
    // One window over the whole map sees the whole image when the map's fields cover it.
    if operation.isWholeMapWindow, field.height.covers(image.height),
      field.width.covers(image.width)
    {
      field = .wholeImage(image)
    }
    return field
  }

  /// The field through local paths alone, by the recurrences.
  private static func localAfter(
    _ operation: Operation, inputs: [ReceptiveField], shapes: [Shape], output: Shape
  ) -> ReceptiveField? {
    guard let first = inputs.first, let shape = shapes.first else { return nil }
    // A field is a window of the image over a map's height and width: through a tensor that is
    // not a map (tokens, attention's scores) no window is defined.
    guard output.isMap, shapes.allSatisfy(\.isMap) else { return nil }
    switch operation {
    case .convolution(let c):
      return first.window(
        kernel: c.kernel, stride: c.stride, dilation: c.dilation, padding: c.padding,
        input: shape, output: output)
    case .pooling(let p):
      return first.window(
        kernel: p.kernel, stride: p.stride, dilation: 1, padding: p.padding, input: shape,
        output: output)
    case .adaptivePooling(let size) where size > 1:
      // Windows of one size (the input a multiple of the output: VGG's 7×7 at 224 is one window
      // per position) are a pooling; windows of varying size leave no one field for a unit.
      guard shape.height % size == 0, shape.width % size == 0 else { return nil }
      let window = Extent(shape.height / size, shape.width / size)
      return first.window(
        kernel: window, stride: window, dilation: 1, padding: .valid, input: shape, output: output)
    case .globalPooling, .adaptivePooling, .flatten, .dense(_, _, true):
      // One window over the whole map.
      return first.window(
        kernel: Extent(shape.height, shape.width), stride: Extent(shape.height, shape.width),
        dilation: 1, padding: .valid, input: shape, output: output)
    case .pad(let insets):
      var field = first
      guard let h = field.height.padded(insets.top), let w = field.width.padded(insets.left) else {
        return nil
      }
      field.height = h
      field.width = w
      return field
    case .crop(let insets):
      // A 1×1 window from the first row and column kept: the top and left cut off are a
      // negative padding, and the last unit kept is the window's last.
      return first.window(
        kernel: 1, stride: 1, dilation: 1, padding: .explicit(Extent(-insets.top, -insets.left)),
        input: shape, output: output)
    case .transposedConvolution, .padAxis, .reshape, .resize, .matmul, .transpose, .reduce, .expand,
      .tile,
      .constant, .positionBias:
      return nil
    case .slice(let slice) where slice.axis == -1 || slice.axis == 2:
      return first
    case .slice:
      return nil
    case .concat(let axis) where axis != -1 && axis != 2:
      return nil
    case .concat, .add, .multiply, .maximum:
      var merged = first
      merged.height.dense = Self.unionIsDense(inputs.map(\.height))
      merged.width.dense = Self.unionIsDense(inputs.map(\.width))
      for other in inputs.dropFirst() {
        merged.aligned =
          merged.aligned && other.aligned && other.height.stride == merged.height.stride
          && other.height.padding == merged.height.padding
          && other.width.stride == merged.width.stride
          && other.width.padding == merged.width.padding
        let (reachH, reachW) = (
          max(merged.height.reach, other.height.reach), max(merged.width.reach, other.width.reach)
        )
        if other.height.size > merged.height.size { merged.height = other.height }
        if other.width.size > merged.width.size { merged.width = other.width }
        merged.height.reach = reachH
        merged.width.reach = reachW
      }
      return merged
    case .dense, .batchNorm, .layerNorm, .groupNorm, .scale, .rescale, .parametricReLU, .activation,
      .localResponseNorm, .dropout, .channelShuffle, .channelSplit:
      return first
    }
  }

  /// Whether the fields of one unit on several paths leave no hole between them: each dense, at
  /// one stride (so the same for every unit), and their extents overlapping or touching.
  static func unionIsDense(_ axes: [Axis]) -> Bool {
    guard let first = axes.first, axes.allSatisfy({ $0.dense && $0.stride == first.stride })
    else { return false }
    var end = Int.min
    for axis in axes.sorted(by: { $0.padding > $1.padding }) {
      let start = -axis.padding
      if end != Int.min, start > end + 1 { return false }
      end = max(end, start + axis.size - 1)
    }
    return true
  }

  func window(
    kernel: Extent, stride: Extent, dilation: Extent, padding: Padding, input: Shape,
    output: Shape
  ) -> ReceptiveField? {
    guard
      let h = height.moved(
        kernel: kernel.height, stride: stride.height, dilation: dilation.height,
        padding: padding, side: \.height, from: input.height, to: output.height),
      let w = width.moved(
        kernel: kernel.width, stride: stride.width, dilation: dilation.width,
        padding: padding, side: \.width, from: input.width, to: output.width)
    else { return nil }
    return ReceptiveField(height: h, width: w, aligned: aligned)
  }
}

extension Operation {
  /// One window over the whole map: what a global pool, a flatten and a fully connected layer
  /// over a map compute from.
  fileprivate var isWholeMapWindow: Bool {
    switch self {
    case .globalPooling, .flatten, .dense(_, _, true), .adaptivePooling(size: 1): true
    default: false
    }
  }
}

extension ReceptiveField.Axis {
  /// Through one side of a window moved from n values to `out`: the dilated window
  /// d·(k − 1) + 1, and the zeros before the first value (TensorFlow's `same` pads
  /// (out − 1)·s + k − n in all, the smaller half before); nil past 64 bits.
  func moved(
    kernel k: Int, stride s: Int, dilation d: Int, padding: Padding,
    side: KeyPath<Extent, Int>, from n: Int, to out: Int
  ) -> Self? {
    let (span, o1) = d.multipliedReportingOverflow(by: k - 1)
    guard !o1, span < Int.max else { return nil }
    let window = span + 1
    let pad: Int
    switch padding {
    case .explicit(let p): pad = p[keyPath: side]
    case .valid: pad = 0
    case .same:
      let (steps, o2) = (out - 1).multipliedReportingOverflow(by: s)
      let (reach, o3) = steps.addingReportingOverflow(window)
      guard !(o2 || o3) else { return nil }
      pad = max(reach - n, 0) / 2
    }
    guard var moved = moved(window: window, stride: s, pad: pad) else { return nil }
    // The taps' fields lie stride·d apart: without holes only if each is at least that wide.
    let (spacing, o7) = self.stride.multipliedReportingOverflow(by: d)
    moved.dense = self.dense && (k == 1 || (!o7 && self.size >= spacing))
    // The last unit's window, (out − 1)·s − pad onwards: its last position inside the map.
    let (steps, o4) = (out - 1).multipliedReportingOverflow(by: s)
    let start = steps - pad
    guard !o4, start <= n - 1 else { return moved }
    let last = start + min((n - 1 - start) / d, k - 1) * d
    let (jump, o5) = last.multipliedReportingOverflow(by: self.stride)
    let (end, o6) = jump.addingReportingOverflow(self.size - 1 - self.padding)
    guard !(o5 || o6) else { return nil }
    moved.reach = min(end, self.reach)
    return moved
  }

  /// r + (k − 1)·j, j·s, p + pad·j; nil past 64 bits. The reach is the caller's.
  func moved(window: Int, stride s: Int, pad: Int) -> Self? {
    let (grow, o1) = (window - 1).multipliedReportingOverflow(by: stride)
    let (size, o2) = self.size.addingReportingOverflow(grow)
    let (jump, o3) = stride.multipliedReportingOverflow(by: s)
    let (shift, o4) = pad.multipliedReportingOverflow(by: stride)
    let (padding, o5) = self.padding.addingReportingOverflow(shift)
    guard !(o1 || o2 || o3 || o4 || o5) else { return nil }
    return Self(size: size, stride: jump, padding: padding, reach: reach, dense: dense)
  }

  /// Whether the field spans an image side of `n` values: without holes, from at or before the
  /// first to at or after the last.
  func covers(_ n: Int) -> Bool {
    dense && padding >= 0 && size - padding >= n && reach >= n - 1
  }

  func padded(_ zeros: Int) -> Self? {
    let (shift, o1) = zeros.multipliedReportingOverflow(by: stride)
    let (padding, o2) = self.padding.addingReportingOverflow(shift)
    guard !(o1 || o2) else { return nil }
    return Self(size: size, stride: stride, padding: padding, reach: reach, dense: dense)
  }
}
