import NetCostCore

/// Keras's layers over a volume (a clip's depth, height, width and channels): Conv3D, the 3-D
/// pools and the global ones, each side of a window its own.
extension KerasImporter {
  static func volumeSteps(
    _ className: String, name: String, _ config: JSON, at where_: Where
  ) throws(Diagnostic) -> [(String, Operation)] {
    switch className {
    case "Conv3D":
      let conv = Convolution(
        filters: .count(try integer(config, "filters", default: nil, at: where_)),
        kernel: try cube(config, "kernel_size", default: nil, at: where_),
        stride: try cube(config, "strides", default: 1, at: where_),
        padding: try padding(config, at: where_),
        dilation: try cube(config, "dilation_rate", default: 1, at: where_),
        groups: .count(try integer(config, "groups", default: 1, at: where_)),
        bias: try boolean(config, "use_bias", default: true, at: where_))
      return [(name, .convolution(conv))]
    case "MaxPooling3D", "AveragePooling3D":
      let kernel = try cube(config, "pool_size", default: 2, at: where_)
      let stride =
        config["strides"]?.isNull ?? true
        ? kernel : try cube(config, "strides", default: nil, at: where_)
      let pool = Pooling(
        mode: className == "MaxPooling3D" ? .max : .average, kernel: kernel, stride: stride,
        padding: try padding(config, at: where_), ceilMode: false)
      return [(name, .pooling(pool))]
    default:
      let pool = Operation.globalPooling(className == "GlobalMaxPooling3D" ? .max : .average)
      // Without keepdims Keras drops the volume's three axes: (C), netcost's 1×1×C.
      if try boolean(config, "keepdims", default: false, at: where_) { return [(name, pool)] }
      return [(name + "/pool", pool), (name, .flatten)]
    }
  }
}
