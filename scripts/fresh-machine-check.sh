#!/usr/bin/env bash
# The README's first command on a truly fresh Debian 12, for real: builds a minimal Debian 12 root
# (debootstrap --variant=minbase, from this machine's own mirror) in a cache directory, clones this
# repository's committed HEAD into it, and inside it (chroot, with /proc, /sys and /dev bound, and unbound
# at the end) runs scripts/install-deps.sh, then scripts/run.sh until the console answers /login and one
# VM applied with the kubectl that install-deps installed (Debian's) reaches Running. Prints a summary.
# Not run by the test command: it downloads about a gigabyte and takes a quarter of an hour or more.
# Run it, as root, whenever install-deps.sh changes:
#   scripts/fresh-machine-check.sh [CACHE_DIR]     (default ~/.cache/vm-console/fresh-machine)
# The minimal root is built once and kept as a tarball; every check starts from a new copy of it.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
cache=${1:-$HOME/.cache/vm-console/fresh-machine}
port=${FRESH_CHECK_PORT:-18080}
[ "$(id -u)" = 0 ] || { echo "fresh-machine-check: run as root (debootstrap and chroot need it)" >&2; exit 2; }

# shellcheck source=scripts/lib/apt-sources.sh
. "$repo/scripts/lib/apt-sources.sh"
entry=$(bookworm_entry)
mirror=${entry%%$'\t'*}
[ -n "$mirror" ] || { echo "fresh-machine-check: no 'bookworm' entry in $apt_dir to take a mirror from" >&2; exit 1; }

started=$SECONDS
step_started=$SECONDS
summary=()
step() {
  summary+=("$(printf '%-52s %5d s' "$1" $((SECONDS - step_started)))")
  echo "== $1 ($((SECONDS - step_started)) s)"
  step_started=$SECONDS
}

if ! command -v debootstrap >/dev/null; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends debootstrap >/dev/null
fi
mkdir -p "$cache"
cache=$(cd "$cache" && pwd)
root="$cache/root"
base="$cache/minbase-bookworm.tar"

