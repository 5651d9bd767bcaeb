#!/usr/bin/env bash
# Build benchmarks: docker build with BuildKit and drydock side by side on the shared cases
# (hello, debian-offline, context-10k, multistage-parallel, many-layers, big-layer), through the shared
# harness in ../shared/bench (its README says how it measures). Run as root from anywhere:
#   bench/build/run.sh                 # buildkit and drydock, every case
#   CASES="hello context-10k" bench/build/run.sh
# The drydock under test is the ReadyToRun build from scripts/publish.sh, on its own store root.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
shared=${SHARED_BENCH:-$(cd "$repo/../shared/bench" && pwd)}
export DRYDOCK=${DRYDOCK:-$(DRYDOCK_NO_LINK=1 "$repo/scripts/publish.sh")}
export BENCH_WORK=${BENCH_WORK:-$(mktemp -d -t drydock-bench.XXXXXX)}
export DRYDOCK_FLAGS=${DRYDOCK_FLAGS:---root $BENCH_WORK/drydock-root}
echo "bench: drydock=$DRYDOCK work=$BENCH_WORK" >&2
exec "$shared/run.sh" buildkit drydock
