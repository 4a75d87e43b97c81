#!/usr/bin/python3
"""Post-hoc prior correction of a facemask run's held-out predictions, measured against the run as it is.

A model trained on a collection whose class shares are uneven (the shared data: n95_valve 4.5 %) carries those shares
into its answers. Dividing each probability by the training share of its class to the power TAU (TAU = 1: as if
every class were equally common; the "logit adjustment" of Menon et al., 2021) trades accuracy on images with the
training shares for recall on the rare classes. This prints, for each TAU: accuracy, macro recall (= accuracy on a
set with equal classes), recall per class, accuracy per source (the file-name prefix), the share answered at the
best threshold giving >= 95 % answered accuracy (top probability, no temperature), and paired bootstrap intervals
(1,000 resamples of images) of the accuracy and macro-recall differences to TAU = 0.

Training shares: for a k-fold run (predictions.csv has a `fold` column) those of each fold's training images (every
other fold's images, from the file itself); otherwise from --train-counts DIR (an ImageFolder root). With --baseline
RUN (another run on the same images, e.g. the same protocol without a training change), each TAU also gets the paired
differences to that run corrected with the same TAU (and its own training shares). Reads only.

    /usr/bin/python3 bench/python/prior_correction.py RUN_DIR [--tau 0.5,1] [--train-counts DIR] [--baseline RUN_DIR]
"""
import argparse
import csv
import os
import random
from collections import Counter


def load(arg):
    path = os.path.join(arg, "predictions.csv") if os.path.isdir(arg) else arg
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))
    if not rows:
        raise SystemExit(f"{path}: no predictions")
    classes = [k[2:] for k in rows[0] if k.startswith("p_")]
    return path, classes, rows


def training_shares(rows, classes, train_counts):
    """Maps a fold (or None) to the training share of each class."""
    if "fold" in rows[0]:
        by_fold = {}
        for fold in sorted({r["fold"] for r in rows}):
            counts = Counter(r["true"] for r in rows if r["fold"] != fold)
            total = sum(counts[c] for c in classes)
            by_fold[fold] = [counts[c] / total for c in classes]
        return by_fold
    if not train_counts:
        raise SystemExit("the predictions have no fold column: give --train-counts DIR (the training ImageFolder root)")
    counts = {c: len(os.listdir(os.path.join(train_counts, c))) for c in classes}
    total = sum(counts.values())
    return {None: [counts[c] / total for c in classes]}


def adjusted(rows, classes, shares, tau):
    out = []
    for r in rows:
        prior = shares[r.get("fold")]
        p = [float(r["p_" + c]) / prior[i] ** tau for i, c in enumerate(classes)]
        s = sum(p)
        out.append([v / s for v in p])
    return out


def interval(samples, n, truth, classes, correct, base):
    """Paired bootstrap 95 % intervals of the accuracy and macro-recall differences correct - base, in points."""
    d_acc, d_mr = [], []
    for idx in samples:
        d_acc.append(sum(correct[i] - base[i] for i in idx) / n)
        d_mr.append(macro_recall(idx, truth, correct, classes) - macro_recall(idx, truth, base, classes))
    d_acc.sort()
    d_mr.sort()
    lo, hi = int(0.025 * len(d_acc)), int(0.975 * len(d_acc)) - 1
    all_idx = range(n)
    acc = (sum(correct) - sum(base)) / n
    mr = macro_recall(all_idx, truth, correct, classes) - macro_recall(all_idx, truth, base, classes)
    return (f"accuracy {acc * 100:+.2f} pp [{d_acc[lo] * 100:+.2f}, {d_acc[hi] * 100:+.2f}], "
            f"macro recall {mr * 100:+.2f} pp [{d_mr[lo] * 100:+.2f}, {d_mr[hi] * 100:+.2f}]")


def correct_at(rows, classes, shares, tau):
    probs = adjusted(rows, classes, shares, tau)
    return probs, [classes[max(range(len(classes)), key=lambda c: p[c])] == r["true"] for p, r in zip(probs, rows)]


def macro_recall(idx, truth, correct, classes):
    n = Counter(truth[i] for i in idx)
    k = Counter(truth[i] for i in idx if correct[i])
    present = [c for c in classes if n[c]]
    return sum(k[c] / n[c] for c in present) / len(present)


def coverage_at(probs, correct, target=0.95):
    """The largest share answered (most confident first) whose answered accuracy is >= target."""
    order = sorted(range(len(probs)), key=lambda i: -max(probs[i]))
    best, hits = 0, 0
    for rank, i in enumerate(order, 1):
        hits += correct[i]
        if hits / rank >= target:
            best = rank
    return best / len(order)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("run")
    ap.add_argument("--tau", default="0.5,1")
    ap.add_argument("--train-counts")
    ap.add_argument("--bootstrap", type=int, default=1000)
    ap.add_argument("--baseline")
    a = ap.parse_args()
    path, classes, rows = load(a.run)
    shares = training_shares(rows, classes, a.train_counts)
    other = None
    if a.baseline:
        other_path, other_classes, other_rows = load(a.baseline)
        by_path = {r["path"]: r for r in other_rows}
        if other_classes != classes or set(by_path) != {r["path"] for r in rows}:
            raise SystemExit(f"{other_path}: not the same classes and images as {path}")
        other_rows = [by_path[r["path"]] for r in rows]
        if any(o["true"] != r["true"] for o, r in zip(other_rows, rows)):
            raise SystemExit(f"{other_path}: the true labels differ from {path}")
        other = (other_rows, training_shares(other_rows, classes, a.train_counts))
    truth = [r["true"] for r in rows]
    source = [os.path.basename(r["path"]).split("_")[0] for r in rows]
    n = len(rows)
    rng = random.Random(0)
    samples = [[rng.randrange(n) for _ in range(n)] for _ in range(a.bootstrap)]
    print(f"{path}: {n} predictions; training shares " + "; ".join(
        f"fold {f}: " + " ".join(f"{c} {s:.3f}" for c, s in zip(classes, sh)) if f is not None else
        " ".join(f"{c} {s:.3f}" for c, s in zip(classes, sh)) for f, sh in shares.items()))
    base = None
    for tau in [0.0] + [float(t) for t in a.tau.split(",")]:
        probs, correct = correct_at(rows, classes, shares, tau)
        all_idx = range(n)
        acc, mr = sum(correct) / n, macro_recall(all_idx, truth, correct, classes)
        per_class = Counter(truth)
        hit = Counter(t for t, ok in zip(truth, correct) if ok)
        per_source = Counter(source)
        hit_source = Counter(s for s, ok in zip(source, correct) if ok)
        line = f"tau {tau:g}: accuracy {acc:.4f}, macro recall {mr:.4f}, answered at 95 %: {coverage_at(probs, correct):.3f}"
        line += "\n  recall " + " ".join(f"{c} {hit[c] / per_class[c]:.3f}" for c in classes if per_class[c])
        line += "\n  source " + " ".join(f"{s} {hit_source[s] / per_source[s]:.3f}" for s in sorted(per_source))
        if base is None:
            base = correct
        else:
            line += "\n  vs tau 0: " + interval(samples, n, truth, classes, correct, base)
        if other is not None:
            other_probs, other_correct = correct_at(other[0], classes, other[1], tau)
            line += (f"\n  baseline at tau {tau:g}: accuracy {sum(other_correct) / n:.4f}, answered at 95 %: {coverage_at(other_probs, other_correct):.3f}; "
                     "this run vs it: " + interval(samples, n, truth, classes, correct, other_correct))
        print(line)


if __name__ == "__main__":
    main()
