#!/usr/bin/env python3
"""Runs the README's "Bring your own model" commands as written and checks that netcost reads
what they make, with the counts the README states.

Each ```python block of the section runs in a fresh directory (Keras with KERAS_BACKEND=jax);
the count it prints must be the one its last comment states; then each `$ netcost FILE` line of
the section runs on the file made, and its params, trainable params and MACs must be the
README's (the .pt2 file's included). The Caffe line needs a model zoo file, not made here: the BVLC GoogLeNet layout in
Tests/Fixtures/caffe stands in for it.

Needs: pip install torch torchvision onnx onnxscript keras jax
Run:   python3 Tests/Fixtures/readme/bring_your_own.py [path/to/netcost]   (default: netcost on PATH)
Not run by `swift test` (no Python there); run by hand when the section changes.
"""
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
NETCOST = sys.argv[1] if len(sys.argv) > 1 else "netcost"

# What the README says netcost prints for each file: (params (all), trainable, MACs).
EXPECTED = {
    "resnet50.onnx": (25_503_912, 25_503_912, 4_089_184_256),
    "resnet50-bn.onnx": (25_610_152, 25_557_032, 4_089_184_256),
    "resnet50.pt2": (25_610_152, 25_557_032, 4_089_184_256),
    "mobilenet_v2.keras": (3_538_984, 3_504_872, 300_774_272),
    "mobilenet_v2.json": (3_538_984, 3_504_872, 300_774_272),
}


def section():
    text = open(os.path.join(ROOT, "README.md"), encoding="utf-8").read()
    return text.split("## Bring your own model\n", 1)[1].split("\n## ", 1)[0]


def figures(output):
    """(params (all), trainable, MACs) from netcost's totals."""
    def number(label):
        match = re.search(r"^\s*" + re.escape(label) + r"\s+([\d,]+)", output, re.M)
        return int(match.group(1).replace(",", "")) if match else None
    return number("params"), number("trainable"), number("MACs")


def main():
    text = section()
    blocks = re.findall(r"```python\n(.*?)```", text, re.S)
    commands = re.findall(r"^\$ (netcost .*)$", text, re.M)
    assert len(blocks) == 3 and len(commands) == 5, (len(blocks), commands)
    work = tempfile.mkdtemp(prefix="netcost-byo-")
    environment = dict(os.environ, KERAS_BACKEND="jax")
    for block in blocks:
        stated = int(re.findall(r"# .*: (\d+)\s*$", block.strip())[-1])
        run = subprocess.run([sys.executable, "-c", block], cwd=work, env=environment,
                             capture_output=True, text=True, check=True)
        printed = int(run.stdout.split()[-1])
        print(f"framework's count {printed:,} (README: {stated:,})")
        assert printed == stated
    for command in commands:
        name = command.split()[1]
        run = subprocess.run([NETCOST, name], cwd=work, capture_output=True, text=True)
        assert run.returncode == 0, (command, run.stderr)
        got = figures(run.stdout)
        print(f"$ {command}: params {got[0]:,}, trainable {got[1]:,}, MACs {got[2]:,}")
        assert got == EXPECTED[name], (name, got, EXPECTED[name])
    caffe = os.path.join(ROOT, "Tests", "Fixtures", "caffe", "googlenet.prototxt")
    run = subprocess.run([NETCOST, caffe], capture_output=True, text=True, check=True)
    print(f"$ netcost googlenet.prototxt: params {figures(run.stdout)[0]:,}")
    print(f"ok ({work})")


if __name__ == "__main__":
    main()
