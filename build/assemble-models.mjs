// Reassembles the ISNet weights from the chunked npm package @imgly/background-removal-data into models/*.onnx
// and verifies each file's size and SHA-256. The build fails with a clear message on any mismatch: a model with
// the wrong bytes must never reach the site.
//
// Usage: node build/assemble-models.mjs [--out models]
import { createHash } from "node:crypto";
import { createReadStream, existsSync, mkdirSync, readFileSync, renameSync, statSync, openSync, writeSync,
  closeSync, rmSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const manifest = JSON.parse(readFileSync(join(root, "models", "models.json"), "utf8"));
const outIndex = process.argv.indexOf("--out");
const outDir = outIndex > 0 ? resolve(process.argv[outIndex + 1]) : join(root, "models");
const dataDir = join(root, "node_modules", manifest.source.package, "dist");

function fail(message) {
  console.error(`\n[cutout] Model assembly failed: ${message}\n`);
  process.exit(1);
}

async function sha256(file) {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) {
    hash.update(chunk);
  }
  return hash.digest("hex");
}

async function assemble(model, resources) {
  const target = join(outDir, model.file);
  if (existsSync(target) && statSync(target).size === model.bytes && (await sha256(target)) === model.sha256) {
    console.log(`[cutout] ${model.file}: present, ${model.bytes} bytes, sha256 ok`);
    return;
  }
  const entry = resources[model.source];
  if (!entry) {
    fail(`${manifest.source.package} has no entry "${model.source}" in dist/resources.json. `
      + `Is node_modules at version ${manifest.source.version}? Run npm install.`);
  }
  if (entry.size !== model.bytes) {
    fail(`"${model.source}" is listed with ${entry.size} bytes, expected ${model.bytes}.`);
  }
  const partial = `${target}.partial`;
  const fd = openSync(partial, "w");
  const hash = createHash("sha256");
  let written = 0;
  try {
    for (const chunk of entry.chunks) {
      const chunkFile = join(dataDir, chunk.hash ?? chunk.name);
      if (!existsSync(chunkFile)) {
        fail(`chunk ${chunkFile} of "${model.source}" is missing; reinstall with npm install.`);
      }
      const bytes = readFileSync(chunkFile);
      hash.update(bytes);
      writeSync(fd, bytes);
      written += bytes.length;
    }
  } finally {
    closeSync(fd);
  }
  const digest = hash.digest("hex");
  if (written !== model.bytes || digest !== model.sha256) {
    rmSync(partial, { force: true });
    fail(`${model.file} reassembled to ${written} bytes with sha256 ${digest}; `
      + `expected ${model.bytes} bytes with sha256 ${model.sha256}. The package contents are not the known weights.`);
  }
  renameSync(partial, target);
  console.log(`[cutout] ${model.file}: assembled ${written} bytes from ${entry.chunks.length} chunks, sha256 ok`);
}

if (!existsSync(join(dataDir, "resources.json"))) {
  fail(`${join(dataDir, "resources.json")} not found. Run npm install (the Maven build does) first.`);
}
const resources = JSON.parse(readFileSync(join(dataDir, "resources.json"), "utf8"));
mkdirSync(outDir, { recursive: true });
for (const model of manifest.models) {
  await assemble(model, resources);
}
