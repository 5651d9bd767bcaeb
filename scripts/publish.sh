#!/usr/bin/env bash
# Publishes the drydock CLI to out/drydock, and links it as /usr/local/bin/drydock when run as root; with the
# argument `runtime`, publishes the standalone OCI runtime CLI to out/drydock-runtime instead. Prints the path of
# the executable. Self-contained, trimmed, and ReadyToRun-compiled as one composite image with the framework:
# generic code that crosses the framework boundary (async state machines, collections of our types) is then
# precompiled too, instead of JIT-compiled on every start (a cached build of a small Dockerfile: 250 → 160 ms),
# and trimming halves the bytes mapped at every start.
set -euo pipefail
cd "$(dirname "$0")/.."
case "${1:-cli}" in
  cli) project=src/Cli/Drydock.Cli.csproj name=drydock out=${DRYDOCK_OUT:-$PWD/out/drydock} ;;
  runtime) project=runtime/Drydock.Runtime.Cli/Drydock.Runtime.Cli.csproj name=drydock-runtime out=${DRYDOCK_OUT:-$PWD/out/drydock-runtime} ;;
  *) echo "usage: scripts/publish.sh [cli|runtime]" >&2; exit 2 ;;
esac
# Precompiled code targets the instruction set of the machine that publishes (x86-64-v3 where it has AVX2): the
# vectorized span and hex helpers every command uses are then not JIT-compiled at start. On an older CPU the
# runtime refuses such code and JIT-compiles instead, so the output still runs anywhere, only slower to start.
isa=()
if [ "$(uname -m)" = x86_64 ] && grep -qw avx2 /proc/cpuinfo && grep -qw bmi2 /proc/cpuinfo && grep -qw fma /proc/cpuinfo && grep -qw movbe /proc/cpuinfo; then
  isa=(-p:PublishReadyToRunCrossgen2ExtraArgs=--instruction-set:x86-64-v3)
fi
# the output directory is replaced: files an earlier, differently trimmed publish left there would be loaded
rm -rf "$out"
dotnet publish "$project" -c Release -r linux-x64 --self-contained true \
  -p:PublishReadyToRun=true -p:PublishReadyToRunComposite=true "${isa[@]}" -o "$out" --nologo -v quiet >&2
# the LTTng tracing provider searches every library directory for liblttng-ust at every start; Drydock ships no LTTng
# tracing (EventSource is off), and the runtime starts without the provider when the file is absent
rm -f "$out/libcoreclrtraceptprovider.so"
if [ "$name" = drydock ] && [ "$(id -u)" = 0 ] && [ -z "${DRYDOCK_NO_LINK:-}" ]; then ln -sf "$out/drydock" /usr/local/bin/drydock; fi
echo "$out/$name"
