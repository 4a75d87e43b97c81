#!/usr/bin/python3
"""Caption-strip experiment: a variant of the dataset in which the images flagged `caption_strip` lose their bottom strip.

    /usr/bin/python3 bench/python/strip_experiment.py OUT_DIR [--data ../shared/datasets/facemask] [--crop 0.12]
    facemask kfold --arch resnet18 --data OUT_DIR/images --cache OUT_DIR/cache ...

OUT_DIR/images gets the dataset's class folders with a hard link to every unflagged image (same file, same size and
modification time, so no copy is made) and, for each flagged image, a JPEG (quality 95) without its bottom `--crop`
share of rows (default 12 %; the Shutterstock strip is 6-8 % of the height). OUT_DIR must be on the same file system
as the dataset and outside the repository.

To avoid extracting the 8,000 unchanged images again, the dataset's resnet18 feature cache (~/.cache/facemask/
images-<hash>-resnet18-*.fmfeat) is copied to OUT_DIR/cache under the name the new root gets, with the root path inside
it rewritten (format v1 of src/FaceMask/Features/FeatureCache.cs: 64-byte header with the index length at 24 and the
index SHA-256 at 32; the index starts with the root as a .NET BinaryWriter string). The loader then finds every hard
link unchanged and extracts only the cropped images.
"""
import argparse
import csv
import glob
import hashlib
import os
import struct
import sys

from PIL import Image


def dotnet_string(s):
    data = s.encode("utf-8")
    n, prefix = len(data), bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        prefix.append(b | (0x80 if n else 0))
        if not n:
            return bytes(prefix) + data


def read_dotnet_string(buf, pos):
    n, shift = 0, 0
    while True:
        b = buf[pos]
        pos += 1
        n |= (b & 0x7F) << shift
        shift += 7
        if not b & 0x80:
            return buf[pos:pos + n].decode("utf-8"), pos + n


def cache_name(root, backbone_id):
    """FeatureCache.FilePath: <root name>-<sha256(full root)[:16]>-resnet18-<backbone id>-centercrop-v1.fmfeat."""
    full = os.path.abspath(root).rstrip("/")
    digest = hashlib.sha256(full.encode("utf-8")).hexdigest()[:16]
    name = "".join(c if (c.isascii() and c.isalnum()) or c in "-_" else "_" for c in os.path.basename(full))
    return f"{name}-{digest}-resnet18-{backbone_id}-centercrop-v1.fmfeat"


def rebase_cache(source, new_root, out_dir):
    with open(source, "rb") as f:
        blob = f.read()
    header = bytearray(blob[:64])
    index_length = struct.unpack_from("<q", header, 24)[0]
    index = blob[64:64 + index_length]
    old_root, pos = read_dotnet_string(index, 0)
    backbone_id, _ = read_dotnet_string(index, pos)
    new_index = dotnet_string(os.path.abspath(new_root).rstrip("/")) + index[pos:]
    struct.pack_into("<q", header, 24, len(new_index))
    header[32:64] = hashlib.sha256(new_index).digest()
    target = os.path.join(out_dir, cache_name(new_root, backbone_id))
    with open(target, "wb") as f:
        f.write(bytes(header) + new_index + blob[64 + index_length:])
    print(f"cache {source} (root {old_root}) -> {target}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out")
    ap.add_argument("--data", default="../shared/datasets/facemask")
    ap.add_argument("--crop", type=float, default=0.12)
    args = ap.parse_args()
    src_root = os.path.join(args.data, "images")
    dst_root = os.path.join(args.out, "images")
    if os.path.exists(dst_root):
        sys.exit(f"{dst_root} exists; remove it or choose another OUT_DIR")
    with open(os.path.join(args.data, "image_info.csv"), newline="") as f:
        flagged = {r["path"] for r in csv.DictReader(f) if r["caption_strip"] == "1"}
    cropped = 0
    for path in sorted(glob.glob(os.path.join(src_root, "*", "*"))):
        rel = os.path.relpath(path, src_root)
        target = os.path.join(dst_root, rel)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        if rel in flagged:
            with Image.open(path) as im:
                im = im.convert("RGB")
                keep = max(1, round(im.height * (1.0 - args.crop)))
                im.crop((0, 0, im.width, keep)).save(target, quality=95)
            cropped += 1
        else:
            os.link(path, target)
    print(f"{dst_root}: {cropped} flagged images cropped, the rest hard-linked")
    caches = glob.glob(os.path.expanduser("~/.cache/facemask/images-*-resnet18-*-centercrop-v1.fmfeat"))
    full_src = os.path.abspath(src_root).rstrip("/")
    for cache in caches:
        with open(cache, "rb") as f:
            head = f.read(64 + 4096)
        root, _ = read_dotnet_string(head, 64)
        if root == full_src:
            os.makedirs(os.path.join(args.out, "cache"), exist_ok=True)
            rebase_cache(cache, dst_root, os.path.join(args.out, "cache"))


if __name__ == "__main__":
    main()
