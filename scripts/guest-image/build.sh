#!/usr/bin/env bash
# Builds the demo/test guest image from Debian packages only (no root, no loop devices):
#   OUTDIR/vmlinuz, OUTDIR/initrd.img, OUTDIR/disk.qcow2 (bootable: MBR + FAT16 + syslinux)
# Cached: nothing is rebuilt while OUTDIR/inputs.sha256 matches the hash of this directory's files
# and the package versions used. Usage: build.sh OUTDIR
set -euo pipefail

OUT=${1:?usage: build.sh OUTDIR}
HERE=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)

# What the guest needs that the Debian kernel builds as modules (their deps follow from modules.dep).
# Built-in ones (e.g. pvpanic core, evdev on some configs) are simply not found as files and skipped.
MODULES=(virtio_pci virtio_scsi sd_mod virtio_blk virtio_console virtio_net ata_piix ahci sr_mod
  cdrom isofs vfat nls_cp437 nls_ascii nls_utf8 button evdev pvpanic_pci)
# Extra programs unpacked from Debian packages: the guest agent and an SSH server. Their libraries
# come from these packages or, when the host has them (same Debian release), from the host.
EXTRA_PKGS=(qemu-guest-agent dropbear-bin libtomcrypt1 libtommath1)
EXTRA_BINS=(usr/sbin/qemu-ga usr/sbin/dropbear)
HOST_LIB_PKGS=(libc6 libglib2.0-0 libudev1 libnuma1 liburing2 libpcre2-8-0 zlib1g libcrypt1 libgmp10)
DISK_MIB=32
PART_START=2048 # sectors: first partition at 1 MiB, as partitioning tools do
OUTPUTS=(vmlinuz initrd.img disk.qcow2)

