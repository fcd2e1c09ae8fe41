#!/usr/bin/env bash
# Makes the benchmark's test images in bench/images/ (git-ignored) from real photos that Debian ships:
#   astronaut.png            512×512 RGB PNG, as shipped by scikit-image (NASA photo, public domain)
#   astronaut-4000x3000.jpg  the same photo upscaled to 12 MP (4000×3000, cropped to 4:3), light sensor-like
#                            noise so it compresses like a camera JPEG (quality 90, ~2 MB)
#   coffee.png               600×400 RGB PNG (scikit-image's coffee cup)
#   astronaut-1200x900.jpg   the same photo at 1 MP (1200×900), made the same way (quality 90)
#   throughput/astronaut-4000x3000-NN.jpg (NN = 01..20)
#                            20 distinct 12 MP photos for `run.sh --throughput`: the 12 MP recipe with its own
#                            noise seed, a brightness step of -2..+2 % and every other one mirrored, so no two
#                            files share bytes (or pixels) and no cache can answer one from another
#
# Needs apt (Debian): downloads python3-skimage with `apt-get download` (nothing is installed from it) and
# installs imagemagick if `convert` is missing. Usage: bench/images.sh [--force]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
out=images
src=images/.src
force=0
[ "${1:-}" = "--force" ] && force=1

log() { echo "images.sh: $*" >&2; }

THROUGHPUT_COUNT=20
if [ $force = 0 ] && [ -s "$out/astronaut.png" ] && [ -s "$out/astronaut-4000x3000.jpg" ] && [ -s "$out/coffee.png" ] \
   && [ -s "$out/astronaut-1200x900.jpg" ] && [ -s "$out/throughput/astronaut-4000x3000-$THROUGHPUT_COUNT.jpg" ]; then
  log "images present in bench/$out (use --force to remake)"
  ls -l "$out" >&2
  exit 0
fi

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    log "need root for: $*"; exit 1; fi
}

# The real ImageMagick (a sandbox may have a stand-in /usr/local/bin/convert that only converts to PPM).
if [ ! -x /usr/bin/convert ]; then
  log "installing imagemagick"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends imagemagick >/dev/null
fi
convert=/usr/bin/convert

mkdir -p "$src"
data="$src/x/usr/lib/python3/dist-packages/skimage/data"
if [ ! -s "$data/astronaut.png" ]; then
  log "fetching python3-skimage's sample photos (apt-get download, nothing installed)"
  (cd "$src" && rm -f python3-skimage_*.deb && { apt-get download python3-skimage >/dev/null 2>&1 || {
      as_root apt-get update -qq && apt-get download python3-skimage >/dev/null; }; })
  dpkg -x "$src"/python3-skimage_*.deb "$src/x"
  rm -f "$src"/python3-skimage_*.deb
fi
[ -s "$data/astronaut.png" ] || { log "astronaut.png not found in python3-skimage"; exit 1; }

cp "$data/astronaut.png" "$out/astronaut.png"
cp "$data/coffee.png" "$out/coffee.png"
# Lanczos upscale to cover 4000×3000, centre crop, a little Gaussian noise, 4:2:0 JPEG at quality 90.
"$convert" "$data/astronaut.png" -filter Lanczos -resize '4000x3000^' -gravity center -extent 4000x3000 \
  -seed 1 -attenuate 0.25 +noise Gaussian -sampling-factor 2x2 -quality 90 -strip \
  "$out/astronaut-4000x3000.jpg"
"$convert" "$data/astronaut.png" -filter Lanczos -resize '1200x900^' -gravity center -extent 1200x900 \
  -seed 1 -attenuate 0.25 +noise Gaussian -sampling-factor 2x2 -quality 90 -strip \
  "$out/astronaut-1200x900.jpg"
# The throughput set: one 4000×3000 upscale, then per photo its own noise seed, brightness and orientation.
mkdir -p "$out/throughput"
"$convert" "$data/astronaut.png" -filter Lanczos -resize '4000x3000^' -gravity center -extent 4000x3000 \
  "$src/astronaut-4000x3000.ppm"
for i in $(seq 1 $THROUGHPUT_COUNT); do
  nn="$(printf %02d "$i")"
  flop=(); [ $((i % 2)) = 0 ] && flop=(-flop)
  "$convert" "$src/astronaut-4000x3000.ppm" ${flop[@]+"${flop[@]}"} -modulate "$((98 + i % 5)),100,100" \
    -seed "$((100 + i))" -attenuate 0.25 +noise Gaussian -sampling-factor 2x2 -quality 90 -strip \
    "$out/throughput/astronaut-4000x3000-$nn.jpg"
done
rm -f "$src/astronaut-4000x3000.ppm"
n_distinct="$(md5sum "$out"/throughput/*.jpg | cut -d' ' -f1 | sort -u | wc -l)"
[ "$n_distinct" = "$THROUGHPUT_COUNT" ] || { log "throughput photos are not all distinct ($n_distinct)"; exit 1; }
log "made:"
identify "$out"/*.png "$out"/*.jpg "$out"/throughput/*.jpg >&2
