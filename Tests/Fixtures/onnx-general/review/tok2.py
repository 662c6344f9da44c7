import torch, torch.nn as nn
class M(nn.Module):
    def __init__(s):
        super().__init__()
        s.conv = nn.Conv2d(3, 8, 3, padding=1)
        s.tok = nn.Linear(16, 5)
    def forward(s, x):
        return s.tok(s.conv(x).flatten(2))      # N x 8 x 5
m = M().eval(); x = torch.randn(1, 3, 4, 4)
torch.onnx.export(m, (x,), "tok2.legacy.onnx", dynamo=False, opset_version=18)
torch.onnx.export(m, (x,), dynamo=True, opset_version=18).save("tok2.dynamo.onnx")
print("params", sum(p.numel() for p in m.parameters()), "macs", 8*27*16 + 8*16*5, "out", m(x).shape)
