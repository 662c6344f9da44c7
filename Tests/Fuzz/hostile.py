#!/usr/bin/env python3
"""Hostile specs and model files (Caffe prototxt, Keras JSON, .keras archives), each under 1 MiB, made by composing repetition: the classes of input that an
adversarial review found to crash, hang or eat memory (issue 10), and their relatives.

  Tests/Fuzz/hostile.py write DIR          # writes DIR/<class>.netspec (.prototxt, .json, .keras)
  Tests/Fuzz/hostile.py measure NETCOST    # runs the binary on each under /usr/bin/time -v and
                                           # prints a Markdown table: exit, seconds, peak memory

`run-fuzzer.sh` seeds the fuzzer with small versions of these (`write --small`), so libFuzzer
starts from repetition instead of having to discover it.
"""
import io
import json
import os
import re
import subprocess
import sys
import tempfile
import zipfile

MIB = 1024 * 1024


def header(body):
    return "input 8 x 8 x 3\n" + body


def else_if_chain(n):
    lines = ["input 8 x 8 x 3", "param a = 1", "if a == 0 { relu }"]
    lines += [f"else if a == {i} {{ relu }}" for i in range(1, n)]
    # The chain is one statement: the `else` must follow the `}` on the same line.
    return lines[0] + "\n" + lines[1] + "\n" + " ".join(lines[2:]) + "\nconv filters = 4, kernel = 1\n"


def exponential_functions(n):
    lines = ["input 8 x 8 x 3", "def f0(x) = x + 1"]
    lines += [f"def f{i}(x) = f{i - 1}(x) + f{i - 1}(x)" for i in range(1, n + 1)]
    lines.append(f"conv filters = f{n}(1) - f{n}(1) + 4, kernel = 1")
    return "\n".join(lines) + "\n"


def empty_blocks(n):
    lines = ["input 8 x 8 x 3", "block b0() { repeat 0 { relu } }"]
    lines += [f"block b{i}() {{ b{i - 1}() b{i - 1}() }}".replace("() b", "()\n b") for i in range(1, n + 1)]
    lines.append(f"b{n}()")
    lines.append("conv filters = 4, kernel = 1")
    return "\n".join(lines) + "\n"


def layer_blocks(n):
    lines = ["input 8 x 8 x 3", "block b0() { relu }"]
    lines += [f"block b{i}() {{\n b{i - 1}()\n b{i - 1}()\n}}" for i in range(1, n + 1)]
    lines.append(f"b{n}()")
    return "\n".join(lines) + "\n"


def close_braces(size):
    return "}" * size


def bad_characters(size):
    return "@" * size


