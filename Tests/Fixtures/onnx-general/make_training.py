#!/usr/bin/env python3
"""resnet18_droppath.train.onnx: timm's resnet18 with stochastic depth (drop_path_rate=0.1),
exported in training mode by the legacy exporter (torch.onnx.TrainingMode.TRAINING, no constant
folding): batch norm stays, and each residual branch is scaled by a random keep mask
(RandomUniformLike → Add → Floor/Less → Div → Mul). Weights as external data, then deleted, so
the file holds the graph alone.

Made with torch 2.15.0, timm 1.0.31, onnx 1.23.2: `python3 make_training.py`. PyTorch counts
11,689,512 parameters (printed).
"""
import os

import onnx
import timm
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
path = os.path.join(HERE, "resnet18_droppath.train.onnx")
torch.manual_seed(0)
model = timm.create_model("resnet18", drop_path_rate=0.1, pretrained=False).train()
torch.onnx.export(model, (torch.randn(1, 3, 224, 224),), path, dynamo=False, opset_version=18,
                  training=torch.onnx.TrainingMode.TRAINING, do_constant_folding=False)
data = os.path.basename(path) + ".data"
onnx.save_model(onnx.load(path), path, save_as_external_data=True, all_tensors_to_one_file=True,
                location=data, size_threshold=1024)
os.remove(os.path.join(HERE, data))
print(os.path.getsize(path), sum(p.numel() for p in model.parameters()))
