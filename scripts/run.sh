#!/usr/bin/env bash
# Builds and runs the console with its embedded API server at http://localhost:8080.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
if [ -f node-agent/pom.xml ]; then
  mvn -B -q -f node-agent/pom.xml -DskipTests package
fi
# The demo guest (ClusterVirtualImage "demo"); cached by input hash, so this is quick when built.
scripts/guest-image/build.sh "${HOME}/.cache/vm-console/guest-image" >/dev/null
mvn -B -q -Pproduction -DskipTests package
exec java -jar target/vm-console-*.jar "$@"
