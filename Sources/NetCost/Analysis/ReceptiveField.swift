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
  }
  public var height: Axis
  public var width: Axis
  /// False after a merge whose inputs' fields are not aligned (their strides or paddings differ):
  /// the largest field is kept, as Araujo et al. do.
  public var aligned = true

  /// A pixel of the input image.
  public static let input = ReceptiveField(
    height: Axis(size: 1, stride: 1, padding: 0), width: Axis(size: 1, stride: 1, padding: 0))

  /// The field after `operation`, from its inputs' fields and shapes; nil where a layer makes it
  /// unknown (a reshape or resize), or past 64 bits.
  static func after(
    _ operation: Operation, inputs: [ReceptiveField], shapes: [Shape], output: Shape
  ) -> ReceptiveField? {
    guard let first = inputs.first, let shape = shapes.first else { return nil }
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
    case .reshape, .resize:
      return nil
    case .concat, .add, .multiply, .maximum:
      var merged = first
      for other in inputs.dropFirst() {
        merged.aligned =
          merged.aligned && other.aligned && other.height.stride == merged.height.stride
          && other.height.padding == merged.height.padding
          && other.width.stride == merged.width.stride
          && other.width.padding == merged.width.padding
        if other.height.size > merged.height.size { merged.height = other.height }
        if other.width.size > merged.width.size { merged.width = other.width }
      }
      return merged
    case .dense, .batchNorm, .layerNorm, .scale, .rescale, .parametricReLU, .activation,
      .localResponseNorm, .dropout, .channelShuffle, .channelSplit:
      return first
    }
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
    return moved(window: window, stride: s, pad: pad)
  }

  /// r + (k − 1)·j, j·s, p + pad·j; nil past 64 bits.
  func moved(window: Int, stride s: Int, pad: Int) -> Self? {
    let (grow, o1) = (window - 1).multipliedReportingOverflow(by: stride)
    let (size, o2) = self.size.addingReportingOverflow(grow)
    let (jump, o3) = stride.multipliedReportingOverflow(by: s)
    let (shift, o4) = pad.multipliedReportingOverflow(by: stride)
    let (padding, o5) = self.padding.addingReportingOverflow(shift)
    guard !(o1 || o2 || o3 || o4 || o5) else { return nil }
    return Self(size: size, stride: jump, padding: padding)
  }

  func padded(_ zeros: Int) -> Self? {
    let (shift, o1) = zeros.multipliedReportingOverflow(by: stride)
    let (padding, o2) = self.padding.addingReportingOverflow(shift)
    guard !(o1 || o2) else { return nil }
    return Self(size: size, stride: stride, padding: padding)
  }
}
