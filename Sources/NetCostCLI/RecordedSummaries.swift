// swift-format-ignore-file
// Recorded from the built-in specs' analyses by `NETCOST_RECORD=1 swift test --filter
// recordedSummariesAreCurrent`, which fails when this file is not what the analyses give.
import NetCost

extension SpecCatalog {
  static let recordedFingerprints: [String: UInt64] = [
    "alexnet": 0x99626eda24d2766f,
    "alexnet-2012": 0xb5eeb98dd59a8d3,
    "vgg": 0x16b020e50f1935a7,
    "googlenet": 0x96aa97a898179492,
    "squeezenet": 0x6e1e4caee750b426,
    "squeezenet-1.1": 0x1be17a6233cc8e77,
    "mobilenet": 0x4d8081cbf270da7c,
    "mobilenet-conv": 0x8cb781854669b6f3,
    "mobilenet-shallow": 0x6e07c746ed541425,
    "resnet": 0x553ece153ec01335,
    "densenet": 0x5926a5a18aa19586,
    "mobilenet-v2": 0x4e6b5fd4a851c831,
    "mobilenet-v3-large": 0x4d1de4146bea7d89,
    "mobilenet-v3-small": 0xfd43e804ee1c0073,
    "shufflenet-v1": 0x5573de03a013f540,
    "shufflenet-v2": 0x4ddb5c239fe45f38,
    "xception": 0xb4bd442536e158b0,
    "inception-v3": 0x3e6db77f01926671,
    "mnasnet": 0x694bd02c80a2cce8,
    "regnet": 0xbc3e08665016e122,
    "efficientnet": 0x7325f23bf854c23d,
    "convnext": 0xe29edfd4637eebdc,
  ]

