# Gather of a small 2-D weight table by constant rows: ONNX gives [5, 5]; netcost folds it flat.
import onnx, numpy as np
from onnx import helper as h, TensorProto as T, numpy_helper as nh
r = np.random.RandomState(0)
inits = [nh.from_array(r.randn(5, 5, 1, 1).astype(np.float32), "w"),
         nh.from_array(r.randn(10, 5).astype(np.float32), "table"),      # 50 values
         nh.from_array(np.array([0, 2, 4, 6, 8], np.int64), "idx"),
         nh.from_array(np.array([1, 5, 5], np.int64), "shape")]
nodes = [h.make_node("Conv", ["x", "w"], ["c"], kernel_shape=[1, 1]),          # 1x5x1x5
         h.make_node("Reshape", ["c", "shape"], ["t0"]),                          # 1x5x5 (C x L)
         h.make_node("Transpose", ["t0"], ["t"], perm=[0, 2, 1]),                 # 1x5x5 tokens
         h.make_node("Gather", ["table", "idx"], ["pos"], axis=0),                # 5x5 = 25 values
         h.make_node("Add", ["t", "pos"], ["y"])]
g = h.make_graph(nodes, "g", [h.make_tensor_value_info("x", T.FLOAT, [1, 5, 1, 5])],
                 [h.make_tensor_value_info("y", T.FLOAT, [1, 5, 5])], inits)
m = h.make_model(g, opset_imports=[h.make_opsetid("", 18)])
onnx.checker.check_model(m, full_check=True)
print(onnx.shape_inference.infer_shapes(m).graph.value_info)
onnx.save(m, "gat3.onnx")
