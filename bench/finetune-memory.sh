#!/usr/bin/env bash
# Peak memory of fine-tuning (issue #18 part 4): a hold-out training of resnet18-ft and a 5-fold run, each under
# /usr/bin/time -v, written as JSON with the commands that made the figures.
# usage: bench/finetune-memory.sh TRAIN_DIR KFOLD_DIR OUT.json [FACEMASK_DLL]
#   TRAIN_DIR, KFOLD_DIR: face-cropped folders (`facemask data faces`); FACEMASK_DLL: a Release build of the CLI
#   (default: src/FaceMask.Cli/bin/Release/net10.0/linux-x64/facemask.dll, built by `dotnet build -c Release`).
set -euo pipefail
train_dir=$1; kfold_dir=$2; out=$3
dll=${4:-src/FaceMask.Cli/bin/Release/net10.0/linux-x64/facemask.dll}
[ -f "$dll" ] || { echo "$dll: not found; build with dotnet build -c Release first" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "/usr/bin/time: not found (apt-get install time)" >&2; exit 2; }
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT

measure() { # name, then the facemask arguments; prints one JSON object
  local name=$1; shift
  /usr/bin/time -v dotnet "$dll" "$@" >"$work/$name.out" 2>"$work/$name.time" \
    || { echo "$name failed:" >&2; tail -5 "$work/$name.out" "$work/$name.time" >&2; exit 1; }
  local rss wall images
  rss=$(awk -F': ' '/Maximum resident set size/{print $2}' "$work/$name.time")
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/{print $2}' "$work/$name.time")
  images=$(sed -n 's/^Loaded \([0-9]*\) images.*/\1/p' "$work/$name.out" | head -1)
  printf '{"name": "%s", "command": "facemask %s", "images": %s, "wall": "%s", "peak_rss_mib": %d}' \
    "$name" "$*" "${images:-null}" "$wall" $((rss / 1024))
}

holdout=$(measure holdout train --arch resnet18-ft --data "$train_dir" --test-split 0 --out "$work/holdout")
kfold=$(measure kfold kfold --arch resnet18-ft --data "$kfold_dir" --folds 5 --out "$work/kfold")
tmp=$(mktemp "$out.XXXX")
printf '{\n  "machine": {"cores": %d, "load_average_at_start": "%s"},\n  "runs": [\n    %s,\n    %s\n  ]\n}\n' \
  "$(nproc)" "$(cat /proc/loadavg)" "$holdout" "$kfold" >"$tmp"
mv "$tmp" "$out"
echo "wrote $out"
