#!/usr/bin/env python3
"""Writes the Keras fixtures netcost's import tests read, with what Keras itself says of them.

For each model: `NAME.json` (`model.to_json()`), `NAME.keras` (`model.save()`, then rewritten
without `model.weights.h5` so the fixture stays small: netcost reads only `config.json`), and
`NAME.expected.json` (Keras's own counts: `count_params()`, trainable and non-trainable totals as
`model.summary()` prints them, and every layer's output shape). Tests compare netcost with these;
they never run Python.

Made with: Python 3.11, keras 3.15.1, jax 0.10.2 (KERAS_BACKEND=jax), `weights=None` (the graph,
not the trained values, decides the counts). Regenerate: `pip install keras jax` then
`python3 make_keras.py` (everything), `python3 make_keras.py applications` (the four
keras.applications models of issue 22 alone) or `python3 make_keras.py mixer` (the MLP-Mixer, attention and upsampling blocks).
"""
import json
import os
import zipfile

os.environ.setdefault("KERAS_BACKEND", "jax")

HERE = os.path.dirname(os.path.abspath(__file__))


def count(weights):
    total = 0
    for w in weights:
        n = 1
        for d in w.shape:
            n *= d
        total += n
    return total


def shape_of(layer):
    shape = layer.output.shape
    return [d for d in shape[1:]]


def save(name, model):
    with open(os.path.join(HERE, name + ".json"), "w") as f:
        f.write(model.to_json())
    full = os.path.join(HERE, name + ".full.keras")
    model.save(full)
    # Keep the archive's layout (stored entries, central directory) without the weights.
    with zipfile.ZipFile(full) as src, zipfile.ZipFile(os.path.join(HERE, name + ".keras"), "w") as dst:
        for info in src.infolist():
            if info.filename.endswith(".h5"):
                continue
            dst.writestr(info, src.read(info.filename))
    os.remove(full)
    layers = []

    def walk(model, prefix):
        for layer in model.layers:
            if isinstance(layer, keras.Model):
                walk(layer, prefix + layer.name + "/")
            elif type(layer).__name__ != "InputLayer":
                layers.append({"name": prefix + layer.name, "class": type(layer).__name__,
                               "output": shape_of(layer), "params": layer.count_params()})

    walk(model, "")
    expected = {
        "keras": keras.__version__,
        "params": model.count_params(),
        "trainable": count(model.trainable_weights),
        "nonTrainable": count(model.non_trainable_weights),
        "layers": layers,
    }
    with open(os.path.join(HERE, name + ".expected.json"), "w") as f:
        json.dump(expected, f, indent=1)
    print(name, expected["params"], expected["trainable"], expected["nonTrainable"])


def layer_macs(layer):
    """Multiply-accumulates of a layer from Keras's own shapes and weights: every weight of a
    convolution or dense layer once per output position (its kernel's elements per output value
    for a grouped convolution), as the papers count; 0 for every other layer."""
    kind = type(layer).__name__
    if kind not in ("Conv2D", "Conv3D", "DepthwiseConv2D", "SeparableConv2D", "Dense"):
        return 0
    out = layer.output.shape
    positions = 1
    for d in out[1:-1]:
        positions *= d
    if kind == "SeparableConv2D":
        depthwise, pointwise = layer.depthwise_kernel.shape, layer.pointwise_kernel.shape
        dw = depthwise[0] * depthwise[1] * depthwise[2] * depthwise[3]
        pw = pointwise[2] * pointwise[3]
        return positions * (dw + pw)
    kernel = layer.kernel
    n = 1
    for d in kernel.shape:
        n *= d
    return positions * n


