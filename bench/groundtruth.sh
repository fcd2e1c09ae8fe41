#!/usr/bin/env bash
# Builds the ground-truth set for bench/run.sh --quality: photos and their exact alpha mattes, made from sample
# photos in Debian packages by app.cutout.quality.GroundTruthSet (see its comment and bench/README.md, "Quality").
#
#   bench/groundtruth.sh GT_DIR
#
# Compiles first if the test classes are missing or older than their sources. Needs the built model
# (models/isnet-quint8.onnx): the cut-out subjects' outlines are ISNet's masks of their original photos.
set -euo pipefail
bench="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(dirname "$bench")"
say() { echo "groundtruth.sh: $*" >&2; }
[ $# = 1 ] || { say "usage: bench/groundtruth.sh GT_DIR"; exit 2; }
out="$(realpath -m "$1")"

cls="$repo/target/test-classes/app/cutout/quality/GroundTruthSet.class"
if [ ! -f "$cls" ] || [ ! -f "$repo/models/isnet-quint8.onnx" ] \
   || [ -n "$(find "$repo/src/test/java/app/cutout" "$repo/src/main/java/app/cutout/core" -newer "$cls" -type f | head -1)" ]; then
  say "building first: (cd $repo && mvn -B -q -DskipTests package)"
  (cd "$repo" && mvn -B -q -DskipTests package >&2) || { say "the build failed; see above"; exit 1; }
fi
cpfile="$(mktemp)"
trap 'rm -f "$cpfile"' EXIT
(cd "$repo" && mvn -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cpfile" >&2)
# From the repository root: the sample photos are cached in .testdata/ and the model read from models/.
cd "$repo"
java -cp "target/classes:target/test-classes:$(cat "$cpfile")" app.cutout.quality.GroundTruthSet "$out"
say "wrote $out"
