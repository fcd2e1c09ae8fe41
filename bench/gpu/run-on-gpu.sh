#!/usr/bin/env bash
# Cutout's real-GPU benchmark: headless Chromium + WebGPU on a machine with an NVIDIA GPU and no network.
# See bench/gpu/README.md for the whole procedure and the figures.
#
# Here (Debian 12 with `chromium` installed, after `mvn -B -q -DskipTests package` and `bench/images.sh`):
#   bench/gpu/run-on-gpu.sh prepare          packs Chromium, its libraries, the site, the photo and both models
#                                            into a payload split into parts .device/p1 .. .device/pN (≤ 44 MiB each)
#   bench/gpu/run-on-gpu.sh local [QUERY]    runs the benchmark page here with /usr/bin/chromium (CPU; WebGPU
#                                            only on SwiftShader) to check that everything works
# On the GPU machine, from a copy of this repository holding .device/pK (one part per call is fine):
#   bench/gpu/run-on-gpu.sh recv K           appends part K to /tmp/cutout/payload.bin, unpacks what is complete
#   bench/gpu/run-on-gpu.sh probe            prints the machine's facts (GPU, driver, Vulkan ICDs, libraries)
#   bench/gpu/run-on-gpu.sh bench QUERY SEC  runs bench.html?QUERY in Chromium on the GPU, at most SEC seconds;
#                                            results (and Chromium's log) go to $OUT or /tmp/cutout/out
#     EXTRA_FLAGS=--enable-dawn-features=vulkan_enable_f16_on_nvidia   Dawn hides shader-f16 on NVIDIA's Vulkan
#                                            driver by default, so without this the app never picks fp16 there
#     FLAGS=alt                              GL through SwiftShader instead of ANGLE-on-Vulkan (fallback)
#   bench/gpu/run-on-gpu.sh rounds N SEC Q   N interleaved rounds (Cutout's bench.html?Q, then the peer's
#                                            peer/peer-bench.html), stopping before SEC seconds; one log per launch
# Options for prepare, local, bench and rounds (environment):
#     PEER=1 (prepare, local)                the site also carries the peer and its page (bench/gpu/peer-site.mjs)
#     MODELS=quint8 (prepare)                pack only these models (default: quint8 fp16)
#     PAGE=peer/peer-bench.html              the page to open instead of bench.html
#     TASKSET=0,1                            run Chromium (and so all its processes) on these CPUs only
set -euo pipefail
gpu_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$gpu_dir/../.." && pwd)"
say() { echo "run-on-gpu.sh: $*" >&2; }
# A call carries at most 64 MiB in all: the working tree (~2 MiB), ../shared (~11 MiB of ground truth, which
# travels with every call) and one part.
CHUNK=$((44 * 1024 * 1024))
DEV="${CUTOUT_DEV:-/tmp/cutout}"

# Flags for every run. GPU runs add the Vulkan/WebGPU ones below.
BASE_FLAGS=(--headless --no-sandbox --disable-quic --no-first-run --disable-background-networking
  --disable-component-update --disable-sync --disable-background-timer-throttling
  --disable-renderer-backgrounding --disable-backgrounding-occluded-windows --disable-dev-shm-usage
  --enable-logging=stderr --v=0)
GPU_FLAGS=(--enable-unsafe-webgpu --enable-features=Vulkan --use-angle=vulkan --use-vulkan=native
  --disable-vulkan-surface --ignore-gpu-blocklist --disable-gpu-sandbox)
# FLAGS=alt: GL through SwiftShader instead of ANGLE-on-Vulkan (WebGPU still goes Dawn → Vulkan → the driver), for
# when the GPU process cannot start ANGLE on the driver's Vulkan.
GPU_FLAGS_ALT=(--enable-unsafe-webgpu --enable-features=Vulkan --use-angle=swiftshader --enable-unsafe-swiftshader
  --ignore-gpu-blocklist --disable-gpu-sandbox)
LOCAL_GPU_FLAGS=(--enable-unsafe-webgpu --use-webgpu-adapter=swiftshader)

