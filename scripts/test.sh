#!/usr/bin/env bash
# Runs every test of both programs: the install script on a simulated fresh machine first, then the
# scripts' lint (ShellCheck), the unit tiers, integration, browser tests last.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/tests/install-deps-test.sh
scripts/install-deps.sh --for-tests
# Every shell script of ours under scripts/ and bench/: *.sh, and the guest image's by their #! line.
mapfile -t shell_scripts < <(find scripts bench -type f -not -path 'bench/src/*' -exec awk \
  'FNR == 1 && (FILENAME ~ /\.sh$/ || /^#!.*(\/|env )(ba)?sh( |$)/) { print FILENAME } { nextfile }' {} + | sort)
shellcheck -x "${shell_scripts[@]}"
echo "shellcheck: ${#shell_scripts[@]} scripts, no findings"
if [ -f node-agent/pom.xml ]; then
  mvn -B -f node-agent/pom.xml -Pbench verify
fi
# Production mode: the committed Vaadin bundle is used and no dev server is started for browser tests.
# -Pbench (both programs) compiles the benchmarks with the tests, so they cannot rot unseen; none runs.
mvn -B -Pproduction,bench verify
