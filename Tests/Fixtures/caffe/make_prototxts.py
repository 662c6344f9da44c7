#!/usr/bin/env python3
"""Writes the Caffe deploy prototxts netcost's import tests read, from the published structures.

Each file follows the layout of the released deploy file it is named after (layer names, order,
in-place ReLUs, the input declaration style), written from the papers and the model zoo's
structure rather than copied:

  alexnet.prototxt         BVLC AlexNet (caffe/models/bvlc_alexnet): an Input layer, 10x3x227x227
  googlenet.prototxt       BVLC GoogLeNet (caffe/models/bvlc_googlenet): an Input layer, 224
  squeezenet-1.0.prototxt  SqueezeNet v1.0 (forresti/SqueezeNet): input + input_shape, 227
  squeezenet-1.1.prototxt  SqueezeNet v1.1 (forresti/SqueezeNet): input + input_shape, 227
  vgg16.prototxt           VGG_ILSVRC_16_layers_deploy (Simonyan & Zisserman's model page): the
                           legacy V1 syntax (`layers { type: CONVOLUTION }`), input + input_dim

Standard library only: `python3 make_prototxts.py` rewrites the files beside this script.
"""
import os

HERE = os.path.dirname(os.path.abspath(__file__))


class Net:
    def __init__(self, name, v1=False):
        self.lines = [f'name: "{name}"']
        self.v1 = v1

    def input_layer(self, blob, dims):
        dims_text = " ".join(f"dim: {d}" for d in dims)
        self.lines += ["layer {", f'  name: "{blob}"', '  type: "Input"', f'  top: "{blob}"',
                       f"  input_param {{ shape: {{ {dims_text} }} }}", "}"]

    def input_shape(self, blob, dims):
        self.lines += [f'input: "{blob}"', "input_shape {"] + [f"  dim: {d}" for d in dims] + ["}"]

    def input_dims(self, blob, dims):
        self.lines += [f'input: "{blob}"'] + [f"input_dim: {d}" for d in dims]

    def layer(self, name, type_, bottoms, tops, params=None):
        if self.v1:
            self.lines.append("layers {")
            for b in bottoms:
                self.lines.append(f'  bottom: "{b}"')
            for t in tops:
                self.lines.append(f'  top: "{t}"')
            self.lines += [f'  name: "{name}"', f"  type: {V1[type_]}"]
        else:
            self.lines += ["layer {", f'  name: "{name}"', f'  type: "{type_}"']
            for b in bottoms:
                self.lines.append(f'  bottom: "{b}"')
            for t in tops:
                self.lines.append(f'  top: "{t}"')
        for block, fields in (params or {}).items():
            self.lines.append(f"  {block} {{")
            for key, value in fields:
                self.lines.append(f"    {key}: {value}")
            self.lines.append("  }")
        self.lines.append("}")

    def conv(self, name, bottom, n, k, s=1, p=0, group=1, top=None):
        fields = [("num_output", n)]
        if p:
            fields.append(("pad", p))
        fields.append(("kernel_size", k))
        if s != 1:
            fields.append(("stride", s))
        if group != 1:
            fields.append(("group", group))
        if not self.v1:
            fields.append(("weight_filler", '{ type: "xavier" }'))
        self.layer(name, "Convolution", [bottom], [top or name], {"convolution_param": fields})
        return top or name

    def relu(self, name, blob):
        self.layer(name, "ReLU", [blob], [blob])
        return blob

    def pool(self, name, bottom, mode, k, s, p=0):
        fields = [("pool", mode), ("kernel_size", k), ("stride", s)]
        if p:
            fields.append(("pad", p))
        self.layer(name, "Pooling", [bottom], [name], {"pooling_param": fields})
        return name

    def global_pool(self, name, bottom):
        self.layer(name, "Pooling", [bottom], [name],
                   {"pooling_param": [("pool", "AVE"), ("global_pooling", "true")]})
        return name

    def lrn(self, name, bottom):
        self.layer(name, "LRN", [bottom], [name],
                   {"lrn_param": [("local_size", 5), ("alpha", 0.0001), ("beta", 0.75)]})
        return name

    def fc(self, name, bottom, n):
        self.layer(name, "InnerProduct", [bottom], [name], {"inner_product_param": [("num_output", n)]})
        return name

    def dropout(self, name, blob, ratio):
        self.layer(name, "Dropout", [blob], [blob], {"dropout_param": [("dropout_ratio", ratio)]})
        return blob

    def concat(self, name, bottoms):
        self.layer(name, "Concat", bottoms, [name])
        return name

    def softmax(self, name, bottom):
        self.layer(name, "Softmax", [bottom], [name])
        return name

    def write(self, filename, header):
        with open(os.path.join(HERE, filename), "w") as f:
            f.write(header + "\n".join(self.lines) + "\n")


