/// The built-in specs, compiled into the binary from the files beside this one.
/// A test checks that every `.netspec` file here is listed.
public enum BuiltinSpecs {
  /// Network name → spec text, in the order `netcost list` shows them.
  public static let all: [(name: String, text: String)] = [
    ("alexnet", text(PackageResources.alexnet_netspec)),
    ("alexnet-2012", text(PackageResources.alexnet_2012_netspec)),
    ("vgg", text(PackageResources.vgg_netspec)),
    ("googlenet", text(PackageResources.googlenet_netspec)),
    ("squeezenet", text(PackageResources.squeezenet_netspec)),
    ("squeezenet-1.1", text(PackageResources.squeezenet_1_1_netspec)),
    ("mobilenet", text(PackageResources.mobilenet_netspec)),
    ("mobilenet-conv", text(PackageResources.mobilenet_conv_netspec)),
    ("mobilenet-shallow", text(PackageResources.mobilenet_shallow_netspec)),
    ("resnet", text(PackageResources.resnet_netspec)),
    ("densenet", text(PackageResources.densenet_netspec)),
    ("mobilenet-v2", text(PackageResources.mobilenet_v2_netspec)),
    ("mobilenet-v3-large", text(PackageResources.mobilenet_v3_large_netspec)),
    ("mobilenet-v3-small", text(PackageResources.mobilenet_v3_small_netspec)),
    ("shufflenet-v1", text(PackageResources.shufflenet_v1_netspec)),
    ("shufflenet-v2", text(PackageResources.shufflenet_v2_netspec)),
    ("xception", text(PackageResources.xception_netspec)),
    ("inception-v3", text(PackageResources.inception_v3_netspec)),
    ("mnasnet", text(PackageResources.mnasnet_netspec)),
    ("regnet", text(PackageResources.regnet_netspec)),
    ("efficientnet", text(PackageResources.efficientnet_netspec)),
    ("convnext", text(PackageResources.convnext_netspec)),
    ("efficientnet-v2", text(PackageResources.efficientnet_v2_netspec)),
    ("vit", text(PackageResources.vit_netspec)),
    ("swin", text(PackageResources.swin_netspec)),
    ("maxvit", text(PackageResources.maxvit_netspec)),
  ]

  private static func text(_ bytes: [UInt8]) -> String {
    String(decoding: bytes, as: UTF8.self)
  }
}
