#!/usr/bin/env bash
# Runs SelfHeal's whole test suite on a fresh machine: installs what the tests use (Debian packages),
# builds, and runs every test project. Under CI=true a missing tool fails the tests that need it.
set -euo pipefail
cd "$(dirname "$0")"

need_apt=()
have() { command -v "$1" >/dev/null 2>&1; }
have git || need_apt+=(git)
have node || need_apt+=(nodejs)
have javac || need_apt+=(default-jdk-headless)
have ant || need_apt+=(ant)
[ -f /usr/share/ant/lib/ant-junit.jar ] || need_apt+=(ant-optional)
[ -f /usr/share/java/junit4.jar ] || need_apt+=(junit4)
have go || need_apt+=(golang-go)
have bwrap || need_apt+=(bubblewrap)
[ -x /usr/sbin/dovecot ] || have dovecot || need_apt+=(dovecot-imapd)
/usr/bin/python3 -c 'import pytest' 2>/dev/null || need_apt+=(python3-pytest)
/usr/bin/python3 -c 'import coverage' 2>/dev/null || need_apt+=(python3-coverage)
/usr/bin/python3 -c 'import pip' 2>/dev/null || need_apt+=(python3-pip)
/usr/bin/python3 -c 'import aiosmtpd' 2>/dev/null || need_apt+=(python3-aiosmtpd)

if [ ${#need_apt[@]} -gt 0 ]; then
  echo "Installing: ${need_apt[*]}"
  if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi

if ! have dotnet; then
  echo "The .NET 10 SDK is required: https://dot.net (it is not in Debian's archive)." >&2
  exit 1
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# A private PostgreSQL server on loopback for the PostgreSQL store's tests (Debian's package), gone when the run ends.
trap 'tests/postgres.sh stop' EXIT
eval "$(tests/postgres.sh start)" || echo "PostgreSQL could not be started; the PostgreSQL tests will fail and say why." >&2
dotnet build SelfHeal.slnx -c Release -nologo -v quiet

results=$(mktemp -d)
status=0
dotnet test SelfHeal.slnx -c Release --no-build -nologo \
  --logger "trx" --results-directory "$results" "$@" || status=$?

# One closing line for people and CI: totals over every test project.
passed=0; failed=0; skipped=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters"); f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  t=$(sed -n 's/.* total="\([0-9]*\)".*/\1/p' <<<"$counters"); e=$(sed -n 's/.* executed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0})); skipped=$((skipped + ${t:-0} - ${e:-0}))
done
rm -rf "$results"
echo "${passed} passed, ${failed} failed, ${skipped} skipped"
exit $status
