#!/usr/bin/python3
"""Throughput / latency reference for seed5 at 32x32 on the exchange tensors.

  train_images_per_s  model.train(), Adam(1e-3), CrossEntropyLoss, batch 32,
                      batches drawn in a fixed random order from the tensors;
                      --train-warmup steps untimed, then --train-steps timed
                      (forward + backward + optimizer step + loss.item()).
  infer_images_per_s  model.eval(), torch.no_grad(), batch 256, --infer-warmup
                      batches untimed, then --infer-batches timed (argmax incl.).
  single_latency_ms   model.eval(), torch.no_grad(), one image [1,3,32,32],
                      median over --latency-calls calls (after 20 warm-up calls),
                      each call timed separately with time.perf_counter().
Input normalisation and tensor slicing for the inference/latency parts are
done before timing; for training, the per-batch gather (X[idx]) is timed,
as it is part of a real training loop.
"""
import argparse
import json
import os
import platform
import statistics
import sys
import time

import torch
from torch import nn

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from seed_models import build_model  # noqa: E402
from make_tensors import load_dataset  # noqa: E402


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    src = ap.add_mutually_exclusive_group(required=True)
    src.add_argument("--tensors")
    src.add_argument("--data", help="image root; tensors built in memory at 32x32")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--train-warmup", type=int, default=20)
    ap.add_argument("--train-steps", type=int, default=300)
    ap.add_argument("--infer-warmup", type=int, default=3)
    ap.add_argument("--infer-batches", type=int, default=20)
    ap.add_argument("--latency-calls", type=int, default=300)
    ap.add_argument("--out", required=True)
    a = ap.parse_args(argv)
    if a.latency_calls < 1 or a.train_steps < 1 or a.infer_batches < 1:
        raise SystemExit("counts must be >= 1")

    torch.set_num_threads(a.threads)
    torch.set_num_interop_threads(1)
    torch.manual_seed(a.seed)

    classes, _, X, y, size = load_dataset(a.tensors, a.data, 32)
    if size != 32:
        raise SystemExit(f"bench is defined at 32x32; tensors are {size}x{size}")
    n, C = len(X), len(classes)
    print(f"data {n} images {size}x{size}, {C} classes; threads={torch.get_num_threads()} "
          f"torch={torch.__version__}", flush=True)

    # --- training throughput
    B = 32
    model = build_model("seed5", C, size)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = nn.CrossEntropyLoss()
    model.train()
    total = a.train_warmup + a.train_steps
    perm = torch.cat([torch.randperm(n) for _ in range((total * B) // n + 1)])

    def step(k):
        idx = perm[k * B:(k + 1) * B]
        out = model(X[idx])
        loss = loss_fn(out, y[idx])
        opt.zero_grad()
        loss.backward()
        opt.step()
        return loss.item()

    for k in range(a.train_warmup):
        step(k)
    t0 = time.perf_counter()
    for k in range(a.train_warmup, total):
        last_loss = step(k)
    train_s = time.perf_counter() - t0
    train_ips = a.train_steps * B / train_s
    print(f"train: {a.train_steps} steps x {B} in {train_s:.2f}s -> {train_ips:.1f} img/s "
          f"(last loss {last_loss:.3f})", flush=True)

    # --- inference throughput (fresh eval of the just-trained model)
    model.eval()
    IB = 256
    nb = max(1, n // IB)
    batches = [X[(i % nb) * IB:((i % nb) + 1) * IB].contiguous()
               for i in range(a.infer_warmup + a.infer_batches)]
    with torch.no_grad():
        for xb in batches[:a.infer_warmup]:
            model(xb).argmax(1)
        t0 = time.perf_counter()
        imgs = 0
        for xb in batches[a.infer_warmup:]:
            model(xb).argmax(1)
            imgs += len(xb)
        infer_s = time.perf_counter() - t0
    infer_ips = imgs / infer_s
    print(f"infer: {imgs} images in {infer_s:.2f}s -> {infer_ips:.1f} img/s", flush=True)

    # --- single-image latency
    singles = [X[i % n:i % n + 1].contiguous() for i in range(a.latency_calls)]
    times = []
    with torch.no_grad():
        for i in range(20):
            model(singles[i % len(singles)])
        for x1 in singles:
            t = time.perf_counter()
            model(x1).argmax(1).item()
            times.append((time.perf_counter() - t) * 1000.0)
    lat = statistics.median(times)
    q = statistics.quantiles(times, n=20) if len(times) >= 2 else [lat] * 19
    print(f"latency: median {lat:.3f} ms (p5 {q[0]:.3f}, p95 {q[-1]:.3f}) over {len(times)} calls",
          flush=True)

    res = {"train_images_per_s": train_ips, "infer_images_per_s": infer_ips,
           "single_latency_ms": lat, "torch_version": torch.__version__,
           "threads": torch.get_num_threads(),
           "details": {"train_steps": a.train_steps, "train_warmup": a.train_warmup,
                       "train_batch": B, "train_seconds": train_s,
                       "infer_batch": IB, "infer_images": imgs, "infer_seconds": infer_s,
                       "latency_calls": len(times), "latency_p5_ms": q[0],
                       "latency_p95_ms": q[-1], "latency_mean_ms": statistics.fmean(times),
                       "arch": "seed5", "size": size, "count": n,
                       "python": platform.python_version(),
                       "load_avg_at_end": os.getloadavg()}}
    tmp = a.out + ".tmp"
    with open(tmp, "w") as fh:
        json.dump(res, fh, indent=1)
    os.replace(tmp, a.out)
    print(f"-> {a.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
