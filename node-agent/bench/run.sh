#!/usr/bin/env bash
# Runs one node-agent benchmark and prints its figures (never part of `mvn test`):
#   bench/run.sh BootBenchmark | SerialEchoBenchmark | VncThroughputBenchmark
# MigrationBenchmark takes -D properties through MAVEN_OPTS, e.g.
#   MAVEN_OPTS="-Dmigration.downtimeLimitMs=300 -Dmigration.rounds=5" bench/run.sh MigrationBenchmark
set -euo pipefail
cd "$(dirname "$0")/.."
name=${1:?usage: bench/run.sh BenchmarkClass}
mvn -B -q -Pbench -DskipTests test-compile exec:java -Dexec.mainClass="io.vmconsole.nodeagent.bench.$name"
