#!/usr/bin/env bash
# Boots the guest image under QEMU (TCG; KVM is not usable on these machines), waits for the ready
# line and "login:" on the serial log, logs in with the user from a generated NoCloud seed, checks
# hostname, runcmd, final_message, nproc and the disk names, then presses the ACPI power button and
# expects the guest to power off. QEMU is killed by its pid on any failure or timeout.
# Usage: smoke.sh IMAGE_DIR   (IMAGE_DIR = OUTDIR of build.sh)   Env: SMOKE_TIMEOUT (s, default 120),
# SMOKE_CORES (default 2), SMOKE_KEEP=1 keeps the work dir (serial.log).
set -euo pipefail

IMG=$(cd "${1:?usage: smoke.sh IMAGE_DIR}" && pwd)
TIMEOUT=${SMOKE_TIMEOUT:-120}
CORES=${SMOKE_CORES:-2}
for t in qemu-system-x86_64 qemu-img genisoimage socat ssh ssh-keygen python3 bc; do
  command -v "$t" >/dev/null || { echo "smoke: missing $t" >&2; exit 1; }
done
[ -f "$IMG/disk.qcow2" ] || { echo "smoke: $IMG/disk.qcow2 missing; run build.sh first" >&2; exit 1; }

T=$(mktemp -d /tmp/guest-smoke.XXXXXX)
QEMU_PID=""
SOCAT_PID=""
cleanup() {
  if [ -n "$SOCAT_PID" ]; then kill "$SOCAT_PID" 2>/dev/null || true; fi
  if [ -n "$QEMU_PID" ]; then kill -9 "$QEMU_PID" 2>/dev/null || true; fi
  if [ "${SMOKE_KEEP:-0}" = 1 ]; then echo "smoke: work dir kept: $T"; else rm -rf "$T"; fi
}
trap cleanup EXIT

fail() {
  echo "smoke: FAIL: $*" >&2
  echo "---- last serial output ----" >&2
  tail -c 2000 "$T/serial.log" 2>/dev/null | tr -d '\r' >&2 || true
  exit 1
}
now() { date +%s.%N; }
since() { printf '%.1f' "$(echo "$(now) - $1" | bc)"; }

# SSH through a loopback port forward (as the agent will offer it), with a key from the seed.
ssh-keygen -q -t ed25519 -N '' -C smoke -f "$T/id"
SSH_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

# The seed the console would send: a user with a SHA-512 crypt hash (password "cloud"), runcmd,
# final_message; network-config v2 for eth0 as the agent renders it from the NIC.
cat > "$T/user-data" <<'SEED'
#cloud-config
hostname: smoke-guest
users:
  - default
  - name: cloud
    passwd: "$6$rounds=4096$saltsalt$fPmUsbjAuA7mnQNTajQM6ClhesyG0.yyQhvahas02ejfMAq1ykBo1RquzS0R6GgdIDlvS.kbUwDablGZKZcTP/"
    lock_passwd: false
    sudo: ALL=(ALL) NOPASSWD:ALL
    shell: /bin/bash
    ssh_authorized_keys:
      - SSH_KEY
runcmd:
  - echo runcmd-ran > /tmp/runcmd-ok
  - [ sh, -c, "echo argv-form-ran >> /tmp/runcmd-ok" ]
final_message: "smoke final message, up $UPTIME s"
SEED
sed -i "s|SSH_KEY|$(cat "$T/id.pub")|" "$T/user-data"
printf 'instance-id: smoke-1\nlocal-hostname: from-meta-data\n' > "$T/meta-data"
cat > "$T/network-config" <<'SEED'
version: 2
ethernets:
  eth0:
    match:
      macaddress: "52:54:00:12:34:56"
    addresses: [10.0.2.15/24]
    routes:
      - to: default
        via: 10.0.2.2
    nameservers:
      addresses: [10.0.2.3]
SEED
genisoimage -quiet -output "$T/seed.iso" -volid cidata -joliet -rock \
  "$T/user-data" "$T/meta-data" "$T/network-config"
# An overlay keeps the built image pristine (the way the agent creates disks from images).
qemu-img create -q -f qcow2 -b "$IMG/disk.qcow2" -F qcow2 "$T/disk.qcow2"

start=$(now)
qemu-system-x86_64 -machine pc -nodefaults -no-user-config -accel tcg -cpu max -smp "$CORES" -m 256 \
  -chardev "socket,id=ser0,path=$T/serial.sock,server=on,wait=off,logfile=$T/serial.log,logappend=on" \
  -serial chardev:ser0 -qmp "unix:$T/qmp.sock,server=on,wait=off" -vga std -display none \
  -device virtio-scsi-pci,id=scsi0 \
  -blockdev "driver=file,filename=$T/disk.qcow2,node-name=d0-file" \
  -blockdev driver=qcow2,file=d0-file,node-name=d0 \
  -device scsi-hd,drive=d0,bus=scsi0.0,id=disk0,bootindex=1 \
  -blockdev "driver=file,filename=$T/seed.iso,node-name=seed-file,read-only=on" \
  -blockdev driver=raw,file=seed-file,node-name=seed,read-only=on \
  -device scsi-cd,drive=seed,bus=scsi0.0,id=cd0 \
  -netdev "user,id=n0,restrict=on,net=10.0.2.0/24,hostfwd=tcp:127.0.0.1:$SSH_PORT-:22" \
  -device virtio-net-pci,netdev=n0,mac=52:54:00:12:34:56 \
  -device virtio-serial-pci,id=vser0 \
  -chardev "socket,id=qga0,path=$T/qga.sock,server=on,wait=off" \
  -device virtserialport,chardev=qga0,name=org.qemu.guest_agent.0 \
  -device pvpanic-pci >"$T/qemu.out" 2>&1 &