V1 = {"Convolution": "CONVOLUTION", "ReLU": "RELU", "Pooling": "POOLING",
      "InnerProduct": "INNER_PRODUCT", "Dropout": "DROPOUT", "Softmax": "SOFTMAX"}


def header(what):
    return f"# {what}\n# Written by Tests/Fixtures/caffe/make_prototxts.py from the published structure.\n"


def alexnet():
    n = Net("AlexNet")
    n.input_layer("data", [10, 3, 227, 227])
    b = n.relu("relu1", n.conv("conv1", "data", 96, 11, s=4))
    b = n.pool("pool1", n.lrn("norm1", b), "MAX", 3, 2)
    b = n.relu("relu2", n.conv("conv2", b, 256, 5, p=2, group=2))
    b = n.pool("pool2", n.lrn("norm2", b), "MAX", 3, 2)
    b = n.relu("relu3", n.conv("conv3", b, 384, 3, p=1))
    b = n.relu("relu4", n.conv("conv4", b, 384, 3, p=1, group=2))
    b = n.relu("relu5", n.conv("conv5", b, 256, 3, p=1, group=2))
    b = n.pool("pool5", b, "MAX", 3, 2)
    b = n.dropout("drop6", n.relu("relu6", n.fc("fc6", b, 4096)), 0.5)
    b = n.dropout("drop7", n.relu("relu7", n.fc("fc7", b, 4096)), 0.5)
    n.softmax("prob", n.fc("fc8", b, 1000))
    n.write("alexnet.prototxt", header("BVLC AlexNet deploy net (Krizhevsky et al. 2012)"))


def googlenet():
    n = Net("GoogleNet")
    n.input_layer("data", [10, 3, 224, 224])
    b = n.relu("conv1/relu_7x7", n.conv("conv1/7x7_s2", "data", 64, 7, s=2, p=3))
    b = n.lrn("pool1/norm1", n.pool("pool1/3x3_s2", b, "MAX", 3, 2))
    b = n.relu("conv2/relu_3x3_reduce", n.conv("conv2/3x3_reduce", b, 64, 1))
    b = n.relu("conv2/relu_3x3", n.conv("conv2/3x3", b, 192, 3, p=1))
    b = n.pool("pool2/3x3_s2", n.lrn("conv2/norm2", b), "MAX", 3, 2)

    def inception(name, b, c1, r3, c3, r5, c5, proj):
        p = name + "/"
        one = n.relu(p + "relu_1x1", n.conv(p + "1x1", b, c1, 1))
        three = n.relu(p + "relu_3x3_reduce", n.conv(p + "3x3_reduce", b, r3, 1))
        three = n.relu(p + "relu_3x3", n.conv(p + "3x3", three, c3, 3, p=1))
        five = n.relu(p + "relu_5x5_reduce", n.conv(p + "5x5_reduce", b, r5, 1))
        five = n.relu(p + "relu_5x5", n.conv(p + "5x5", five, c5, 5, p=2))
        pool = n.pool(p + "pool", b, "MAX", 3, 1, p=1)
        pool = n.relu(p + "relu_pool_proj", n.conv(p + "pool_proj", pool, proj, 1))
        return n.concat(p + "output", [one, three, five, pool])

    b = inception("inception_3a", b, 64, 96, 128, 16, 32, 32)
    b = inception("inception_3b", b, 128, 128, 192, 32, 96, 64)
    b = n.pool("pool3/3x3_s2", b, "MAX", 3, 2)
    b = inception("inception_4a", b, 192, 96, 208, 16, 48, 64)
    b = inception("inception_4b", b, 160, 112, 224, 24, 64, 64)
    b = inception("inception_4c", b, 128, 128, 256, 24, 64, 64)
    b = inception("inception_4d", b, 112, 144, 288, 32, 64, 64)
    b = inception("inception_4e", b, 256, 160, 320, 32, 128, 128)
    b = n.pool("pool4/3x3_s2", b, "MAX", 3, 2)
    b = inception("inception_5a", b, 256, 160, 320, 32, 128, 128)
    b = inception("inception_5b", b, 384, 192, 384, 48, 128, 128)
    b = n.dropout("pool5/drop_7x7_s1", n.pool("pool5/7x7_s1", b, "AVE", 7, 1), 0.4)
    n.softmax("prob", n.fc("loss3/classifier", b, 1000))
    n.write("googlenet.prototxt", header("BVLC GoogLeNet deploy net (Szegedy et al. 2014)"))