# bench_run CHROMIUM SITE QUERY TIMEOUT_S OUTDIR FLAGS... : serves SITE, opens bench.html?QUERY, waits for BENCH-DONE.
bench_run() {
  local chromium="$1" site="$2" query="$3" limit="$4" out="$5" page="${PAGE:-bench.html}"
  shift 5
  mkdir -p "$site"
  cp "$gpu_dir/bench.html" "$gpu_dir/bench.js" "$site/"
  [ -e "$site/$page" ] || { say "$site/$page is missing (the peer's page needs PEER=1 at prepare or local)"; return 1; }
  local pin=()
  [ -n "${TASKSET:-}" ] && pin=(taskset -c "$TASKSET")
  mkdir -p "$out"
  local results="$out/results.log" profile
  : >"$results"
  profile="$(mktemp -d /tmp/cutout-profile.XXXXXX)"
  local port
  port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
  python3 "$gpu_dir/serve.py" "$site" "$port" "$results" >/dev/null 2>"$out/server.log" &
  local server=$!
  sleep 0.5
  local url="http://127.0.0.1:$port/$page?$query"
  say "chromium: ${pin[*]} $chromium $* $url"
  setsid "${pin[@]}" "$chromium" "${BASE_FLAGS[@]}" "$@" --user-data-dir="$profile" "$url" >"$out/chromium.log" 2>&1 &
  local browser=$!
  local waited=0 status=0
  while ! grep -q '^BENCH-DONE' "$results"; do
    if ! kill -0 "$browser" 2>/dev/null; then say "Chromium exited early"; status=1; break; fi
    if [ "$waited" -ge "$limit" ]; then say "timed out after ${limit}s"; status=124; break; fi
    sleep 1
    waited=$((waited + 1))
  done
  kill -TERM -- "-$browser" 2>/dev/null || true
  sleep 1
  kill -KILL -- "-$browser" 2>/dev/null || true
  kill "$server" 2>/dev/null || true
  wait "$server" 2>/dev/null || true
  rm -rf "$profile"
  # Chromium's own view of the GPU and any errors, for diagnosis.
  grep -aiE 'webgpu|vulkan|dawn|gpu_init|gpu process|angle|adapter|ERROR|CONSOLE' "$out/chromium.log" \
    | grep -av -e "BENCH " -e dbus | sed "s/^\[[^]]*\] //" | cut -c1-300 | sort | uniq -c | sort -rn | head -25 >&2 || true
  say "results ($waited s):"
  cat "$results"
  return $status
}

