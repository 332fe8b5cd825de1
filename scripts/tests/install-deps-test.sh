#!/usr/bin/env bash
# scripts/install-deps.sh on a simulated fresh Debian 12 machine. Each case runs the script in a sandbox:
# a PATH of basic tools only (no QEMU, Chromium, kubectl, Java, Maven, Node), apt-get, apt-cache, dpkg,
# dpkg-query, sudo, tee and id replaced by stubs that record their arguments, and a fake /etc (os-release
# and an apt configuration, classic or deb822) passed as VMCONSOLE_SYSTEM_ROOT. The stub apt-get "installs"
# by recording the package and putting a stub of its command on the sandbox's PATH, so a second run sees
# a machine that has everything. Nothing outside the sandbox's directory is written.
# Needs only bash, coreutils, sed, grep and awk: the test command runs it before anything is installed.
set -euo pipefail

script="$(cd "$(dirname "$0")/.." && pwd)/install-deps.sh"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0
failed=0

# The fake trees' mirrors: hosts of the reserved .test domain, which resolve nowhere. Each assertion on
# the backports entry names the variable its tree was written with, so "from the machine's mirror" is what
# is checked, not a copy of a literal.
FAKE_HOST=mirror.test
CLASSIC_MIRROR="http://$FAKE_HOST/debian/"
SECURITY_MIRROR="http://security.$FAKE_HOST/debian-security"
DEB822_MIRROR="http://deb822.$FAKE_HOST/debian"
DISABLED_MIRROR="http://old.$FAKE_HOST/debian"
PLAIN_MIRROR="http://$FAKE_HOST/debian"

# What a machine that has nothing is asked for, by the command that is missing or the package checked.
BASE_PACKAGES=(openjdk-17-jdk-headless maven nodejs npm kubernetes-client ca-certificates chromium
  fonts-liberation busybox-static xorriso isolinux syslinux syslinux-common extlinux genisoimage mtools
  dosfstools fdisk cpio socat openssh-client openssl curl procps)
BASIC_TOOLS=(bash sh env cat sed grep awk mawk mktemp rm tail head tr cut sort uniq dirname basename ls
  mkdir chmod touch true false printf wc)

# Writes a new file (never through an existing path: a stub must not replace a real binary).
new_file() {
  local file=$1 mode=$2
  if [ -e "$file" ] || [ -L "$file" ]; then echo "refusing to overwrite $file" >&2; exit 1; fi
  (set -C; cat >"$file")
  chmod "$mode" "$file"
}

