// Lists the built site's app shell for the service worker: writes <site>/precache.json (every file but the models,
// with its size and sha256) and stamps a hash of that list into <site>/sw.js as its VERSION. Changing any shell file
// thus changes sw.js, which is what makes browsers install the new version (see src/main/webapp/sw.js).
//
// Usage: node build/precache.mjs [target/site]      (Maven runs it in prepare-package, after TeaVM has compiled)
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative, resolve, sep } from "node:path";

const site = resolve(process.argv[2] ?? "target/site");
const PLACEHOLDER = /const VERSION = "[^"]*";/;

// Not part of the shell: the models (verified and cached by the app itself), and the two files written here.
function excluded(path) {
  return path === "sw.js" || path === "precache.json" || (path.startsWith("models/") && path.endsWith(".onnx"));
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
writeFileSync(swPath, sw.replace(PLACEHOLDER, `const VERSION = "${version}";`));
const total = files.reduce((sum, f) => sum + f.bytes, 0);
console.log(`[cutout] precache: ${files.length} shell files, ${(total / 1e6).toFixed(1)} MB, version ${version}`);
