#!/usr/bin/env bash
# Runs every Drydock test project and ends with one line "N passed, M failed" summed over all of them.
# Privileged tests (mounts, namespaces, cgroups) run when root; with CI=true they never skip.
set -uo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh || { echo "0 passed, 1 failed"; exit 1; }

log=$(mktemp -t drydock-test.XXXXXX)
if ! dotnet build Builder.sln -c Release --nologo -v quiet 2>&1 | tee "$log" | grep -E "error|rror\(s\)" ; then :; fi
if grep -qE ": error " "$log"; then
  echo "build failed"
  echo "0 passed, 1 failed"
  exit 1
fi

dotnet test Builder.sln -c Release --no-build --nologo \
  --blame-hang-timeout 10m --logger "console;verbosity=normal" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# the tests that run the CLI as a user does run again against the published binary: it is trimmed, and a type only
# reflection reaches would be missing there alone
published=$(mktemp -d -t drydock-published.XXXXXX)
if DRYDOCK_OUT="$published/drydock" DRYDOCK_NO_LINK=1 scripts/publish.sh >"$published/publish.log" 2>&1; then
  DRYDOCK_TEST_CLI="$published/drydock/drydock" dotnet test Builder.sln -c Release --no-build --nologo \
    --filter "FullyQualifiedName~Drydock.Cli.Tests|FullyQualifiedName~Drydock.Containers.Tests.EndToEnd|FullyQualifiedName~Drydock.IntegrationTests" \
    --blame-hang-timeout 10m --logger "console;verbosity=normal" 2>&1 | tee -a "$log"
  [ "${PIPESTATUS[0]}" -eq 0 ] || status=1
else
  cat "$published/publish.log"
  echo "publishing the CLI failed"
  status=1
fi
rm -rf "$published"

# each test project ends with a summary block:
#   Total tests: 79
#        Passed: 78
#        Failed: 1
read -r passed failed < <(awk '
  /^Total tests: [0-9]+/ { in_summary = 1; next }
  in_summary && /^ +Passed: [0-9]+$/ { p += $2; next }
  in_summary && /^ +Failed: [0-9]+$/ { f += $2; next }
  in_summary && /^ +Skipped: [0-9]+$/ { next }
  { in_summary = 0 }
  END { print p + 0, f + 0 }' "$log")
# a test host that crashed (or a publish that failed) reports no summary: count it as a failure rather than hide it
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
rm -f "$log"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
