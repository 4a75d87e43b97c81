#!/usr/bin/python3
"""Build (and load) the FaceMask tensor exchange format.

Layout of an exchange directory:
  meta.json   {"classes": [...], "size": S, "count": N, "paths": [...]}
              paths are relative to the data root, '/'-separated,
              e.g. "cloth/acol_cloth1.jpg"; classes[i] is label i.
  pixels.u8   N x 3 x S x S uint8, planar CHW per image, row-major, no header
  labels.i32  N int32 little-endian, no header

Image decoding (this script): PIL.Image.open(path).convert("RGB")
  .resize((S, S), resample=Image.BILINEAR)   # PIL 9.4 BILINEAR = antialiased
                                             # triangle filter when shrinking
No aspect-ratio preservation, no crop.  EXIF orientation is NOT applied.

Ordering: classes = sorted sub-folder names of --data (Python str sort, i.e.
ordinal / Unicode code-point order, same as C# StringComparer.Ordinal);
within each class, files sorted the same way by file name.  Files whose name
ends in .jpg/.jpeg/.png (case-insensitive) are taken; other files are ignored.

Normalisation on load (load_tensors): t = u8.float32 / 255; t = (t - 0.5) / 0.5
"""
import argparse
import json
import os
import sys
import time

import numpy as np

IMAGE_EXTS = (".jpg", ".jpeg", ".png")


def list_images(data_dir):
    classes = sorted(d for d in os.listdir(data_dir)
                     if os.path.isdir(os.path.join(data_dir, d)))
    if not classes:
        raise SystemExit(f"no class folders under {data_dir}")
    paths, labels = [], []
    for ci, c in enumerate(classes):
        files = sorted(f for f in os.listdir(os.path.join(data_dir, c))
                       if f.lower().endswith(IMAGE_EXTS)
                       and os.path.isfile(os.path.join(data_dir, c, f)))
        paths += [f"{c}/{f}" for f in files]
        labels += [ci] * len(files)
    return classes, paths, labels


def build_arrays(data_dir, size):
    """Return (classes, paths, pixels uint8 [N,3,S,S], labels int32 [N])."""
    from PIL import Image
    classes, paths, labels = list_images(data_dir)
    n = len(paths)
    pixels = np.empty((n, 3, size, size), dtype=np.uint8)
    for i, rel in enumerate(paths):
        with Image.open(os.path.join(data_dir, rel)) as im:
            im = im.convert("RGB").resize((size, size), resample=Image.BILINEAR)
            pixels[i] = np.asarray(im, dtype=np.uint8).transpose(2, 0, 1)
    return classes, paths, pixels, np.asarray(labels, dtype="<i4")


def write_tensors(out_dir, classes, paths, pixels, labels, size):
    os.makedirs(out_dir, exist_ok=True)
    meta = {"classes": list(classes), "size": int(size), "count": int(len(paths)),
            "paths": list(paths)}
    # write data first, meta last (meta.json present => directory complete)
    for name, arr in (("pixels.u8", np.ascontiguousarray(pixels, dtype=np.uint8)),
                      ("labels.i32", np.ascontiguousarray(labels, dtype="<i4"))):
        tmp = os.path.join(out_dir, name + ".tmp")
        with open(tmp, "wb") as f:
            f.write(arr.tobytes(order="C"))
        os.replace(tmp, os.path.join(out_dir, name))
    tmp = os.path.join(out_dir, "meta.json.tmp")
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(meta, f, indent=1)
    os.replace(tmp, os.path.join(out_dir, "meta.json"))


def read_arrays(tensor_dir):
    """Read an exchange directory -> (meta, pixels uint8 [N,3,S,S], labels int64 [N])."""
    with open(os.path.join(tensor_dir, "meta.json"), encoding="utf-8") as f:
        meta = json.load(f)
    n, s = int(meta["count"]), int(meta["size"])
    pixels = np.fromfile(os.path.join(tensor_dir, "pixels.u8"), dtype=np.uint8)
    labels = np.fromfile(os.path.join(tensor_dir, "labels.i32"), dtype="<i4")
    if pixels.size != n * 3 * s * s:
        raise SystemExit(f"pixels.u8 has {pixels.size} bytes, expected {n}*3*{s}*{s}")
    if labels.size != n:
        raise SystemExit(f"labels.i32 has {labels.size} entries, expected {n}")
    if len(meta.get("paths", [])) not in (0, n):
        raise SystemExit("meta.paths length != count")
    if labels.size and (labels.min() < 0 or labels.max() >= len(meta["classes"])):
        raise SystemExit("label out of range of meta.classes")
    return meta, pixels.reshape(n, 3, s, s), labels.astype(np.int64)


def normalise(pixels_u8):
    """uint8 numpy [N,3,S,S] -> float32 torch tensor, (x/255 - 0.5)/0.5."""
    import torch
    t = torch.from_numpy(np.ascontiguousarray(pixels_u8)).to(torch.float32) / 255.0
    return (t - 0.5) / 0.5


def load_dataset(tensors=None, data=None, size=32):
    """Either an exchange dir (tensors) or an image root (data, built in memory).
    Returns (classes, paths, X float32 tensor [N,3,S,S], y int64 tensor [N], size)."""
    import torch
    if tensors:
        meta, px, lab = read_arrays(tensors)
        classes, paths, size = meta["classes"], meta.get("paths", []), int(meta["size"])
    elif data:
        classes, paths, px, lab = build_arrays(data, size)
        lab = lab.astype(np.int64)
    else:
        raise SystemExit("need --tensors DIR or --data DIR")
    return classes, paths, normalise(px), torch.from_numpy(lab), size


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", required=True, help="image root: <data>/<class>/*.jpg")
    ap.add_argument("--size", type=int, default=32)
    ap.add_argument("--out", required=True, help="output exchange directory")
    a = ap.parse_args(argv)
    t0 = time.perf_counter()
    classes, paths, pixels, labels = build_arrays(a.data, a.size)
    t1 = time.perf_counter()
    write_tensors(a.out, classes, paths, pixels, labels, a.size)
    t2 = time.perf_counter()
    counts = np.bincount(labels, minlength=len(classes))
    print(f"classes: {classes}")
    print("per class: " + ", ".join(f"{c}={k}" for c, k in zip(classes, counts)))
    print(f"wrote {len(paths)} images at {a.size}x{a.size} to {a.out} "
          f"(decode+resize {t1 - t0:.2f}s, write {t2 - t1:.2f}s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
