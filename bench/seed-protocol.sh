#!/usr/bin/env bash
# The original protocol (seed5, 32 px, stratified 10-fold x 10 epochs, batch 32, Adam 0.001, 2 threads), ours and
# PyTorch's reference, back to back, each under /usr/bin/time -v, written as JSON with the commands (issue #18 part 1).
# usage: bench/seed-protocol.sh IMAGES_DIR OUT.json [--before BEFORE_DLL] [FACEMASK_DLL]
#   IMAGES_DIR: ../shared/datasets/facemask/images; FACEMASK_DLL: a Release build of the CLI (default:
#   src/FaceMask.Cli/bin/Release/net10.0/linux-x64/facemask.dll); --before: also runs a Release build of an earlier
#   commit (git worktree add ../before REV; dotnet build -c Release) and checks that its predictions are identical.
#   Needs Debian's python3-torch and python3-sklearn (/usr/bin/python3). Run it on an idle machine: it takes ~30 min.
set -euo pipefail
images=$1; out=$2; shift 2
before=
if [ "${1:-}" = "--before" ]; then before=$2; shift 2; [ -f "$before" ] || { echo "$before: not found" >&2; exit 2; }; fi
dll=${1:-src/FaceMask.Cli/bin/Release/net10.0/linux-x64/facemask.dll}
[ -f "$dll" ] || { echo "$dll: not found; build with dotnet build -c Release first" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "/usr/bin/time: not found (apt-get install time)" >&2; exit 2; }
/usr/bin/python3 -c "import torch, sklearn" 2>/dev/null || { echo "/usr/bin/python3 lacks torch or sklearn (apt-get install python3-torch python3-sklearn)" >&2; exit 2; }
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT

measure() { # name, then the command; prints one JSON object (wall seconds, peak RSS, accuracy from the run's own result)
  local name=$1; shift
  local load; load=$(cut -d' ' -f1-3 /proc/loadavg)
  /usr/bin/time -v "$@" >"$work/$name.out" 2>"$work/$name.time" \
    || { echo "$name failed:" >&2; tail -5 "$work/$name.out" "$work/$name.time" >&2; exit 1; }
  /usr/bin/python3 - "$name" "$work" "$load" "$*" <<'EOF'
import json, re, sys
name, work, load, command = sys.argv[1:5]
time = open(f"{work}/{name}.time").read()
h, m, s = ([0, 0] + re.search(r"Elapsed \(wall clock\).*: (\S+)", time).group(1).split(":"))[-3:]
wall = int(h) * 3600 + int(m) * 60 + float(s)
rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", time).group(1)) // 1024
if name == "pytorch":
    r = json.load(open(f"{work}/pytorch.json"))
    acc = {"fold_accuracy_mean": r["accuracy_mean"], "fold_accuracy_sd": r["accuracy_sd"], "macro_f1_mean": r["macro_f1_mean"]}
else:
    r = json.load(open(f"{work}/{name}/report.json"))
    acc = {"fold_accuracy_mean": r["mean"]["accuracy"], "fold_accuracy_sd": r["sd"]["accuracy"], "macro_f1_mean": r["mean"]["macro_f1"]}
command = command.replace(work + "/", "")
print(json.dumps({"name": name, "command": command, "load_average_at_start": load, "wall_seconds": round(wall, 1),
                  "peak_rss_mib": rss, **{k: round(v, 4) for k, v in acc.items()}}))
EOF
}

runs=()
runs+=("$(measure ours dotnet "$dll" kfold --data "$images" --folds 10 --epochs 10 --threads 2 --out "$work/ours")")
if [ -n "$before" ]; then
  runs+=("$(measure before dotnet "$before" kfold --data "$images" --folds 10 --epochs 10 --threads 2 --out "$work/before")")
  cmp -s "$work/ours/predictions.csv" "$work/before/predictions.csv" \
    || { echo "the predictions of $before differ from $dll's" >&2; exit 1; }
fi
runs+=("$(measure pytorch /usr/bin/python3 bench/python/kfold_reference.py --data "$images" --folds 10 --epochs 10 --threads 2 --out "$work/pytorch.json")")

tmp=$(mktemp "$out.XXXX")
/usr/bin/python3 - "$(nproc)" "$before" "${runs[@]}" >"$tmp" <<'EOF'
import json, sys, time
cores, before, *runs = sys.argv[1:]
runs = [json.loads(r) for r in runs]
by = {r["name"]: r for r in runs}
result = {
    "what": "wall time of the full seed5 protocol (10-fold x 10 epochs, 32 px, 2 threads), ours and PyTorch 1.13's reference back to back (issue #18 part 1); bench/seed-protocol.sh",
    "date": time.strftime("%Y-%m-%d"),
    "machine": {"cores": int(cores)},
    "runs": runs,
    "wall_ratio_ours_vs_pytorch": round(by["ours"]["wall_seconds"] / by["pytorch"]["wall_seconds"], 3),
}
if before:
    result["wall_ratio_before_vs_pytorch"] = round(by["before"]["wall_seconds"] / by["pytorch"]["wall_seconds"], 3)
    result["before_predictions_identical"] = True  # checked with cmp above
print(json.dumps(result, indent=2))
EOF
mv "$tmp" "$out"
cat "$out"
