#!/usr/bin/env bash
# Parser benchmarks, side by side with their anchors:
#   1. Parse and expand a generated 10,000-instruction Dockerfile in process (`drydock debug ast --time`
#      reports the time from file bytes to every stage walked and every instruction expanded);
#      target: under 50 ms after start-up.
#   2. `drydock --version` wall time against a bare .NET hello-world (both ReadyToRun), with hyperfine;
#      target: under 100 ms. `drydock debug ast` of the big file is shown next to them.
# Uses the ReadyToRun CLI (scripts/publish.sh); DRYDOCK_BIN overrides it.
set -euo pipefail
cd "$(dirname "$0")/../.."
count=${COUNT:-10000}
work=$(mktemp -d /var/tmp/drydock-bench-parser.XXXXXX)
trap 'rm -rf "$work"' EXIT
bin=${DRYDOCK_BIN:-$(DRYDOCK_NO_LINK=1 DRYDOCK_OUT=${DRYDOCK_OUT:-$work/publish} scripts/publish.sh)}
echo "drydock: $bin; work dir $work"

python3 bench/parser/make-dockerfile.py "$work/Dockerfile" "$count"
echo "generated $work/Dockerfile: $(wc -l < "$work/Dockerfile") lines"

echo
echo "== 1. parse + expand $count instructions, in process (target < 50 ms) =="
for i in 1 2 3 4 5; do
  "$bin" debug ast --time "$work/Dockerfile" 2>&1 >/dev/null
done

echo
echo "== 2. start-up: drydock --version vs a bare .NET hello-world (target < 100 ms) =="
mkdir -p "$work/hello"
cat > "$work/hello/hello.csproj" <<'PROJ'
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <ImplicitUsings>enable</ImplicitUsings>
  </PropertyGroup>
</Project>
PROJ
echo 'Console.WriteLine("hello");' > "$work/hello/Program.cs"
dotnet publish "$work/hello/hello.csproj" -c Release -r linux-x64 --self-contained false \
  -p:PublishReadyToRun=true -o "$work/hello/out" --nologo -v quiet >&2

hyperfine --warmup 3 --min-runs 20 -N \
  -n 'anchor: bare .NET hello-world' "$work/hello/out/hello" \
  -n 'drydock --version' "$bin --version" \
  -n "drydock debug ast ($count instructions)" "$bin debug ast $work/Dockerfile"