def fire(n, name, b, s, e1, e3):
    p = name + "/"
    b = n.relu(p + "relu_squeeze1x1", n.conv(p + "squeeze1x1", b, s, 1))
    one = n.relu(p + "relu_expand1x1", n.conv(p + "expand1x1", b, e1, 1))
    three = n.relu(p + "relu_expand3x3", n.conv(p + "expand3x3", b, e3, 3, p=1))
    return n.concat(p + "concat", [one, three])


def squeezenet(version):
    n = Net(f"SqueezeNet_v{version}")
    n.input_shape("data", [10, 3, 227, 227])
    if version == "1.0":
        b = n.pool("pool1", n.relu("relu_conv1", n.conv("conv1", "data", 96, 7, s=2)), "MAX", 3, 2)
        b = fire(n, "fire2", b, 16, 64, 64)
        b = fire(n, "fire3", b, 16, 64, 64)
        b = fire(n, "fire4", b, 32, 128, 128)
        b = n.pool("pool4", b, "MAX", 3, 2)
        b = fire(n, "fire5", b, 32, 128, 128)
        b = fire(n, "fire6", b, 48, 192, 192)
        b = fire(n, "fire7", b, 48, 192, 192)
        b = fire(n, "fire8", b, 64, 256, 256)
        b = n.pool("pool8", b, "MAX", 3, 2)
        b = fire(n, "fire9", b, 64, 256, 256)
    else:
        b = n.pool("pool1", n.relu("relu_conv1", n.conv("conv1", "data", 64, 3, s=2)), "MAX", 3, 2)
        b = fire(n, "fire2", b, 16, 64, 64)
        b = fire(n, "fire3", b, 16, 64, 64)
        b = n.pool("pool3", b, "MAX", 3, 2)
        b = fire(n, "fire4", b, 32, 128, 128)
        b = fire(n, "fire5", b, 32, 128, 128)
        b = n.pool("pool5", b, "MAX", 3, 2)
        b = fire(n, "fire6", b, 48, 192, 192)
        b = fire(n, "fire7", b, 48, 192, 192)
        b = fire(n, "fire8", b, 64, 256, 256)
        b = fire(n, "fire9", b, 64, 256, 256)
    b = n.dropout("drop9", b, 0.5)
    b = n.relu("relu_conv10", n.conv("conv10", b, 1000, 1))
    n.softmax("prob", n.global_pool("pool10", b))
    n.write(f"squeezenet-{version}.prototxt",
            header(f"SqueezeNet v{version} deploy net (Iandola et al. 2016)"))


def vgg16():
    n = Net("VGG_ILSVRC_16_layers", v1=True)
    n.input_dims("data", [10, 3, 224, 224])
    b = "data"
    for stage, (convs, width) in enumerate([(2, 64), (2, 128), (3, 256), (3, 512), (3, 512)], 1):
        for i in range(1, convs + 1):
            name = f"conv{stage}_{i}"
            b = n.relu(f"relu{stage}_{i}", n.conv(name, b, width, 3, p=1))
        b = n.pool(f"pool{stage}", b, "MAX", 2, 2)
    b = n.dropout("drop6", n.relu("relu6", n.fc("fc6", b, 4096)), 0.5)
    b = n.dropout("drop7", n.relu("relu7", n.fc("fc7", b, 4096)), 0.5)
    n.softmax("prob", n.fc("fc8", b, 1000))
    n.write("vgg16.prototxt",
            header("VGG16 deploy net, configuration D (Simonyan & Zisserman 2014), V1 syntax"))


if __name__ == "__main__":
    alexnet()
    googlenet()
    squeezenet("1.0")
    squeezenet("1.1")
    vgg16()
