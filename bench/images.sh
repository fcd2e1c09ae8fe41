#!/usr/bin/env bash
# Makes the benchmark's test images in bench/images/ (git-ignored) from real photos that Debian ships:
#   astronaut.png            512×512 RGB PNG, as shipped by scikit-image (NASA photo, public domain)
#   astronaut-4000x3000.jpg  the same photo upscaled to 12 MP (4000×3000, cropped to 4:3), light sensor-like
#                            noise so it compresses like a camera JPEG (quality 90, ~2 MB)
#   coffee.png               600×400 RGB PNG (scikit-image's coffee cup)
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

if [ $force = 0 ] && [ -s "$out/astronaut.png" ] && [ -s "$out/astronaut-4000x3000.jpg" ] && [ -s "$out/coffee.png" ]; then
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
log "made:"
identify "$out"/*.png "$out"/*.jpg >&2
