#!/usr/bin/python3
"""Expected classification metrics for FaceMask.Evaluation, computed by scikit-learn.

Regenerate the committed fixture (from the repository root) with Debian's interpreter, which has
python3-sklearn and numpy:

    /usr/bin/python3 tests/FaceMask.Tests/Fixtures/make_sklearn_fixtures.py

It writes sklearn_reports.json beside this script. Each case holds the inputs (truth and predicted
class indices, label names) and what sklearn computes for them with labels=range(len(labels)),
target_names=labels and zero_division=0: precision_recall_fscore_support per class and with
average="macro"/"weighted", accuracy_score, confusion_matrix and the classification_report text for
digits=2 and digits=4. Cases are seeded, so the output is the same on every run (for a given sklearn).

With --stdin it instead reads one {"truth": [...], "pred": [...], "labels": [...]} object from
standard input and prints that case's expected values as JSON (used by the live sklearn test).
"""

import json
import os
import sys

import numpy as np
import sklearn
from sklearn.metrics import (
    accuracy_score,
    classification_report,
    confusion_matrix,
    precision_recall_fscore_support,
)

FIVE = ["cloth", "n95", "n95_valve", "surgical", "no_mask"]


def expected(name, truth, pred, labels):
    """sklearn's numbers and text for one case."""
    truth = [int(t) for t in truth]
    pred = [int(p) for p in pred]
    idx = list(range(len(labels)))
    p, r, f, s = precision_recall_fscore_support(truth, pred, labels=idx, average=None, zero_division=0)
    averages = {}
    for avg in ("macro", "weighted"):
        ap, ar, af, _ = precision_recall_fscore_support(truth, pred, labels=idx, average=avg, zero_division=0)
        averages[avg] = {"precision": float(ap), "recall": float(ar), "f1": float(af)}
    reports = {
        f"report_digits{d}": classification_report(
            truth, pred, labels=idx, target_names=labels, digits=d, zero_division=0
        )
        for d in (2, 4)
    }
    return {
        "name": name,
        "truth": truth,
        "pred": pred,
        "labels": list(labels),
        "per_class": {
            "precision": [float(x) for x in p],
            "recall": [float(x) for x in r],
            "f1": [float(x) for x in f],
            "support": [int(x) for x in s],
        },
        "macro": averages["macro"],
        "weighted": averages["weighted"],
        "accuracy": float(accuracy_score(truth, pred)),
        "confusion_matrix": confusion_matrix(truth, pred, labels=idx).tolist(),
        **reports,
    }


def noisy(rng, n, k, correct=0.6, class_probs=None):
    """Random truth, and predictions that are right with probability `correct`, else uniform."""
    truth = rng.choice(k, size=n, p=class_probs)
    pred = np.where(rng.random_sample(n) < correct, truth, rng.randint(0, k, size=n))
    return truth, pred


def cases():
    rng = np.random.RandomState(20240611)
    out = []

    t, p = noisy(rng, 200, 5, class_probs=[0.35, 0.25, 0.1, 0.2, 0.1])
    out.append(expected("five_classes", t, p, FIVE))

    # Class 3 ('surgical') is never predicted: its precision (and F1) is 0 by zero_division=0.
    t, p = noisy(rng, 150, 5)
    p = np.where(p == 3, (t + 1) % 5, p)
    p = np.where(p == 3, 0, p)
    out.append(expected("never_predicted", t, p, FIVE))

    # Class 2 ('n95_valve') has no support but is predicted: recall 0, still in the macro mean.
    t, p = noisy(rng, 120, 5)
    t = np.where(t == 2, 4, t)
    out.append(expected("no_support", t, p, FIVE))

    # Class 1 ('n95') is neither true nor predicted: sklearn prints a 'micro avg' row instead of 'accuracy'.
    t, p = noisy(rng, 90, 5)
    t = np.where(t == 1, 0, t)
    p = np.where(p == 1, 3, p)
    out.append(expected("absent_label", t, p, FIVE))

    t, p = noisy(rng, 60, 2, correct=0.7, class_probs=[0.7, 0.3])
    out.append(expected("two_classes", t, p, ["mask", "no_mask"]))

    # Exact ties in the text: precision 1/8 = 0.125 -> '0.12' (digits=2) and 1/32 = 0.03125 -> '0.0312'
    # (digits=4), as Python rounds the exact binary value half to even.
    t = [0] * 1 + [1] * 7 + [1] * 1 + [0] * 31 + [2] * 5
    p = [0] * 8 + [1] * 32 + [2] * 5
    out.append(expected("rounding_ties", t, p, ["cloth", "surgical", "no_mask"]))

    # No prediction is right: sklearn's counts become float64 and the report prints supports as '12.0'.
    t = rng.randint(0, 4, size=30)
    p = (t + rng.randint(1, 4, size=30)) % 4
    out.append(expected("no_correct_predictions", t, p, FIVE[:4]))

    # Ten classes (numpy's pairwise summation path) and names wider than 'weighted avg'.
    names = FIVE + ["surgical_with_valve_mask", "kn95", "ffp2", "ffp3", "face_shield_only"]
    t, p = noisy(rng, 400, 10, correct=0.5)
    out.append(expected("ten_classes_long_names", t, p, names))
    return out


def main():
    if "--stdin" in sys.argv[1:]:
        case = json.load(sys.stdin)
        json.dump(expected("live", case["truth"], case["pred"], case["labels"]), sys.stdout)
        return
    doc = {
        "generated_by": "tests/FaceMask.Tests/Fixtures/make_sklearn_fixtures.py",
        "sklearn_version": sklearn.__version__,
        "numpy_version": np.__version__,
        "cases": cases(),
    }
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "sklearn_reports.json")
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        json.dump(doc, fh, indent=1)
        fh.write("\n")
    print(f"wrote {path} ({len(doc['cases'])} cases)")


if __name__ == "__main__":
    main()
