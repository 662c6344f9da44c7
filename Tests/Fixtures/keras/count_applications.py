"""Keras Applications' parameter counts (issue 16): MobileNet at α = 1.3 and 256×256 and
MobileNetV2 at α = 1.4, which no published table gives, and the applications netcost answers to by
their Keras names (ResNet101, ResNet152, EfficientNetB0, EfficientNetB2, MobileNetV3Large/Small). Run with Keras 3 on JAX:
KERAS_BACKEND=jax python3 count_applications.py > applications.tsv
Tests never run this; the specs record what it printed (keras 3.15.1, weights=None)."""
import numpy as np
import keras

MODELS = [
    ("MobileNet", dict(alpha=1.3, input_shape=(256, 256, 3))),
    ("MobileNetV2", dict(alpha=1.4, input_shape=(224, 224, 3))),
    ("ResNet101", dict()),
    ("ResNet152", dict()),
    ("EfficientNetB0", dict()),
    ("EfficientNetB2", dict()),
    ("MobileNetV3Large", dict()),
    ("MobileNetV3Small", dict()),
]


def count(weights):
    return sum(int(np.prod(w.shape)) for w in weights)


print("model\targuments\ttotal\ttrainable\tnon_trainable")
for name, kwargs in MODELS:
    model = getattr(keras.applications, name)(weights=None, **kwargs)
    args = ",".join(f"{k}={v}" for k, v in kwargs.items())
    print(f"{name}\t{args}\t{model.count_params()}\t{count(model.trainable_weights)}"
          f"\t{count(model.non_trainable_weights)}")
