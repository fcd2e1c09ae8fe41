#!/usr/bin/env bash
# Headless batch runner and side-by-side benchmark for Cutout. See bench/README.md.
#
#   bench/run.sh [--browser chromium|firefox|webkit] [--backend wasm|webgpu] [--model quint8|fp16] [--threads N]
#                [--runs N] [--out DIR] [--peer] [--native] [--timeout SEC] [--no-build] IMAGE...
#   bench/run.sh --first-visit [--runs N] [--no-peer] IMAGE...      (cold cache: page open → first cutout)
#   bench/run.sh --throughput N [--runs N] [--no-peer] [IMAGE...]   (N photos in one multi-select; default set
#                                                                      bench/images/throughput/ from images.sh)
#   bench/run.sh --quality GT_DIR [--strokes N] [--runs N] [--out DIR] [--no-build]   (GT_DIR from bench/groundtruth.sh)
#   bench/run.sh --preset NAME [--shadow drop|contact] [--outline PX] --out DIR IMAGE...   (a size preset's download
#                                                                      through the editor; marketplace is checked)
#
# Builds the site if target/site is missing or older than the sources (says so on stderr), installs
# bench/node_modules with the machine's npm, serves target/bench-site with Cutout's own static server on a free
# loopback port, drives headless Chromium (or Firefox ESR, or WebKitGTK) and prints one JSON line per image and
# configuration on stdout. Exits nonzero if anything failed; the server, the browser (and its driver and Xvfb) and
# the native runner are stopped on every exit.
set -euo pipefail
bench="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(dirname "$bench")"
say() { echo "run.sh: $*" >&2; }

build=1
quality=0
browser=chromium
args=()
prev=""
for a in "$@"; do
  if [ "$a" = "--no-build" ]; then build=0; else args+=("$a"); fi
  if [ "$a" = "--quality" ]; then quality=1; fi
  if [ "$prev" = "--browser" ]; then browser="$a"; fi
  prev="$a"
done

for tool in node npm java; do
  command -v "$tool" >/dev/null || { say "$tool is required (Debian: apt-get install nodejs npm openjdk-17-jdk-headless)"; exit 1; }
done

# The browser: installed from Debian, never downloaded.
missing=""
case "$browser" in
  chromium) [ -x "${CHROMIUM:-/usr/bin/chromium}" ] || missing="chromium" ;;
  firefox) [ -x "${FIREFOX:-/usr/bin/firefox-esr}" ] || missing="firefox-esr" ;;
  webkit)
    [ -x "${WEBKIT_DRIVER:-/usr/bin/WebKitWebDriver}" ] || missing="webkit2gtk-driver"
    if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ ! -x /usr/bin/Xvfb ]; then missing="$missing xvfb"; fi ;;
  *) say "--browser: chromium, firefox or webkit"; exit 2 ;;
esac
if [ -n "$missing" ]; then
  missing="${missing# }"
  say "--browser $browser needs the Debian package(s) $missing; as root:"
  say "  apt-get update && apt-get install -y $missing"
  exit 1
fi

# 1. The harness's own dependencies (dev-only, never part of the site). puppeteer-core (Firefox) downloads no
#    browser (that is the puppeteer package, not -core); PUPPETEER_SKIP_DOWNLOAD makes sure.
export PUPPETEER_SKIP_DOWNLOAD=1
if [ ! -d "$bench/node_modules/playwright-core" ] || [ ! -d "$bench/node_modules/@imgly/background-removal" ] \
   || [ ! -d "$bench/node_modules/puppeteer-core" ] \
   || [ "$bench/package.json" -nt "$bench/node_modules/.package-lock.json" ]; then
  say "installing bench/node_modules with npm (--ignore-scripts: onnxruntime-node's CPU binaries ship in the package)"
  (cd "$bench" && npm install --no-audit --no-fund --ignore-scripts --loglevel=error >&2)
fi

# 2. The site: rebuilt when missing or older than any source file.
site="$repo/target/site"
reason=""
if [ ! -f "$site/index.html" ] || [ ! -f "$repo/target/cutout.jar" ] || [ ! -f "$site/teavm/worker.wasm" ]; then
  reason="target/site or target/cutout.jar is missing"
else
  newest_site="$(find "$site" "$repo/target/cutout.jar" -type f -printf '%T@\n' | sort -n | tail -1)"
  newer="$(cd "$repo" && find src/main pom.xml package.json package-lock.json build models/models.json -type f \
             -newermt "@$newest_site" -print 2>/dev/null | head -3 | tr '\n' ' ')"
  [ -n "$newer" ] && reason="sources are newer than target/site ($newer...)"
fi
# --quality scores with app.cutout.quality.QualityScore from the test classes (the same build compiles them).
scorer="$repo/target/test-classes/app/cutout/quality/QualityScore.class"
if [ $quality = 1 ] && [ -z "$reason" ]; then
  if [ ! -f "$scorer" ]; then
    reason="target/test-classes has no QualityScore"
  elif [ -n "$(find "$repo/src/test/java/app/cutout/quality" -newer "$scorer" -type f | head -1)" ]; then
    reason="src/test/java/app/cutout/quality is newer than its classes"
  fi
fi
if [ -n "$reason" ]; then
  if [ $build = 1 ]; then
    say "building the site first: $reason"
    say "  (cd $repo && mvn -B -q -DskipTests package)"
    (cd "$repo" && mvn -B -q -DskipTests package >&2) || { say "the build failed; see above"; exit 1; }
  else
    say "warning: $reason; --no-build given, measuring the existing build"
  fi
fi

# 3. Run, with a cleanup that also catches children a killed node process would leave behind.
tmp="$(mktemp -d "${TMPDIR:-/tmp}/cutout-bench.XXXXXX")"
export BENCH_PIDFILE="$tmp/pids" BENCH_TMP="$tmp"
: >"$BENCH_PIDFILE"
node_pid=""
cleanup() {
  trap - EXIT INT TERM HUP
  [ -n "$node_pid" ] && kill -TERM "$node_pid" 2>/dev/null && sleep 0.5
  while read -r pid; do
    [ -n "$pid" ] && kill -KILL -- "$pid" 2>/dev/null || true
  done <"$BENCH_PIDFILE"
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'say "interrupted"; cleanup; exit 130' INT TERM HUP

rc=0
node "$bench/src/run.mjs" ${args[@]+"${args[@]}"} &
node_pid=$!
wait "$node_pid" || rc=$?
node_pid=""
exit "$rc"
