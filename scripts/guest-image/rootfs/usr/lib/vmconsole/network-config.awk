# Reads a NoCloud network-config version 2 (what the node agent renders from the VM's NIC
# {address, prefix, gateway, dns, mac}) for the guest's one NIC. Emits address, gateway, dns and
# dhcp4 records. The interface key in the file is not used: the demo guest has exactly one NIC, eth0.
function trim(s) { sub(/^[ \t]+/, "", s); sub(/[ \t\r]+$/, "", s); return s }
function indent(s) { match(s, /^[ ]*/); return RLENGTH }
function ips(s, prefixed,    rest) {
  rest = s
  while (match(rest, /[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+(\/[0-9]+)?/)) {
    ip = substr(rest, RSTART, RLENGTH)
    if (prefixed && ip ~ /\//) print "address\t" ip
    if (!prefixed && ip !~ /\//) print "dns\t" ip
    rest = substr(rest, RSTART + RLENGTH)
  }
}
{ sub(/\r$/, "") }
/^[ \t]*#/ { next }
ns_indent != "" && $0 !~ /^[ \t]*$/ && indent($0) <= ns_indent { ns_indent = "" }
/nameservers:/ { ns_indent = indent($0); next }
ns_indent != "" { if ($0 ~ /addresses/ || $0 ~ /^[ \t]*- /) ips($0, 0); next }
/gateway4:/ { v = $0; sub(/.*gateway4:/, "", v); print "gateway\t" trim(v); next }
/via:/ { v = $0; sub(/.*via:/, "", v); print "gateway\t" trim(v); next }
/to:/ { next }
/dhcp4:[ \t]*(true|yes)/ { print "dhcp4\ttrue"; next }
/addresses/ || /^[ \t]*- / { ips($0, 1) }
