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
# A bounded heap: without one the JVM takes a quarter of the machine's memory and lets garbage pile
# up to it (3.5 GB seen, for a live set near 140 MB). VMCONSOLE_HEAP raises it for thousands of VMs.
exec java "-Xmx${VMCONSOLE_HEAP:-1g}" -XX:+ExitOnOutOfMemoryError -jar target/vm-console-*.jar "$@"
