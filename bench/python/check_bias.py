#!/usr/bin/python3
"""Check a FaceMask run folder's bias.json against pandas + scikit-learn.

usage: check_bias.py RUN_DIR [--attributes CSV] [--tol 1e-12] [--quiet]

Reads RUN_DIR/predictions.csv (path,true,pred,...; paths relative to the dataset
root), RUN_DIR/bias.json and the attribute CSV (path,<attribute>,...; default: the
file named in bias.json's coverage.source).  Joins predictions and attributes on
path with pandas (an empty cell or a missing row = unknown, never a group), then
for every attribute in bias.json -- and every "a × b" intersection -- recomputes
independently, per group:

  count; accuracy_score; precision_recall_fscore_support(average="macro",
  labels=range(k), zero_division=0); per-class recall and support;
  confusion_matrix; classification_report(digits=4, labels=range(k),
  target_names=labels, zero_division=0) compared as text with report_text;
  group minus overall for each headline metric;

and per attribute: labelled/unknown counts, the gap (max - min, first max /
first min in sorted group order) and ratio (min / max) of each headline metric
with its counts and "small" flag (a count under settings.min_group_size), and
one-vs-rest TPR / FPR per group and class with their max - min gaps (between
groups with at least min_group_size positives / negatives when two exist, else
all groups defining the rate) and the worst case (largest gap that is not small,
else the largest).  Also checks the overall figures and the coverage counts (attribute
paths that match no prediction, predictions without a row) when the predictions
cover the whole dataset, and that every interval is ordered (low <= high).

Exit status: 0 = all agree, 1 = disagreement, 2 = missing/unreadable input.
"""
import argparse
import json
import math
import os
import sys

import numpy as np
import pandas as pd
from sklearn.metrics import (accuracy_score, classification_report, confusion_matrix,
                             precision_recall_fscore_support)

CROSS = " × "
HEADLINE = ["accuracy", "macro_precision", "macro_recall", "macro_f1"]


class Checker:
    def __init__(self, tol, quiet):
        self.tol, self.quiet, self.n, self.failures = tol, quiet, 0, []

    def ok(self, name, cond, detail=""):
        self.n += 1
        if not cond:
            self.failures.append(f"{name}: {detail}")
            print(f"  FAIL {name}: {detail}")
        elif not self.quiet:
            print(f"  ok   {name}")

    def num(self, name, got, want):
        good = got is not None and want is not None and abs(float(got) - float(want)) <= self.tol
        self.ok(name, good, f"bias.json {got!r} vs pandas/sklearn {want!r}")


def die(msg):
    print(f"VERDICT: CANNOT CHECK - {msg}")
    sys.exit(2)


def metrics(y_true, y_pred, k):
    labels = list(range(k))
    p, r, f, _ = precision_recall_fscore_support(y_true, y_pred, labels=labels, average="macro", zero_division=0)
    return {"accuracy": accuracy_score(y_true, y_pred), "macro_precision": p, "macro_recall": r, "macro_f1": f}


def rates(y_true, y_pred, k):
    """One-vs-rest TPR and FPR per class (None where undefined) and their denominators."""
    tpr, fpr, npos, nneg = [], [], [], []
    for c in range(k):
        pos = y_true == c
        neg = ~pos
        tpr.append(float(((y_pred == c) & pos).sum() / pos.sum()) if pos.sum() else None)
        fpr.append(float(((y_pred == c) & neg).sum() / neg.sum()) if neg.sum() else None)
        npos.append(int(pos.sum()))
        nneg.append(int(neg.sum()))
    return tpr, fpr, npos, nneg


def first_max_min(values):
    hi = int(np.argmax(values))
    lo = int(np.argmin(values))
    if hi == lo:
        hi, lo = 0, 1
    return hi, lo


