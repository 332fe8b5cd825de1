#!/usr/bin/env bash
# Runs every test of both programs: unit tiers first, then integration, browser tests last.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
if [ -f node-agent/pom.xml ]; then
  mvn -B -f node-agent/pom.xml -Pbench verify
fi
# Production mode: the committed Vaadin bundle is used and no dev server is started for browser tests.
# -Pbench (both programs) compiles the benchmarks with the tests, so they cannot rot unseen; none runs.
mvn -B -Pproduction,bench verify
