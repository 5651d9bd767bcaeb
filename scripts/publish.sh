#!/usr/bin/env bash
# Publishes the drydock CLI to out/drydock, and links it as /usr/local/bin/drydock when run as root. Prints the
# path of the executable. Self-contained and ReadyToRun-compiled as one composite image with the framework:
# generic code that crosses the framework boundary (async state machines, System.Text.Json over our types) is
# then precompiled too, instead of JIT-compiled on every start (a cached build of a small Dockerfile: 250 → 160 ms).
set -euo pipefail
cd "$(dirname "$0")/.."
out=${DRYDOCK_OUT:-$PWD/out/drydock}
# Precompiled code targets the instruction set of the machine that publishes (x86-64-v3 where it has AVX2): the
# vectorized span and hex helpers every command uses are then not JIT-compiled at start. On an older CPU the
# runtime refuses such code and JIT-compiles instead, so the output still runs anywhere, only slower to start.
isa=()
if [ "$(uname -m)" = x86_64 ] && grep -qw avx2 /proc/cpuinfo && grep -qw bmi2 /proc/cpuinfo && grep -qw fma /proc/cpuinfo && grep -qw movbe /proc/cpuinfo; then
  isa=(-p:PublishReadyToRunCrossgen2ExtraArgs=--instruction-set:x86-64-v3)
fi
dotnet publish src/Cli/Drydock.Cli.csproj -c Release -r linux-x64 --self-contained true \
  -p:PublishReadyToRun=true -p:PublishReadyToRunComposite=true "${isa[@]}" -o "$out" --nologo -v quiet >&2
if [ "$(id -u)" = 0 ] && [ -z "${DRYDOCK_NO_LINK:-}" ]; then ln -sf "$out/drydock" /usr/local/bin/drydock; fi
echo "$out/drydock"
