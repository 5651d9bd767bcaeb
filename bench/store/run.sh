#!/usr/bin/env bash
# Store benchmarks, side by side with their anchors (hyperfine):
#   1. `drydock images` with 500 images, against process start-up (`drydock --version`) and an empty store;
#      target: under 100 ms beyond process start.
#   2. `drydock load` of those 500 images (an OCI layout), against `skopeo copy` of the same layout.
#   3. `drydock save` of all 500 as one archive, against `skopeo copy` to an oci-archive.
# Uses the ReadyToRun CLI (scripts/publish.sh); DRYDOCK_BIN overrides it.
set -euo pipefail
cd "$(dirname "$0")/../.."
count=${COUNT:-500}
work=$(mktemp -d /var/tmp/drydock-bench-store.XXXXXX)
trap 'rm -rf "$work"' EXIT
bin=${DRYDOCK_BIN:-$(DRYDOCK_NO_LINK=1 DRYDOCK_OUT=${DRYDOCK_OUT:-$work/publish} scripts/publish.sh)}
echo "drydock: $bin; $count images; work dir $work"

python3 bench/store/make-layout.py "$work/layout" "$count"
"$bin" --root "$work/root" load -q -i "$work/layout"
echo "images in store: $("$bin" --root "$work/root" images -q | wc -l)"
mkdir -p "$work/empty"

hyperfine --warmup 3 --min-runs 15 -N \
  -n 'start-up (drydock --version)' "$bin --version" \
  -n 'images, empty store' "$bin --root $work/empty images" \
  -n "images, $count images" "$bin --root $work/root images" \
  -n "images -q, $count images" "$bin --root $work/root images -q"

names=$(for i in $(seq 0 $((count - 1))); do printf 'bench/img-%d ' "$i"; done)
hyperfine --warmup 1 --min-runs 5 \
  --prepare "rm -rf $work/root2 $work/skopeo-copy" \
  -n "drydock load ($count images, OCI layout)" "$bin --root $work/root2 load -q -i $work/layout" \
  -n 'skopeo copy oci: -> oci: (first image only)' "skopeo copy oci:$work/layout:latest oci:$work/skopeo-copy:latest"

hyperfine --warmup 1 --min-runs 5 \
  --prepare "rm -f $work/save.tar $work/skopeo.tar" \
  -n "drydock save --format oci ($count images)" "$bin --root $work/root save --format oci -o $work/save.tar $names" \
  -n "drydock save --format docker ($count images)" "$bin --root $work/root save -o $work/save.tar $names" \
  -n 'skopeo copy oci: -> oci-archive: (first image only)' "skopeo copy oci:$work/layout:latest oci-archive:$work/skopeo.tar:latest"
