#!/usr/bin/env bash
# bench/runtime/run.sh - container start latency of Drydock's runtime beside runc and crun.
#
#   1. `drydock-runtime run` vs `runc run` vs `crun run` of one busybox bundle running `true`
#      (the bundle is `runc spec` with terminal=false, args=[true], root read-only, as ../shared/bench/run.sh makes it)
#   2. in-process start-to-exit of LinuxContainerRuntime (what every RUN step pays), from bench/runtime/InProcess
#
# usage (as root, from the project root): bench/runtime/run.sh            env: RUNS (default 30), BENCH_WORK
# Anchors measured on this host: runc run 64 ms, crun run 36 ms. Targets: drydock-runtime run <= 1.5x runc,
# in-process <= crun.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
RUNS=${RUNS:-30}
WORK=${BENCH_WORK:-$(mktemp -d -t drydock-runtime-bench.XXXXXX)}
mkdir -p "$WORK"
ART=$WORK/artifacts
log() { printf '[bench %s] %s\n' "$(date +%T)" "$*" >&2; }
[ "$(id -u)" = 0 ] || { log "run as root"; exit 1; }
command -v hyperfine >/dev/null || { log "needs hyperfine"; exit 1; }

log "publishing drydock-runtime (as scripts/publish.sh ships it) and the in-process bench"
DRYDOCK_OUT="$WORK/cli" "$ROOT/scripts/publish.sh" runtime >"$WORK/publish.log" 2>&1 || { cat "$WORK/publish.log"; exit 1; }
dotnet build "$ROOT/bench/runtime/InProcess" -c Release --artifacts-path "$ART" >"$WORK/build.log" 2>&1 || { cat "$WORK/build.log"; exit 1; }

BUNDLE=$WORK/bundle
if [ ! -f "$BUNDLE/config.json" ]; then
  mkdir -p "$BUNDLE/rootfs/bin"
  cp /bin/busybox "$BUNDLE/rootfs/bin/busybox"
  for applet in $(/bin/busybox --list); do [ "$applet" = busybox ] || ln -sf busybox "$BUNDLE/rootfs/bin/$applet"; done
  (cd "$BUNDLE" && runc spec)
  jq '.process.terminal=false | .process.args=["true"] | .root.readonly=true' "$BUNDLE/config.json" > "$BUNDLE/c.json"
  mv "$BUNDLE/c.json" "$BUNDLE/config.json"
fi

cmds=("$WORK/cli/drydock-runtime --root $WORK/state-drydock run --bundle $BUNDLE bench-drydock-$$"
      "runc --root $WORK/state-runc run --bundle $BUNDLE bench-runc-$$")
command -v crun >/dev/null && cmds+=("crun --root $WORK/state-crun run --bundle $BUNDLE bench-crun-$$")
log "start latency of \`true\` (runs=$RUNS)"
if ! hyperfine -N --style basic --runs "$RUNS" --warmup 3 --export-json "$WORK/start.json" "${cmds[@]}"; then
  # crun refuses hybrid cgroup v1+v2 hosts whose unified hierarchy has controllers (see ../shared/bench/README.md):
  # measure all three in a private mount namespace without the cgroup2 mount, so they stay comparable
  log "a runtime failed (crun on a hybrid cgroup host?): measuring inside unshare -m without /sys/fs/cgroup/unified"
  unshare -m --propagation private sh -c 'umount /sys/fs/cgroup/unified 2>/dev/null; exec "$@"' sh \
    hyperfine -N --style basic --runs "$RUNS" --warmup 3 --export-json "$WORK/start.json" "${cmds[@]}"
fi

log "in-process start-to-exit of LinuxContainerRuntime"
"$ART/bin/Drydock.Runtime.Bench/release/Drydock.Runtime.Bench" "$BUNDLE/rootfs" "$RUNS"

jq -r '.results[] | "\(.command | split(" ")[0] | split("/")[-1]) run: median \(.median*1000|floor) ms (mean \(.mean*1000|floor) ms)"' "$WORK/start.json"
log "results: $WORK/start.json"
