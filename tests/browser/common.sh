# common.sh — sourced by run.sh and doc.sh after they have set $html and
# $expected: finds Chromium (or says SKIP and exits 0), checks that both
# files can be read, and makes a temporary home for the browser in $tmp,
# removed on exit.  Sets chromium, tmp, abs (the page's absolute path) and
# name (its file name).
chromium=${CHROMIUM:-}
if [ -z "$chromium" ]; then
  if [ -x /usr/bin/chromium ]; then
    chromium=/usr/bin/chromium
  else
    chromium=$(command -v chromium || command -v chromium-browser || true)
  fi
fi
if [ -z "$chromium" ] || [ ! -x "$chromium" ]; then
  echo "SKIP browser: chromium not installed"
  exit 0
fi
for f in "$html" "$expected"; do
  if [ ! -r "$f" ]; then
    echo "FAIL browser: cannot read $f"
    exit 1
  fi
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
abs=$(cd "$(dirname "$html")" && pwd)/$(basename "$html")
name=$(basename "$html")
mkdir -p "$tmp/home"
