#!/usr/bin/python3
"""Check a FaceMask run folder's metrics against scikit-learn.

usage: check_report.py RUN_DIR [--report-txt FILE] [--tol 1e-9] [--quiet]

Reads RUN_DIR/predictions.csv  (columns: path,true,pred,p_<class>...; labels are
class names) and RUN_DIR/report.json (labels, accuracy, per_class[{label,
precision, recall, f1, support}], macro{precision,recall,f1}, weighted{...},
confusion_matrix[[...]]; rows = true class, columns = predicted, in `labels` order).

Recomputes with sklearn (labels=report.labels, zero_division=0):
  accuracy_score, precision_recall_fscore_support (per class / macro / weighted),
  confusion_matrix, classification_report(digits=2)
and checks every number in report.json to an absolute tolerance of --tol
(supports and the confusion matrix exactly).  The printed classification report
is checked at 2 decimals: sklearn's text is compared with the report.json
numbers formatted the same way, and with a printed report text file if one
exists (--report-txt, or RUN_DIR/report.txt or RUN_DIR/classification_report.txt).
Also sanity-checks predictions.csv: unique paths, labels known, a p_<label>
column per label, probabilities in [0,1] summing to 1 (+-1e-3), argmax == pred.

Exit status: 0 = all agree, 1 = disagreement, 2 = missing/unreadable input.
"""
import argparse
import csv
import json
import math
import os
import re
import sys

import numpy as np
from sklearn.metrics import (accuracy_score, classification_report, confusion_matrix,
                             precision_recall_fscore_support)

NUM = re.compile(r"^-?\d+(\.\d+)?$")


class Checker:
    def __init__(self, tol, quiet):
        self.tol, self.quiet, self.n, self.failures = tol, quiet, 0, []

    def ok(self, name, cond, detail=""):
        self.n += 1
        if not cond:
            self.failures.append(f"{name}: {detail}")
        elif not self.quiet:
            print(f"  ok   {name}")

    def num(self, name, got, want):
        try:
            g = float(got)
        except (TypeError, ValueError):
            self.ok(name, False, f"not a number: {got!r} (sklearn {want!r})")
            return
        self.ok(name, math.isfinite(g) and abs(g - float(want)) <= self.tol,
                f"report {g!r} vs sklearn {float(want)!r} (diff {abs(g - float(want)):.3g})")

    def exact(self, name, got, want):
        self.ok(name, got == want, f"report {got!r} vs sklearn {want!r}")


def die(msg):
    print(f"VERDICT: CANNOT CHECK - {msg}")
    sys.exit(2)


def parse_printed(text):
    """sklearn-style report text -> {row name: [numbers as strings]}."""
    rows = {}
    for line in text.splitlines():
        toks = line.split()
        if not toks:
            continue
        k = len(toks)
        while k > 0 and NUM.match(toks[k - 1]):
            k -= 1
        nums = toks[k:]
        name = " ".join(toks[:k])
        if nums and name:
            rows[name] = nums
    return rows


