"""Keras Applications' parameter counts at widths and sizes no published table gives (issue 16):
MobileNet at α = 1.3 and 256×256, MobileNetV2 at α = 1.4. Run with Keras 3 on JAX:
KERAS_BACKEND=jax python3 count_applications.py > applications.tsv
Tests never run this; the specs record what it printed (keras 3.15.1, weights=None)."""
import numpy as np
import keras

MODELS = [
    ("MobileNet", dict(alpha=1.3, input_shape=(256, 256, 3))),
    ("MobileNetV2", dict(alpha=1.4, input_shape=(224, 224, 3))),
]


def count(weights):
    return sum(int(np.prod(w.shape)) for w in weights)


print("model\targuments\ttotal\ttrainable\tnon_trainable")
for name, kwargs in MODELS:
    model = getattr(keras.applications, name)(weights=None, **kwargs)
    args = ",".join(f"{k}={v}" for k, v in kwargs.items())
    print(f"{name}\t{args}\t{model.count_params()}\t{count(model.trainable_weights)}"
          f"\t{count(model.non_trainable_weights)}")
