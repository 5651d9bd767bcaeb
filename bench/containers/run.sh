#!/usr/bin/env bash
# bench/containers/run.sh - `drydock run --rm busybox true` end to end (snapshot, spec, run, cleanup, process
# start), side by side with `runc run` of a busybox bundle and `podman run --rm` (when installed; otherwise the
# anchor measured on this machine, 372 ms, is quoted). Goal: drydock <= 0.4x podman run --rm.
#
# usage (as root, from the project root): bench/containers/run.sh
# Env: DRYDOCK=<path>  a published drydock (default: scripts/publish.sh's out/drydock/drydock, published here)
#      RUNS=N          hyperfine runs per command (default 30)
#      BENCH_WORK=DIR  scratch dir (default: a fresh mktemp -d, removed at the end)
set -euo pipefail
cd "$(dirname "$0")/../.."
RUNS=${RUNS:-30}
PODMAN_ANCHOR_MS=372
log() { printf '[bench containers] %s\n' "$*" >&2; }
[ "$(id -u)" = 0 ] || { log "run as root"; exit 1; }
for t in hyperfine umoci skopeo jq busybox; do command -v "$t" >/dev/null || { log "missing tool: $t"; exit 1; }; done

WORK=${BENCH_WORK:-$(mktemp -d -t drydock-bench-containers.XXXXXX)}
[ -n "${BENCH_WORK:-}" ] || trap 'rm -rf "$WORK"' EXIT
DRYDOCK=${DRYDOCK:-$(DRYDOCK_NO_LINK=1 scripts/publish.sh)}
ROOT=$WORK/drydock-root
log "drydock: $DRYDOCK, store: $ROOT"

# busybox image: busybox-static with --install -s links, as ../shared/bench/make-bases.sh makes it
R=$WORK/rootfs; L=$WORK/busybox-oci; B=$WORK/bundle
rm -rf "$R" "$L" "$B"; mkdir -p "$R"/{bin,sbin,usr/bin,usr/sbin,etc,root,tmp,proc,sys,dev,var}
cp "$(command -v busybox)" "$R/bin/busybox"
chroot "$R" /bin/busybox --install -s
chmod 1777 "$R/tmp"
printf 'root:x:0:0:root:/root:/bin/sh\n' > "$R/etc/passwd"; printf 'root:x:0:\n' > "$R/etc/group"
umoci init --layout "$L" && umoci new --image "$L:latest" && umoci unpack --image "$L:latest" "$B" >/dev/null
cp -a "$R/." "$B/rootfs/"
umoci repack --image "$L:latest" "$B" && umoci config --image "$L:latest" --config.cmd /bin/sh \
  --config.env PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
skopeo copy --quiet "oci:$L:latest" "docker-archive:$WORK/busybox.tar:busybox:latest"
"$DRYDOCK" --root "$ROOT" load -i "$WORK/busybox.tar" >&2
"$DRYDOCK" --root "$ROOT" run --rm busybox true || { log "drydock run failed"; exit 1; }

# the runc bundle: the same rootfs, process `true`, read-only root (as ../shared/bench/run.sh does)
(cd "$B" && rm -f config.json umoci.json && runc spec)
jq '.process.terminal=false | .process.args=["true"] | .root.readonly=true' "$B/config.json" > "$B/c.json" && mv "$B/c.json" "$B/config.json"

cmds=("$DRYDOCK --root $ROOT run --rm busybox true" "runc run --bundle $B bench-runc-$$")
command -v crun >/dev/null && cmds+=("crun run --bundle $B bench-crun-$$")
command -v podman >/dev/null && cmds+=("podman run --rm --network=none busybox true")
hyperfine -N --style basic --warmup 3 --runs "$RUNS" --export-json "$WORK/results.json" "${cmds[@]}" >&2 || true

echo
printf '%-60s %10s %10s\n' "command" "median ms" "mean ms"
jq -r '.results[] | [.command, (.median*1000|floor), (.mean*1000|floor)] | @tsv' "$WORK/results.json" |
  while IFS=$'\t' read -r c med mean; do printf '%-60.60s %10s %10s\n' "$c" "$med" "$mean"; done
dd=$(jq -r '.results[0].median*1000|floor' "$WORK/results.json")
podman=$(jq -r '[.results[] | select(.command|startswith("podman")) | .median*1000|floor][0] // empty' "$WORK/results.json")
[ -n "$podman" ] || { podman=$PODMAN_ANCHOR_MS; log "podman not installed: quoting the anchor, podman run --rm = ${podman} ms"; }
printf '\ndrydock run --rm / podman run --rm = %s / %s ms = %.2fx (goal <= 0.40x)\n' "$dd" "$podman" "$(echo "$dd / $podman" | bc -l)"
