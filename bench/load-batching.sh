#!/usr/bin/env bash
# Before/after load figures of batched serving (issue #18 part 2), back to back on one machine state.
# Usage: bench/load-batching.sh BASE_BENCH_DLL [PHOTO]
#   BASE_BENCH_DLL: FaceMask.Bench.dll built from the commit before batching (e.g. a worktree of 2489b5f:
#   git worktree add --detach ../wt-base 2489b5f && dotnet build -c Release ../wt-base/bench/FaceMask.Bench)
# Writes bench/results/load-{main,unbatched,batched}{,-1client}.json; run it on an idle machine.
set -euo pipefail
cd "$(dirname "$0")/.."
base=${1:?the pre-batching FaceMask.Bench.dll}
photo=${2:-../shared/datasets/facemask/images/cloth/rman_289.jpg}
dotnet build -c Release bench/FaceMask.Bench >/dev/null
new=bench/FaceMask.Bench/bin/Release/net10.0/linux-x64/FaceMask.Bench.dll
run() { # name, dll, args…
  local name=$1 dll=$2; shift 2
  echo "== $name (load average $(cut -d' ' -f1-3 /proc/loadavg))"
  dotnet "$dll" load --model models/default --photo "$photo" "$@" --out "bench/results/$name.json" | grep -E '"(requests_per_s|faces_per_s|p50|p99|errors|mean_size)"' || true
  # the pre-batching load test does not record its command: add it
  python3 - "bench/results/$name.json" "dotnet $dll load --model models/default --photo $photo $* --out bench/results/$name.json" <<'PY'
import json, sys
path, command = sys.argv[1], sys.argv[2]
data = json.load(open(path))
data.setdefault("command", command)
json.dump(data, open(path, "w"), indent=2)
open(path, "a").write("\n")
PY
}
run load-main "$base"
run load-unbatched "$new" --max-batch 1
run load-batched "$new"
run load-main-1client "$base" --clients 1 --seconds 20
run load-batched-1client "$new" --clients 1 --seconds 20