QEMU_PID=$!
DEADLINE=$(echo "$(date +%s) + $TIMEOUT" | bc)

# Polls the serial log for a pattern (no fixed sleeps); fails when QEMU died or time is up.
wait_for() {
  while ! tr -d '\r' < "$T/serial.log" 2>/dev/null | grep -qaE "$1"; do
    kill -0 "$QEMU_PID" 2>/dev/null || fail "QEMU exited while waiting for '$1': $(cat "$T/qemu.out")"
    [ "$(date +%s)" -lt "$DEADLINE" ] || fail "timeout (${TIMEOUT}s) waiting for '$1'"
    sleep 0.1
  done
}

# The serial socket serves one client: hold it through socat, typing via a FIFO.
while [ ! -S "$T/serial.sock" ]; do
  kill -0 "$QEMU_PID" 2>/dev/null || fail "QEMU did not start: $(cat "$T/qemu.out")"
  sleep 0.05
done
mkfifo "$T/in.fifo"
exec 3<>"$T/in.fifo"
socat STDIO "UNIX-CONNECT:$T/serial.sock" <"$T/in.fifo" >/dev/null 2>&1 &
SOCAT_PID=$!
type_line() { printf '%s\r' "$1" >&3; }

# The kernel's log reaches the serial port once its 8250 console registers (replaying from 0 s).
wait_for 'Linux version'
t_console=$(since "$start")
wait_for 'Run /init'
t_init=$(since "$start")
wait_for '^vmconsole-guest-ready'
t_ready=$(since "$start")
wait_for 'login: ?$|login: '
t_login=$(since "$start")
wait_for 'smoke final message, up [0-9.]+ s'

type_line cloud
wait_for 'Password: ?'
type_line cloud
wait_for 'cloud@smoke-guest:'
# Typed into the guest's shell: expanded there, not here.
# shellcheck disable=SC2016
type_line 'echo "NPROC=$(nproc) BLOCK=$(ls /sys/block | tr "\n" ,) RUN=$(tr "\n" , </tmp/runcmd-ok) IP=$(ip -4 -o addr show eth0 | awk "{print \$4}") GW=$(ip route | awk "/default/{print \$3}")"'
# shellcheck disable=SC2016
type_line 'echo "CMDLINE=$(cat /proc/cmdline)"'
wait_for '^NPROC=[0-9]+ '
result=$(tr -d '\r' < "$T/serial.log" | grep -aE '^NPROC=[0-9]+ ' | tail -n1)
echo "smoke: $result"
echo "smoke: $(tr -d '\r' < "$T/serial.log" | grep -a '^CMDLINE=' | tail -n1)"
case "$result" in "NPROC=$CORES "*) ;; *) fail "nproc is not $CORES" ;; esac
case "$result" in *"BLOCK="*sda*) ;; *) fail "root disk is not sda" ;; esac
case "$result" in *"RUN=runcmd-ran,argv-form-ran,"*) ;; *) fail "runcmd did not run" ;; esac
case "$result" in *"IP=10.0.2.15/24 GW=10.0.2.2"*) ;; *) fail "eth0 not configured from network-config" ;; esac

# Guest agent: answers on its channel and reports the OS.
# (Not socat with piped input: its half-close at EOF makes QEMU drop the connection and the answer.)
qga=$(python3 - "$T/qga.sock" <<'PY' || true
import socket, sys
s = socket.socket(socket.AF_UNIX)
s.settimeout(10)
s.connect(sys.argv[1])
f = s.makefile("rwb")
for cmd in (b'{"execute":"guest-ping"}', b'{"execute":"guest-get-osinfo"}'):
    f.write(cmd + b"\n"); f.flush()
    print(f.readline().decode().strip())
PY
)
case "$qga" in *'"return": {}'*vmconsole-demo*) echo "smoke: guest agent answers guest-ping and guest-get-osinfo" ;;
  *) fail "guest agent did not answer: $qga" ;; esac

# SSH as the seed's user with the seed's key.
t_ssh=$(now)
ssh_nproc=$(ssh -p "$SSH_PORT" -i "$T/id" -o BatchMode=yes -o StrictHostKeyChecking=no \
  -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR -o ConnectTimeout=30 cloud@127.0.0.1 nproc </dev/null) ||
  fail "ssh to the guest failed"
[ "$ssh_nproc" = "$CORES" ] || fail "nproc over ssh is '$ssh_nproc'"
echo "smoke: ssh cloud@127.0.0.1 -p $SSH_PORT nproc -> $ssh_nproc ($(since "$t_ssh")s, first connection makes the host key)"

# Graceful stop as the agent will do it: ACPI power button through QMP; the guest must power off.
t_off=$(now)
printf '{"execute":"qmp_capabilities"}\n{"execute":"system_powerdown"}\n' |
  socat -t 1 - "UNIX-CONNECT:$T/qmp.sock" >/dev/null
while kill -0 "$QEMU_PID" 2>/dev/null; do
  [ "$(date +%s)" -lt "$DEADLINE" ] || fail "guest ignored the ACPI power button"
  sleep 0.1
done
wait "$QEMU_PID" || true
QEMU_PID=""
echo "smoke: OK — kernel serial console up ${t_console}s, /init ${t_init}s, ready line ${t_ready}s, login: ${t_login}s after QEMU start (TCG, $CORES cores);" \
  "powered off $(since "$t_off")s after the power button"