need() {
  local missing=()
  for t in "$@"; do command -v "$t" >/dev/null || missing+=("$t"); done
  if ((${#missing[@]})); then
    echo "build.sh: missing ${missing[*]}; apt-get install -y busybox-static syslinux syslinux-common mtools dosfstools fdisk cpio qemu-utils" >&2
    exit 1
  fi
}
need busybox apt-get apt-cache dpkg dpkg-query mkfs.vfat mcopy mdir syslinux sfdisk cpio gzip qemu-img sha256sum
[ -f /usr/lib/syslinux/mbr/mbr.bin ] || { echo "build.sh: /usr/lib/syslinux/mbr/mbr.bin missing (syslinux-common)" >&2; exit 1; }

# The kernel is whatever linux-image-amd64 depends on now; a Debian point release changes it and
# therefore the hash.
KPKG=$(apt-cache depends linux-image-amd64 | awk '/Depends: linux-image-[0-9]/ {print $2; exit}')
[ -n "$KPKG" ] || { echo "build.sh: cannot resolve linux-image-amd64 (apt-get update?)" >&2; exit 1; }
KPKG_VERSION=$(apt-cache show --no-all-versions "$KPKG" | awk '/^Version:/ {print $2; exit}')
pkgver() { dpkg-query -W -f='${Version}' "$1" 2>/dev/null || echo none; }
candidate() { apt-cache show --no-all-versions "$1" | awk '/^Version:/ {print $2; exit}'; }
declare -A EXTRA_VERSION=()
for p in "${EXTRA_PKGS[@]}"; do
  EXTRA_VERSION[$p]=$(candidate "$p")
  [ -n "${EXTRA_VERSION[$p]}" ] || { echo "build.sh: package $p not available (apt-get update?)" >&2; exit 1; }
done
for p in "${HOST_LIB_PKGS[@]}"; do
  [ "$(pkgver "$p")" != none ] || { echo "build.sh: host library package $p missing: apt-get install -y $p" >&2; exit 1; }
done

# Downloads PKG=VERSION into the cache once; prints the .deb's path.
fetch_deb() {
  local deb="$OUT/cache/${1}_${2//:/%3a}_amd64.deb"
  if [ ! -f "$deb" ]; then
    # A failed download is reported below, by the missing file.
    (cd "$OUT/cache" && { apt-get download "$1=$2" 2>&1 | grep -v '^W: Download is performed unsandboxed' >&2; }) || true
  fi
  [ -f "$deb" ] || { echo "build.sh: download of $1=$2 failed" >&2; exit 1; }
  echo "$deb"
}

inputs_hash() {
  (
    cd "$HERE"
    # Everything that goes into the image; smoke.sh and docs do not.
    find . -type f ! -name smoke.sh ! -name '*.md' | LC_ALL=C sort | while read -r f; do
      echo "== $f $(stat -c %a "$f")"
      cat "$f"
    done
    echo "kernel $KPKG $KPKG_VERSION"
    echo "busybox-static $(pkgver busybox-static)"
    echo "syslinux $(pkgver syslinux) $(pkgver syslinux-common)"
    for p in "${EXTRA_PKGS[@]}"; do echo "extra $p ${EXTRA_VERSION[$p]}"; done
    for p in "${HOST_LIB_PKGS[@]}"; do echo "hostlib $p $(pkgver "$p")"; done
    echo "modules ${MODULES[*]} disk ${DISK_MIB}MiB"
  ) | sha256sum | cut -d' ' -f1
}
HASH=$(inputs_hash)
if [ -f "$OUT/inputs.sha256" ] && [ "$(cat "$OUT/inputs.sha256")" = "$HASH" ]; then
  ok=1
  for f in "${OUTPUTS[@]}"; do [ -s "$OUT/$f" ] || ok=0; done
  if ((ok)); then
    echo "guest image up to date in $OUT ($HASH)"
    exit 0
  fi
fi
rm -f "$OUT/inputs.sha256" # a half-finished build must never look current

start=$(date +%s.%N)
W="$OUT/work"
rm -rf "$W"
mkdir -p "$W" "$OUT/cache"

# Kernel: downloaded and unpacked, never installed on the host. The unpacked tree (with its
# modules.dep from busybox depmod, ~5 s) is cached per package version.
KTREE="$OUT/cache/$KPKG-$KPKG_VERSION"
if [ ! -f "$KTREE/.complete" ]; then
  rm -rf "$KTREE" && mkdir -p "$KTREE"
  dpkg -x "$(fetch_deb "$KPKG" "$KPKG_VERSION")" "$KTREE"
  busybox depmod -b "$KTREE" "$(ls "$KTREE/lib/modules")"
  touch "$KTREE/.complete"
fi
KVER=$(ls "$KTREE/lib/modules")
KMOD="$KTREE/lib/modules/$KVER"

# Initramfs: busybox-static + our rootfs + the modules. It is the guest's whole system.
R="$W/initramfs"
mkdir -p "$R"/{bin,sbin,usr/bin,usr/sbin,etc,proc,sys,dev,run,tmp,root,home,mnt,var/log,lib/modules/"$KVER"}
ln -s ../run "$R/var/run" # qemu-ga keeps its state in /var/run
cp "$(command -v busybox)" "$R/bin/busybox"
# Our files first, then applet links only where no file is: a copy onto an applet symlink would
# overwrite busybox itself.
cp -a "$HERE/rootfs/." "$R/"
busybox --list-full | while read -r applet; do
  [ -e "$R/$applet" ] || [ -L "$R/$applet" ] || ln -s /bin/busybox "$R/$applet"
done

X="$W/extra"
for p in "${EXTRA_PKGS[@]}"; do dpkg -x "$(fetch_deb "$p" "${EXTRA_VERSION[$p]}")" "$X"; done
mkdir -p "$R/lib/x86_64-linux-gnu" "$R/lib64"
for b in "${EXTRA_BINS[@]}"; do
  cp "$X/$b" "$R/$b"
  # ldd with the unpacked libraries first; the rest (glibc, glib, ...) are the host's Debian 12 ones.
  LD_LIBRARY_PATH="$X/usr/lib/x86_64-linux-gnu" ldd "$X/$b" | awk '/=> \// {print $3} /^[ \t]*\/lib64\// {print $1}' |
    while read -r lib; do
      case "$lib" in
        */ld-linux-x86-64.so.2) cp -L "$lib" "$R/lib64/ld-linux-x86-64.so.2" ;;
        *) cp -L "$lib" "$R/lib/x86_64-linux-gnu/$(basename "$lib")" ;;
      esac
    done
  grep -q 'not found' <(LD_LIBRARY_PATH="$X/usr/lib/x86_64-linux-gnu" ldd "$X/$b") &&
    { echo "build.sh: unresolved libraries for $b" >&2; exit 1; }
done
chmod 600 "$R/etc/shadow"
chmod 700 "$R/root"

# Module closure from the kernel's modules.dep (names match with '-' and '_' alike).
declare -A want=()
: > "$R/etc/modules"
for m in "${MODULES[@]}"; do
  line=$(awk -v m="$m" -F: '{ n = $1; sub(/.*\//, "", n); sub(/\.ko.*/, "", n); gsub(/-/, "_", n);
          if (n == m) { print; exit } }' "$KMOD/modules.dep")
  if [ -z "$line" ]; then
    grep -q "/$m.ko\$" "$KMOD/modules.builtin" 2>/dev/null || grep -q "/${m//_/-}.ko\$" "$KMOD/modules.builtin" 2>/dev/null ||
      echo "build.sh: note: module $m neither built in nor in $KPKG" >&2
    continue
  fi
  echo "$m" >> "$R/etc/modules"
  for f in ${line/:/ }; do want[$f]=1; done
done
for f in "${!want[@]}"; do
  mkdir -p "$R/lib/modules/$KVER/$(dirname "$f")"
  cp "$KMOD/$f" "$R/lib/modules/$KVER/$f"
done
cp "$KMOD/modules.builtin" "$KMOD/modules.order" "$R/lib/modules/$KVER/"
busybox depmod -b "$R" "$KVER"

cp "$KTREE/boot/vmlinuz-$KVER" "$W/vmlinuz"
(cd "$R" && find . | LC_ALL=C sort | cpio -o -H newc --quiet -R 0:0 | gzip -9 -n) > "$W/initrd.img"

# Boot disk without root or loop devices: FAT16 partition image (hidden sectors = its offset),
# files in with mtools, placed behind an MBR, then syslinux installed at the partition's offset.
fat_kib=$(((DISK_MIB * 1024 * 1024 - PART_START * 512) / 1024))
mkfs.vfat -F 16 -n VMCBOOT -h "$PART_START" -C "$W/fat.img" "$fat_kib" >/dev/null
mcopy -i "$W/fat.img" "$W/vmlinuz" "$W/initrd.img" ::/
mcopy -i "$W/fat.img" "$HERE/syslinux.cfg" ::/syslinux.cfg
truncate -s "${DISK_MIB}M" "$W/disk.img"
printf 'label: dos\nstart=%d, type=6, bootable\n' "$PART_START" | sfdisk -q "$W/disk.img"
dd if=/usr/lib/syslinux/mbr/mbr.bin of="$W/disk.img" bs=440 count=1 conv=notrunc status=none
dd if="$W/fat.img" of="$W/disk.img" bs=512 seek="$PART_START" conv=notrunc status=none
syslinux --offset $((PART_START * 512)) --install "$W/disk.img"
mdir -a -i "$W/disk.img@@$((PART_START * 512))" ::/ | grep -qi ldlinux || { echo "build.sh: syslinux install failed" >&2; exit 1; }
qemu-img convert -f raw -O qcow2 "$W/disk.img" "$W/disk.qcow2"

for f in "${OUTPUTS[@]}"; do mv -f "$W/$f" "$OUT/$f"; done
cat > "$OUT/manifest.txt" <<MANIFEST
kernel $KPKG $KPKG_VERSION ($KVER)
busybox-static $(pkgver busybox-static)
syslinux $(pkgver syslinux)
$(for p in "${EXTRA_PKGS[@]}"; do echo "$p ${EXTRA_VERSION[$p]}"; done)
modules $(tr '\n' ' ' < "$R/etc/modules")
cmdline $(grep APPEND "$HERE/syslinux.cfg" | sed 's/^ *APPEND //')
MANIFEST
rm -rf "$W"
echo "$HASH" > "$OUT/inputs.sha256"
printf 'guest image built in %s (%.1f s): ' "$OUT" "$(echo "$(date +%s.%N) - $start" | bc)"
du -h "$OUT/vmlinuz" "$OUT/initrd.img" "$OUT/disk.qcow2" | awk '{printf "%s %s  ", $2, $1} END {print ""}'
