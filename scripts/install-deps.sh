#!/usr/bin/env bash
# Installs what Drydock needs on a fresh Debian 12 machine (as root): the packages below and the NuGet packages.
# Packages already present are not fetched again, so a second run costs only a dpkg query.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  gcc libc6-dev          # the runtime's native part (runtime/native) is compiled by the project's build
  libzstd1               # zstd layers, through LibraryImport
  busybox-static         # offline base images for examples and tests
  iproute2
  skopeo umoci           # real OCI tools that check our output in the tests
  runc crun              # runtimes drydock can hand a bundle to (--runtime), and test peers
  docker-registry        # a real registry on 127.0.0.1 for registry tests
  jq pigz zstd hyperfine # benchmarks
)
missing=()
for p in "${packages[@]}"; do
  [[ $p == \#* ]] && continue
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "drydock setup: missing Debian packages: ${missing[*]} (run as root, or: sudo apt-get install ${missing[*]})" >&2
    exit 1
  fi
  echo "drydock setup: installing ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

command -v dotnet >/dev/null || { echo "drydock setup: the .NET 10 SDK is required (dotnet not on PATH)" >&2; exit 1; }
dotnet restore Builder.sln --nologo -v quiet
