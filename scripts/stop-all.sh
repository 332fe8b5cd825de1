#!/usr/bin/env bash
# Stops the whole embedded topology cleanly: the console (if running), then every VM (the agent's
# graceful stop, hard after the timeout), then the node agents — each by the pid it recorded.
# Usage: scripts/stop-all.sh [DATA_DIR]   (default: ./data, the console's vmconsole.data-dir)
set -euo pipefail
DATA=${1:-data}
GRACE=${STOP_TIMEOUT_SECONDS:-30}

# The console first, so it does not restart what we stop (it records its pid in the data directory).
if [ -f "$DATA/console.pid" ] && kill "$(cat "$DATA/console.pid")" 2>/dev/null; then
  echo "console $(cat "$DATA/console.pid") stopped"
  while kill -0 "$(cat "$DATA/console.pid")" 2>/dev/null; do sleep 0.5; done
fi

for node_dir in "$DATA"/nodes/*/; do
  [ -f "$node_dir/agent.pid" ] || continue
  node=$(basename "$node_dir")
  agent=$(cat "$node_dir/agent.pid")
  if kill -0 "$agent" 2>/dev/null && [ -f "$node_dir/agent.port" ]; then
    port=$(cat "$node_dir/agent.port"); token=$(cat "$node_dir/agent-token")
    for vm in $(curl -fsS -H "Authorization: Bearer $token" "http://127.0.0.1:$port/v1/vms" \
        | grep -o '"vmId":"[^"]*"' | cut -d'"' -f4); do
      curl -fsS -o /dev/null -X POST -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
        -d "{\"graceful\":true,\"timeoutSeconds\":$GRACE}" "http://127.0.0.1:$port/v1/vms/$vm/stop" || true
    done
  fi
  # Wait for every QEMU of this node (their pids are in the agent's per-VM runtime files).
  deadline=$((SECONDS + GRACE + 10))
  for pidfile in "$node_dir"/vms/*/qemu.pid; do
    [ -f "$pidfile" ] || continue
    qpid=$(cat "$pidfile")
    while kill -0 "$qpid" 2>/dev/null && [ $SECONDS -lt $deadline ]; do sleep 0.5; done
    if kill -9 "$qpid" 2>/dev/null; then echo "$node: QEMU $qpid killed after the timeout"; fi
  done
  if kill "$agent" 2>/dev/null; then
    # "stopped" only once it has exited: whoever runs this next may remove its directory.
    deadline=$((SECONDS + 10))
    while kill -0 "$agent" 2>/dev/null && [ $SECONDS -lt $deadline ]; do sleep 0.2; done
    if kill -9 "$agent" 2>/dev/null; then echo "$node: agent $agent killed after 10 s"; else echo "$node: agent $agent stopped"; fi
  fi
done
echo "all stopped"