def check_gap(ck, name, gap, groups, values, sizes, min_size):
    hi, lo = first_max_min(values)
    ck.ok(f"{name} counts", (gap.get("high_count"), gap.get("low_count")) == (sizes[hi], sizes[lo]),
          f"{(gap.get('high_count'), gap.get('low_count'))} vs {(sizes[hi], sizes[lo])}")
    small = min(sizes[hi], sizes[lo]) < min_size
    ck.ok(f"{name} small flag", bool(gap.get("small", False)) == small, f"{gap.get('small')} vs {small}")
    ck.ok(f"{name} highest group", gap["high_group"] == groups[hi], f"{gap['high_group']} vs {groups[hi]}")
    ck.ok(f"{name} lowest group", gap["low_group"] == groups[lo], f"{gap['low_group']} vs {groups[lo]}")
    ck.num(f"{name} difference (max - min)", gap["difference"]["value"], values[hi] - values[lo])
    ratio = values[lo] / values[hi] if values[hi] != 0 else None
    got = gap["ratio"].get("value")
    if ratio is None:
        ck.ok(f"{name} ratio undefined", got is None, f"{got!r}")
    else:
        ck.num(f"{name} ratio (min / max)", got, ratio)
    d = gap["difference"]
    if d.get("low") is not None:
        ck.ok(f"{name} interval ordered", d["low"] <= d["high"], f"{d['low']} > {d['high']}")
        ck.ok(f"{name} includes_zero flag", d["includes_zero"] == (d["low"] <= 0 <= d["high"]), f"{d}")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("run_dir")
    ap.add_argument("--attributes", help="attribute CSV (default: coverage.source of bias.json)")
    ap.add_argument("--tol", type=float, default=1e-12)
    ap.add_argument("--quiet", action="store_true", help="print failures only")
    a = ap.parse_args(argv)

    bias_path = os.path.join(a.run_dir, "bias.json")
    pred_path = os.path.join(a.run_dir, "predictions.csv")
    for p in (bias_path, pred_path):
        if not os.path.isfile(p):
            die(f"missing {p}")
    with open(bias_path, encoding="utf-8") as fh:
        bias = json.load(fh)
    attr_path = a.attributes or (bias.get("coverage") or {}).get("source")
    if not attr_path or not os.path.isfile(attr_path):
        die(f"no attribute CSV (give --attributes; bias.json names {attr_path!r})")

    labels = bias["labels"]
    min_size = bias["settings"]["min_group_size"]
    k = len(labels)
    index = {l: i for i, l in enumerate(labels)}
    pred = pd.read_csv(pred_path, dtype={"path": str, "true": str, "pred": str}, keep_default_na=False)
    attrs = pd.read_csv(attr_path, dtype=str, keep_default_na=False)
    attrs["path"] = attrs["path"].str.strip().str.replace("\\", "/", regex=False).str.replace(r"^(\./)+", "", regex=True)
    attrs = attrs.drop_duplicates("path")
    for col in attrs.columns:
        if col != "path":
            attrs[col] = attrs[col].str.strip().replace("", np.nan)
    df = pred.merge(attrs, on="path", how="left", validate="one_to_one")
    df["t"] = df["true"].map(index)
    df["p"] = df["pred"].map(index)
    if df["t"].isna().any() or df["p"].isna().any():
        die("predictions.csv has labels that are not in bias.json's labels")
    y_t_all = df["t"].to_numpy(int)
    y_p_all = df["p"].to_numpy(int)

    ck = Checker(a.tol, a.quiet)
    print(f"checking {a.run_dir}: {len(df)} predictions, attributes {attr_path}, labels {labels}")

    overall = metrics(y_t_all, y_p_all, k)
    ck.ok("overall count", bias["overall"]["count"] == len(df), f"{bias['overall']['count']} vs {len(df)}")
    for m in HEADLINE:
        ck.num(f"overall {m}", bias["overall"]["metrics"][m]["value"], overall[m])

    cov = bias.get("coverage")
    if cov:
        pred_paths = set(df["path"])
        unmatched = sorted(set(attrs["path"]) - pred_paths)
        without = int((~df["path"].isin(set(attrs["path"]))).sum())
        if cov["images"] == len(df):
            ck.ok("coverage: attribute paths matching no image", cov["unmatched_path_count"] == len(unmatched),
                  f"{cov['unmatched_path_count']} vs {len(unmatched)}")
            ck.ok("coverage: images without a row", cov["images_without_row_count"] == without,
                  f"{cov['images_without_row_count']} vs {without}")
        else:
            print(f"  (coverage counted against {cov['images']} dataset images, predictions cover {len(df)}: not rechecked)")

    for attr in bias["attributes"]:
        name = attr["name"]
        parts = name.split(CROSS)
        missing = [p for p in parts if p not in df.columns]
        if missing:
            ck.ok(f"[{name}] attribute column present", False, f"no column {missing} in {attr_path}")
            continue
        if len(parts) == 1:
            g = df[name]
        else:
            known = df[parts].notna().all(axis=1)
            g = pd.Series(np.nan, index=df.index, dtype=object)
            g[known] = df.loc[known, parts].astype(str).agg(CROSS.join, axis=1)
        labelled = int(g.notna().sum())
        ck.ok(f"[{name}] labelled", attr["labelled"] == labelled, f"{attr['labelled']} vs {labelled}")
        ck.ok(f"[{name}] unknown", attr["unknown"] == len(df) - labelled, f"{attr['unknown']} vs {len(df) - labelled}")
        groups = sorted(g.dropna().unique().tolist())  # Python sorts str by code point = C# ordinal for BMP text
        got_groups = [x["name"] for x in attr["groups"]]
        ck.ok(f"[{name}] groups", got_groups == groups, f"{got_groups} vs {groups}")
        if got_groups != groups:
            continue

        per_group = {}
        texts = {}
        counts = {}
        for grp, res in zip(groups, attr["groups"]):
            sel = (g == grp).to_numpy()
            yt, yp = y_t_all[sel], y_p_all[sel]
            tag = f"[{name}={grp}]"
            ck.ok(f"{tag} count", res["count"] == int(sel.sum()), f"{res['count']} vs {int(sel.sum())}")
            mm = metrics(yt, yp, k)
            per_group[grp] = (mm, rates(yt, yp, k))
            for m in HEADLINE:
                e = res["metrics"][m]
                ck.num(f"{tag} {m}", e["value"], mm[m])
                if e.get("low") is not None:
                    ck.ok(f"{tag} {m} interval ordered", e["low"] <= e["high"], f"{e}")
                ck.num(f"{tag} {m} - overall", res["difference_to_overall"][m]["value"], mm[m] - overall[m])
            rec = precision_recall_fscore_support(yt, yp, labels=list(range(k)), average=None, zero_division=0)
            for c in range(k):
                cr = res["per_class_recall"][c]
                ck.num(f"{tag} recall {labels[c]}", cr["value"], rec[1][c])
                ck.ok(f"{tag} support {labels[c]}", cr["support"] == int(rec[3][c]), f"{cr['support']} vs {rec[3][c]}")
            cm = confusion_matrix(yt, yp, labels=list(range(k))).tolist()
            ck.ok(f"{tag} confusion matrix", res["report"]["confusion_matrix"] == cm, f"{res['report']['confusion_matrix']} vs {cm}")
            text = classification_report(yt, yp, labels=list(range(k)), target_names=labels, digits=4, zero_division=0)
            ck.ok(f"{tag} classification report text (sklearn layout)", res["report_text"].rstrip("\n") == text.rstrip("\n"),
                  f"\n{res['report_text']}\nvs sklearn\n{text}")
            texts[grp] = (res["report_text"], cm)
            counts[grp] = int(sel.sum())

        # the "same report for two different groups" bug: identical text only where the data are identical
        for i, gi in enumerate(groups):
            for gj in groups[i + 1:]:
                if texts[gi][0] == texts[gj][0]:
                    ck.ok(f"[{name}] {gi} and {gj} share a report only if their confusion matrices match",
                          texts[gi][1] == texts[gj][1], "identical reports for different data")

        if len(groups) >= 2:
            gaps = {x["metric"]: x for x in attr["gaps"]}
            for m in HEADLINE:
                vals = [per_group[grp][0][m] for grp in groups]
                if m not in gaps:
                    ck.ok(f"[{name}] gap {m} present", False, "missing")
                    continue
                check_gap(ck, f"[{name}] gap {m}", gaps[m], groups, vals, [counts[grp] for grp in groups], min_size)

        worst = None  # (label, rate, value, small); the largest gap that is not small, else the largest
        for c in range(k):
            odds = attr["equalized_odds"]["per_class"][c]
            for rate, pos in (("tpr", 0), ("fpr", 1)):
                defined = [(grp, per_group[grp][1][pos][c], per_group[grp][1][pos + 2][c])
                           for grp in groups if per_group[grp][1][pos][c] is not None]
                got = odds[rate]
                want = {grp: v for grp, v, _ in defined}
                ck.ok(f"[{name}] {rate} {labels[c]} groups", sorted(got) == sorted(want), f"{sorted(got)} vs {sorted(want)}")
                for grp, v, _ in defined:
                    if grp in got:
                        ck.num(f"[{name}] {rate} {labels[c]} {grp}", got[grp], v)
                enough = [d for d in defined if d[2] >= min_size]
                used = enough if len(enough) >= 2 else defined
                gap = odds.get(f"{rate}_gap")
                if len(used) >= 2:
                    if gap is None:
                        ck.ok(f"[{name}] {rate} gap {labels[c]}", False, "missing")
                        continue
                    check_gap(ck, f"[{name}] {rate} gap {labels[c]}", gap, [d[0] for d in used], [d[1] for d in used],
                              [d[2] for d in used], min_size)
                    cand = (labels[c], rate, gap["difference"]["value"], bool(gap.get("small", False)))
                    if worst is None or (worst[3] and not cand[3]) or (worst[3] == cand[3] and cand[2] > worst[2]):
                        worst = cand
                else:
                    ck.ok(f"[{name}] {rate} gap {labels[c]} absent", gap is None, f"{gap}")
        eo = attr["equalized_odds"]
        if worst is not None:
            ck.ok(f"[{name}] worst equalised-odds gap", (eo.get("worst_class"), eo.get("worst_rate")) == worst[:2],
                  f"{(eo.get('worst_class'), eo.get('worst_rate'))} vs {worst[:2]}")

    print()
    if ck.failures:
        print(f"VERDICT: DISAGREE - {len(ck.failures)} of {ck.n} checks failed")
        for f in ck.failures[:40]:
            print(f"  - {f[:300]}")
        sys.exit(1)
    print(f"VERDICT: AGREE - all {ck.n} checks passed (tolerance {ck.tol:g})")
    sys.exit(0)


if __name__ == "__main__":
    main()
