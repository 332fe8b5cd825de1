# Reading the machine's apt configuration (sourced by install-deps.sh and fresh-machine-check.sh).
# apt_dir is the apt configuration to read; the caller may point it at another tree.
# shellcheck shell=bash
: "${apt_dir:=/etc/apt}"

# Every apt source file: the classic one-line lists and the deb822 .sources files.
apt_source_files() {
  local f
  for f in "$apt_dir/sources.list" "$apt_dir"/sources.list.d/*.list "$apt_dir"/sources.list.d/*.sources; do
    [ -f "$f" ] && printf '%s\n' "$f"
  done
  return 0
}

# The first enabled "deb" entry for Debian 12's main suite, as "URI<TAB>signed-by" (signed-by may be
# empty), read from one-line (.list) or deb822 (.sources) files. Prints nothing when there is none.
bookworm_entry() {
  local f entry
  while read -r f; do
    case "$f" in
      *.sources) entry=$(awk -v suite=bookworm '
          function flush() {
            if (types ~ /(^| )deb( |$)/ && (" " suites " ") ~ (" " suite " ") && enabled != "no" && uris != "") {
              split(uris, u, " "); print u[1] "\t" signed; found = 1; exit
            }
            types = ""; uris = ""; suites = ""; signed = ""; enabled = ""
          }
          /^[ \t]*#/ { next }
          /^[ \t]*$/ { flush(); next }
          /^[ \t]/ { next }   # a continuation line (an inline key): not a path apt could be given
          {
            key = tolower($1); sub(/:$/, "", key); value = $0; sub(/^[^:]*:[ \t]*/, "", value)
            if (key == "types") types = value; else if (key == "uris") uris = value
            else if (key == "suites") suites = value; else if (key == "enabled") enabled = tolower(value)
            else if (key == "signed-by" && value ~ /^\//) signed = value
          }
          END { if (!found) flush() }' "$f") ;;
      *) entry=$(awk -v suite=bookworm '
          { sub(/#.*/, "") }
          $1 == "deb" {
            signed = ""; i = 2
            if ($2 ~ /^\[/) {
              while (i <= NF) {
                if ($i ~ /^\[?signed-by=/) { s = $i; sub(/^\[?signed-by=/, "", s); sub(/\]$/, "", s); signed = s }
                if ($i ~ /\]$/) { i++; break }
                i++
              }
            }
            if ($(i + 1) == suite) { print $i "\t" signed; exit }
          }' "$f") ;;
    esac
    if [ -n "$entry" ]; then
      printf '%s\n' "$entry"
      return
    fi
  done < <(apt_source_files)
}

has_backports_entry() {
  local f
  while read -r f; do
    grep -Eq '^[^#]*bookworm-backports' "$f" && return 0
  done < <(apt_source_files)
  return 1
}
