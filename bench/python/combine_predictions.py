#!/usr/bin/python3
"""Paired comparison of prediction files of facemask runs on the same images, and of their averages.

Each argument is a run folder or a predictions.csv (path,true,pred,p_<class>...). The first is the baseline. Prints,
for the baseline, every other run and (with --average) the mean of the probabilities of all of them: accuracy with a
95 % Wilson interval, macro recall, recall per class, accuracy per source (the part of the file name before the first
"_", as in the shared data), and the paired bootstrap interval (resampling images) of the accuracy difference to the
baseline (--table adds a Markdown table per source with Wilson intervals). Only images present in every file count. Optional --prior-adjust TAU divides each averaged probability by
the training class share (from --train-counts DIR, an ImageFolder root) to the power TAU. Reads only.

    /usr/bin/python3 bench/python/combine_predictions.py BASE_RUN OTHER_RUN [...] [--average] [--bootstrap 1000]
"""
import argparse
import csv
import math
import os
import random
from collections import Counter


def load(arg):
    path = os.path.join(arg, "predictions.csv") if os.path.isdir(arg) else arg
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))
    classes = [k[2:] for k in rows[0] if k.startswith("p_")]
    return classes, {r["path"]: (r["true"], [float(r["p_" + c]) for c in classes]) for r in rows}


def wilson(k, n, z=1.959964):
    if n == 0:
        return (math.nan, math.nan)
    p = k / n
    d = 1 + z * z / n
    c = (p + z * z / (2 * n)) / d
    h = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / d
    return (c - h, c + h)


TABLE = False


def summary(name, paths, truth, probs, classes, base_correct, boot, rng):
    correct = [classes[max(range(len(classes)), key=lambda c: probs[p][c])] == truth[p] for p in paths]
    k, n = sum(correct), len(correct)
    lo, hi = wilson(k, n)
    per_class = Counter(truth[p] for p in paths)
    hit_class = Counter(truth[p] for p, ok in zip(paths, correct) if ok)
    recalls = {c: hit_class[c] / per_class[c] for c in classes if per_class[c]}
    source = lambda p: os.path.basename(p).split("_")[0]
    per_source = Counter(source(p) for p in paths)
    hit_source = Counter(source(p) for p, ok in zip(paths, correct) if ok)
    line = f"{name}: accuracy {k / n:.4f} [{lo:.4f}, {hi:.4f}] (n={n}), macro recall {sum(recalls.values()) / len(recalls):.4f}"
    line += "\n  recall " + " ".join(f"{c} {r:.3f}" for c, r in recalls.items())
    line += "\n  source " + " ".join(f"{s} {hit_source[s] / per_source[s]:.3f}" for s in sorted(per_source))
    if TABLE:
        line += "\n\n| source | images | accuracy [95 % Wilson] |\n|---|---:|---|"
        for s in sorted(per_source, key=lambda s: -per_source[s]):
            lo_s, hi_s = wilson(hit_source[s], per_source[s])
            line += f"\n| {s} | {per_source[s]:,} | {hit_source[s] / per_source[s] * 100:.1f} % [{lo_s * 100:.1f}, {hi_s * 100:.1f}] |"
        line += f"\n| **pooled** | **{n:,}** | **{k / n * 100:.1f} % [{lo * 100:.1f}, {hi * 100:.1f}]** |\n"
    if base_correct is not None and boot > 0:
        diffs = []
        for _ in range(boot):
            idx = [rng.randrange(n) for _ in range(n)]
            diffs.append(sum(correct[i] - base_correct[i] for i in idx) / n)
        diffs.sort()
        d = (k - sum(base_correct)) / n
        line += f"\n  vs baseline {d * 100:+.2f} pp [{diffs[int(0.025 * boot)] * 100:+.2f}, {diffs[int(0.975 * boot) - 1] * 100:+.2f}]"
    print(line)
    return correct


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("runs", nargs="+")
    ap.add_argument("--average", action="store_true")
    ap.add_argument("--weights", help="comma-separated weights for --average (default equal)")
    ap.add_argument("--bootstrap", type=int, default=1000)
    ap.add_argument("--prior-adjust", type=float, default=0.0)
    ap.add_argument("--train-counts")
    ap.add_argument("--table", action="store_true", help="also print a Markdown table per source")
    a = ap.parse_args()
    global TABLE
    TABLE = a.table
    loaded = [load(r) for r in a.runs]
    classes = loaded[0][0]
    for c, _ in loaded[1:]:
        if c != classes:
            raise SystemExit("the runs have different classes")
    paths = sorted(set.intersection(*(set(d) for _, d in loaded)))
    truth = {p: loaded[0][1][p][0] for p in paths}
    rng = random.Random(0)
    base = None
    for name, (_, d) in zip(a.runs, loaded):
        base_c = summary(name, paths, truth, {p: d[p][1] for p in paths}, classes, base, a.bootstrap, rng)
        base = base or base_c
    if a.average:
        w = [float(x) for x in a.weights.split(",")] if a.weights else [1.0] * len(loaded)
        avg = {p: [sum(wi * d[p][1][c] for wi, (_, d) in zip(w, loaded)) / sum(w) for c in range(len(classes))] for p in paths}
        if a.prior_adjust:
            counts = {c: len(os.listdir(os.path.join(a.train_counts, c))) for c in classes}
            total = sum(counts.values())
            avg = {p: [v / (counts[c] / total) ** a.prior_adjust for v, c in zip(avg[p], classes)] for p in paths}
        summary("average", paths, truth, avg, classes, base, a.bootstrap, rng)


if __name__ == "__main__":
    main()
