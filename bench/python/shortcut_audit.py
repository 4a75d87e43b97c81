#!/usr/bin/python3
"""Shortcut audit of a k-fold (or leave-one-source-out) run of facemask.

Joins a run's predictions.csv with the dataset's image_info.csv (source, caption_strip, group) and the stored image
sizes, and prints Markdown tables: class x source counts, accuracy and per-class recall by source, by caption strip
and by image-size bucket, which classes the flagged caption-strip images are predicted as, and how far a "classifier"
that only knows the metadata (source, size bucket, caption strip; majority class per cell, learned on the other folds)
gets. Reads only; writes nothing.

    /usr/bin/python3 bench/python/shortcut_audit.py RUN_DIR [--info ../shared/datasets/facemask/image_info.csv]

Needs numpy and Pillow (Debian python3-numpy, python3-pil); image sizes are read from the headers only.
"""
import argparse
import csv
import os
import sys
from collections import Counter, defaultdict

from PIL import Image

SIZE_BUCKETS = [(64, "<= 64"), (128, "65-128"), (192, "129-192"), (255, "193-255"), (10 ** 9, "256 (resized down)")]


def short_source(source):
    return {"rmanaem": "rman", "maniansurya99": "msur", "smitdesai1010": "smit",
            "ShirazSevadjian": "shir", "acollant": "acol"}.get(source.split("/")[0], source)


def size_bucket(longer):
    for limit, name in SIZE_BUCKETS:
        if longer <= limit:
            return name
    raise AssertionError


def read_predictions(run):
    with open(os.path.join(run, "predictions.csv"), newline="") as f:
        rows = list(csv.DictReader(f))
    with open(os.path.join(run, "report.json")) as f:
        import json
        report = json.load(f)
    return rows, report["labels"], report["data"]["root"]


def table(title, header, lines):
    print(f"\n#### {title}\n")
    print("| " + " | ".join(header) + " |")
    print("|" + "|".join(["---"] + ["---:"] * (len(header) - 1)) + "|")
    for line in lines:
        print("| " + " | ".join(str(x) for x in line) + " |")


def pct(hit, n):
    return f"{100.0 * hit / n:.1f}" if n else ""


def by_key(rows, key, labels, title, keys=None):
    cells = defaultdict(lambda: [0, 0])
    class_cells = defaultdict(lambda: [0, 0])
    for r in rows:
        k = key(r)
        ok = r["true"] == r["pred"]
        cells[k][0] += ok
        cells[k][1] += 1
        class_cells[(k, r["true"])][0] += ok
        class_cells[(k, r["true"])][1] += 1
    keys = keys or sorted(cells)
    lines = []
    for k in keys:
        if k not in cells:
            continue
        hit, n = cells[k]
        line = [k, n, pct(hit, n)]
        for c in labels:
            ch, cn = class_cells.get((k, c), (0, 0))
            line.append(f"{pct(ch, cn)} ({cn})" if cn else "")
        lines.append(line)
    table(title, ["", "images", "accuracy %"] + [f"recall {c} % (n)" for c in labels], lines)


def metadata_baseline(rows, info, sizes, labels):
    """Majority class per metadata cell, learned on the other folds (falls back to coarser cells, then overall)."""
    levels = [
        ("source", lambda r: (info[r["path"]]["src"],)),
        ("source + size bucket", lambda r: (info[r["path"]]["src"], sizes[r["path"]][1])),
        ("source + size bucket + caption strip",
         lambda r: (info[r["path"]]["src"], sizes[r["path"]][1], info[r["path"]]["caption_strip"])),
    ]
    folds = sorted({r["fold"] for r in rows})
    lines = []
    for name, key in levels:
        hit = 0
        for fold in folds:
            train = [r for r in rows if r["fold"] != fold]
            test = [r for r in rows if r["fold"] == fold]
            cell = defaultdict(Counter)
            for r in train:
                cell[key(r)][r["true"]] += 1
            overall = Counter(r["true"] for r in train).most_common(1)[0][0]
            for r in test:
                counts = cell.get(key(r))
                guess = counts.most_common(1)[0][0] if counts else overall
                hit += guess == r["true"]
        lines.append([name, pct(hit, len(rows))])
    majority = Counter(r["true"] for r in rows).most_common(1)[0][1]
    lines.insert(0, ["nothing (majority class)", pct(majority, len(rows))])
    table("Metadata-only baseline (majority class of the cell in the other folds)", ["knows", "accuracy %"], lines)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("run")
    ap.add_argument("--info", default=None, help="image_info.csv (default: beside the run's dataset root)")
    args = ap.parse_args()
    rows, labels, root = read_predictions(args.run)
    info_path = args.info or os.path.join(os.path.dirname(os.path.normpath(root)), "image_info.csv")
    with open(info_path, newline="") as f:
        info = {r["path"]: r for r in csv.DictReader(f)}
    missing = [r["path"] for r in rows if r["path"] not in info]
    if missing:
        sys.exit(f"{info_path}: no row for {len(missing)} predicted image(s), e.g. {missing[0]}")
    for r in info.values():
        r["src"] = short_source(r["source"])
    sizes = {}
    for r in rows:
        with Image.open(os.path.join(root, r["path"])) as im:
            longer = max(im.size)
        sizes[r["path"]] = (longer, size_bucket(longer))

    n = len(rows)
    acc = sum(r["true"] == r["pred"] for r in rows)
    print(f"Run {args.run}: {n} predictions, accuracy {pct(acc, n)} %")

    sources = sorted({info[r["path"]]["src"] for r in rows})
    counts = Counter((info[r["path"]]["src"], r["true"]) for r in rows)
    table("Images per class and source (share of the class)",
          ["source"] + labels,
          [[s] + [f"{counts[(s, c)]} ({pct(counts[(s, c)], sum(counts[(t, c)] for t in sources))} %)" for c in labels]
           for s in sources])

    by_key(rows, lambda r: info[r["path"]]["src"], labels, "By source")
    by_key(rows, lambda r: "strip" if info[r["path"]]["caption_strip"] == "1" else "no strip", labels, "By caption strip")
    by_key(rows, lambda r: sizes[r["path"]][1], labels, "By stored image size (longer side, px)",
           keys=[name for _, name in SIZE_BUCKETS])
    size_counts = Counter((sizes[r["path"]][1], r["true"]) for r in rows)
    table("Images per class and size bucket",
          ["longer side"] + labels,
          [[b] + [size_counts[(b, c)] for c in labels] for _, b in SIZE_BUCKETS])

    strip = [r for r in rows if info[r["path"]]["caption_strip"] == "1"]
    pred_counts = Counter((r["true"], r["pred"]) for r in strip)
    table("Caption-strip images: true (rows) x predicted (columns)", ["true"] + labels,
          [[t] + [pred_counts[(t, p)] for p in labels] for t in labels])
    no_strip = [r for r in rows if info[r["path"]]["caption_strip"] != "1"]
    for subset, name in ((strip, "strip"), (no_strip, "no strip")):
        mean = defaultdict(list)
        for r in subset:
            for c in labels:
                mean[c].append(float(r[f"p_{c}"]))
        print(f"\nMean predicted probability, {name} images: "
              + ", ".join(f"{c} {sum(v) / len(v):.3f}" for c, v in mean.items()))

    if "fold" in rows[0] and len({r["fold"] for r in rows}) > 1:
        metadata_baseline(rows, info, sizes, labels)


if __name__ == "__main__":
    main()
