#!/usr/bin/env bash
# Installs what vm-console needs from Debian's packages, only when something is missing (idempotent).
set -euo pipefail

packages=(
  openjdk-17-jdk-headless maven nodejs npm
  chromium
  qemu-system-x86 qemu-utils
  busybox-static xorriso isolinux syslinux syslinux-common extlinux genisoimage mtools dosfstools fdisk cpio socat
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ! command -v kubectl >/dev/null 2>&1; then
  missing+=(kubernetes-client)
fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing: ${missing[*]}"
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}"
fi
