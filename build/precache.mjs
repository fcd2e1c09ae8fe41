// Lists the built site's app shell for the service worker: writes <site>/precache.json (every file but the models,
// with its size and sha256) and stamps a hash of that list into <site>/sw.js as its VERSION. Changing any shell file
// thus changes sw.js, which is what makes browsers install the new version (see src/main/webapp/sw.js).
// It also stamps the models cache's name, MODEL_CACHE, from the one Java constant the page and the worker use
// (web/platform/CacheNames.MODELS), so the service worker cannot look in another cache than the one they fill.
//
// Usage: node build/precache.mjs [target/site]      (Maven runs it in prepare-package, after TeaVM has compiled)
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative, resolve, sep } from "node:path";

const site = resolve(process.argv[2] ?? "target/site");
const PLACEHOLDER = /const VERSION = "[^"]*";/;
const MODEL_CACHE_PLACEHOLDER = /const MODEL_CACHE = "[^"]*";/;
const CACHE_NAMES = new URL("../src/main/java/app/cutout/web/platform/CacheNames.java", import.meta.url);

/** The value of CacheNames.MODELS, read from its source so that the name is written once. */
function modelCacheName() {
  const match = /\bString MODELS = "([^"\\]+)";/.exec(readFileSync(CACHE_NAMES, "utf8"));
  if (!match) {
    console.error(`[cutout] precache: no 'String MODELS = "...";' line in ${CACHE_NAMES.pathname}`);
    process.exit(1);
  }
  return match[1];
}

// Not part of the shell: the models' parts (joined, verified and cached by the app itself), and the two files
// written here.
function excluded(path) {
  return path === "sw.js" || path === "precache.json" || /^models\/.*\.onnx(\.\d\d)?$/.test(path);
}

function walk(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = join(dir, entry.name);
    if (entry.name.startsWith(".")) {
      return []; // the servers do not serve dot files either
    }
    return entry.isDirectory() ? walk(full) : [full];
  });
}

const files = walk(site)
  .map((full) => relative(site, full).split(sep).join("/"))
  .filter((path) => !excluded(path))
  .sort()
  .map((path) => {
    const bytes = readFileSync(join(site, path));
    return { path, bytes: bytes.length, sha256: createHash("sha256").update(bytes).digest("hex") };
  });
if (!files.some((f) => f.path === "index.html")) {
  console.error(`[cutout] precache: no index.html in ${site}; build the site first`);
  process.exit(1);
}

const version = createHash("sha256").update(JSON.stringify(files)).digest("hex").slice(0, 16);
writeFileSync(join(site, "precache.json"), JSON.stringify({ version, files }, null, 1) + "\n");

const swPath = join(site, "sw.js");
const sw = readFileSync(swPath, "utf8");
if (!PLACEHOLDER.test(sw)) {
  console.error(`[cutout] precache: ${swPath} has no 'const VERSION = "...";' line to stamp`);
  process.exit(1);
}
if (!MODEL_CACHE_PLACEHOLDER.test(sw)) {
  console.error(`[cutout] precache: ${swPath} has no 'const MODEL_CACHE = "...";' line to stamp`);
  process.exit(1);
}
const modelCache = modelCacheName();
writeFileSync(swPath, sw.replace(PLACEHOLDER, `const VERSION = "${version}";`)
  .replace(MODEL_CACHE_PLACEHOLDER, `const MODEL_CACHE = "${modelCache}";`));
const total = files.reduce((sum, f) => sum + f.bytes, 0);
console.log(`[cutout] precache: ${files.length} shell files, ${(total / 1e6).toFixed(1)} MB, version ${version}, `
  + `models cache ${modelCache}`);
