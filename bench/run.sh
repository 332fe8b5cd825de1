#!/usr/bin/env bash
# Runs one benchmark and prints its figures: bench/run.sh ApiServerBenchmark [its arguments]
set -euo pipefail
cd "$(dirname "$0")/.."
name=${1:?usage: bench/run.sh BenchmarkClass}
# EXTRA_PROFILES=production for benchmarks that log in through the UI (ConsoleProxyBenchmark).
mvn -B -q -Pbench${EXTRA_PROFILES:+,$EXTRA_PROFILES} -DskipTests test-compile exec:java -Dexec.mainClass="io.vmconsole.bench.$name" \
  -Dexec.args="${*:2}"
