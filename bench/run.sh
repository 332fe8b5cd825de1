#!/usr/bin/env bash
# Runs one benchmark and prints its figures: bench/run.sh ApiServerBenchmark
set -euo pipefail
cd "$(dirname "$0")/.."
name=${1:?usage: bench/run.sh BenchmarkClass}
mvn -B -q -Pbench -DskipTests test-compile exec:java -Dexec.mainClass="io.vmconsole.bench.$name"