mounts=()
console_pid=""
# Processes whose root is our chroot: only what this script started there.
chroot_pids() {
  local p
  for p in /proc/[0-9]*; do
    [ "$(readlink "$p/root" 2>/dev/null)" = "$root" ] && echo "${p#/proc/}"
  done
  return 0
}
cleanup() {
  set +e
  if [ -n "$console_pid" ] && kill -0 "$console_pid" 2>/dev/null; then
    kill "$console_pid"
    wait "$console_pid" 2>/dev/null
  fi
  if [ -d "$root/root/vm-console/data" ]; then
    in_root 'cd /root/vm-console && STOP_TIMEOUT_SECONDS=5 scripts/stop-all.sh data' >/dev/null 2>&1
  fi
  local pids
  pids=$(chroot_pids)
  if [ -n "$pids" ]; then
    echo "fresh-machine-check: killing what is left in the root:"
    # shellcheck disable=SC2086  # one pid per word
    ps -o pid=,args= -p "$(echo $pids | tr ' ' ,)" | sed 's/^/  /'
    # shellcheck disable=SC2086  # one pid per word
    kill -9 $pids
    local deadline=$((SECONDS + 10))
    while [ -n "$(chroot_pids)" ] && [ $SECONDS -lt $deadline ]; do sleep 0.2; done
  fi
  local i
  for ((i = ${#mounts[@]} - 1; i >= 0; i--)); do
    umount -R "${mounts[i]}" || umount -R -l "${mounts[i]}"
  done
}
trap cleanup EXIT

in_root() {
  chroot "$root" /usr/bin/env -i HOME=/root LANG=C.UTF-8 TERM=dumb \
    PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin bash -c "$1"
}

if [ -f "$base" ]; then
  summary+=("minimal root: $base of $(date -r "$base" '+%F %T')")
else
  rm -rf "$cache/build"
  debootstrap --variant=minbase bookworm "$cache/build" "$mirror" >"$cache/debootstrap.log" 2>&1 \
    || { tail -n 30 "$cache/debootstrap.log" >&2; exit 1; }
  tar -C "$cache/build" -cf "$base.part" .
  mv "$base.part" "$base"
  rm -rf "$cache/build"
  step "debootstrap --variant=minbase bookworm"
fi

# A root left mounted by a killed run is unmounted before it is replaced.
for m in dev sys proc; do
  if mountpoint -q "$root/$m"; then umount -R -l "$root/$m"; fi
done
rm -rf "$root"
mkdir -p "$root"
tar -C "$root" -xf "$base"
cp /etc/resolv.conf "$root/etc/resolv.conf"
git clone -q --no-hardlinks "$repo" "$root/root/vm-console"
# The machine's own settings for reaching package registries, as a new machine here would have them:
# its local CA certificates (a TLS-inspecting proxy's; ca-certificates, installed by install-deps, adds
# them to the system's and Java's trust stores) and its Maven and npm client settings (mirrors, proxies).
if [ -d /usr/local/share/ca-certificates ]; then
  cp -r /usr/local/share/ca-certificates/. "$root/usr/local/share/ca-certificates/"
fi
for f in .m2/settings.xml .npmrc; do
  if [ -f "$HOME/$f" ]; then mkdir -p "$(dirname "$root/root/$f")"; cp "$HOME/$f" "$root/root/$f"; fi
done
mount -t proc proc "$root/proc"; mounts+=("$root/proc")
mount --rbind /sys "$root/sys"; mount --make-rslave "$root/sys"; mounts+=("$root/sys")
mount --rbind /dev "$root/dev"; mount --make-rslave "$root/dev"; mounts+=("$root/dev")
step "fresh root unpacked, repository cloned ($(git -C "$repo" rev-parse --short HEAD))"

in_root 'cd /root/vm-console && scripts/install-deps.sh' 2>&1 | tee "$cache/install-deps.log"
step "scripts/install-deps.sh"
in_root 'cd /root/vm-console && scripts/install-deps.sh' >"$cache/install-deps-again.log" 2>&1
if [ -s "$cache/install-deps-again.log" ]; then
  echo "fresh-machine-check: the second install-deps run was not silent:" >&2
  cat "$cache/install-deps-again.log" >&2
  exit 1
fi
step "scripts/install-deps.sh again (nothing to do)"

in_root "cd /root/vm-console && exec scripts/run.sh --server.port=$port" >"$cache/run.log" 2>&1 &
console_pid=$!
until curl -fs -o /dev/null "http://127.0.0.1:$port/login"; do
  if ! kill -0 "$console_pid" 2>/dev/null; then
    echo "fresh-machine-check: scripts/run.sh ended before the console answered:" >&2
    tail -n 40 "$cache/run.log" >&2
    exit 1
  fi
  if ((SECONDS - step_started > 3600)); then echo "fresh-machine-check: no /login after an hour" >&2; exit 1; fi
  sleep 5
done
step "scripts/run.sh until /login answers"

in_root 'cd /root/vm-console && KUBECONFIG=data/kubeconfig kubectl apply -f -' <<'EOF'
apiVersion: virtualization.deckhouse.io/v1alpha2
kind: VirtualDisk
metadata:
  name: fresh-root
spec:
  dataSource:
    type: ObjectRef
    objectRef:
      kind: ClusterVirtualImage
      name: demo
---
apiVersion: virtualization.deckhouse.io/v1alpha2
kind: VirtualMachine
metadata:
  name: fresh
spec:
  virtualMachineClassName: generic
  cpu:
    cores: 1
    coreFraction: 100%
  memory:
    size: 256Mi
  blockDeviceRefs:
    - kind: VirtualDisk
      name: fresh-root
EOF
phase=""
until [ "$phase" = Running ]; do
  if ((SECONDS - step_started > 600)); then
    echo "fresh-machine-check: VM fresh is '$phase' after 10 minutes" >&2
    in_root 'cd /root/vm-console && KUBECONFIG=data/kubeconfig kubectl describe vm fresh' >&2 || true
    exit 1
  fi
  sleep 2
  phase=$(in_root 'cd /root/vm-console && KUBECONFIG=data/kubeconfig kubectl get vm fresh -o jsonpath={.status.phase}')
done
in_root 'cd /root/vm-console && KUBECONFIG=data/kubeconfig kubectl get vm -o wide'
step "kubectl apply of a VM until Running"

versions=$(in_root 'kubectl version --client --short 2>/dev/null | head -n 1; qemu-system-x86_64 --version | head -n 1;
  java -version 2>&1 | head -n 1; mvn -v 2>/dev/null | head -n 1; chromium --version; node --version')
echo
echo "fresh-machine-check: PASSED in $((SECONDS - started)) s (commit $(git -C "$repo" rev-parse --short HEAD), mirror $mirror)"
printf '  %s\n' "${summary[@]}"
echo "  installed in the fresh root:"
printf '%s\n' "$versions" | sed 's/^/    /'
