# A reader for the subset of #cloud-config the demo guest honours, emitting one "key<TAB>value"
# record per fact, so the shell that applies them stays simple. Covered: hostname, fqdn,
# final_message (plain or block scalar), users (name, passwd/hashed_passwd, lock_passwd, shell,
# plain_text_passwd, sudo, ssh_authorized_keys), runcmd / run_cmd (strings or [argv] lists).
function trim(s) { sub(/^[ \t]+/, "", s); sub(/[ \t\r]+$/, "", s); return s }
function unquote(s) {
  s = trim(s)
  if (s ~ /^".*"$/ || s ~ /^'.*'$/) s = substr(s, 2, length(s) - 2)
  return s
}
function indent(s) { match(s, /^[ ]*/); return RLENGTH }
# [a, "b c"] -> 'a' 'b c' (shell words, so an argv list keeps its word boundaries)
function argv(s,    n, parts, i, out, w) {
  s = trim(s); s = substr(s, 2, length(s) - 2)
  n = split(s, parts, /,[ ]*/)
  out = ""
  for (i = 1; i <= n; i++) {
    w = unquote(parts[i]); gsub(/'/, "'\\''", w)
    out = out (i > 1 ? " " : "") "'" w "'"
  }
  return out
}
function userkey(k, v) {
  if (k == "name") print "user\t" unquote(v)
  else if (k == "passwd" || k == "hashed_passwd") print "user.passwd\t" unquote(v)
  else if (k == "plain_text_passwd") print "user.plain\t" unquote(v)
  else if (k == "lock_passwd") print "user.lock\t" unquote(v)
  else if (k == "shell") print "user.shell\t" unquote(v)
  else if (k == "sudo") print "user.sudo\t" unquote(v)
  else if (k == "ssh_authorized_keys") { sub_list = "keys"; if (v ~ /^\[/) print "user.keys\t" v }
}
{ sub(/\r$/, "") }
/^[ \t]*#/ || /^[ \t]*$/ { if (section != "final_block") next }
section == "final_block" {
  if ($0 ~ /^[ \t]*$/ || indent($0) > 0) { block = block (block == "" ? "" : "\\n") trim($0); next }
  print "final_message\t" block; section = ""
}
/^[^ \t-]/ {
  section = ""
  key = $0; sub(/:.*/, "", key)
  val = $0; if (!sub(/^[^:]*:[ \t]*/, "", val)) val = ""
  if (key == "hostname" || key == "fqdn") print key "\t" unquote(val)
  else if (key == "final_message") { if (val ~ /^[|>]/) { section = "final_block"; block = "" } else print "final_message\t" unquote(val) }
  else if (key == "users" || key == "runcmd" || key == "run_cmd") section = key
  next
}
section == "runcmd" || section == "run_cmd" {
  if ($0 ~ /^[ \t]*- /) {
    cmd = $0; sub(/^[ \t]*- /, "", cmd)
    print "runcmd\t" (trim(cmd) ~ /^\[/ ? argv(cmd) : unquote(cmd))
  }
  next
}
section == "users" {
  line = $0
  if (line ~ /^[ \t]*- / && (item_indent == "" || indent(line) <= item_indent)) {
    item_indent = indent(line); sub_list = ""
    sub(/^[ \t]*- /, "", line)
    if (trim(line) == "default") next
    print "user.begin\t"
  } else if (line ~ /^[ \t]*- / && sub_list == "keys") {
    sub(/^[ \t]*- /, "", line); print "user.key\t" unquote(line); next
  } else {
    sub_list = ""
  }
  if (match(line, /^[ \t]*[A-Za-z_]+:/)) {
    k = trim(substr(line, 1, RLENGTH - 1)); v = substr(line, RLENGTH + 1)
    userkey(k, v)
  }
}
END { if (section == "final_block") print "final_message\t" block }