# sandbox DIR UID: stubs in DIR/bin, "installed" commands in DIR/installed-bin, the fake root in DIR/root.
sandbox() {
  local sb=$1 uid=$2 t
  mkdir -p "$sb/bin" "$sb/installed-bin" "$sb/root/etc/apt/sources.list.d" "$sb/state"
  : >"$sb/calls.log"
  : >"$sb/state/installed"
  new_file "$sb/root/etc/os-release" 644 <<'EOF'
PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"
VERSION_ID="12"
VERSION_CODENAME=bookworm
ID=debian
EOF
  # The stubs are written first, into the empty bin directory; only then are the basic tools linked.
  new_file "$sb/bin/id" 755 <<EOF
#!/bin/bash
if [ "\${1:-}" = -u ]; then echo $uid; else echo "uid=$uid"; fi
EOF
  new_file "$sb/bin/sudo" 755 <<EOF
#!/bin/bash
echo "sudo \$*" >>"$sb/calls.log"
exec "\$@"
EOF
  new_file "$sb/bin/tee" 755 <<EOF
#!/bin/bash
echo "tee \$*" >>"$sb/calls.log"
content=\$(cat)
echo "tee< \$content" >>"$sb/calls.log"
for f in "\$@"; do
  case "\$f" in
    -*) ;;
    "$sb"/*) printf '%s\n' "\$content" >"\$f" ;;
    *) echo "stub tee: refusing to write \$f outside the sandbox" >&2; exit 1 ;;
  esac
done
EOF
  new_file "$sb/bin/apt-get" 755 <<EOF
#!/bin/bash
echo "apt-get \$*" >>"$sb/calls.log"
[ "\${1:-}" = install ] || exit 0
shift
release=""
while [ \$# -gt 0 ]; do
  case "\$1" in
    -t) release=\$2; shift ;;
    -*) ;;
    *) echo "\$1" >>"$sb/state/installed"
       command=""; output="ok"
       case "\$1" in
         openjdk-17-jdk-headless) command=java ;;
         maven) command=mvn ;;
         nodejs) command=node ;;
         npm) command=npm ;;
         kubernetes-client) command=kubectl ;;
         qemu-system-x86) command=qemu-system-x86_64
           if [ "\$release" = bookworm-backports ]; then output="QEMU emulator version 10.0.2 (Debian 1:10.0.2+ds-2~bpo12+1)"
           else output="QEMU emulator version 7.2.22 (Debian 1:7.2+dfsg-7+deb12u18)"; fi ;;
       esac
       if [ -n "\$command" ]; then
         rm -f "$sb/installed-bin/\$command"
         (set -C; printf '#!/bin/bash\necho "%s"\n' "\$output" >"$sb/installed-bin/\$command")
         chmod 755 "$sb/installed-bin/\$command"
       fi ;;
  esac
  shift
done
EOF
  new_file "$sb/bin/apt-cache" 755 <<EOF
#!/bin/bash
echo "apt-cache \$*" >>"$sb/calls.log"
EOF
  new_file "$sb/bin/dpkg" 755 <<EOF
#!/bin/bash
echo "dpkg \$*" >>"$sb/calls.log"
[ "\${1:-}" = --print-architecture ] && echo amd64
exit 0
EOF
  new_file "$sb/bin/dpkg-query" 755 <<EOF
#!/bin/bash
echo "dpkg-query \$*" >>"$sb/calls.log"
package=\${*: -1}
if grep -qx "\$package" "$sb/state/installed"; then printf 'install ok installed'; exit 0; fi
echo "dpkg-query: no packages found matching \$package" >&2
exit 1
EOF
  for t in "${BASIC_TOOLS[@]}"; do
    local real
    real=$(type -P "$t") || continue
    [ -e "$sb/bin/$t" ] || ln -s "$real" "$sb/bin/$t"
  done
  # A machine's own tools must not leak in: the sandbox has none of what the script installs.
  for t in qemu-system-x86_64 chromium kubectl java mvn node npm; do
    if PATH="$sb/bin" type -P "$t" >/dev/null; then echo "sandbox leaks $t" >&2; exit 1; fi
  done
}

# run_script DIR [ENV=VALUE...] [-- ARGS...]: runs install-deps.sh in the sandbox; output in DIR/out.log.
run_script() {
  local sb=$1 env_args=() args=()
  shift
  while [ $# -gt 0 ]; do
    if [ "$1" = -- ]; then shift; args=("$@"); break; fi
    env_args+=("$1"); shift
  done
  : >"$sb/calls.log"
  local status=0
  env -i HOME="$sb" PATH="$sb/installed-bin:$sb/bin" VMCONSOLE_SYSTEM_ROOT="$sb/root" "${env_args[@]}" \
    "$sb/bin/bash" "$script" "${args[@]}" >"$sb/out.log" 2>&1 || status=$?
  echo $status >"$sb/status"
}

check() {
  local what=$1
  shift
  if "$@"; then
    passed=$((passed + 1)); echo "ok   $what"
  else
    failed=$((failed + 1)); echo "FAIL $what"
    for f in "$sb/out.log" "$sb/calls.log"; do sed "s|^|     ${f##*/}: |" "$f"; done
  fi
}
exited_zero() { [ "$(cat "$sb/status")" = 0 ]; }
called() { grep -qxF -- "$1" "$sb/calls.log"; }
called_like() { grep -qE -- "$1" "$sb/calls.log"; }
not_called_like() { ! grep -qE -- "$1" "$sb/calls.log"; }
# Every package in the list appears in an apt-get install call.
all_asked() {
  local p
  for p in "$@"; do
    grep -E '^(sudo )?apt-get install ' "$sb/calls.log" | grep -qE " $p( |$)" || { echo "not asked: $p"; return 1; }
  done
}
every_install_without_recommends() {
  ! grep -E '^apt-get install ' "$sb/calls.log" | grep -vq -- '--no-install-recommends'
}
asked_nothing() { ! grep -qE '^(sudo )?(apt-get|tee) ' "$sb/calls.log"; }

