#!/usr/bin/env python3
"""Writes one tiny file (or directory) in each model format netcost recognises but does not read.

The PyTorch files are saved by torch itself (torch 2.15.0), the HDF5 files by h5py (3.16.0) and
the safetensors file by safetensors (0.8.0), from a model of one 1x1 convolution; the others are
written byte by byte, each the smallest file its format's reader accepts: a FlatBuffer with the
TFLite identifier, Core ML and TensorFlow protobufs, OpenVINO IR XML and an ncnn param file.
Every output is a few KB at most; the tests read them and never run Python. The small ones are
copied into Tests/Fuzz/corpus/ as format-*.

    python3 Tests/Fixtures/formats/make_formats.py
"""

import os
import shutil
import struct
import zipfile

import h5py
import safetensors.torch
import torch

HERE = os.path.dirname(os.path.abspath(__file__))


class Tiny(torch.nn.Module):
    """One 1x1 convolution: the smallest network that has weights."""

    def __init__(self):
        super().__init__()
        self.conv = torch.nn.Conv2d(3, 2, 1)

    def forward(self, x):
        return torch.relu(self.conv(x))


def path(name):
    return os.path.join(HERE, name)


def write(name, data):
    with open(path(name), "wb") as f:
        f.write(data)


def pytorch(model):
    # TorchScript: a zip of code/, data.pkl and constants.pkl under one prefix.
    torch.jit.save(torch.jit.script(model), path("torchscript.pt"))
    # torch.save of a state_dict: a zip of data.pkl and data/ under one prefix, no code/.
    torch.save(model.state_dict(), path("state_dict.pth"))
    # The format before PyTorch 1.6: pickles one after another, the first a magic number.
    torch.save(model.state_dict(), path("legacy.pth"), _use_new_zipfile_serialization=False)
    # torch.export: a zip with archive_format and models/*.json (netcost reads it).
    program = torch.export.export(model, (torch.randn(1, 3, 8, 8),))
    torch.export.save(program, path("exported.pt2"))
    # torch.export.save before PyTorch 2.8: serialized_exported_program.json at the top level.
    with zipfile.ZipFile(path("exported-2.7.pt2"), "w") as z:
        z.writestr("serialized_exported_program.json", '{"graph_module": {}}')
        z.writestr("serialized_state_dict.pt", b"")
        z.writestr("version", "7.3")


def keras2_hdf5(model):
    # What Keras 2's model.save("m.h5") writes at the root: the model's JSON as an attribute.
    config = '{"class_name": "Sequential", "config": {"name": "tiny", "layers": []}}'
    for name, userblock in [("keras2.h5", 0), ("userblock.h5", 512)]:
        with h5py.File(path(name), "w", userblock_size=userblock) as f:
            f.attrs["keras_version"] = "2.15.0"
            f.attrs["backend"] = "tensorflow"
            f.attrs["model_config"] = config
            weights = f.create_group("model_weights")
            weights.create_dataset("conv/kernel", data=model.conv.weight.detach().numpy())


def tflite():
    # A FlatBuffer: the root table's offset, then the file identifier "TFL3" at bytes 4..<8
    # (schema.fbs: file_identifier "TFL3"), then Model { version: 3 }: a vtable of one field and
    # the table, which points back to the vtable.
    data = struct.pack("<I", 16) + b"TFL3"
    data += struct.pack("<HHH", 6, 8, 4) + b"\0\0"  # vtable: its size, the table's, field 0
    data += struct.pack("<iI", 8, 3)  # table: vtable at 8 bytes before it; version 3
    write("model.tflite", data)


def varint(n):
    out = bytearray()
    while True:
        byte = n & 0x7F
        n >>= 7
        if n:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


def field(number, payload):
    """A length-delimited protobuf field."""
    return varint(number << 3 | 2) + varint(len(payload)) + payload


def coreml_model():
    # Model.proto: specificationVersion 4, a description with one input, and a neuralNetwork
    # (field 500) with one 1x1 convolution whose weights are floats.
    floats = struct.pack("<6f", *([0.0] * 6))
    conv = field(1, b"conv") + field(2, b"x") + field(3, b"y")
    conv += field(100, varint(1 << 3) + varint(2) + field(90, field(1, floats)))
    description = field(1, field(1, b"x"))
    return varint(1 << 3) + varint(4) + field(2, description) + field(500, field(1, conv))


