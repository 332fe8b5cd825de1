#!/bin/sh
# Applies a NoCloud seed (a filesystem labelled "cidata": user-data, meta-data, network-config), the
# way cloud-init would for the subset the demo guest supports. Runs once from /init, as root.
LIB=/usr/lib/vmconsole
TAB=$(printf '\t')
LOG=/var/log/cloud-init-output.log
mkdir -p /var/log /mnt/seed

# SCSI and CD-ROM scanning finish after modprobe returns: look for the label for up to ~3 s.
dev=""
i=0
while [ $i -lt 30 ]; do
  dev=$(findfs LABEL=cidata 2>/dev/null) && break
  dev=$(findfs LABEL=CIDATA 2>/dev/null) && break
  i=$((i + 1))
  usleep 100000
done
if [ -z "$dev" ] || ! mount -o ro "$dev" /mnt/seed 2>/dev/null; then
  echo "seed: no cidata device" >> "$LOG"
  exit 0
fi
echo "seed: reading $dev" >> "$LOG"
S=/mnt/seed

# meta-data's local-hostname, unless user-data names one (cloud-init's precedence).
if [ -f $S/meta-data ]; then
  h=$(sed -n 's/^local-hostname:[ ]*//p' $S/meta-data | tr -d "\"'\r")
  [ -n "$h" ] && echo "$h" > /etc/hostname
fi

add_user() { # name passwd-hash lock shell sudo
  [ -n "$1" ] || return
  grep -q "^$1:" /etc/passwd && return
  uid=1000
  while grep -q "^[^:]*:[^:]*:$uid:" /etc/passwd; do uid=$((uid + 1)); done
  shell=$4
  [ -n "$shell" ] && [ -x "$shell" ] || shell=/bin/sh
  hash=${2:-*}
  # cloud-init's default is lock_passwd: true, which keeps the hash but refuses password logins.
  case "$3" in false|False|no) ;; *) hash="!$hash" ;; esac
  echo "$1:x:$uid:$uid::/home/$1:$shell" >> /etc/passwd
  echo "$1:$hash:19000:0:99999:7:::" >> /etc/shadow
  echo "$1:x:$uid:" >> /etc/group
  # No sudo binary in the demo image: a user with sudo rights joins "wheel" (su works for root).
  [ -n "$5" ] && sed -i "s/^wheel:x:10:.*/&,$1/" /etc/group
  mkdir -p "/home/$1/.ssh"
  [ -f /tmp/seed-keys ] && cp /tmp/seed-keys "/home/$1/.ssh/authorized_keys"
  chown -R "$uid:$uid" "/home/$1"
  chmod 700 "/home/$1/.ssh"
  rm -f /tmp/seed-keys
}

: > /tmp/runcmd
final=""
if [ -f $S/user-data ]; then
  if head -n1 $S/user-data | grep -q '^#!'; then
    # A shell-script user-data runs as is (NoCloud allows it).
    cp $S/user-data /tmp/runcmd
  else
    name=""; pw=""; lock=""; ush=""; sudo=""
    awk -f $LIB/cloud-config.awk $S/user-data > /tmp/seed-facts
    while IFS="$TAB" read -r k v; do
      case "$k" in
        hostname|fqdn) echo "${v%%.*}" > /etc/hostname ;;
        final_message) final=$v ;;
        runcmd) echo "$v" >> /tmp/runcmd ;;
        user.begin) add_user "$name" "$pw" "$lock" "$ush" "$sudo"; name=""; pw=""; lock=""; ush=""; sudo="" ;;
        user) name=$v ;;
        user.passwd) pw=$v ;;
        # Hashed here as cloud-init does; busybox's login and dropbear read the hash.
        user.plain) pw=$(mkpasswd -m sha512 "$v") ;;
        user.lock) lock=$v ;;
        user.shell) ush=$v ;;
        user.sudo) sudo=$v ;;
        user.key) echo "$v" >> /tmp/seed-keys ;;
      esac
    done < /tmp/seed-facts
    add_user "$name" "$pw" "$lock" "$ush" "$sudo"
  fi
fi
hostname -F /etc/hostname

if [ -f $S/network-config ]; then
  awk -f $LIB/network-config.awk $S/network-config > /tmp/net-facts
  ip link set eth0 up 2>/dev/null
  : > /etc/resolv.conf
  while IFS="$TAB" read -r k v; do
    case "$k" in
      address) ip addr add "$v" dev eth0 ;;
      gateway) ip route add default via "$v" dev eth0 ;;
      dns) echo "nameserver $v" >> /etc/resolv.conf ;;
      dhcp4) udhcpc -i eth0 -b -q -s $LIB/udhcpc.script >> "$LOG" 2>&1 ;;
    esac
  done < /tmp/net-facts
fi

# runcmd: one shell, in order, as root; output kept like cloud-init keeps it.
if [ -s /tmp/runcmd ]; then
  sh /tmp/runcmd >> "$LOG" 2>&1
fi
umount /mnt/seed

if [ -n "$final" ]; then
  msg=$(printf '%b' "$final" | sed "s/\\\$UPTIME/$(cut -d' ' -f1 /proc/uptime)/g")
  for c in /dev/ttyS0 /dev/tty1; do printf '%s\n' "$msg" > $c 2>/dev/null; done
fi
exit 0