def save_application(name, build, open_input=False):
    """A keras.applications model as NAME.keras (config.json and metadata.json only, deflated:
    the configs are large) and NAME.expected.json (totals, MACs from `layer_macs`, every layer's
    output shape). With `open_input` the archive holds the model built without `input_shape`
    (height and width null, as the function's default saves it) and the expected figures are
    those of the same model built at 224×224×3, named alike in a fresh session."""
    keras.backend.clear_session()
    model = build(input_shape=(224, 224, 3)) if open_input else build()
    layers, macs = [], 0

    def walk(m, prefix):
        nonlocal macs
        for layer in m.layers:
            if isinstance(layer, keras.Model):
                walk(layer, prefix + layer.name + "/")
            elif type(layer).__name__ != "InputLayer":
                macs += layer_macs(layer)
                entry = {"name": prefix + layer.name, "class": type(layer).__name__,
                         "output": shape_of(layer), "params": layer.count_params()}
                if entry["class"] == "Activation":
                    entry["activation"] = layer.get_config()["activation"]
                layers.append(entry)

    walk(model, "")
    expected = {
        "keras": keras.__version__,
        "params": model.count_params(),
        "trainable": count(model.trainable_weights),
        "nonTrainable": count(model.non_trainable_weights),
        "macs": macs,
        "layers": layers,
    }
    if open_input:
        keras.backend.clear_session()
        model = build(input_shape=None)
    full = os.path.join(HERE, name + ".full.keras")
    model.save(full)
    with zipfile.ZipFile(full) as src, zipfile.ZipFile(
            os.path.join(HERE, name + ".keras"), "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if not info.filename.endswith(".h5"):
                dst.writestr(info.filename, src.read(info.filename))
    os.remove(full)
    with open(os.path.join(HERE, name + ".expected.json"), "w") as f:
        json.dump(expected, f, separators=(",", ":"))
    print(name, expected["params"], expected["trainable"], expected["nonTrainable"], macs)


def nested():
    """A Functional model inside a Functional model, with the layers the applications lack."""
    inner_in = keras.Input((8, 12, 8))
    x = keras.layers.SeparableConv2D(16, 3, padding="same", name="sep")(inner_in)
    x = keras.layers.BatchNormalization(center=False, name="bn_nocenter")(x)
    x = keras.layers.Activation("swish", name="swish")(x)
    inner = keras.Model(inner_in, x, name="inner")
    inputs = keras.Input((32, 30, 3), name="image")
    x = keras.layers.Rescaling(1 / 255, name="rescale")(inputs)
    x = keras.layers.Normalization(mean=[0.5, 0.5, 0.5], variance=[0.25, 0.25, 0.25], name="norm")(x)
    x = keras.layers.ZeroPadding2D(((1, 0), (1, 0)), name="pad")(x)
    x = keras.layers.Conv2D(8, (1, 7), strides=(2, 1), padding="valid", use_bias=False, name="conv17")(x)
    x = keras.layers.Conv2D(8, (7, 1), padding="same", dilation_rate=(2, 1), name="conv71")(x)
    x = keras.layers.AveragePooling2D(2, name="avg")(x)
    x = inner(x)
    y = keras.layers.DepthwiseConv2D(3, padding="same", depth_multiplier=2, name="dw")(x)
    y = keras.layers.Conv2D(16, 1, name="pw")(y)
    z = keras.layers.MaxPooling2D(3, strides=1, padding="same", name="maxp")(x)
    x = keras.layers.Add(name="add")([y, z])
    s = keras.layers.GlobalAveragePooling2D(keepdims=True, name="squeeze")(x)
    s = keras.layers.Conv2D(16, 1, activation="sigmoid", name="excite")(s)
    x = keras.layers.Multiply(name="scale")([x, s])
    x = keras.layers.Concatenate(name="cat")([x, z])
    x = keras.layers.ReLU(6.0, name="relu6")(x)
    g = keras.layers.GlobalMaxPooling2D(name="gmax")(x)
    x = keras.layers.Flatten(name="flat")(x)
    x = keras.layers.Dropout(0.2, name="drop")(x)
    x = keras.layers.Dense(10, name="dense")(x)
    g = keras.layers.Dense(10, use_bias=False, name="dense_g")(g)
    x = keras.layers.Add(name="logits")([x, g])
    x = keras.layers.Reshape((1, 1, 10), name="reshape")(x)
    x = keras.layers.Activation("softmax", name="softmax")(x)
    return keras.Model(inputs, x, name="nested")


def mixer():
    """One MLP-Mixer block (Tolstikhin et al. 2021) on 4×4 patches of a 32×32 image: Reshape to
    tokens (64, 64), a token-mixing MLP on the tokens turned by Permute((2, 1)), a channel-mixing
    MLP, both as Dense on a rank-2 tensor (every row)."""
    inputs = keras.Input((32, 32, 3), name="image")
    x = keras.layers.Conv2D(64, 4, strides=4, name="patches")(inputs)
    x = keras.layers.Reshape((64, 64), name="tokens")(x)
    y = keras.layers.LayerNormalization(name="norm1")(x)
    y = keras.layers.Permute((2, 1), name="to_channels")(y)
    y = keras.layers.Dense(128, activation="gelu", name="token_mlp1")(y)
    y = keras.layers.Dense(64, name="token_mlp2")(y)
    y = keras.layers.Permute((2, 1), name="to_tokens")(y)
    x = keras.layers.Add(name="res1")([x, y])
    y = keras.layers.LayerNormalization(name="norm2")(x)
    y = keras.layers.Dense(256, activation="gelu", name="channel_mlp1")(y)
    y = keras.layers.Dense(64, name="channel_mlp2")(y)
    x = keras.layers.Add(name="res2")([x, y])
    x = keras.layers.Flatten(name="flat")(x)
    x = keras.layers.Dense(10, name="head")(x)
    return keras.Model(inputs, x, name="mixer")


def attention():
    """A ViT-style encoder block: 4×4 patches of a 32×32 image as 64 tokens of 48, layer norm,
    MultiHeadAttention(num_heads=3, key_dim=16) of the tokens on themselves, an MLP, a head."""
    inputs = keras.Input((32, 32, 3), name="image")
    x = keras.layers.Conv2D(48, 4, strides=4, name="patches")(inputs)
    x = keras.layers.Reshape((64, 48), name="tokens")(x)
    y = keras.layers.LayerNormalization(name="norm1")(x)
    y = keras.layers.MultiHeadAttention(num_heads=3, key_dim=16, name="attn")(y, y)
    x = keras.layers.Add(name="res1")([x, y])
    y = keras.layers.LayerNormalization(name="norm2")(x)
    y = keras.layers.Dense(96, activation="gelu", name="mlp1")(y)
    y = keras.layers.Dense(48, name="mlp2")(y)
    x = keras.layers.Add(name="res2")([x, y])
    x = keras.layers.Flatten(name="flat")(x)
    x = keras.layers.Dense(10, name="head")(x)
    return keras.Model(inputs, x, name="attention")


def upsampling():
    """UpSampling2D (nearest and bilinear, square and not) and Conv1D (same and valid, strided)
    on a squeeze's channels as a sequence, as an ECA block in Keras reads them."""
    import keras
    x = keras.Input((32, 32, 3))
    y = keras.layers.Conv2D(8, 3, padding="same")(x)
    y = keras.layers.UpSampling2D(2)(y)
    y = keras.layers.UpSampling2D((1, 3), interpolation="bilinear")(y)
    z = keras.layers.GlobalAveragePooling2D()(y)
    z = keras.layers.Reshape((8, 1))(z)
    z = keras.layers.Conv1D(4, 3, padding="same", use_bias=False)(z)
    z = keras.layers.Conv1D(2, 3, strides=2)(z)
    z = keras.layers.Flatten()(z)
    return keras.Model(x, z, name="upsampling")


def transposed():
    """Conv2DTranspose as Keras sizes it: same, valid with a kernel larger and smaller than the
    stride, and same with an output_padding."""
    import keras
    x = keras.Input((16, 16, 3))
    y = keras.layers.Conv2DTranspose(8, 4, strides=2, padding="same")(x)
    y = keras.layers.Conv2DTranspose(8, 3, strides=2, padding="valid", use_bias=False)(y)
    y = keras.layers.Conv2DTranspose(4, 2, strides=3, padding="valid")(y)
    y = keras.layers.Conv2DTranspose(4, 3, strides=2, padding="same", output_padding=1)(y)
    return keras.Model(x, y, name="transposed")


def volume():
    """A clip's layers: Conv3D (strided, same and valid), 3-D pooling of both kinds, and
    GlobalAveragePooling3D, on 8 frames of 32×32×3."""
    import keras
    x = keras.Input((8, 32, 32, 3))
    y = keras.layers.Conv3D(8, (3, 5, 5), strides=(1, 2, 2), padding="same")(x)
    y = keras.layers.BatchNormalization()(y)
    y = keras.layers.ReLU()(y)
    y = keras.layers.MaxPooling3D((1, 2, 2))(y)
    y = keras.layers.Conv3D(16, 3, padding="valid", use_bias=False)(y)
    y = keras.layers.AveragePooling3D(2, strides=(1, 2, 2), padding="same")(y)
    y = keras.layers.GlobalAveragePooling3D()(y)
    y = keras.layers.Dense(10)(y)
    return keras.Model(x, y, name="volume")


def sequential():
    return keras.Sequential([
        keras.Input((28, 28, 1)),
        keras.layers.Conv2D(32, 3, activation="relu"),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(64, 3, activation="relu"),
        keras.layers.MaxPooling2D(),
        keras.layers.Flatten(),
        keras.layers.Dropout(0.5),
        keras.layers.Dense(10, activation="softmax"),
    ], name="mnist_convnet")


def keras2_layout():
    """keras2-functional.json: the convnet of `sequential()` as tf.keras 2.x's `to_json()` writes a
    Functional model (`batch_input_shape`, nodes as `[[name, node, tensor, {}]]`, flat dtypes),
    written in that layout by hand: Keras 3 cannot write it. Needs no Keras."""
    def layer(cls, name, inbound, **config):
        config = {"name": name, "trainable": True, "dtype": "float32", **config}
        nodes = [[[inbound, 0, 0, {}]]] if inbound else []
        return {"class_name": cls, "config": config, "name": name, "inbound_nodes": nodes}
    conv = dict(kernel_size=[3, 3], strides=[1, 1], padding="valid", data_format="channels_last",
                dilation_rate=[1, 1], groups=1, activation="relu", use_bias=True,
                kernel_initializer={"class_name": "GlorotUniform", "config": {"seed": None}},
                kernel_regularizer=None)
    pool = dict(pool_size=[2, 2], padding="valid", strides=[2, 2], data_format="channels_last")
    layers = [
        {"class_name": "InputLayer", "name": "input_1", "inbound_nodes": [],
         "config": {"batch_input_shape": [None, 28, 28, 1], "dtype": "float32", "sparse": False,
                    "ragged": False, "name": "input_1"}},
        layer("Conv2D", "conv2d", "input_1", filters=32, **conv),
        layer("MaxPooling2D", "max_pooling2d", "conv2d", **pool),
        layer("Conv2D", "conv2d_1", "max_pooling2d", filters=64, **conv),
        layer("MaxPooling2D", "max_pooling2d_1", "conv2d_1", **pool),
        layer("Flatten", "flatten", "max_pooling2d_1", data_format="channels_last"),
        layer("Dropout", "dropout", "flatten", rate=0.5, noise_shape=None, seed=None),
        layer("Dense", "dense", "dropout", units=10, activation="softmax", use_bias=True),
    ]
    doc = {"class_name": "Functional",
           "config": {"name": "mnist_convnet", "layers": layers, "input_layers": [["input_1", 0, 0]],
                      "output_layers": [["dense", 0, 0]]},
           "keras_version": "2.15.0", "backend": "tensorflow"}
    with open(os.path.join(HERE, "keras2-functional.json"), "w") as f:
        json.dump(doc, f)


def deflated(name):
    """NAME-deflated.keras: the archive re-zipped with DEFLATE, as `zip` or a file manager would."""
    with zipfile.ZipFile(os.path.join(HERE, name + ".keras")) as src, zipfile.ZipFile(
            os.path.join(HERE, name + "-deflated.keras"), "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, src.read(info.filename))


if __name__ == "__main__":
    import sys
    if sys.argv[1:] == ["mixer"]:
        import keras
        save("mixer", mixer())
        save("attention", attention())
        save("upsampling", upsampling())
        save("transposed", transposed())
        sys.exit(0)
    if sys.argv[1:] == ["volume"]:
        import keras
        save("volume", volume())
        sys.exit(0)
    if sys.argv[1:] == ["applications"]:
        import keras
        apps = keras.applications
        for name, fn in [("ConvNeXtTiny", apps.ConvNeXtTiny), ("NASNetMobile", apps.NASNetMobile),
                         ("InceptionResNetV2", apps.InceptionResNetV2)]:
            save_application(name, lambda fn=fn, **kw: fn(weights=None, **kw))
        save_application("MobileNetV3Small",
                         lambda **kw: apps.MobileNetV3Small(weights=None, **kw), open_input=True)
        sys.exit(0)
    keras2_layout()
    import keras
    apps = keras.applications
    save("mobilenet", apps.MobileNet(weights=None))
    save("mobilenet-0.5-cifar10", apps.MobileNet(input_shape=(32, 32, 3), alpha=0.5, weights=None, classes=10))
    save("resnet50", apps.ResNet50(weights=None))
    save("vgg16", apps.VGG16(weights=None))
    save("nested", nested())
    save("sequential", sequential())
    save("mixer", mixer())
    save("attention", attention())
    save("upsampling", upsampling())
    save("transposed", transposed())
    save("volume", volume())
    deflated("resnet50")
    # The applications of issue 22: layer norm and layer scale (ConvNeXt), Cropping2D (NASNet),
    # Inception-ResNet's scaled residual sum, and an input left open (MobileNetV3).
    save_application("ConvNeXtTiny", lambda **kw: apps.ConvNeXtTiny(weights=None, **kw))
    save_application("NASNetMobile", lambda **kw: apps.NASNetMobile(weights=None, **kw))
    save_application("InceptionResNetV2", lambda **kw: apps.InceptionResNetV2(weights=None, **kw))
    save_application(
        "MobileNetV3Small", lambda **kw: apps.MobileNetV3Small(weights=None, **kw), open_input=True)