def fmt_row(vals, support):
    return [f"{v:.2f}" for v in vals] + [str(int(support))]


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("run_dir")
    ap.add_argument("--report-txt", help="printed classification report to compare (2 decimals)")
    ap.add_argument("--tol", type=float, default=1e-9)
    ap.add_argument("--quiet", action="store_true", help="print failures only")
    a = ap.parse_args(argv)

    pred_path = os.path.join(a.run_dir, "predictions.csv")
    rep_path = os.path.join(a.run_dir, "report.json")
    for p in (pred_path, rep_path):
        if not os.path.isfile(p):
            die(f"missing {p}")
    try:
        with open(rep_path, encoding="utf-8") as fh:
            rep = json.load(fh)
        with open(pred_path, newline="", encoding="utf-8-sig") as fh:
            reader = csv.DictReader(fh)
            header = reader.fieldnames or []
            rows = list(reader)
    except (OSError, ValueError) as e:
        die(f"cannot read input: {e}")
    for k in ("labels", "accuracy", "per_class", "macro", "weighted", "confusion_matrix"):
        if k not in rep:
            die(f"report.json lacks key {k!r}")
    for k in ("path", "true", "pred"):
        if k not in header:
            die(f"predictions.csv lacks column {k!r} (header: {header})")
    if not rows:
        die("predictions.csv has no rows")

    labels = [str(x) for x in rep["labels"]]
    ck = Checker(a.tol, a.quiet)
    print(f"checking {a.run_dir}: {len(rows)} predictions, labels {labels}")

    # ---- predictions.csv sanity
    y_true = [r["true"] for r in rows]
    y_pred = [r["pred"] for r in rows]
    paths = [r["path"] for r in rows]
    ck.ok("labels unique", len(set(labels)) == len(labels), f"{labels}")
    ck.ok("paths unique", len(set(paths)) == len(paths),
          f"{len(paths) - len(set(paths))} duplicate path(s)")
    unknown = sorted((set(y_true) | set(y_pred)) - set(labels))
    ck.ok("true/pred labels all in report.labels", not unknown, f"unknown labels {unknown}")
    pcols = [f"p_{l}" for l in labels]
    missing = [c for c in pcols if c not in header]
    ck.ok("p_<label> column for every label", not missing, f"missing {missing}")
    if not missing:
        try:
            P = np.array([[float(r[c]) for c in pcols] for r in rows])
        except ValueError as e:
            P = None
            ck.ok("probabilities numeric", False, str(e))
        if P is not None:
            ck.ok("probabilities finite and in [0,1]",
                  bool(np.all(np.isfinite(P)) and P.min() >= 0 and P.max() <= 1),
                  f"min {np.nanmin(P)}, max {np.nanmax(P)}")
            s = P.sum(1)
            bad = np.flatnonzero(np.abs(s - 1) > 1e-3)
            ck.ok("probabilities sum to 1 (+-1e-3)", bad.size == 0,
                  f"{bad.size} row(s), e.g. {paths[bad[0]] if bad.size else ''} sums to "
                  f"{s[bad[0]] if bad.size else ''}")
            idx = {l: i for i, l in enumerate(labels)}
            top = P.max(1)
            wrong = [i for i, p in enumerate(y_pred)
                     if p in idx and P[i, idx[p]] < top[i] - 1e-6]
            ck.ok("pred == argmax p_<label> (ties allowed)", not wrong,
                  f"{len(wrong)} row(s), e.g. {paths[wrong[0]] if wrong else ''}")

    # ---- numbers vs sklearn
    acc = accuracy_score(y_true, y_pred)
    ck.num("accuracy", rep["accuracy"], acc)
    p, r, f, s = precision_recall_fscore_support(y_true, y_pred, labels=labels,
                                                 average=None, zero_division=0)
    pcs = {}
    for e in rep["per_class"]:
        lab = str(e.get("label"))
        ck.ok(f"per_class entry {lab!r} unique", lab not in pcs, "duplicate entry")
        pcs[lab] = e
    ck.ok("per_class labels == labels", set(pcs) == set(labels),
          f"per_class has {sorted(pcs)}, labels {labels}")
    for i, lab in enumerate(labels):
        e = pcs.get(lab)
        if e is None:
            continue
        for key, want in (("precision", p[i]), ("recall", r[i]), ("f1", f[i])):
            ck.num(f"{lab}.{key}", e.get(key), want)
        ck.exact(f"{lab}.support", e.get("support"), int(s[i]))
    for avg in ("macro", "weighted"):
        ap_, ar_, af_, _ = precision_recall_fscore_support(y_true, y_pred, labels=labels,
                                                          average=avg, zero_division=0)
        for key, want in (("precision", ap_), ("recall", ar_), ("f1", af_)):
            ck.num(f"{avg}.{key}", (rep[avg] or {}).get(key), want)
    cm = confusion_matrix(y_true, y_pred, labels=labels).tolist()
    ck.exact("confusion_matrix (rows=true, cols=pred)", rep["confusion_matrix"], cm)

    # ---- printed report, 2 decimals
    text = classification_report(y_true, y_pred, labels=labels, digits=2, zero_division=0)
    sk = parse_printed(text)
    n = len(y_true)
    mine = {}
    for lab in labels:
        e = pcs.get(lab) or {}
        try:
            mine[lab] = fmt_row([e["precision"], e["recall"], e["f1"]], e["support"])
        except (KeyError, TypeError, ValueError):
            pass
    try:
        mine["accuracy"] = [f"{float(rep['accuracy']):.2f}", str(n)]
        for avg in ("macro", "weighted"):
            mine[f"{avg} avg"] = fmt_row([rep[avg]["precision"], rep[avg]["recall"],
                                          rep[avg]["f1"]], n)
    except (KeyError, TypeError, ValueError):
        pass
    for row, want in sk.items():
        ck.exact(f"printed row {row!r} (report.json at 2 dp)", mine.get(row), want)
    txt = a.report_txt
    if txt is None:
        for cand in ("report.txt", "classification_report.txt"):
            if os.path.isfile(os.path.join(a.run_dir, cand)):
                txt = os.path.join(a.run_dir, cand)
                break
    if txt:
        try:
            with open(txt, encoding="utf-8") as fh:
                printed = parse_printed(fh.read())
        except OSError as e:
            die(f"cannot read {txt}: {e}")
        d = classification_report(y_true, y_pred, labels=labels, zero_division=0,
                                  output_dict=True)
        for row, want in sk.items():
            got = printed.get(row)
            e = d.get(row, {})
            exact = [e] if isinstance(e, float) else [e.get(k, 0.0) for k in
                                                      ("precision", "recall", "f1-score")]
            tie = any(abs(v * 100 - math.floor(v * 100) - 0.5) < 1e-9 for v in exact)
            # a half-way value such as 0.125 prints "0.12" in Python (round half to
            # even on the exact binary value) but "0.13" with .NET's "F2"
            hint = " (half-way value: Python rounds to even, .NET F2 away from zero)" \
                if tie and got != want else ""
            ck.ok(f"{os.path.basename(txt)} row {row!r}", got == want,
                  f"printed {got!r} vs sklearn {want!r}{hint}")

    if not a.quiet:
        print("sklearn classification_report (digits=2):")
        print(text)
    if ck.failures:
        print(f"VERDICT: DISAGREE - {len(ck.failures)} of {ck.n} checks failed:")
        for m in ck.failures:
            print(f"  FAIL {m}")
        return 1
    print(f"VERDICT: AGREE - all {ck.n} checks passed (tol {a.tol:g})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
