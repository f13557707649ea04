# golden.sh — sourced by tests/pg_check.sh and tests/pg/duckdb_all.sh, so
# both run the same golden cases: those whose cmd runs an agreement from
# files (not standard input, not a process substitution) with exit status 0.
#
# golden_args DIR PATTERNS: when the case in DIR is one, and its name
# matches one of PATTERNS (shell patterns, separated by spaces), prints
# its arguments to maal and returns 0; else returns 1.
golden_args() {
  _g_name=$(basename "$1")
  _g_want=0
  set -f
  for _g_pat in $2; do
    # shellcheck disable=SC2254
    case $_g_name in $_g_pat) _g_want=1 ;; esac
  done
  set +f
  [ $_g_want = 1 ] && [ -f "$1/cmd" ] || return 1
  _g_args=$(grep -v '^#' "$1/cmd" | head -n 1)
  case $_g_args in run\ *) ;; *) return 1 ;; esac
  [ -f "$1/expected.status" ] && [ "$(cat "$1/expected.status")" != 0 ] && return 1
  case " $_g_args " in *" run - "* | *"=- "* | *" --data "*" - "* | *"<"* | *"|"* | *" --help "*) return 1 ;; esac
  case $_g_args in *.maal*) ;; *) return 1 ;; esac
  printf '%s\n' "$_g_args"
}
