#!/usr/bin/env bash
# Installs what vm-console needs from Debian's packages, only when something is missing (idempotent).
set -euo pipefail

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
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing: ${missing[*]}"
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}"
fi
