#!/usr/bin/env bash
# Installs what vm-console needs from Debian's packages, only when something is missing (idempotent).
#   scripts/install-deps.sh [--for-tests]
# --for-tests also installs what only the test command uses (shellcheck).
# Environment:
#   VMCONSOLE_QEMU_BACKPORTS=0  keep Debian 12's QEMU 7.2 (migrations then pause the guest for the copy)
#   VMCONSOLE_SYSTEM_ROOT=DIR   read /etc/os-release and /etc/apt from DIR instead of / (the sandbox test
#                               of this script uses it; the packages are still asked of the real apt-get)
set -euo pipefail

for_tests=0
case "${1:-}" in
  --for-tests) for_tests=1 ;;
  "") ;;
  *) echo "usage: $0 [--for-tests]" >&2; exit 2 ;;
esac

root=${VMCONSOLE_SYSTEM_ROOT:-}
apt_dir="$root/etc/apt"
sudo_cmd=()
[ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
# Recommends are never installed: they pulled in a whole Linux kernel image with QEMU, and printers'
# and sound servers' packages with Chromium. What is needed is named below. apt's long output goes to a
# log that is shown only when the install fails.
apt_install() {
  local log status=0
  log=$(mktemp)
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -q --no-install-recommends "$@" >"$log" 2>&1 \
    || status=$?
  [ $status = 0 ] || tail -n 40 "$log" >&2
  rm -f "$log"
  return $status
}

# The major version of the installed QEMU, 0 when there is none. (No pipeline here: under pipefail a
# missing binary would end the script before it installed anything.)
qemu_major() {
  local version
  version=$(qemu-system-x86_64 --version 2>/dev/null) || { echo 0; return; }
  version=${version#QEMU emulator version }
  echo "${version%%.*}"
}

# shellcheck source=scripts/lib/apt-sources.sh
. "$(dirname "$0")/lib/apt-sources.sh"

# QEMU 9.0 or later lets a guest without KVM keep running while it migrates (7.2, Debian 12's own, loses
# dirty pages under TCG: node-agent/API.md "Migration"). On Debian 12 it comes from bookworm-backports,
# on the machine's own mirror.
# shellcheck source=/dev/null
codename=$( (. "$root/etc/os-release" 2>/dev/null && echo "${VERSION_CODENAME:-}") || true)
qemu_from_backports=0
if [ "${VMCONSOLE_QEMU_BACKPORTS:-1}" = 1 ] && [ "$codename" = bookworm ] && [ "$(qemu_major)" -lt 9 ]; then
  qemu_from_backports=1
fi
backports_line=""
if [ $qemu_from_backports = 1 ] && ! has_backports_entry; then
  entry=$(bookworm_entry)
  if [ -z "$entry" ]; then
    echo "No 'bookworm' entry in $apt_dir, so no mirror to take bookworm-backports from;" \
      "installing Debian's QEMU 7.2 (migrations pause the guest)" >&2
    qemu_from_backports=0
  else
    uri=${entry%%$'\t'*}
    signed_by=${entry#*$'\t'}
    backports_line="deb ${signed_by:+[signed-by=$signed_by] }$uri bookworm-backports main"
  fi
fi

missing=()
# Tools that may already come from elsewhere (e.g. a newer Node.js): checked by command, not package.
need_command() { command -v "$1" >/dev/null 2>&1 || missing+=("$2"); }
need_command java openjdk-17-jdk-headless
need_command mvn maven
need_command node nodejs
need_command npm npm
need_command kubectl kubernetes-client
# Packages whose files are used directly: checked by package. QEMU's two are asked for separately.
packages=(ca-certificates chromium fonts-liberation busybox-static xorriso isolinux syslinux syslinux-common extlinux genisoimage mtools
  dosfstools fdisk cpio socat openssh-client openssl curl procps)
[ $for_tests = 1 ] && packages+=(shellcheck)
installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }
for p in "${packages[@]}"; do
  installed "$p" || missing+=("$p")
done
qemu_packages=()
if [ $qemu_from_backports = 1 ]; then
  qemu_packages=(qemu-system-x86 qemu-utils)
else
  for p in qemu-system-x86 qemu-utils; do
    installed "$p" || qemu_packages+=("$p")
  done
fi

if [ ${#missing[@]} -eq 0 ] && [ ${#qemu_packages[@]} -eq 0 ]; then
  exit 0
fi
if [ -n "$backports_line" ]; then
  echo "Adding bookworm-backports from this machine's mirror: $backports_line"
  echo "$backports_line" | "${sudo_cmd[@]}" tee "$apt_dir/sources.list.d/vmconsole-bookworm-backports.list" >/dev/null
fi
"${sudo_cmd[@]}" apt-get update -qq
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing: ${missing[*]}"
  apt_install "${missing[@]}"
fi
# The firmware QEMU boots (seabios, ipxe-qemu) comes as its dependencies.
if [ $qemu_from_backports = 1 ]; then
  echo "Installing QEMU from bookworm-backports: ${qemu_packages[*]}"
  apt_install -t bookworm-backports "${qemu_packages[@]}" \
    || { echo "QEMU from bookworm-backports could not be installed; using Debian's (migrations pause the guest)" >&2
         apt_install "${qemu_packages[@]}"; }
elif [ ${#qemu_packages[@]} -gt 0 ]; then
  echo "Installing: ${qemu_packages[*]}"
  apt_install "${qemu_packages[@]}"
fi
