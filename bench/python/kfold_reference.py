#!/usr/bin/python3
"""Stratified shuffled K-fold cross-validation of seed4/seed5 (PyTorch reference).

Protocol (what the C# side must mirror for parity):
  * torch.set_num_threads(--threads); torch.set_num_interop_threads(1)
  * folds: sklearn StratifiedKFold(n_splits=folds, shuffle=True, random_state=seed)
    over all N images (labels from the exchange format)
  * per fold f: torch.manual_seed(seed * 1000 + f) -> fresh model (PyTorch default
    init), Adam(lr, betas=(0.9,0.999), eps=1e-8, weight_decay=0), CrossEntropyLoss
    (mean), batch --batch, training order reshuffled every epoch with
    torch.randperm (generator seeded the same way), last partial batch kept
    (a trailing batch of exactly 1 image is skipped: BatchNorm cannot train on it)
  * model.train() while training; model.eval() + torch.no_grad() for evaluation
  * per-epoch line: loss = sample-weighted mean training loss of that epoch,
    accuracy = training accuracy over that epoch (train mode, as the batches went by)
  * fold metrics on the held-out fold: accuracy, P/R/F1 macro and weighted
    (sklearn precision_recall_fscore_support, zero_division=0), confusion matrix
  * seconds per fold = wall time for training + evaluation of that fold
"""
import argparse
import json
import os
import platform
import sys
import time

import numpy as np
import torch
from torch import nn
from sklearn.model_selection import StratifiedKFold
from sklearn.metrics import accuracy_score, confusion_matrix, precision_recall_fscore_support

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from seed_models import ARCHS, build_model, count_parameters  # noqa: E402
from make_tensors import load_dataset  # noqa: E402


def evaluate(model, X, batch=256):
    model.eval()
    preds = []
    with torch.no_grad():
        for i in range(0, len(X), batch):
            preds.append(model(X[i:i + batch]).argmax(1))
    return torch.cat(preds).numpy()


