#!/usr/bin/env bash
# bench/snapshotter/run.sh - snapshotter latencies on this host.
#
#   1. Prepare + mount of an active snapshot on a 50-layer chain, overlayfs (target: median < 20 ms),
#      and the same with the native driver (a full copy of the chain's tree per prepare) for comparison.
#   2. The exporter's diff of a 10-file change on a 100 MiB and a 1 GiB base (View(parent) + View(child) +
#      Differ.CompareAsync + removing the views), gzip and uncompressed; overlayfs walks only the child's
#      upperdir (target: median < 50 ms whatever the base's size), native compares the full trees.
#
# usage (as root, from anywhere): bench/snapshotter/run.sh
#   env: LAYERS (50), RUNS (30), DIFF_BASES (MiB, "100 1024"), DIFF_RUNS (20), ONLY (chain|diff), BENCH_WORK
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
LAYERS=${LAYERS:-50}
RUNS=${RUNS:-30}
DIFF_BASES=${DIFF_BASES:-100 1024}
DIFF_RUNS=${DIFF_RUNS:-20}
ONLY=${ONLY:-}
WORK=${BENCH_WORK:-$(mktemp -d -p /var/tmp drydock-snapshotter-bench.XXXXXX)}
mkdir -p "$WORK"
log() { printf '[bench %s] %s\n' "$(date +%T)" "$*" >&2; }
[ "$(id -u)" = 0 ] || { log "run as root (mounts)"; exit 1; }
cleanup() {
  grep " $WORK" /proc/mounts | awk '{print $2}' | sort -r | xargs -r -n1 umount -l 2>/dev/null || true
  [ -n "${BENCH_WORK:-}" ] || rm -rf "$WORK"
}
trap cleanup EXIT

log "building bench/snapshotter/InProcess"
OUT=$WORK/bin
dotnet build "$HERE/InProcess" -c Release -o "$OUT" --nologo -v quiet >"$WORK/build.log" 2>&1 || { cat "$WORK/build.log"; exit 1; }

if [ "$ONLY" != diff ]; then
  for driver in overlayfs native; do
    log "$driver: $LAYERS layers, $RUNS runs"
    dotnet "$OUT/Drydock.Snapshotter.Bench.dll" "$driver" "$LAYERS" "$RUNS" "$WORK/$driver"
  done
fi
[ "$ONLY" != chain ] || exit 0


# the exporter's diff (View + View + Differ.CompareAsync + remove) of a 10-file change on each base
results=$WORK/diff-results
: >"$results"
for mib in $DIFF_BASES; do
  for driver in overlayfs native; do
    log "diff: $driver, $mib MiB base, $DIFF_RUNS runs"
    dotnet "$OUT/Drydock.Snapshotter.Bench.dll" diff "$driver" "$mib" "$DIFF_RUNS" "$WORK/diff-$driver-$mib" | grep '^RESULT' >>"$results"
    rm -rf "$WORK/diff-$driver-$mib"
  done
done
echo
echo "diff of a 10-file change (10 x 100 KiB) on a base of 100 KiB files: View + View + CompareAsync + remove, ms"
echo "(overlayfs target: median < 50 ms, independent of the base's size)"
awk -v bases="$DIFF_BASES" '
  { key = $2 " " $4; med[key, $3] = $5; p90[key, $3] = $6; if (!(key in seen)) { seen[key] = 1; keys[++n] = key } }
  END {
    nb = split(bases, b, " ")
    printf "%-20s", "driver compression"
    for (i = 1; i <= nb; i++) printf "  %22s", b[i] " MiB base: med / p90"
    printf "\n"
    for (k = 1; k <= n; k++) {
      printf "%-20s", keys[k]
      for (i = 1; i <= nb; i++) printf "  %22s", sprintf("%8.1f / %8.1f", med[keys[k], b[i]], p90[keys[k], b[i]])
      printf "\n"
    }
  }' "$results"