# 1. Classic sources.list, as root.
sb="$work/classic"
sandbox "$sb" 0
new_file "$sb/root/etc/apt/sources.list" 644 <<EOF
# deb cdrom:[Debian GNU/Linux 12.5.0 _Bookworm_]/ bookworm main
deb $SECURITY_MIRROR bookworm-security main
deb [arch=amd64 signed-by=/usr/share/keyrings/mirror.gpg] $CLASSIC_MIRROR bookworm main contrib
deb-src $CLASSIC_MIRROR bookworm main
EOF
run_script "$sb"
check "classic: a machine that has nothing: exit 0" exited_zero
check "classic: apt-get update before installing" called "apt-get update -qq"
check "classic: every missing package asked for" all_asked "${BASE_PACKAGES[@]}"
check "classic: QEMU asked from backports without recommends" \
  called "apt-get install -y -q --no-install-recommends -t bookworm-backports qemu-system-x86 qemu-utils"
check "classic: no install pulls recommends" every_install_without_recommends
check "classic: backports entry from the machine's mirror, with its key" \
  called "tee< deb [signed-by=/usr/share/keyrings/mirror.gpg] $CLASSIC_MIRROR bookworm-backports main"
check "classic: backports entry written under the apt tree" \
  called "tee $sb/root/etc/apt/sources.list.d/vmconsole-bookworm-backports.list"
check "classic: root needs no sudo" not_called_like '^sudo '
check "classic: shellcheck only for the test command" not_called_like 'install .* shellcheck'
run_script "$sb"
check "classic: second run: exit 0" exited_zero
check "classic: second run asks for nothing" asked_nothing

# 2. deb822 sources, as a user with sudo, for the test command.
sb="$work/deb822"
sandbox "$sb" 1000
new_file "$sb/root/etc/apt/sources.list.d/debian.sources" 644 <<EOF
# A disabled entry and the security suite come first: neither is the mirror to take.
Types: deb
URIs: $DISABLED_MIRROR
Suites: bookworm
Components: main
Enabled: no

Types: deb deb-src
URIs: $SECURITY_MIRROR
Suites: bookworm-security
Components: main

Types: deb
URIs: $DEB822_MIRROR
Suites: bookworm bookworm-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
run_script "$sb" -- --for-tests
check "deb822: a machine that has nothing: exit 0" exited_zero
check "deb822: every missing package asked for, shellcheck too" all_asked "${BASE_PACKAGES[@]}" shellcheck
check "deb822: apt runs through sudo" called "sudo apt-get update -qq"
check "deb822: QEMU asked from backports without recommends" \
  called "sudo apt-get install -y -q --no-install-recommends -t bookworm-backports qemu-system-x86 qemu-utils"
check "deb822: backports entry from the enabled bookworm stanza" \
  called "tee< deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $DEB822_MIRROR bookworm-backports main"
run_script "$sb" -- --for-tests
check "deb822: second run: exit 0" exited_zero
check "deb822: second run asks for nothing" asked_nothing

# 3. Debian's QEMU on request; a backports entry that exists already is not written again.
sb="$work/choices"
sandbox "$sb" 0
new_file "$sb/root/etc/apt/sources.list" 644 <<EOF
deb $PLAIN_MIRROR bookworm main
deb $PLAIN_MIRROR bookworm-backports main
EOF
run_script "$sb" VMCONSOLE_QEMU_BACKPORTS=0
check "keep Debian's QEMU: exit 0" exited_zero
check "keep Debian's QEMU: asked without backports" \
  called "apt-get install -y -q --no-install-recommends qemu-system-x86 qemu-utils"
check "keep Debian's QEMU: no backports entry written" not_called_like '^tee '
run_script "$sb"
check "QEMU 7.2 installed: upgraded from backports" \
  called "apt-get install -y -q --no-install-recommends -t bookworm-backports qemu-system-x86 qemu-utils"
check "QEMU 7.2 installed: the existing backports entry is kept" not_called_like '^tee '
check "QEMU 7.2 installed: nothing else asked" \
  not_called_like '^apt-get install -y -q --no-install-recommends [^-]'
run_script "$sb"
check "QEMU 10 installed: asks for nothing" asked_nothing

# 4. No bookworm entry to take a mirror from: Debian's QEMU, said so, nothing written.
sb="$work/nomirror"
sandbox "$sb" 0
new_file "$sb/root/etc/apt/sources.list" 644 <<EOF
deb $PLAIN_MIRROR trixie main
EOF
run_script "$sb"
check "no bookworm entry: exit 0" exited_zero
check "no bookworm entry: says why QEMU comes from Debian" grep -q "No 'bookworm' entry" "$sb/out.log"
check "no bookworm entry: QEMU without backports" \
  called "apt-get install -y -q --no-install-recommends qemu-system-x86 qemu-utils"
check "no bookworm entry: nothing written" not_called_like '^tee '

echo "install-deps sandbox: $passed passed, $failed failed"
[ "$failed" = 0 ]
