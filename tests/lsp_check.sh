#!/bin/sh
# lsp_check.sh MAAL — 'maal lsp' as an editor starts it (spec §12.13): the
# program on standard input and output, its exit statuses, its help.  The
# conversations themselves are tests/lsp/*.jsonl (the unit test lsp_test).
# Prints PASS/FAIL lines.
set -u
maal=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# one framed message a line of $1, into $2
frame() {
  : >"$2"
  while IFS= read -r line; do
    printf 'Content-Length: %d\r\n\r\n%s' "$(printf '%s' "$line" | wc -c)" "$line" >>"$2"
  done <"$1"
}

check() { # name, then a command that must succeed
  name=$1
  shift
  if "$@"; then echo "PASS lsp: $name"; else echo "FAIL lsp: $name"; sed 's/^/    /' "$tmp/out" 2>/dev/null | head -5; fi
}

cat >"$tmp/session" <<'EOF2'
{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}
{"jsonrpc":"2.0","method":"initialized","params":{}}
{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///nonexistent/å.maal","languageId":"maal","version":1,"text":"aftale \"Å\" periode 2007\nmålgruppe g = borgere\n"}}}
{"jsonrpc":"2.0","id":2,"method":"shutdown"}
{"jsonrpc":"2.0","method":"exit"}
EOF2
frame "$tmp/session" "$tmp/in"
"$maal" lsp <"$tmp/in" >"$tmp/out" 2>"$tmp/err"
st=$?
check "a session ends with exit status 0 after shutdown and exit" [ "$st" = 0 ]
check "nothing on standard error" [ ! -s "$tmp/err" ]
# the diagnostic of the unknown source, on line 1 (0-based), after 'målgruppe g = '
check "the diagnostic where it belongs, in UTF-16 positions after å" \
  grep -q '"range":{"start":{"line":1,"character":14},"end":{"line":1,"character":21}}' "$tmp/out"

head -n 1 "$tmp/session" >"$tmp/one"
frame "$tmp/one" "$tmp/in"
"$maal" lsp <"$tmp/in" >"$tmp/out" 2>&1
check "the input ends without exit: exit status 1" [ $? = 1 ]
"$maal" lsp </dev/null >"$tmp/out" 2>&1
check "no input at all: exit status 1, nothing written" [ $? = 1 ] && [ ! -s "$tmp/out" ]
frame "$tmp/session" "$tmp/in"
"$maal" lsp --stdio <"$tmp/in" >"$tmp/out" 2>"$tmp/err"
check "lsp --stdio, as generic clients start it: the same session, exit status 0" [ $? = 0 ] && [ ! -s "$tmp/err" ]
"$maal" run --stdio x.maal >"$tmp/out" 2>&1
check "--stdio belongs to lsp only: exit status 3 elsewhere" [ $? = 3 ]
"$maal" lsp extra </dev/null >"$tmp/out" 2>&1
check "a file after lsp is wrong use: exit status 3" [ $? = 3 ]
"$maal" help lsp >"$tmp/out" 2>&1
check "maal help lsp" grep -q '^usage: maal lsp$' "$tmp/out"
"$maal" --help >"$tmp/out" 2>&1
check "maal --help names lsp" grep -q '^  lsp  ' "$tmp/out"
# the client goes away while the server writes: no hanging, no crash
frame "$tmp/session" "$tmp/in"
"$maal" lsp <"$tmp/in" | head -c 10 >/dev/null
check "a client that stops reading" [ $? = 0 ]