prepare() {
  local build="$repo/.device/build"
  local site="$repo/target/site"
  local photo="$repo/bench/images/astronaut-4000x3000.jpg"
  [ -s "$site/teavm/worker.wasm" ] || { say "build the site first: mvn -B -q -DskipTests package"; exit 1; }
  local models=(${MODELS:-quint8 fp16}) m
  for m in "${models[@]}"; do
    [ -s "$repo/models/isnet-$m.onnx" ] || { say "models/isnet-$m.onnx missing: build first"; exit 1; }
  done
  [ -s "$photo" ] || { say "make the photo first: bench/images.sh"; exit 1; }
  [ -x /usr/lib/chromium/chromium ] || { say "needs Debian's chromium here: apt-get install chromium"; exit 1; }
  git -C "$repo" check-ignore -q .device/ || { say ".device/ must be git-ignored (echo /.device/ >> .git/info/exclude)"; exit 1; }
  mkdir -p "$build/debs"
  rm -rf "$build/stage" && mkdir -p "$build/stage/libs" "$build/stage/site"

  # 1. Chromium itself (Debian's build, without the Vulkan validation layer and mock driver).
  if [ ! -s "$build/chromium.tar.xz" ] || [ /usr/lib/chromium/chromium -nt "$build/chromium.tar.xz" ]; then
    say "packing /usr/lib/chromium (xz; several minutes)"
    tar -C /usr/lib -cf - --exclude='libVkLayer_khronos_validation*' --exclude='libVkICD_mock_icd*' \
      --exclude=extensions chromium | xz -T0 -6 >"$build/chromium.tar.xz.tmp"
    mv "$build/chromium.tar.xz.tmp" "$build/chromium.tar.xz"
  fi

  # 2. Every shared library Chromium links that is not glibc or the C++ runtime (the GPU machine has those),
  #    plus libpci (dlopened to identify the GPU) and glvnd's dispatch libraries (NVIDIA's driver links them).
  (cd "$build/debs" && for p in libglvnd0 libegl1 libgl1 libglx0 libgles2 libopengl0 libpci3; do
     ls ${p}_*.deb >/dev/null 2>&1 || apt-get download "$p" >/dev/null; done)
  local x="$build/stage/debs-x"
  mkdir -p "$x"
  for d in "$build"/debs/*.deb; do dpkg -x "$d" "$x"; done
  cp -a "$x"/usr/lib/x86_64-linux-gnu/*.so* "$build/stage/libs/"
  {
    ldd /usr/lib/chromium/chromium
    ldd /usr/lib/chromium/libvk_swiftshader.so
    for f in /usr/lib/x86_64-linux-gnu/nss/*.so /usr/lib/x86_64-linux-gnu/libsoftokn3.so /usr/lib/x86_64-linux-gnu/libfreebl3.so; do
      [ -e "$f" ] && ldd "$f"; done
  } 2>/dev/null | awk '$2 == "=>" && $3 ~ /^\// {print $3}' | sort -u \
    | grep -vE '/(libc|libm|libpthread|libdl|librt|libresolv|libstdc\+\+|libgcc_s)\.so' \
    | grep -v 'ld-linux' | while read -r lib; do cp -L "$lib" "$build/stage/libs/"; done
  for f in /usr/lib/x86_64-linux-gnu/libsoftokn3.so /usr/lib/x86_64-linux-gnu/libfreebl3.so \
           /usr/lib/x86_64-linux-gnu/libnssckbi.so /usr/lib/x86_64-linux-gnu/nss/*.so; do
    [ -e "$f" ] && cp -L "$f" "$build/stage/libs/"
  done
  if [ ! -s "$build/libs.tar.xz" ] || [ /usr/lib/chromium/chromium -nt "$build/libs.tar.xz" ]; then
    tar -C "$build/stage" -cf - libs | xz -T0 -6 >"$build/libs.tar.xz"
  fi

  # 3. The site without its models, plus the 12 MP photo (PEER=1: plus the peer and its page, bench/gpu/peer-site.mjs).
  if [ "${PEER:-}" = 1 ]; then
    node "$gpu_dir/peer-site.mjs" "$build/peer-site"
    mkdir -p "$build/stage/site"
    tar -C "$build/peer-site" -chf - --exclude='./models/*.onnx' . | tar -C "$build/stage/site" -xf -
  else
    tar -C "$repo/target" -cf - --exclude='site/models/*.onnx*' site | tar -C "$build/stage" -xf -
  fi
  mkdir -p "$build/stage/site/bench-images"
  cp "$photo" "$build/stage/site/bench-images/"
  tar -C "$build/stage" -cf - site | xz -T0 -6 >"$build/site.tar.xz"
  # The models compress a little (8-bit weights to 67 %, fp16 to 91 %): that saves a part.
  local level
  for m in "${models[@]}"; do
    [ "$m" = fp16 ] && level=-1 || level=-6
    if [ ! -s "$build/isnet-$m.onnx.xz" ] || [ "$repo/models/isnet-$m.onnx" -nt "$build/isnet-$m.onnx.xz" ]; then
      xz -T0 "$level" -c "$repo/models/isnet-$m.onnx" >"$build/isnet-$m.onnx.xz"
    fi
  done

  # 4. One stream of the entries, with a manifest, cut into parts.
  local entries=(chromium.tar.xz libs.tar.xz site.tar.xz)
  for m in "${models[@]}"; do entries+=("isnet-$m.onnx.xz"); done
  (cd "$build" && python3 - "${entries[@]}" >manifest.json <<'EOF'
import hashlib, json, os, sys
out = []
for name in sys.argv[1:]:
    h = hashlib.sha256()
    with open(name, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    out.append({"name": name, "size": os.path.getsize(name), "sha256": h.hexdigest()})
json.dump(out, sys.stdout, indent=1)
EOF
  )
  rm -rf "$repo"/.device/p[0-9]*
  (cd "$build" && cat "${entries[@]}" | split -b "$CHUNK" -d -a 2 - chunk.)
  local n=0
  for c in "$build"/chunk.*; do
    n=$((n + 1))
    mkdir -p "$repo/.device/p$n"
    mv "$c" "$repo/.device/p$n/chunk"
    cp "$build/manifest.json" "$repo/.device/p$n/"
  done
  rm -rf "$build/stage"
  say "payload: $( (cd "$build" && du -cb "${entries[@]}") | tail -1 | cut -f1) bytes in $n parts:"
  du -sh "$repo"/.device/p* >&2
  say "working tree that travels besides a part: $( (cd "$repo" && { git ls-files -z; git ls-files -z --others --exclude-standard; } | xargs -0 du -cb 2>/dev/null | tail -1 | cut -f1)) bytes"
}

recv() {
  local k="$1"
  mkdir -p "$DEV"
  if [ ! -e "$DEV/got-$k" ]; then
    [ "$k" = 1 ] || [ -e "$DEV/got-$((k - 1))" ] || { say "part $((k - 1)) has not arrived; parts must come in order"; exit 1; }
    cat "$repo/.device/p$k/chunk" >>"$DEV/payload.bin"
    touch "$DEV/got-$k"
  fi
  python3 - "$repo/.device/p$k/manifest.json" "$DEV" <<'EOF'
import hashlib, itertools, json, lzma, os, shutil, sys, tarfile
manifest, dev = json.load(open(sys.argv[1])), sys.argv[2]
have = os.path.getsize(os.path.join(dev, "payload.bin"))
offset = 0
for e in manifest:
    name, size, done = e["name"], e["size"], os.path.join(dev, "done-" + e["name"])
    if not os.path.exists(done) and offset + size <= have:
        dest = os.path.join(dev, name)
        h = hashlib.sha256()
        with open(os.path.join(dev, "payload.bin"), "rb") as src, open(dest, "wb") as out:
            src.seek(offset)
            left = size
            while left:
                block = src.read(min(left, 1 << 22))
                h.update(block)
                out.write(block)
                left -= len(block)
        if h.hexdigest() != e["sha256"]:
            sys.exit(f"{name}: sha256 mismatch")
        if name.endswith(".tar.xz"):  # Python's own lzma/tarfile: the GPU machine need not have xz
            with tarfile.open(dest, "r:xz") as tar:
                tar.extractall(dev, **({"filter": "tar"} if hasattr(tarfile, "tar_filter") else {}))
            os.remove(dest)
        elif name.endswith(".onnx.xz"):
            # The site serves a model in parts of 20 MiB, NAME.onnx.00, .01, ... (core.files.SiteParts).
            os.makedirs(os.path.join(dev, "site", "models"), exist_ok=True)
            with lzma.open(dest) as src:
                for i in itertools.count():
                    block = src.read(20 << 20)
                    if not block:
                        break
                    with open(os.path.join(dev, "site", "models", "%s.%02d" % (name[:-3], i)), "wb") as part:
                        part.write(block)
            os.remove(dest)
        open(done, "w").close()
        print(f"unpacked {name} ({size} bytes, sha256 {e['sha256'][:16]}…)")
    state = "ready" if os.path.exists(done) else f"waiting ({max(0, have - offset)}/{size} bytes)"
    print(f"  {name}: {state}")
    offset += size
EOF
}

gpu_env() {
  export LD_LIBRARY_PATH="$DEV/libs${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
  for d in /usr/local/nvidia/lib64 /usr/local/nvidia/lib; do
    [ -d "$d" ] && LD_LIBRARY_PATH="$LD_LIBRARY_PATH:$d"
  done
  local icd
  for icd in "${NVIDIA_ICD:-}" /usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json /usr/share/vulkan/icd.d/nvidia_icd.json \
             /etc/vulkan/icd.d/nvidia_icd.json /usr/local/share/vulkan/icd.d/nvidia_icd.json; do
    if [ -n "$icd" ] && [ -s "$icd" ]; then
      export VK_DRIVER_FILES="$icd" VK_ICD_FILENAMES="$icd"
      break
    fi
  done
  say "LD_LIBRARY_PATH=$LD_LIBRARY_PATH VK_DRIVER_FILES=${VK_DRIVER_FILES:-none}"
}

probe() {
  set +e
  uname -a; cat /etc/os-release | head -3; nproc; free -g | head -2
  which java node python3
  nvidia-smi --query-gpu=name,driver_version,memory.total,clocks.max.sm --format=csv
  ldconfig -p | grep -iE 'vulkan|libGLX_nvidia|libEGL|GLdispatch|libnss3|libX11.so|libstdc' | head -20
  ls -la /usr/share/vulkan/icd.d /etc/vulkan/icd.d /usr/local/nvidia/share/vulkan/icd.d /usr/local/nvidia/lib64 2>&1 | head -60
  cat /usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json /usr/share/vulkan/icd.d/nvidia_icd.json 2>/dev/null
  ls /dev/nvidia* /dev/dri 2>&1
  ldd --version | head -1
  if [ -x "$DEV/chromium/chromium" ]; then
    gpu_env
    echo "--- missing libraries:"; ldd "$DEV/chromium/chromium" | grep 'not found'
    "$DEV/chromium/chromium" --version
  fi
  set -e
}

bench() {
  local query="${1:-}" limit="${2:-500}"
  local out="${OUT:-$DEV/out}"
  [ -x "$DEV/chromium/chromium" ] || { say "Chromium is not unpacked yet (recv)"; exit 1; }
  # Before the site has arrived, `bench 'configs='` still reports the browser and its WebGPU adapter.
  local site="$DEV/site"
  [ -d "$site" ] || site="$DEV/probe-site"
  gpu_env
  local flags=("${GPU_FLAGS[@]}")
  [ "${FLAGS:-}" = alt ] && flags=("${GPU_FLAGS_ALT[@]}")
  bench_run "$DEV/chromium/chromium" "$site" "$query" "$limit" "$out" "${flags[@]}" ${EXTRA_FLAGS:-}
}

local_run() {
  local query="${1:-configs=wasm:quint8:2:1,webgpu:quint8:0:1&images=1024&runs=2&warmup=1}" limit="${2:-1500}"
  local site
  site="$(mktemp -d /tmp/cutout-gpu-site.XXXXXX)"
  if [ "${PEER:-}" = 1 ]; then
    node "$gpu_dir/peer-site.mjs" "$site/assembled" >&2
    cp -rL "$site/assembled/." "$site/" && rm -rf "$site/assembled"
  else
    cp -r "$repo/target/site/." "$site/"
  fi
  mkdir -p "$site/bench-images"
  cp "$repo/bench/images/astronaut-4000x3000.jpg" "$site/bench-images/"
  local status=0
  bench_run "${CHROMIUM:-/usr/lib/chromium/chromium}" "$site" "$query" "$limit" "${OUT:-/tmp/cutout-gpu-local}" \
    "${LOCAL_GPU_FLAGS[@]}" ${EXTRA_FLAGS:-} || status=$?
  rm -rf "$site"
  return $status
}

# rounds N SEC QUERY: N rounds of Cutout's page (bench.html?QUERY) then the peer's (peer/peer-bench.html?PEER_QUERY,
# default threads=2&runs=5&warmup=1), each launch a fresh browser with its own log; no launch starts when less than
# the longest one so far is left of SEC. Logs: $OUT/rK-cutout/ and $OUT/rK-peer/ (results.log, chromium.log, server.log).
rounds() {
  local n="$1" limit="$2" query="$3" peer_query="${PEER_QUERY:-threads=2&runs=5&warmup=1}"
  local out="${OUT:-$DEV/out}" start=$SECONDS k what t
  declare -A longest=([cutout]=60 [peer]=60)
  for k in $(seq 1 "$n"); do
    for what in cutout peer; do
      if [ $((limit - (SECONDS - start))) -lt $((longest[$what] + 10)) ]; then say "stopping: $what may take ${longest[$what]}s"; return 0; fi
      t=$SECONDS
      if [ "$what" = cutout ]; then
        OUT="$out/r$k-cutout" PAGE=bench.html bench "$query" $((limit - (SECONDS - start))) || true
      else
        OUT="$out/r$k-peer" PAGE=peer/peer-bench.html bench "$peer_query" $((limit - (SECONDS - start))) || true
      fi
      [ $((SECONDS - t)) -gt "${longest[$what]}" ] && longest[$what]=$((SECONDS - t))
      say "round $k $what: $((SECONDS - t)) s"
    done
  done
}

case "${1:-}" in
  prepare) prepare ;;
  local) shift; local_run "$@" ;;
  recv) recv "$2" ;;
  probe) probe ;;
  bench) shift; bench "$@" ;;
  rounds) shift; rounds "$@" ;;
  *) sed -n '2,25p' "$0" >&2; exit 2 ;;
esac
