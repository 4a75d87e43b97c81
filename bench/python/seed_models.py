"""The two reference CNNs of the FaceMask parity suite.

Every convolution is 3x3, stride 1, padding 1 ("same"), with bias; every
BatchNorm2d uses PyTorch defaults (eps=1e-5, momentum=0.1, affine, running
stats).  Input: N x 3 x S x S float32, S divisible by 4.

Channel widths 16, 16, 32, 32, 64 (as FaceMask.Models.SeedCnn.Widths).
seed5 ("new model"): 5 conv blocks, Linear(64 * (S/4)^2, C)
seed4 ("old model"): the same without the fifth conv, Linear(32 * (S/4)^2, C)

Flatten order is PyTorch's (channel, row, col), i.e. NCHW row-major, which is
also what TorchSharp's nn.Flatten() produces.
"""
import torch
from torch import nn

ARCHS = ("seed5", "seed4")
WIDTHS = (16, 16, 32, 32, 64)


def _block(cin, cout):
    return [nn.Conv2d(cin, cout, kernel_size=3, stride=1, padding=1),
            nn.BatchNorm2d(cout),
            nn.ReLU()]


def build_model(arch: str, num_classes: int, size: int = 32) -> nn.Sequential:
    if size % 4 != 0:
        raise ValueError(f"size must be divisible by 4, got {size}")
    q = size // 4
    w = WIDTHS
    if arch == "seed5":
        layers = (_block(3, w[0]) + _block(w[0], w[1]) + [nn.MaxPool2d(2, 2)]
                  + _block(w[1], w[2]) + _block(w[2], w[3]) + [nn.MaxPool2d(2, 2)]
                  + _block(w[3], w[4])
                  + [nn.Dropout(0.02), nn.Flatten(), nn.Linear(w[4] * q * q, num_classes)])
    elif arch == "seed4":
        layers = (_block(3, w[0]) + _block(w[0], w[1]) + [nn.MaxPool2d(2, 2)]
                  + _block(w[1], w[2]) + _block(w[2], w[3]) + [nn.MaxPool2d(2, 2)]
                  + [nn.Dropout(0.02), nn.Flatten(), nn.Linear(w[3] * q * q, num_classes)])
    else:
        raise ValueError(f"unknown arch {arch!r}; expected one of {ARCHS}")
    return nn.Sequential(*layers)


def count_parameters(model: nn.Module) -> int:
    return sum(p.numel() for p in model.parameters())


if __name__ == "__main__":
    for a in ARCHS:
        m = build_model(a, 5, 32)
        y = m.eval()(torch.zeros(2, 3, 32, 32))
        print(a, "params:", count_parameters(m), "out:", tuple(y.shape))
        print(m)
