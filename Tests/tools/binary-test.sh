#!/usr/bin/env bash
# Runs the self-contained binary (dist/katalog, from script/build-binary) the way a municipality's CI
# would: copied alone into a folder with the example catalog, no Swift toolchain on PATH, no Templates/.
# Prints "N passed, M failed".
set -uo pipefail
cd "$(dirname "$0")/../.."
binary="$PWD/dist/katalog"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$binary" "$work/katalog"
cp -r Content "$work/Content"
passed=0; failed=0
check() { # description, command...
  local what="$1"; shift
  if (cd "$work" && env -i PATH=/usr/bin:/bin HOME="$work" LANG=C.UTF-8 "$@") >"$work/out.txt" 2>&1; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1)); echo "FEJL: $what"; sed 's/^/    /' "$work/out.txt"
  fi
}
check "no Swift toolchain on PATH" sh -c '! command -v swift && ! command -v swiftc'
check "only base system libraries" sh -c 'ldd ./katalog | grep -v -E "linux-vdso|libc\.so|libm\.so|libstdc\+\+|libgcc_s|ld-linux" | grep -q . && exit 1 || exit 0'
check "--version names the standard" sh -c './katalog --version | grep -q 2024'
check "check passes on the example catalog" ./katalog check
check "build without Templates/ (built-in templates)" sh -c './katalog build && test -f Site/fjordby/traening-paa-hold.html && test -f Site/eksport/soft.csv'
check "check fails on a violation with a GitHub annotation" sh -c 'sed -i "s/^form: \[individuel\]/form: [hold]/" Content/fjordby/alkoholsamtale.md && ! ./katalog check --format github > a.txt && grep -q "^::error file=Content/fjordby/alkoholsamtale.md,line=" a.txt'
check "init then check" sh -c './katalog init ny --kommune Norddal --kommunekode 0999 && cd ny && ../katalog check'
# The live preview: a page over HTTP, an edited title on the page, then Ctrl-C. On a port nobody
# listens on (bash's /dev/tcp connects only where something listens).
port=$((20000 + RANDOM % 20000))
while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((20000 + RANDOM % 20000)); done
check "serve: a page over HTTP, an edit shows, Ctrl-C stops it" bash -c '
  ./katalog serve --port "$1" > serve.txt 2>&1 & pid=$!
  trap "kill $pid 2>/dev/null; cat serve.txt" EXIT
  page="http://127.0.0.1:$1/fjordby/traening-paa-hold.html"
  shows() { for i in $(seq 100); do curl -s --max-time 2 "$page" | grep -q "$1" && return 0; sleep 0.1; done; return 1; }
  shows "<h1>Træning på hold</h1>" || exit 1
  sed -i "s/^titel: Træning på hold$/titel: Træning på hold i binæren/" Content/fjordby/traening-paa-hold.md
  shows "<h1>Træning på hold i binæren</h1>" || exit 1
  kill -INT $pid
  for i in $(seq 50); do kill -0 $pid 2>/dev/null || exit 0; sleep 0.1; done
  exit 1' _ "$port"
echo "binary: $(du -h "$binary" | cut -f1)"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
