import torch, torch.nn as nn
class M(nn.Module):
    def __init__(s):
        super().__init__()
        s.conv = nn.Conv2d(3, 8, 3, padding=1)
        s.ln = nn.LayerNorm(16)            # over the 16 positions of N x 8 x 16
    def forward(s, x):
        return s.ln(s.conv(x).flatten(2))
m = M().eval(); x = torch.randn(1, 3, 4, 4)
with torch.no_grad():
    for p in m.parameters(): p.normal_()
torch.onnx.export(m, (x,), "ln.legacy.onnx", dynamo=False, opset_version=18)
torch.onnx.export(m, (x,), dynamo=True, opset_version=18).save("ln.dynamo.onnx")
print("params", sum(p.numel() for p in m.parameters()))