def train_fold(arch, n_classes, size, Xtr, ytr, epochs, batch, lr, seed, log):
    torch.manual_seed(seed)
    gen = torch.Generator().manual_seed(seed)
    model = build_model(arch, n_classes, size)
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    loss_fn = nn.CrossEntropyLoss()
    n = len(Xtr)
    history = []
    for ep in range(1, epochs + 1):
        model.train()
        perm = torch.randperm(n, generator=gen)
        tot_loss, correct, seen = 0.0, 0, 0
        for i in range(0, n, batch):
            idx = perm[i:i + batch]
            if len(idx) < 2:
                continue
            xb, yb = Xtr[idx], ytr[idx]
            out = model(xb)
            loss = loss_fn(out, yb)
            opt.zero_grad()
            loss.backward()
            opt.step()
            tot_loss += loss.item() * len(idx)
            correct += (out.argmax(1) == yb).sum().item()
            seen += len(idx)
        ep_loss, ep_acc = tot_loss / seen, 100.0 * correct / seen
        history.append({"epoch": ep, "loss": ep_loss, "train_accuracy": ep_acc})
        log(f"Epoch {ep}/{epochs}, Loss--> {ep_loss:.4f}, Accuracy--> {ep_acc:.2f}%")
    return model, history


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    src = ap.add_mutually_exclusive_group(required=True)
    src.add_argument("--tensors", help="exchange directory (meta.json, pixels.u8, labels.i32)")
    src.add_argument("--data", help="image root; tensors are built in memory")
    ap.add_argument("--size", type=int, default=32, help="only with --data")
    ap.add_argument("--arch", choices=ARCHS, default="seed5")
    ap.add_argument("--folds", type=int, default=10)
    ap.add_argument("--epochs", type=int, default=10)
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--lr", type=float, default=0.001)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--max-folds", type=int, default=None,
                    help="run only the first K folds of the --folds split")
    ap.add_argument("--folds-out", help="optional: write test-fold index per image (JSON)")
    ap.add_argument("--out", required=True, help="result JSON")
    a = ap.parse_args(argv)

    torch.set_num_threads(a.threads)
    torch.set_num_interop_threads(1)

    def log(msg):
        print(msg, flush=True)

    t_start = time.perf_counter()
    t0 = time.perf_counter()
    classes, paths, X, y, size = load_dataset(a.tensors, a.data, a.size)
    load_s = time.perf_counter() - t0
    C = len(classes)
    log(f"data: {len(X)} images, {size}x{size}, classes={classes}, load {load_s:.2f}s")
    log(f"arch={a.arch} params={count_parameters(build_model(a.arch, C, size))} "
        f"folds={a.folds} epochs={a.epochs} batch={a.batch} lr={a.lr} seed={a.seed} "
        f"threads={torch.get_num_threads()} torch={torch.__version__}")

    skf = StratifiedKFold(n_splits=a.folds, shuffle=True, random_state=a.seed)
    splits = list(skf.split(np.zeros(len(y)), y.numpy()))
    if a.folds_out:
        fold_of = np.empty(len(y), dtype=int)
        for f, (_, te) in enumerate(splits):
            fold_of[te] = f
        with open(a.folds_out, "w") as fh:
            json.dump({"folds": a.folds, "seed": a.seed, "paths": paths,
                       "test_fold": fold_of.tolist()}, fh)
    n_run = len(splits) if a.max_folds is None else min(a.max_folds, len(splits))
    labels_idx = list(range(C))
    folds = []
    for f in range(n_run):
        tr, te = splits[f]
        log(f"--- fold {f + 1}/{a.folds}: train {len(tr)}, test {len(te)}")
        tf0 = time.perf_counter()
        model, hist = train_fold(a.arch, C, size, X[tr], y[tr], a.epochs, a.batch,
                                 a.lr, a.seed * 1000 + f, log)
        tf1 = time.perf_counter()
        pred = evaluate(model, X[te])
        tf2 = time.perf_counter()
        yt = y[te].numpy()
        acc = accuracy_score(yt, pred)
        rec = {"fold": f, "n_train": int(len(tr)), "n_test": int(len(te)),
               "accuracy": float(acc)}
        for avg in ("macro", "weighted"):
            p, r, f1, _ = precision_recall_fscore_support(
                yt, pred, labels=labels_idx, average=avg, zero_division=0)
            rec[avg] = {"precision": float(p), "recall": float(r), "f1": float(f1)}
        rec["confusion_matrix"] = confusion_matrix(yt, pred, labels=labels_idx).tolist()
        rec["seconds"] = tf2 - tf0
        rec["train_seconds"] = tf1 - tf0
        rec["eval_seconds"] = tf2 - tf1
        rec["epochs"] = hist
        folds.append(rec)
        log(f"Fold {f + 1}: accuracy {100 * acc:.2f}%  macro-F1 {rec['macro']['f1']:.4f}  "
            f"time {rec['seconds']:.1f}s (train {rec['train_seconds']:.1f}s)")

    accs = np.array([r["accuracy"] for r in folds])
    total = time.perf_counter() - t_start
    result = {
        "arch": a.arch, "size": size, "classes": classes, "count": int(len(X)),
        "folds": a.folds, "folds_run": n_run, "epochs": a.epochs, "batch": a.batch,
        "lr": a.lr, "seed": a.seed, "source": a.tensors or a.data,
        "accuracy_per_fold": accs.tolist(),
        "accuracy_mean": float(accs.mean()),
        "accuracy_sd": float(accs.std(ddof=1)) if len(accs) > 1 else None,
        "macro_f1_mean": float(np.mean([r["macro"]["f1"] for r in folds])),
        "weighted_f1_mean": float(np.mean([r["weighted"]["f1"] for r in folds])),
        "seconds_per_fold": [r["seconds"] for r in folds],
        "load_seconds": load_s,
        "total_wall_seconds": total,
        "fold_results": folds,
        "torch_version": torch.__version__, "threads": torch.get_num_threads(),
        "python": platform.python_version(), "machine": platform.machine(),
    }
    tmp = a.out + ".tmp"
    with open(tmp, "w") as fh:
        json.dump(result, fh, indent=1)
    os.replace(tmp, a.out)
    sd = "n/a" if result["accuracy_sd"] is None else f"{100 * result['accuracy_sd']:.2f}"
    log(f"=== {a.arch}: accuracy mean {100 * accs.mean():.2f}% sd {sd} over {n_run} fold(s); "
        f"total {total:.1f}s -> {a.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
