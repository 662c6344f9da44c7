/// The built-in specs, compiled into the binary from the files beside this one.
/// A test checks that every `.netspec` file here is listed.
public enum BuiltinSpecs {
  /// Network name → spec bytes (UTF-8), in the order `netcost list` shows them: a run that
  /// analyses one network decodes its spec alone (`text(of:)`), not every spec.
  public static let files: [(name: String, bytes: [UInt8])] = [
    ("alexnet", PackageResources.alexnet_netspec),
    ("alexnet-2012", PackageResources.alexnet_2012_netspec),
    ("vgg", PackageResources.vgg_netspec),
    ("googlenet", PackageResources.googlenet_netspec),
    ("squeezenet", PackageResources.squeezenet_netspec),
    ("squeezenet-1.1", PackageResources.squeezenet_1_1_netspec),
    ("mobilenet", PackageResources.mobilenet_netspec),
    ("mobilenet-conv", PackageResources.mobilenet_conv_netspec),
    ("mobilenet-shallow", PackageResources.mobilenet_shallow_netspec),
    ("resnet", PackageResources.resnet_netspec),
    ("densenet", PackageResources.densenet_netspec),
    ("mobilenet-v2", PackageResources.mobilenet_v2_netspec),
    ("mobilenet-v3-large", PackageResources.mobilenet_v3_large_netspec),
    ("mobilenet-v3-small", PackageResources.mobilenet_v3_small_netspec),
    ("shufflenet-v1", PackageResources.shufflenet_v1_netspec),
    ("shufflenet-v2", PackageResources.shufflenet_v2_netspec),
    ("xception", PackageResources.xception_netspec),
    ("inception-v3", PackageResources.inception_v3_netspec),
    ("mnasnet", PackageResources.mnasnet_netspec),
    ("regnet", PackageResources.regnet_netspec),
    ("efficientnet", PackageResources.efficientnet_netspec),
    ("convnext", PackageResources.convnext_netspec),
    ("efficientnet-v2", PackageResources.efficientnet_v2_netspec),
    ("vit", PackageResources.vit_netspec),
    ("swin", PackageResources.swin_netspec),
    ("maxvit", PackageResources.maxvit_netspec),
  ]

  /// Network name → spec text, every spec decoded.
  public static let all: [(name: String, text: String)] = files.map { ($0.name, text($0.bytes)) }

  /// One built-in spec's text, decoded alone; nil for a name that is no built-in's.
  public static func text(of name: String) -> String? {
    files.first { $0.name == name }.map { text($0.bytes) }
  }

  private static func text(_ bytes: [UInt8]) -> String {
    String(decoding: bytes, as: UTF8.self)
  }
}