def coreml():
    write("model.mlmodel", coreml_model())
    package = path("model.mlpackage")
    shutil.rmtree(package, ignore_errors=True)
    os.makedirs(os.path.join(package, "Data", "com.apple.CoreML"))
    manifest = (
        '{"fileFormatVersion": "1.0.0", "itemInfoEntries": {"A": {"author": "com.apple.CoreML",'
        ' "description": "CoreML Model Specification", "name": "model.mlmodel",'
        ' "path": "com.apple.CoreML/model.mlmodel"}}, "rootModelIdentifier": "A"}\n'
    )
    with open(os.path.join(package, "Manifest.json"), "w") as f:
        f.write(manifest)
    with open(os.path.join(package, "Data", "com.apple.CoreML", "model.mlmodel"), "wb") as f:
        f.write(coreml_model())


def tensorflow():
    # GraphDef: a Const node holding one float 0.0 as tensor_content, and versions { producer }.
    tensor = varint(1 << 3) + varint(1) + field(4, struct.pack("<f", 0.0))  # dtype DT_FLOAT
    value = field(8, tensor)  # AttrValue.tensor
    node = field(1, b"w") + field(2, b"Const") + field(5, field(1, b"value") + field(2, value))
    graph = field(1, node) + field(4, varint(1 << 3) + varint(1808))
    write("graph.pb", graph)
    # SavedModel: a directory with saved_model.pb (schema version 1, one MetaGraphDef tagged
    # "serve" holding the graph); a real one has variables/ too, which git would not keep empty.
    folder = path("saved_model")
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(folder)
    meta = field(1, field(4, b"serve")) + field(2, graph)
    with open(os.path.join(folder, "saved_model.pb"), "wb") as f:
        f.write(varint(1 << 3) + varint(1) + field(2, meta))


def safetensors_file(model):
    safetensors.torch.save_file(model.state_dict(), path("model.safetensors"))
    os.chmod(path("model.safetensors"), 0o644)  # safetensors writes it private


def openvino():
    # IR v11: the root <net name version> with its layers and edges; weights in the .bin beside.
    xml = """<?xml version="1.0"?>
<net name="tiny" version="11">
\t<layers>
\t\t<layer id="0" name="x" type="Parameter" version="opset1">
\t\t\t<data shape="1,3,8,8" element_type="f32"/>
\t\t\t<output><port id="0" precision="FP32"><dim>1</dim><dim>3</dim><dim>8</dim><dim>8</dim></port></output>
\t\t</layer>
\t\t<layer id="1" name="y" type="Result" version="opset1">
\t\t\t<input><port id="0"><dim>1</dim><dim>3</dim><dim>8</dim><dim>8</dim></port></input>
\t\t</layer>
\t</layers>
\t<edges>
\t\t<edge from-layer="0" from-port="0" to-layer="1" to-port="0"/>
\t</edges>
</net>
"""
    write("openvino.xml", xml.encode())
    write("openvino.bin", struct.pack("<8f", *([0.0] * 8)))


def ncnn():
    # The magic 7767517, the layer and blob counts, then one layer a line.
    param = (
        "7767517\n"
        "3 3\n"
        "Input            data     0 1 data 0=8 1=8 2=3\n"
        "Convolution      conv     1 1 data conv 0=2 1=1 5=1 6=6\n"
        "ReLU             relu     1 1 conv out\n"
    )
    write("ncnn.param", param.encode())
    # The weights: a flag word (0: float32), then the floats.
    write("ncnn.bin", struct.pack("<I8f", 0, *([0.0] * 8)))


def main():
    torch.manual_seed(0)
    model = Tiny().eval()
    pytorch(model)
    keras2_hdf5(model)
    tflite()
    coreml()
    tensorflow()
    safetensors_file(model)
    openvino()
    ncnn()
    for name in sorted(os.listdir(HERE)):
        full = path(name)
        if os.path.isfile(full) and zipfile.is_zipfile(full):
            print(name, os.path.getsize(full), [i.filename for i in zipfile.ZipFile(full).infolist()])
        elif os.path.isfile(full):
            print(name, os.path.getsize(full))


if __name__ == "__main__":
    main()