  static let recordedSummaries: [NetworkSummary] = [
    .init(
      network: "alexnet", family: "alexnet",
      library: "torchvision", title: "AlexNet (EECS 498 / torchvision layout)",
      input: Shape(227, 227, 3),
      parameters: [.init(name: "resolution", value: 227.0), .init(name: "classes", value: 1000.0)],
      totals: Totals(
        params: 61100840, nonTrainableParams: 0,
        batchNormParams: 0, biases: 10344, macs: 716767232,
        activationBytes: 2395296)),
    .init(
      network: "alexnet-2012", family: "alexnet-2012",
      library: nil, title: "AlexNet (Krizhevsky et al. 2012, two-GPU grouped layout)",
      input: Shape(227, 227, 3),
      parameters: [.init(name: "resolution", value: 227.0), .init(name: "classes", value: 1000.0)],
      totals: Totals(
        params: 60965224, nonTrainableParams: 0,
        batchNormParams: 0, biases: 10568, macs: 724406816,
        activationBytes: 3126944)),
    .init(
      network: "vgg11", family: "vgg",
      library: "torchvision", title: "VGG11 (configuration A)",
      input: Shape(224, 224, 3),
      parameters: [.init(name: "depth", value: 11.0), .init(name: "bn", value: 0.0), .init(name: "resolution", value: 224.0), .init(name: "classes", value: 1000.0)],
      totals: Totals(
        params: 132863336, nonTrainableParams: 0,
        batchNormParams: 0, biases: 11944, macs: 7609090048,
        activationBytes: 35962784)),
    .init(
      network: "vgg11_bn", family: "vgg",
      library: "torchvision", title: "VGG11 with batch norm",
      input: Shape(224, 224, 3),
      parameters: [.init(name: "depth", value: 11.0), .init(name: "bn", value: 1.0), .init(name: "resolution", value: 224.0), .init(name: "classes", value: 1000.0)],
      totals: Totals(
        params: 132874344, nonTrainableParams: 5504,
        batchNormParams: 11008, biases: 11944, macs: 7609090048,
        activationBytes: 35962784)),
    .init(
      network: "vgg13", family: "vgg",
      library: "torchvision", title: "VGG13 (configuration B)",
      input: Shape(224, 224, 3),
      parameters: [.init(name: "depth", value: 13.0), .init(name: "bn", value: 0.0), .init(name: "resolution", value: 224.0), .init(name: "classes", value: 1000.0)],
      totals: Totals(
        params: 133047848, nonTrainableParams: 0,
        batchNormParams: 0, biases: 12136, macs: 11308466176,
        activationBytes: 55230368)),
    .init(
      network: "vgg13_bn", family: "vgg",
      library: "torchvision", title: "VGG13 with batch norm",
      input: Shape(224, 224, 3),
      parameters: [.init(name: "depth", value: 13.0), .init(name: "bn", value: 1.0), .init(name: "resolution", value: 224.0), .init(name: "classes", value: 1000.0)],
      totals: Totals(
        params: 133059624, nonTrainableParams: 5888,
        batchNormParams: 11776, biases: 12136, macs: 11308466176,
        activationBytes: 55230368)),
    .init(
      network: "vgg16", family: "vgg",
      library: "torchvision", title: "VGG16 (configuration D)",
      input: Shape(224, 224, 3),
      parameters: [.init(name: "depth", value: 16.0), .init(name: "bn", value: 0.0), .init(name: "resolution", value: 224.0), .init(name: "classes", value: 1000.0)],
      totals: Totals(
        params: 138357544, nonTrainableParams: 0,
        batchNormParams: 0, biases: 13416, macs: 15470264320,
        activationBytes: 60448672)),
    .init(
      network: "vgg16_bn", family: "vgg",
      library: "torchvision", title: "VGG16 with batch norm",
      input: Shape(224, 224, 3),
      parameters: [.init(name: "depth", value: 16.0), .init(name: "bn", value: 1.0), .init(name: "resolution", value: 224.0), .init(name: "classes", value: 1000.0)],
      totals: Totals(
        params: 138374440, nonTrainableParams: 8448,
        batchNormParams: 16896, biases: 13416, macs: 15470264320,
        activationBytes: 60448672)),
    .init(
      network: "vgg19", family: "vgg",
      library: "torchvision", title: "VGG19 (configuration E)",
      input: Shape(224, 224, 3),
      parameters: [.init(name: "depth", value: 19.0), .init(name: "bn", value: 0.0), .init(name: "resolution", value: 224.0), .init(name: "classes", value: 1000.0)],
      totals: Totals(
        params: 143667240, nonTrainableParams: 0,
        batchNormParams: 0, biases: 14696, macs: 19632062464,
        activationBytes: 65666976)),
    .init(
      network: "vgg19_bn", family: "vgg",
      library: "torchvision", title: "VGG19 with batch norm",
      input: Shape(224, 224, 3),
      parameters: [.init(name: "depth", value: 19.0), .init(name: "bn", value: 1.0), .init(name: "resolution", value: 224.0), .init(name: "classes", value: 1000.0)],
      totals: Totals(
        params: 143689256, nonTrainableParams: 11008,
        batchNormParams: 22016, biases: 14696, macs: 19632062464,
        activationBytes: 65666976)),
    .init(
      network: "googlenet", family: "googlenet",
      library: "Caffe", title: "GoogLeNet (Inception v1)",
      input: Shape(224, 224, 3),
      parameters: [.init(name: "resolution", value: 224.0), .init(name: "classes", value: 1000.0), .init(name: "torchvision", value: 0.0)],
      totals: Totals(
        params: 6998552, nonTrainableParams: 0,
        batchNormParams: 0, biases: 8280, macs: 1582671872,
        activationBytes: 23524960)),
    .init(
      network: "squeezenet1_0", family: "squeezenet",
      library: "torchvision", title: "SqueezeNet 1.0",
      input: Shape(224, 224, 3),
      parameters: [.init(name: "resolution", value: 224.0), .init(name: "classes", value: 1000.0)],
      totals: Totals(
        params: 1248424, nonTrainableParams: 0,
        batchNormParams: 0, biases: 3976, macs: 818924576,
        activationBytes: 30398400)),
    .init(
      network: "squeezenet-1.1", family: "squeezenet-1.1",
      library: "torchvision", title: "SqueezeNet 1.1",
      input: Shape(224, 224, 3),
      parameters: [.init(name: "resolution", value: 224.0), .init(name: "classes", value: 1000.0)],
      totals: Totals(
        params: 1235496, nonTrainableParams: 0,
        batchNormParams: 0, biases: 3944, macs: 349151936,
        activationBytes: 17484096)),
    .init(
      network: "mobilenet", family: "mobilenet",
      library: "Keras", title: "MobileNet v1",
      input: Shape(224, 224, 3),
      parameters: [.init(name: "alpha", value: 1.0), .init(name: "resolution", value: 224.0), .init(name: "classes", value: 1000.0)],
      totals: Totals(
        params: 4253864, nonTrainableParams: 21888,
        batchNormParams: 43776, biases: 1000, macs: 568740352,
        activationBytes: 20178848)),
    .init(
      network: "mobilenet-conv", family: "mobilenet-conv",
      library: nil, title: "MobileNet v1 with full convolutions (Conv MobileNet)",
      input: Shape(224, 224, 3),
      parameters: [.init(name: "alpha", value: 1.0), .init(name: "resolution", value: 224.0), .init(name: "classes", value: 1000.0)],
      totals: Totals(
        params: 29306056, nonTrainableParams: 11968,
        batchNormParams: 23936, biases: 1000, macs: 4867293184,
        activationBytes: 12451744)),
    .init(
      network: "mobilenet-shallow", family: "mobilenet-shallow",
      library: nil, title: "Shallow MobileNet (the five 14×14×512 separable blocks removed)",
      input: Shape(224, 224, 3),
      parameters: [.init(name: "alpha", value: 1.0), .init(name: "resolution", value: 224.0), .init(name: "classes", value: 1000.0)],
      totals: Totals(
        params: 2899624, nonTrainableParams: 11648,
        batchNormParams: 23296, biases: 1000, macs: 307323392,
        activationBytes: 16164768)),
    .init(
      network: "resnet18", family: "resnet",
      library: "torchvision", title: "ResNet-18",
      input: Shape(224, 224, 3),
      parameters: [.init(name: "depth", value: 18.0), .init(name: "groups", value: 1.0), .init(name: "width_per_group", value: 64.0), .init(name: "stride_in_1x1", value: 0.0), .init(name: "keras", value: 0.0), .init(name: "resolution", value: 224.0), .init(name: "classes", value: 1000.0)],
      totals: Totals(
        params: 11699112, nonTrainableParams: 9600,
        batchNormParams: 19200, biases: 1000, macs: 1814073344,
        activationBytes: 13754272)),
    .init(
      network: "resnet34", family: "resnet",
      library: "torchvision", title: "ResNet-34",
      input: Shape(224, 224, 3),
      parameters: [.init(name: "depth", value: 34.0), .init(name: "groups", value: 1.0), .init(name: "width_per_group", value: 64.0), .init(name: "stride_in_1x1", value: 0.0), .init(name: "keras", value: 0.0), .init(name: "resolution", value: 224.0), .init(name: "classes", value: 1000.0)],
      totals: Totals(
        params: 21814696, nonTrainableParams: 17024,
        batchNormParams: 34048, biases: 1000, macs: 3663761408,
        activationBytes: 21280672)),
    .init(
      network: "resnet50", family: "resnet",
      library: "torchvision", title: "ResNet-50",
      input: Shape(224, 224, 3),
      parameters: [.init(name: "depth", value: 50.0), .init(name: "groups", value: 1.0), .init(name: "width_per_group", value: 64.0), .init(name: "stride_in_1x1", value: 0.0), .init(name: "keras", value: 0.0), .init(name: "resolution", value: 224.0), .init(name: "classes", value: 1000.0)],
      totals: Totals(
        params: 25610152, nonTrainableParams: 53120,
        batchNormParams: 106240, biases: 1000, macs: 4089184256,
        activationBytes: 67348384)),
    .init(
      network: "resnet101", family: "resnet",
      library: "torchvision", title: "ResNet-101",
      input: Shape(224, 224, 3),
      parameters: [.init(name: "depth", value: 101.0), .init(name: "groups", value: 1.0), .init(name: "width_per_group", value: 64.0), .init(name: "stride_in_1x1", value: 0.0), .init(name: "keras", value: 0.0), .init(name: "resolution", value: 224.0), .init(name: "classes", value: 1000.0)],
      totals: Totals(
        params: 44654504, nonTrainableParams: 105344,
        batchNormParams: 210688, biases: 1000, macs: 7801405440,
        activationBytes: 101468064)),
    .init(
      network: "resnet152", family: "resnet",
      library: "torchvision", title: "ResNet-152",
      input: Shape(224, 224, 3),
      parameters: [.init(name: "depth", value: 152.0), .init(name: "groups", value: 1.0), .init(name: "width_per_group", value: 64.0), .init(name: "stride_in_1x1", value: 0.0), .init(name: "keras", value: 0.0), .init(name: "resolution", value: 224.0), .init(name: "classes", value: 1000.0)],
      totals: Totals(
        params: 60344232, nonTrainableParams: 151424,
        batchNormParams: 302848, biases: 1000, macs: 11513626624,
        activationBytes: 143615904)),
    .init(
      network: "wide_resnet50_2", family: "resnet",
      library: "torchvision", title: "Wide ResNet-50-2",
      input: Shape(224, 224, 3),
      parameters: [.init(name: "depth", value: 50.0), .init(name: "groups", value: 1.0), .init(name: "width_per_group", value: 128.0), .init(name: "stride_in_1x1", value: 0.0), .init(name: "keras", value: 0.0), .init(name: "resolution", value: 224.0), .init(name: "classes", value: 1000.0)],
      totals: Totals(
        params: 68951464, nonTrainableParams: 68224,
        batchNormParams: 136448, biases: 1000, macs: 11398021120,
        activationBytes: 80494496)),
    .init(
      network: "wide_resnet101_2", family: "resnet",
      library: "torchvision", title: "Wide ResNet-101-2",
      input: Shape(224, 224, 3),
      parameters: [.init(name: "depth", value: 101.0), .init(name: "groups", value: 1.0), .init(name: "width_per_group", value: 128.0), .init(name: "stride_in_1x1", value: 0.0), .init(name: "keras", value: 0.0), .init(name: "resolution", value: 224.0), .init(name: "classes", value: 1000.0)],
      totals: Totals(
        params: 127024552, nonTrainableParams: 137856,
        batchNormParams: 275712, biases: 1000, macs: 22753050624,
        activationBytes: 121438112)),
    .init(
      network: "resnext50_32x4d", family: "resnet",
      library: "torchvision", title: "ResNeXt-50 (32×4d)",
      input: Shape(224, 224, 3),
      parameters: [.init(name: "depth", value: 50.0), .init(name: "groups", value: 32.0), .init(name: "width_per_group", value: 4.0), .init(name: "stride_in_1x1", value: 0.0), .init(name: "keras", value: 0.0), .init(name: "resolution", value: 224.0), .init(name: "classes", value: 1000.0)],
      totals: Totals(
        params: 25097128, nonTrainableParams: 68224,
        batchNormParams: 136448, biases: 1000, macs: 4230479872,
        activationBytes: 80494496)),
    .init(
      network: "resnext101_32x8d", family: "resnet",
      library: "torchvision", title: "ResNeXt-101 (32×8d)",
      input: Shape(224, 224, 3),
      parameters: [.init(name: "depth", value: 101.0), .init(name: "groups", value: 32.0), .init(name: "width_per_group", value: 8.0), .init(name: "stride_in_1x1", value: 0.0), .init(name: "keras", value: 0.0), .init(name: "resolution", value: 224.0), .init(name: "classes", value: 1000.0)],
      totals: Totals(
        params: 88994216, nonTrainableParams: 202880,
        batchNormParams: 405760, biases: 1000, macs: 16414015488,
        activationBytes: 161378208)),
    .init(
      network: "resnext101_64x4d", family: "resnet",
      library: "torchvision", title: "ResNeXt-101 (64×4d)",
      input: Shape(224, 224, 3),
      parameters: [.init(name: "depth", value: 101.0), .init(name: "groups", value: 64.0), .init(name: "width_per_group", value: 4.0), .init(name: "stride_in_1x1", value: 0.0), .init(name: "keras", value: 0.0), .init(name: "resolution", value: 224.0), .init(name: "classes", value: 1000.0)],
      totals: Totals(
        params: 83658152, nonTrainableParams: 202880,
        batchNormParams: 405760, biases: 1000, macs: 15460270080,
        activationBytes: 161378208)),
    .init(
      network: "ResNet50", family: "resnet",
      library: "Keras", title: "ResNet50 (Keras)",
      input: Shape(224, 224, 3),
      parameters: [.init(name: "depth", value: 50.0), .init(name: "groups", value: 1.0), .init(name: "width_per_group", value: 64.0), .init(name: "stride_in_1x1", value: 0.0), .init(name: "keras", value: 1.0), .init(name: "resolution", value: 224.0), .init(name: "classes", value: 1000.0)],
      totals: Totals(
        params: 25636712, nonTrainableParams: 53120,
        batchNormParams: 106240, biases: 27560, macs: 3857973248,
        activationBytes: 65240992)),
    .init(
      network: "ResNet101", family: "resnet",
      library: "Keras", title: "ResNet101 (Keras)",
      input: Shape(224, 224, 3),
      parameters: [.init(name: "depth", value: 101.0), .init(name: "groups", value: 1.0), .init(name: "width_per_group", value: 64.0), .init(name: "stride_in_1x1", value: 0.0), .init(name: "keras", value: 1.0), .init(name: "resolution", value: 224.0), .init(name: "classes", value: 1000.0)],
      totals: Totals(
        params: 44707176, nonTrainableParams: 105344,
        batchNormParams: 210688, biases: 53672, macs: 7570194432,
        activationBytes: 99360672)),
    .init(
      network: "ResNet152", family: "resnet",
      library: "Keras", title: "ResNet152 (Keras)",
      input: Shape(224, 224, 3),
      parameters: [.init(name: "depth", value: 152.0), .init(name: "groups", value: 1.0), .init(name: "width_per_group", value: 64.0), .init(name: "stride_in_1x1", value: 0.0), .init(name: "keras", value: 1.0), .init(name: "resolution", value: 224.0), .init(name: "classes", value: 1000.0)],
      totals: Totals(
        params: 60419944, nonTrainableParams: 151424,
        batchNormParams: 302848, biases: 76712, macs: 11282415616,
        activationBytes: 141508512)),
    .init(
      network: "densenet121", family: "densenet",
      library: "torchvision", title: "DenseNet-121 (k = 32)",
      input: Shape(224, 224, 3),
      parameters: [.init(name: "resolution", value: 224.0), .init(name: "classes", value: 1000.0), .init(name: "depth", value: 121.0), .init(name: "k", value: 32.0)],
      totals: Totals(
        params: 8062504, nonTrainableParams: 83648,
        batchNormParams: 167296, biases: 1000, macs: 2834161664,
        activationBytes: 69802912)),
    .init(
      network: "densenet161", family: "densenet",
      library: "torchvision", title: "DenseNet-161 (k = 48)",
      input: Shape(224, 224, 3),
      parameters: [.init(name: "resolution", value: 224.0), .init(name: "classes", value: 1000.0), .init(name: "depth", value: 161.0), .init(name: "k", value: 48.0)],
      totals: Totals(
        params: 28900936, nonTrainableParams: 219936,
        batchNormParams: 439872, biases: 1000, macs: 7727907072,
        activationBytes: 129109408)),
    .init(
      network: "densenet169", family: "densenet",
      library: "torchvision", title: "DenseNet-169 (k = 32)",
      input: Shape(224, 224, 3),
      parameters: [.init(name: "resolution", value: 224.0), .init(name: "classes", value: 1000.0), .init(name: "depth", value: 169.0), .init(name: "k", value: 32.0)],
      totals: Totals(
        params: 14307880, nonTrainableParams: 158400,
        batchNormParams: 316800, biases: 1000, macs: 3359843328,
        activationBytes: 83628960)),
    .init(
      network: "densenet201", family: "densenet",
      library: "torchvision", title: "DenseNet-201 (k = 32)",
      input: Shape(224, 224, 3),
      parameters: [.init(name: "resolution", value: 224.0), .init(name: "classes", value: 1000.0), .init(name: "depth", value: 201.0), .init(name: "k", value: 32.0)],
      totals: Totals(
        params: 20242984, nonTrainableParams: 229056,
        batchNormParams: 458112, biases: 1000, macs: 4291365888,
        activationBytes: 106961824)),
    .init(
      network: "mobilenet-v2", family: "mobilenet-v2",
      library: "torchvision", title: "MobileNetV2",
      input: Shape(224, 224, 3),
      parameters: [.init(name: "alpha", value: 1.0), .init(name: "resolution", value: 224.0), .init(name: "classes", value: 1000.0)],
      totals: Totals(
        params: 3538984, nonTrainableParams: 34112,
        batchNormParams: 68224, biases: 1000, macs: 300774272,
        activationBytes: 27587104)),
    .init(
      network: "mobilenet-v3-large", family: "mobilenet-v3-large",
      library: "torchvision", title: "MobileNetV3-Large",
      input: Shape(224, 224, 3),
      parameters: [.init(name: "alpha", value: 1.0), .init(name: "resolution", value: 224.0), .init(name: "classes", value: 1000.0)],
      totals: Totals(
        params: 5507432, nonTrainableParams: 24400,
        batchNormParams: 48800, biases: 7360, macs: 216589760,
        activationBytes: 21731808)),
    .init(
      network: "mobilenet-v3-small", family: "mobilenet-v3-small",
      library: "torchvision", title: "MobileNetV3-Small",
      input: Shape(224, 224, 3),
      parameters: [.init(name: "alpha", value: 1.0), .init(name: "resolution", value: 224.0), .init(name: "classes", value: 1000.0)],
      totals: Totals(
        params: 2554968, nonTrainableParams: 12112,
        batchNormParams: 24224, biases: 4912, macs: 56510400,
        activationBytes: 7036960)),
    .init(
      network: "shufflenet-v1", family: "shufflenet-v1",
      library: nil, title: "ShuffleNet (v1)",
      input: Shape(224, 224, 3),
      parameters: [.init(name: "groups", value: 3.0), .init(name: "scale", value: 1.0), .init(name: "resolution", value: 224.0), .init(name: "classes", value: 1000.0)],
      totals: Totals(
        params: 1890208, nonTrainableParams: 24480,
        batchNormParams: 48960, biases: 1000, macs: 137460672,
        activationBytes: 19435360)),
    .init(
      network: "shufflenet_v2_x0_5", family: "shufflenet-v2",
      library: "torchvision", title: "ShuffleNet V2 0.5×",
      input: Shape(224, 224, 3),
      parameters: [.init(name: "width", value: 0.5), .init(name: "resolution", value: 224.0), .init(name: "classes", value: 1000.0)],
      totals: Totals(
        params: 1374744, nonTrainableParams: 7952,
        batchNormParams: 15904, biases: 1000, macs: 40476448,
        activationBytes: 6850848)),
    .init(
      network: "shufflenet_v2_x1_0", family: "shufflenet-v2",
      library: "torchvision", title: "ShuffleNet V2 1×",
      input: Shape(224, 224, 3),
      parameters: [.init(name: "width", value: 1.0), .init(name: "resolution", value: 224.0), .init(name: "classes", value: 1000.0)],
      totals: Totals(
        params: 2294784, nonTrainableParams: 16180,
        batchNormParams: 32360, biases: 1000, macs: 144907992,
        activationBytes: 14021312)),
    .init(
      network: "shufflenet_v2_x1_5", family: "shufflenet-v2",
      library: "torchvision", title: "ShuffleNet V2 1.5×",
      input: Shape(224, 224, 3),
      parameters: [.init(name: "width", value: 1.5), .init(name: "resolution", value: 224.0), .init(name: "classes", value: 1000.0)],
      totals: Totals(
        params: 3527064, nonTrainableParams: 23440,
        batchNormParams: 46880, biases: 1000, macs: 295759392,
        activationBytes: 20348192)),
    .init(
      network: "shufflenet_v2_x2_0", family: "shufflenet-v2",
      library: "torchvision", title: "ShuffleNet V2 2×",
      input: Shape(224, 224, 3),
      parameters: [.init(name: "width", value: 2.0), .init(name: "resolution", value: 224.0), .init(name: "classes", value: 1000.0)],
      totals: Totals(
        params: 7427712, nonTrainableParams: 33716,
        batchNormParams: 67432, biases: 1000, macs: 583253464,
        activationBytes: 27723456)),
    .init(
      network: "xception", family: "xception",
      library: "Keras", title: "Xception",
      input: Shape(299, 299, 3),
      parameters: [.init(name: "resolution", value: 299.0), .init(name: "classes", value: 1000.0)],
      totals: Totals(
        params: 22910480, nonTrainableParams: 54528,
        batchNormParams: 109056, biases: 1000, macs: 8357403496,
        activationBytes: 168311520)),
    .init(
      network: "inception_v3", family: "inception-v3",
      library: "torchvision", title: "Inception v3 (torchvision)",
      input: Shape(299, 299, 3),
      parameters: [.init(name: "resolution", value: 299.0), .init(name: "classes", value: 1000.0), .init(name: "keras", value: 0.0), .init(name: "aux", value: 1.0)],
      totals: Totals(
        params: 27197488, nonTrainableParams: 36224,
        batchNormParams: 72448, biases: 2000, macs: 5713216096,
        activationBytes: 57404832)),
    .init(
      network: "InceptionV3", family: "inception-v3",
      library: "Keras", title: "Inception v3 (Keras)",
      input: Shape(299, 299, 3),
      parameters: [.init(name: "resolution", value: 299.0), .init(name: "classes", value: 1000.0), .init(name: "keras", value: 1.0), .init(name: "aux", value: 0.0)],
      totals: Totals(
        params: 23851784, nonTrainableParams: 34432,
        batchNormParams: 51648, biases: 1000, macs: 5713216096,
        activationBytes: 57404832)),
    .init(
      network: "mnasnet0_5", family: "mnasnet",
      library: "torchvision", title: "MnasNet 0.5",
      input: Shape(224, 224, 3),
      parameters: [.init(name: "alpha", value: 0.5), .init(name: "resolution", value: 224.0), .init(name: "classes", value: 1000.0)],
      totals: Totals(
        params: 2239136, nonTrainableParams: 20624,
        batchNormParams: 41248, biases: 1000, macs: 104455968,
        activationBytes: 12979616)),
    .init(
      network: "mnasnet0_75", family: "mnasnet",
      library: "torchvision", title: "MnasNet 0.75",
      input: Shape(224, 224, 3),
      parameters: [.init(name: "alpha", value: 0.75), .init(name: "resolution", value: 224.0), .init(name: "classes", value: 1000.0)],
      totals: Totals(
        params: 3200016, nonTrainableParams: 29808,
        batchNormParams: 59616, biases: 1000, macs: 215493104,
        activationBytes: 20114016)),
    .init(
      network: "mnasnet1_0", family: "mnasnet",
      library: "torchvision", title: "MnasNet 1.0",
      input: Shape(224, 224, 3),
      parameters: [.init(name: "alpha", value: 1.0), .init(name: "resolution", value: 224.0), .init(name: "classes", value: 1000.0)],
      totals: Totals(
        params: 4421232, nonTrainableParams: 37920,
        batchNormParams: 75840, biases: 1000, macs: 314415872,
        activationBytes: 23002272)),
    .init(
      network: "mnasnet1_3", family: "mnasnet",
      library: "torchvision", title: "MnasNet 1.3",
      input: Shape(224, 224, 3),
      parameters: [.init(name: "alpha", value: 1.3), .init(name: "resolution", value: 224.0), .init(name: "classes", value: 1000.0)],
      totals: Totals(
        params: 6331072, nonTrainableParams: 48816,
        batchNormParams: 97632, biases: 1000, macs: 526362432,
        activationBytes: 30981824)),
    .init(
      network: "regnet_x_400mf", family: "regnet",
      library: "torchvision", title: "RegNetX-400MF",
      input: Shape(224, 224, 3),
      parameters: [.init(name: "y", value: 0.0), .init(name: "resolution", value: 224.0), .init(name: "classes", value: 1000.0)],
      totals: Totals(
        params: 5533832, nonTrainableParams: 37856,
        batchNormParams: 75712, biases: 1000, macs: 413812608,
        activationBytes: 15321824)),
    .init(
      network: "regnet_y_400mf", family: "regnet",
      library: "torchvision", title: "RegNetY-400MF",
      input: Shape(224, 224, 3),
      parameters: [.init(name: "y", value: 1.0), .init(name: "resolution", value: 224.0), .init(name: "classes", value: 1000.0)],
      totals: Totals(
        params: 4371296, nonTrainableParams: 27152,
        batchNormParams: 54304, biases: 6208, macs: 401842848,
        activationBytes: 21741568)),
    .init(
      network: "efficientnet_b0", family: "efficientnet",
      library: "torchvision", title: "EfficientNet-B0",
      input: Shape(224, 224, 3),
      parameters: [.init(name: "phi", value: 0.0), .init(name: "compound", value: 0.0), .init(name: "width_mult", value: 1.0), .init(name: "depth_mult", value: 1.0), .init(name: "resolution", value: 224.0), .init(name: "classes", value: 1000.0), .init(name: "keras", value: 0.0)],
      totals: Totals(
        params: 5330564, nonTrainableParams: 42016,
        batchNormParams: 84032, biases: 10340, macs: 385814752,
        activationBytes: 37099664)),
    .init(
      network: "efficientnet_b1", family: "efficientnet",
      library: "torchvision", title: "EfficientNet-B1",
      input: Shape(240, 240, 3),
      parameters: [.init(name: "phi", value: 1.0), .init(name: "compound", value: 0.0), .init(name: "width_mult", value: 1.0), .init(name: "depth_mult", value: 1.1), .init(name: "resolution", value: 240.0), .init(name: "classes", value: 1000.0), .init(name: "keras", value: 0.0)],
      totals: Totals(
        params: 7856232, nonTrainableParams: 62048,
        batchNormParams: 124096, biases: 15160, macs: 686802832,
        activationBytes: 62731808)),
    .init(
      network: "efficientnet_b2", family: "efficientnet",
      library: "torchvision", title: "EfficientNet-B2 (torchvision's 288 input)",
      input: Shape(288, 288, 3),
      parameters: [.init(name: "phi", value: 2.0), .init(name: "compound", value: 0.0), .init(name: "width_mult", value: 1.1), .init(name: "depth_mult", value: 1.2), .init(name: "resolution", value: 288.0), .init(name: "classes", value: 1000.0), .init(name: "keras", value: 0.0)],
      totals: Totals(
        params: 9177562, nonTrainableParams: 67568,
        batchNormParams: 135136, biases: 16410, macs: 1087529456,
        activationBytes: 93416488)),
    .init(
      network: "efficientnet_b3", family: "efficientnet",
      library: "torchvision", title: "EfficientNet-B3",
      input: Shape(300, 300, 3),
      parameters: [.init(name: "phi", value: 3.0), .init(name: "compound", value: 0.0), .init(name: "width_mult", value: 1.2), .init(name: "depth_mult", value: 1.4), .init(name: "resolution", value: 300.0), .init(name: "classes", value: 1000.0), .init(name: "keras", value: 0.0)],
      totals: Totals(
        params: 12320528, nonTrainableParams: 87296,
        batchNormParams: 174592, biases: 21080, macs: 1827141392,
        activationBytes: 137473088)),
    .init(
      network: "efficientnet_b4", family: "efficientnet",
      library: "torchvision", title: "EfficientNet-B4",
      input: Shape(380, 380, 3),
      parameters: [.init(name: "phi", value: 4.0), .init(name: "compound", value: 0.0), .init(name: "width_mult", value: 1.4), .init(name: "depth_mult", value: 1.8), .init(name: "resolution", value: 380.0), .init(name: "classes", value: 1000.0), .init(name: "keras", value: 0.0)],
      totals: Totals(
        params: 19466816, nonTrainableParams: 125200,
        batchNormParams: 250400, biases: 30040, macs: 4393771024,
        activationBytes: 289235008)),
    .init(
      network: "efficientnet_b5", family: "efficientnet",
      library: "torchvision", title: "EfficientNet-B5",
      input: Shape(456, 456, 3),
      parameters: [.init(name: "phi", value: 5.0), .init(name: "compound", value: 0.0), .init(name: "width_mult", value: 1.6), .init(name: "depth_mult", value: 2.2), .init(name: "resolution", value: 456.0), .init(name: "classes", value: 1000.0), .init(name: "keras", value: 0.0)],
      totals: Totals(
        params: 30562520, nonTrainableParams: 172736,
        batchNormParams: 345472, biases: 41320, macs: 10266384752,
        activationBytes: 588842656)),
    .init(
      network: "efficientnet_b6", family: "efficientnet",
      library: "torchvision", title: "EfficientNet-B6",
      input: Shape(528, 528, 3),
      parameters: [.init(name: "phi", value: 6.0), .init(name: "compound", value: 0.0), .init(name: "width_mult", value: 1.8), .init(name: "depth_mult", value: 2.6), .init(name: "resolution", value: 528.0), .init(name: "classes", value: 1000.0), .init(name: "keras", value: 0.0)],
      totals: Totals(
        params: 43265136, nonTrainableParams: 224432,
        batchNormParams: 448864, biases: 53600, macs: 19067593536,
        activationBytes: 1000128992)),
    .init(
      network: "efficientnet_b7", family: "efficientnet",
      library: "torchvision", title: "EfficientNet-B7",
      input: Shape(600, 600, 3),
      parameters: [.init(name: "phi", value: 7.0), .init(name: "compound", value: 0.0), .init(name: "width_mult", value: 2.0), .init(name: "depth_mult", value: 3.1), .init(name: "resolution", value: 600.0), .init(name: "classes", value: 1000.0), .init(name: "keras", value: 0.0)],
      totals: Totals(
        params: 66658680, nonTrainableParams: 310720,
        batchNormParams: 621440, biases: 74200, macs: 37745884192,
        activationBytes: 1752312224)),
    .init(
      network: "EfficientNetB0", family: "efficientnet",
      library: "Keras", title: "EfficientNet-B0 (Keras)",
      input: Shape(224, 224, 3),
      parameters: [.init(name: "phi", value: 0.0), .init(name: "compound", value: 0.0), .init(name: "width_mult", value: 1.0), .init(name: "depth_mult", value: 1.0), .init(name: "resolution", value: 224.0), .init(name: "classes", value: 1000.0), .init(name: "keras", value: 1.0)],
      totals: Totals(
        params: 5330571, nonTrainableParams: 42023,
        batchNormParams: 84039, biases: 10340, macs: 385814752,
        activationBytes: 37701776)),
    .init(
      network: "EfficientNetB1", family: "efficientnet",
      library: "Keras", title: "EfficientNet-B1 (Keras)",
      input: Shape(240, 240, 3),
      parameters: [.init(name: "phi", value: 1.0), .init(name: "compound", value: 0.0), .init(name: "width_mult", value: 1.0), .init(name: "depth_mult", value: 1.1), .init(name: "resolution", value: 240.0), .init(name: "classes", value: 1000.0), .init(name: "keras", value: 1.0)],
      totals: Totals(
        params: 7856239, nonTrainableParams: 62055,
        batchNormParams: 124103, biases: 15160, macs: 686802832,
        activationBytes: 63423008)),
    .init(
      network: "EfficientNetB2", family: "efficientnet",
      library: "Keras", title: "EfficientNet-B2 (Keras)",
      input: Shape(260, 260, 3),
      parameters: [.init(name: "phi", value: 2.0), .init(name: "compound", value: 0.0), .init(name: "width_mult", value: 1.1), .init(name: "depth_mult", value: 1.2), .init(name: "resolution", value: 260.0), .init(name: "classes", value: 1000.0), .init(name: "keras", value: 1.0)],
      totals: Totals(
        params: 9177569, nonTrainableParams: 67575,
        batchNormParams: 135143, biases: 16410, macs: 993561872,
        activationBytes: 80704648)),
    .init(
      network: "EfficientNetB3", family: "efficientnet",
      library: "Keras", title: "EfficientNet-B3 (Keras)",
      input: Shape(300, 300, 3),
      parameters: [.init(name: "phi", value: 3.0), .init(name: "compound", value: 0.0), .init(name: "width_mult", value: 1.2), .init(name: "depth_mult", value: 1.4), .init(name: "resolution", value: 300.0), .init(name: "classes", value: 1000.0), .init(name: "keras", value: 1.0)],
      totals: Totals(
        params: 12320535, nonTrainableParams: 87303,
        batchNormParams: 174599, biases: 21080, macs: 1827141392,
        activationBytes: 138553088)),
    .init(
      network: "EfficientNetB4", family: "efficientnet",
      library: "Keras", title: "EfficientNet-B4 (Keras)",
      input: Shape(380, 380, 3),
      parameters: [.init(name: "phi", value: 4.0), .init(name: "compound", value: 0.0), .init(name: "width_mult", value: 1.4), .init(name: "depth_mult", value: 1.8), .init(name: "resolution", value: 380.0), .init(name: "classes", value: 1000.0), .init(name: "keras", value: 1.0)],
      totals: Totals(
        params: 19466823, nonTrainableParams: 125207,
        batchNormParams: 250407, biases: 30040, macs: 4393771024,
        activationBytes: 290967808)),
    .init(
      network: "EfficientNetB5", family: "efficientnet",
      library: "Keras", title: "EfficientNet-B5 (Keras)",
      input: Shape(456, 456, 3),
      parameters: [.init(name: "phi", value: 5.0), .init(name: "compound", value: 0.0), .init(name: "width_mult", value: 1.6), .init(name: "depth_mult", value: 2.2), .init(name: "resolution", value: 456.0), .init(name: "classes", value: 1000.0), .init(name: "keras", value: 1.0)],
      totals: Totals(
        params: 30562527, nonTrainableParams: 172743,
        batchNormParams: 345479, biases: 41320, macs: 10266384752,
        activationBytes: 591337888)),
    .init(
      network: "EfficientNetB6", family: "efficientnet",
      library: "Keras", title: "EfficientNet-B6 (Keras)",
      input: Shape(528, 528, 3),
      parameters: [.init(name: "phi", value: 6.0), .init(name: "compound", value: 0.0), .init(name: "width_mult", value: 1.8), .init(name: "depth_mult", value: 2.6), .init(name: "resolution", value: 528.0), .init(name: "classes", value: 1000.0), .init(name: "keras", value: 1.0)],
      totals: Totals(
        params: 43265143, nonTrainableParams: 224439,
        batchNormParams: 448871, biases: 53600, macs: 19067593536,
        activationBytes: 1003474400)),
    .init(
      network: "EfficientNetB7", family: "efficientnet",
      library: "Keras", title: "EfficientNet-B7 (Keras)",
      input: Shape(600, 600, 3),
      parameters: [.init(name: "phi", value: 7.0), .init(name: "compound", value: 0.0), .init(name: "width_mult", value: 2.0), .init(name: "depth_mult", value: 3.1), .init(name: "resolution", value: 600.0), .init(name: "classes", value: 1000.0), .init(name: "keras", value: 1.0)],
      totals: Totals(
        params: 66658687, nonTrainableParams: 310727,
        batchNormParams: 621447, biases: 74200, macs: 37745884192,
        activationBytes: 1756632224)),
    .init(
      network: "convnext_tiny", family: "convnext",
      library: "torchvision", title: "ConvNeXt-T",
      input: Shape(224, 224, 3),
      parameters: [.init(name: "resolution", value: 224.0), .init(name: "classes", value: 1000.0)],
      totals: Totals(
        params: 28589128, nonTrainableParams: 0,
        batchNormParams: 0, biases: 42184, macs: 4455531264,
        activationBytes: 62325664)),
  ]
}