def bad_characters_lines(size):
    return "@\n" * (size // 2)


def long_name(size):
    return header("conv filters = 4, kernel = 1\n" + "x" * size + ": relu\nrelu from = " + "y" * size + "\n")


def long_unknown_kind(size):
    return header("a" * size + " filters = 4\n")


def long_labels(passes, length):
    label = "n" * length
    return header(f'for i in 1...{passes} {{\n  "{label}{{i}}": relu\n}}\n')


def loop_error(passes):
    return header(f"for i in 1...{passes} {{ conv filters = i / 3, kernel = 1 }}\n")


def many_layers(n):
    return header(f"repeat {n} {{ relu }}\n")


def many_layer_lines(size):
    line = "relu\n"
    return header(line * (size // len(line)))


def minus_signs(size):
    return header("conv filters = " + "-" * size + "8, kernel = 1\n")


def open_parens(size):
    return header("conv filters = " + "(" * size + "8, kernel = 1\n")


def nested_braces(size):
    return header("repeat 1 { " * size + "relu" + " }" * size + "\n")


def long_expression(size):
    return header("conv filters = " + "1 + " * (size // 4) + "1, kernel = 1\n")


def deep_function_bodies(n):
    body = " + ".join(["x"] * 999)
    lines = ["input 8 x 8 x 3", f"def f0(x) = {body}"]
    lines += [f"def f{i}(x) = f{i - 1}(x) + {' + '.join(['x'] * 990)}" for i in range(1, n)]
    lines.append(f"repeat 1000 {{ conv filters = f{n - 1}(1) * 0 + 4, kernel = 1 }}")
    return "\n".join(lines) + "\n"


def wide_conditions(n):
    cond = " or ".join(["a == 1"] * 300)
    return header("param a = 0\n" + f"repeat {n} {{ if {cond} {{ relu }} }}\nrelu\n")


def many_statements_per_pass(n):
    body = "\n".join([f"if a == {i} {{ relu }}" for i in range(2000)])
    return header("param a = -1\n" + f"repeat {n} {{\n{body}\n}}\nrelu\n")


def crlf(_):
    return "input 8 x 8 x 3\r\nconv filters = 4, kernel = 1, strid = 2\r\n" * 2


def many_unknown_references(n):
    return header(f'for i in 1...{n} {{\n  "c{{i}}": relu\n  relu from = "d{{i}}"\n}}\n')


def references_among_names(names, errors):
    # Each unknown reference looked for a "did you mean" among every labelled layer: a thousand
    # of them among 100,000 names took 33 s (issue 25, an eighth session).
    lines = [f'for i in 1...{names} {{ "n{{i}}": relu }}']
    lines += [f"add from = [m{j}, n1]" for j in range(errors)]
    return header("\n".join(lines) + "\n")


def unknown_kinds_among_blocks(blocks, errors):
    # The same among block names: every unknown kind compared with each block's name.
    lines = [f"block b{i}() {{ relu }}" for i in range(blocks)]
    lines += [f"c{j}" for j in range(errors)]
    return header("\n".join(lines) + "\n")


# The ninth round (2026-12-07): an adversarial review's superlinear inputs, each a few lines.
def figure_repeated_block(rows, names):
    # One figure naming a block of many rows again and again: each name copied the block's rows.
    quoted = ",".join(['"x"'] * names)
    return header(
        f"block b() {{ repeat {rows} {{ maxpool kernel = 1 }} }}\nx: b()\n"
        f'published "s" {{ macs of [{quoted}] = 1 note "n" }}\n')


def figure_blocks_many_rows(blocks, figures):
    # Distinct figures each naming every block of a network of many rows.
    lines = [f'"x{i}": b()' for i in range(blocks)]
    names = ",".join(f'"x{i}"' for i in range(blocks))
    figs = [f"macs of [{names}] = {i}" for i in range(figures)]
    return header("block b() { repeat 1000 { maxpool kernel = 1 } }\n" + "\n".join(lines)
                  + '\npublished "s" {\n' + "\n".join(figs) + "\n}\n")


def versus_builtin(n):
    # Reductions against a built-in: each analysed it again.
    lines = ["conv filters = 4, kernel = 1", 'published "s" {']
    lines += ['macs_reduction vs "maxvit_t" = 1'] * n
    return header("\n".join(lines) + "\n}\n")


def multiply_constants(n):
    # A product of constants: the training walk looked past every input for each.
    return header("c: constant dims = [8, 8, 3]\nmultiply from = [" + ",".join(["c"] * n) + "]\n")


def caffe_colliding_names(n):
    # Names alike once `convert` writes '{' as '(': each tried every number before.
    k = max(1, (n - 1).bit_length())
    lines = ['input: "d"', "input_shape { dim: 1 dim: 3 dim: 8 dim: 8 }"]
    for i in range(n):
        name = "".join("{" if (i >> b) & 1 else "(" for b in range(k))
        lines.append(f'layer{{name:"{name}" type:"ReLU" bottom:"d" top:"d"}}')
    return "\n".join(lines) + "\n"


def block_parameters_loop(parameters, passes):
    # A block of many parameters called in a loop: each argument bound past those before.
    names = ", ".join(f"a{i}" for i in range(parameters))
    values = ",".join(["1"] * parameters)
    return header(f"block b({names}) {{ relu }}\nrepeat {passes} {{ b({values}) }}\n")


def function_parameters(n):
    names = ", ".join(f"a{i}" for i in range(n))
    return header(f"def f({names}) = a0\nconv filters = f({','.join(['1'] * n)}), kernel = 1\n")


def graph_dense_edges(n):
    # Two ranks of n rows, each of the second reading all of the first: n² edges to draw.
    names = ", ".join(f"a{i}" for i in range(1, n + 1))
    return header(f'for i in 1...{n} {{ "a{{i}}": relu from = input }}\n'
                  f"for j in 1...{n} {{ add from = [{names}] }}\n")


def verify_long_name(length, figures):
    # A network's name printed on every row of `verify`.
    return (f'network "{"a" * length}"\ninput 8 x 8 x 3\nrelu\npublished "s" {{\n'
            + 'macs=1 note"n"\n' * figures + "}\n")


def verify_notes(n):
    # Distinct notes, each numbered by looking past those before.
    lines = ["conv filters = 4, kernel = 1", 'published "s" {']
    lines += [f'macs=1 note"{i}"' for i in range(n)]
    return header("\n".join(lines) + "\n}\n")


def long_label_template(parts, passes):
    # A label past the name length from its parts alone, filled in on every pass.
    return header(f'for i in 1...{passes} {{ "' + "{i}" * parts + '": relu }\n')


def repeated_unknown_kinds(n):
    # Found by the fuzzer: the same unknown kinds on every pass of a loop, each looked up anew.
    names = "\n".join("n" * 100 + str(i % 7) for i in range(n))
    return header("for i in 1...20 {\n" + names + "\n}\n")


def cjk_and_controls(_):
    return header("\u6df1\u3055\u3001\u5e45: relu\n\x1b[31m\x07 relu\nrelu from = \u6df1\u3055\n")


def named_layers(passes, length):
    label = "n" * length
    return header(f'for i in 1...{passes} {{\n  "{label}{{i}}": relu\n}}\n')


def long_prefixes(passes):
    prefix = "p" * 240
    return header(f'block b() {{ repeat 4 {{ relu }} }}\nfor i in 1...{passes} {{\n  "{prefix}{{i}}": b()\n}}\n')


def caffe_nested(size):
    return "a { " * (size // 4)


def caffe_layers(size):
    head = 'input: "data"\ninput_shape { dim: 1 dim: 3 dim: 8 dim: 8 }\n'
    line = 'layer { type: "ReLU" bottom: "data" top: "data" }\n'
    return head + line * ((size - len(head)) // len(line))


def caffe_long_string(size):
    return 'name: "' + "x" * size + '"\n'


def caffe_wide_concat(size):
    head = 'input: "data"\ninput_shape { dim: 1 dim: 3 dim: 8 dim: 8 }\nlayer { type: "Concat" top: "c" '
    return head + 'bottom: "data" ' * ((size - len(head) - 2) // 15) + "}\n"


def caffe_unknown_blobs(size):
    head = 'input: "data"\ninput_shape { dim: 1 dim: 3 dim: 8 dim: 8 }\n'
    return head + "".join(f'layer {{ type: "ReLU" bottom: "b{i}" top: "c" }}\n' for i in range(size))


def keras_layers(n, reverse=False):
    layers = [{"class_name": "InputLayer", "name": "in", "config": {"batch_shape": [None, 8, 8, 3]},
               "inbound_nodes": []}]
    for i in range(n):
        source = "in" if i == 0 else f"r{i - 1}"
        layers.append({"class_name": "ReLU", "name": f"r{i}", "config": {},
                       "inbound_nodes": [[[source, 0, 0, {}]]]})
    if reverse:
        layers = layers[:1] + layers[:0:-1]
    return json.dumps({"class_name": "Functional", "config": {
        "layers": layers, "input_layers": [["in", 0, 0]], "output_layers": [[f"r{n - 1}", 0, 0]]}})


def keras_reversed(n):
    return keras_layers(n, reverse=True)


def keras_deep_arrays(size):
    return "[" * size


def keras_cycle(n):
    layers = [{"class_name": "InputLayer", "name": "in", "config": {"batch_shape": [None, 8, 8, 3]},
               "inbound_nodes": []}]
    layers += [{"class_name": "ReLU", "name": f"r{i}", "config": {},
                "inbound_nodes": [[[f"r{(i + 1) % n}", 0, 0, {}]]]} for i in range(n)]
    return json.dumps({"class_name": "Functional", "config": {"layers": layers}})


def keras_escapes(size):
    return '{"class_name": "' + "\\ud83d\\ude00\\u0041" * (size // 18) + '"}'


def keras_nested_models(depth):
    model = {"class_name": "Sequential", "config": {"layers": [
        {"class_name": "InputLayer", "config": {"batch_shape": [None, 8, 8, 3]}},
        {"class_name": "ReLU", "config": {"name": "r"}}]}}
    for _ in range(depth):
        model = {"class_name": "Sequential", "config": {"layers": [
            {"class_name": "InputLayer", "config": {"batch_shape": [None, 8, 8, 3]}}, model]}}
    return json.dumps(model)


def zip_archive(entries, compression=zipfile.ZIP_STORED):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as z:
        for name, data in entries:
            z.writestr(name, data)
    return buffer.getvalue()


def zip_bomb(size):
    # A config.json of spaces that deflates a thousandfold, past the 4 MiB limit.
    return zip_archive([("config.json", b" " * size)], zipfile.ZIP_DEFLATED)


def zip_lying_sizes(size):
    # The directory claims a small config.json; the stream inflates far past it.
    data = bytearray(zip_bomb(size))
    at = data.rfind(b"PK\x01\x02")
    data[at + 24:at + 28] = (100).to_bytes(4, "little")
    return bytes(data)


def zip_many_entries(n):
    return zip_archive([(f"e{i}", b"") for i in range(n)])


def zip_truncated(_):
    data = zip_archive([("metadata.json", b"{}"), ("config.json", keras_layers(10).encode())])
    return data[: len(data) - 30]


sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Fixtures", "onnx"))
from make_malformed import field, model, node  # noqa: E402  (the hand encoder of the ONNX fixtures)


def onnx_relu_chain(n):
    names = ["x"] + [f"r{i}" for i in range(n)]
    return model([node("Relu", [names[i]], [names[i + 1]], f"r{i}") for i in range(n)])


def onnx_wide_concat(n):
    return model([node("Concat", ["x"] * n, ["y"], "c", field(5, field(1, "axis") + field(3, 1)))])


def onnx_constant_arithmetic(n):
    nodes = [node("Shape", ["x"], ["s0"], "s")]
    nodes += [node("Add", [f"s{i}", f"s{i}"], [f"s{i + 1}"], f"a{i}") for i in range(n)]
    return model(nodes)


def onnx_many_attributes(n):
    attributes = b"".join(field(5, field(1, f"a{i}") + field(3, i)) for i in range(n))
    return model([node("Relu", ["x"], ["y"], "r", attributes)])


def onnx_long_ints(n):
    values = b"".join(field(8, 1) for _ in range(n))
    return model([node("Relu", ["x"], ["y"], "r", field(5, field(1, "axes") + values))])


def many_variants(n):
    lines = ["param a = 1 in [0, 9]", "param b = 2 in {1, 2, 3}", "input 8 x 8 x 3"]
    lines += [f'variant "v{i}" "V{i}" a = {i % 10}, b = {1 + i % 3}' for i in range(n)]
    lines.append("conv filters = 4 + a, kernel = 1")
    return "\n".join(lines) + "\n"


def big_set(n):
    members = ", ".join(str(i) for i in range(n))
    lines = [f"param a = 1 in {{{members}}}", "input 8 x 8 x 3"]
    lines += [f'variant "v{i}" a = {i * 7}' for i in range(2_000)]
    lines.append("conv filters = 4, kernel = 1")
    return "\n".join(lines) + "\n"


def variants_times_params(n):
    lines = [f"param p{j} = 1" for j in range(n)] + ["input 8 x 8 x 3"]
    settings = ", ".join(f"p{j} = 2" for j in range(n))
    lines += [f'variant "v{i}" {settings}' for i in range(n)]
    lines.append("conv filters = 4, kernel = 1")
    return "\n".join(lines) + "\n"


def training_blocks(n):
    return header("".join("training { conv filters = 4, kernel = 1 }\n" for _ in range(n)) + "relu\n")


def nested_training(depth):
    return header("training { " * depth + "relu" + " }" * depth + "\nrelu\n")


# name: (maker, argument at full size, argument for a fuzzer seed[, extension])
CLASSES = {
    "else-if-chain": (else_if_chain, 20_000, 8),
    "exponential-functions": (exponential_functions, 30, 4),
    "empty-blocks": (empty_blocks, 40, 4),
    "layer-blocks": (layer_blocks, 30, 3),
    "close-braces": (close_braces, MIB - 1, 64),
    "bad-characters": (bad_characters, MIB - 1, 64),
    "bad-character-lines": (bad_characters_lines, MIB - 1, 64),
    "long-names": (long_name, 400_000, 300),
    "long-unknown-kind": (long_unknown_kind, MIB - 64, 300),
    "long-labels": (long_labels, (1_000_000, 2_000), (20, 300)),
    "loop-error": (loop_error, 1_000_000, 20),
    "million-layers": (many_layers, 1_000_000, 20),
    "over-million-layers": (many_layers, 1_000_001, 20),
    "layer-lines": (many_layer_lines, MIB - 64, 200),
    "minus-signs": (minus_signs, MIB - 64, 100),
    "open-parentheses": (open_parens, MIB - 64, 100),
    "nested-braces": (nested_braces, 75_000, 80),
    "long-expression": (long_expression, MIB - 64, 5_000),
    "deep-function-bodies": (deep_function_bodies, 32, 3),
    "wide-conditions": (wide_conditions, 100_000, 3),
    "statements-per-pass": (many_statements_per_pass, 1_000_000, 2),
    "crlf": (crlf, None, None),
    "unknown-references": (many_unknown_references, 1_000_000, 20),
    "repeated-unknown-kinds": (repeated_unknown_kinds, 8_000, 20),
    "references-among-names": (references_among_names, (100_000, 40_000), (200, 20)),
    "unknown-kinds-among-blocks": (unknown_kinds_among_blocks, (20_000, 40_000), (100, 20)),
    "named-layers-at-limit": (named_layers, (249_999, 249), (20, 10)),
    "short-named-layers": (named_layers, (999_000, 1), (20, 1)),
    "long-block-prefixes": (long_prefixes, 249_000, 3),
    "cjk-and-controls": (cjk_and_controls, None, None),
    "many-variants": (many_variants, 25_000, 5),
    "big-parameter-set": (big_set, 100_000, 20),
    "variants-times-parameters": (variants_times_params, 170, 4),
    "training-blocks": (training_blocks, 24_000, 5),
    "nested-training": (nested_training, 80, 4),
    "caffe-nested-messages": (caffe_nested, MIB - 1, 64, "prototxt"),
    "caffe-many-layers": (caffe_layers, MIB - 1, 500, "prototxt"),
    "caffe-long-string": (caffe_long_string, MIB - 16, 300, "prototxt"),
    "caffe-wide-concat": (caffe_wide_concat, MIB - 1, 300, "prototxt"),
    "caffe-unknown-blobs": (caffe_unknown_blobs, 20_000, 20, "prototxt"),
    "keras-many-layers": (keras_layers, 8_000, 20, "json"),
    "keras-reversed-layers": (keras_reversed, 8_000, 20, "json"),
    "keras-deep-arrays": (keras_deep_arrays, MIB - 1, 64, "json"),
    "keras-cycle": (keras_cycle, 8_000, 5, "json"),
    "keras-escapes": (keras_escapes, MIB - 64, 100, "json"),
    "keras-nested-models": (keras_nested_models, 60, 3, "json"),
    "zip-bomb": (zip_bomb, 100_000_000, 1_000, "keras"),
    "zip-lying-sizes": (zip_lying_sizes, 100_000_000, 1_000, "keras"),
    "zip-many-entries": (zip_many_entries, 11_000, 20, "keras"),
    "zip-truncated": (zip_truncated, None, None, "keras"),
    "onnx-relu-chain": (onnx_relu_chain, 30_000, 20, "onnx"),
    "onnx-wide-concat": (onnx_wide_concat, 300_000, 20, "onnx"),
    "onnx-constant-arithmetic": (onnx_constant_arithmetic, 25_000, 20, "onnx"),
    "onnx-many-attributes": (onnx_many_attributes, 70_000, 20, "onnx"),
    "onnx-long-ints": (onnx_long_ints, 400_000, 20, "onnx"),
    "figure-repeated-block": (figure_repeated_block, (100_000, 10_000), (10, 5)),
    "figure-blocks-many-rows": (figure_blocks_many_rows, (1_000, 100), (3, 2)),
    "versus-builtin": (versus_builtin, 30_000, 3),
    "multiply-constants": (multiply_constants, 80_000, 5),
    "caffe-colliding-names": (caffe_colliding_names, 16_000, 9, "prototxt"),
    "block-parameters-loop": (block_parameters_loop, (4_000, 2_500), (20, 3)),
    "function-parameters": (function_parameters, 80_000, 20),
    "graph-dense-edges": (graph_dense_edges, 1_999, 5),
    "verify-long-name": (verify_long_name, (900_000, 2_000), (10, 3)),
    "verify-notes": (verify_notes, 55_000, 5),
    "long-label-template": (long_label_template, (300_000, 20_000), (5, 3)),
}

# The command each class is measured with where it is not the analysis: (before, after) the
# input's path.
COMMANDS = {
    "figure-repeated-block": (["verify"], []),
    "figure-blocks-many-rows": (["verify"], []),
    "versus-builtin": (["verify"], []),
    "multiply-constants": ([], ["--memory", "pytorch", "--optimizer", "adam"]),
    "caffe-colliding-names": (["convert"], []),
    "graph-dense-edges": (["graph"], []),
    "verify-long-name": (["verify"], []),
    "verify-notes": (["verify"], []),
}


def extension(name):
    entry = CLASSES[name]
    return entry[3] if len(entry) > 3 else "netspec"


def make(name, small):
    maker, full, seed = CLASSES[name][:3]
    argument = seed if small else full
    text = maker(*argument) if isinstance(argument, tuple) else maker(argument)
    data = text if isinstance(text, bytes) else text.encode("utf-8")
    assert small or len(data) < MIB, (name, len(data))
    return data


def write(directory, small):
    os.makedirs(directory, exist_ok=True)
    for name in CLASSES:
        with open(os.path.join(directory, f"hostile-{name}.{extension(name)}"), "wb") as f:
            f.write(make(name, small))


def measure(netcost):
    print("| input | size | exit | seconds | peak memory |")
    print("|---|---:|---:|---:|---:|")
    worst = 0.0
    with tempfile.TemporaryDirectory() as directory:
        write(directory, small=False)
        for name in CLASSES:
            path = os.path.join(directory, f"hostile-{name}.{extension(name)}")
            run = subprocess.run(
                ["/usr/bin/time", "-v", "timeout", "20", netcost,
                 *COMMANDS.get(name, ([], []))[0], path, *COMMANDS.get(name, ([], []))[1]],
                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, errors="replace")
            log = run.stderr
            seconds = re.search(r"Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+):([\d.]+)", log)
            h, m, s = seconds.groups()
            elapsed = int(h or 0) * 3600 + int(m) * 60 + float(s)
            rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", log).group(1))
            status = re.search(r"Exit status: (\d+)", log)
            signal = re.search(r"Command terminated by signal (\d+)", log)
            code = f"signal {signal.group(1)}" if signal else status.group(1)
            worst = max(worst, elapsed)
            size = os.path.getsize(path)
            print(f"| {name} | {size:,} B | {code} | {elapsed:.2f} | {rss / 1024:,.0f} MB |")
    return worst


if __name__ == "__main__":
    if len(sys.argv) >= 3 and sys.argv[1] == "write":
        write(sys.argv[2], small="--small" in sys.argv)
    elif len(sys.argv) == 3 and sys.argv[1] == "measure":
        measure(sys.argv[2])
    else:
        sys.exit(__doc__)
