#!/usr/bin/env bash
# Publishes the drydock CLI (ReadyToRun, so start-up stays close to a bare .NET process) to out/drydock,
# and links it as /usr/local/bin/drydock when run as root. Prints the path of the executable.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${DRYDOCK_OUT:-$PWD/out/drydock}
dotnet publish src/Cli/Drydock.Cli.csproj -c Release -r linux-x64 --self-contained false \
  -p:PublishReadyToRun=true -o "$out" --nologo -v quiet >&2
if [ "$(id -u)" = 0 ] && [ -z "${DRYDOCK_NO_LINK:-}" ]; then ln -sf "$out/drydock" /usr/local/bin/drydock; fi
echo "$out/drydock"
