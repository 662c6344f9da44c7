# A 2-D input made a clip of one frame (x.unsqueeze(2)) for a Conv3d: ONNX and .pt2 (torch 2.15).
# PyTorch: params 314, MACs 8·3·9·14·14 + 80 = 42,416.
import torch, torch.nn as nn
class U(nn.Module):
    def __init__(s):
        super().__init__(); s.c=nn.Conv3d(3,8,(1,3,3)); s.g=nn.AdaptiveAvgPool3d(1); s.fc=nn.Linear(8,10)
    def forward(s,x):
        return s.fc(s.g(s.c(x.unsqueeze(2))).flatten(1))
m=U().eval(); x=torch.randn(1,3,16,16)
print("params",sum(p.numel() for p in m.parameters()),"macs",8*3*9*14*14+80)
torch.onnx.export(m,(x,),"un2.onnx",dynamo=False,opset_version=17)
torch.export.save(torch.export.export(m,(x,)),"un2.pt2")
