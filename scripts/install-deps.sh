#!/usr/bin/env bash
# Installs what vm-console needs from Debian's packages, only when something is missing (idempotent).
set -euo pipefail

sudo_cmd=""
[ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"

# QEMU 9.0 or later lets a guest without KVM keep running while it migrates (7.2, Debian 12's own, loses
# dirty pages under TCG: node-agent/API.md "Migration"). On Debian 12 it comes from bookworm-backports;
# VMCONSOLE_QEMU_BACKPORTS=0 keeps Debian's QEMU (migrations then pause the guest for the copy).
qemu_major() { qemu-system-x86_64 --version 2>/dev/null | sed -n 's/^QEMU emulator version \([0-9]*\).*/\1/p'; }
qemu_from_backports=0
codename=$(. /etc/os-release && echo "${VERSION_CODENAME:-}")
installed_major=$(qemu_major)
if [ "${VMCONSOLE_QEMU_BACKPORTS:-1}" = 1 ] && [ "$codename" = bookworm ] && [ "${installed_major:-0}" -lt 9 ]; then
  qemu_from_backports=1
fi

missing=()
# Tools that may already come from elsewhere (e.g. a newer Node.js): checked by command, not package.
need_command() { command -v "$1" >/dev/null 2>&1 || missing+=("$2"); }
need_command java openjdk-17-jdk-headless
need_command mvn maven
need_command node nodejs
need_command npm npm
need_command kubectl kubernetes-client
# Packages whose files are used directly: checked by package.
for p in chromium qemu-system-x86 qemu-utils busybox-static xorriso isolinux syslinux syslinux-common \
    extlinux genisoimage mtools dosfstools fdisk cpio socat openssh-client openssl; do
  if [ $qemu_from_backports = 1 ] && { [ "$p" = qemu-system-x86 ] || [ "$p" = qemu-utils ]; }; then
    continue
  fi
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ $qemu_from_backports = 1 ]; then
  grep -rqs '^[^#]*bookworm-backports' /etc/apt/sources.list /etc/apt/sources.list.d/ \
    || echo "deb http://deb.debian.org/debian bookworm-backports main" \
    | $sudo_cmd tee /etc/apt/sources.list.d/vmconsole-bookworm-backports.list >/dev/null
fi
if [ ${#missing[@]} -gt 0 ] || [ $qemu_from_backports = 1 ]; then
  $sudo_cmd apt-get update -qq
fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing: ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}"
fi
if [ $qemu_from_backports = 1 ]; then
  echo "Installing QEMU from bookworm-backports"
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq -t bookworm-backports qemu-system-x86 qemu-utils \
    || { echo "QEMU from bookworm-backports could not be installed; using Debian's (migrations pause the guest)" >&2
         DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq qemu-system-x86 qemu-utils; }
fi
