#!/usr/bin/env bash
# The main job, offline on a fresh Debian machine (as root): install what Drydock needs, publish the CLI,
# make a busybox base image from Debian's busybox-static with `drydock import`, build examples/multistage
# (or the example named by $1) and run it with `drydock run`.
set -euo pipefail
cd "$(dirname "$0")/.."
example=${1:-multistage}
[ -d "examples/$example" ] || { echo "demo: no such example '$example' (see examples/)" >&2; exit 2; }

scripts/install-deps.sh
drydock=$(scripts/publish.sh)
export DRYDOCK_ROOT=${DRYDOCK_ROOT:-/var/lib/drydock}

if ! "$drydock" inspect busybox >/dev/null 2>&1; then
  rootfs=$(mktemp -d)
  trap 'rm -rf "$rootfs"' EXIT
  mkdir -p "$rootfs/bin" "$rootfs/tmp" "$rootfs/etc" "$rootfs/root"
  cp /bin/busybox "$rootfs/bin/busybox"
  for applet in $("$rootfs/bin/busybox" --list); do
    [ -e "$rootfs/bin/$applet" ] || ln -s busybox "$rootfs/bin/$applet"
  done
  printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n' > "$rootfs/etc/passwd"
  printf 'root:x:0:\nnogroup:x:65534:\n' > "$rootfs/etc/group"
  chmod 1777 "$rootfs/tmp"
  "$drydock" import --change 'CMD ["sh"]' "$rootfs" busybox:latest
fi

"$drydock" build --progress plain -t "drydock-example/$example" "examples/$example"
"$drydock" run --rm "drydock-example/$example"
