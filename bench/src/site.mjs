// Assembles the benchmark's site (a temporary directory, or target/bench-site when run without bench/run.sh):
// a copy of Cutout's built site (target/site, never modified; its models linked) plus a /peer/ directory with a page that runs @imgly/background-removal@1.7.0 entirely from local files.
//
// The peer is AGPL-3.0 and exists only for measurement: it lives in bench/node_modules (a dev-only dependency of
// bench/package.json), is bundled here into that directory's peer/, and nothing of it is ever written into
// target/site, the shipped site.
import { build } from "esbuild";
import { cpSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync,
  writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const benchDir = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const repo = resolve(benchDir, "..");

/** A dependency's directory in bench/node_modules (not via require.resolve: some packages export no package.json). */
function pkgDir(name) {
  const dir = join(benchDir, "node_modules", name);
  if (!existsSync(join(dir, "package.json"))) throw new Error(`${name} is not installed in bench/node_modules`);
  return dir;
}

function link(target, path) {
  rmSync(path, { recursive: true, force: true });
  symlinkSync(target, path);
}

/** Keys @imgly/background-removal 1.7.0 asks resources.json for, mapped to what the npm data package calls them. */
const MODEL_KEYS = { "/models/isnet_quint8": "/models/small", "/models/isnet_fp16": "/models/medium" };
/** The ONNX Runtime Web files 1.7.0 loads through resources.json (src/onnx.ts: baseFilePath + .wasm/.mjs). */
const ORT_KEYS = [
  "ort-wasm-simd-threaded.wasm", "ort-wasm-simd-threaded.mjs",
  "ort-wasm-simd-threaded.jsep.wasm", "ort-wasm-simd-threaded.jsep.mjs",
];

/**
 * Writes the peer's resources directory: a rewritten resources.json and links to the bytes it names.
 * - models: from @imgly/background-removal-data@1.4.5 (`/models/small|medium`, chunks[].hash) renamed to the keys
 *   1.7.0 reads (`/models/isnet_quint8|isnet_fp16`, chunks[].name);
 * - ONNX Runtime: 1.7.0 pairs `onnxruntime-web` (its peer dependency, 1.21.0) with
 *   /onnxruntime-web/ort-wasm-simd-threaded.{mjs,wasm}; the data package only has wasm files of an older ORT
 *   without .mjs glue, so the entries point at onnxruntime-web@1.21.0's own dist files.
 */
function writeResources(dir) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const dataDist = join(pkgDir("@imgly/background-removal-data"), "dist");
  const source = JSON.parse(readFileSync(join(dataDist, "resources.json"), "utf8"));
  const out = {};
  for (const [key, from] of Object.entries(MODEL_KEYS)) {
    const entry = source[from];
    if (!entry) throw new Error(`@imgly/background-removal-data has no ${from} in resources.json`);
    out[key] = {
      ...entry,
      chunks: entry.chunks.map((c) => {
        const name = c.name ?? c.hash;
        link(join(dataDist, name), join(dir, name));
        return { name, offsets: c.offsets };
      }),
    };
  }
  const ortDist = join(pkgDir("onnxruntime-web"), "dist");
  mkdirSync(join(dir, "ort"), { recursive: true });
  for (const file of ORT_KEYS) {
    const size = statSync(join(ortDist, file)).size;
    link(join(ortDist, file), join(dir, "ort", file));
    out[`/onnxruntime-web/${file}`] = {
      chunks: [{ name: `ort/${file}`, offsets: [0, size] }],
      size,
      mime: file.endsWith(".wasm") ? "application/wasm" : "text/javascript",
    };
  }
  writeFileSync(join(dir, "resources.json"), JSON.stringify(out, null, 1));
}

/** Newest modification time below dir (following no links), for "is the site current" checks. */
export function newestMtime(dir, skip = () => false) {
  let newest = 0;
  const walk = (d) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (skip(p)) continue;
      const s = lstatSync(p);
      if (s.isDirectory()) walk(p);
      else newest = Math.max(newest, s.mtimeMs);
    }
  };
  if (existsSync(dir)) walk(dir);
  return newest;
}

/**
 * @param site   the built Cutout site (target/site)
 * @param out    where to assemble the benchmark site
 * @param peer   whether to add /peer/
 */
export async function assemble({ site, out, peer }) {
  if (!existsSync(join(site, "index.html"))) throw new Error(`${site}/index.html missing: build the site first`);
  mkdirSync(out, { recursive: true });
  // Cutout: a snapshot of the build, so that a rebuild by someone else during a long run does not change what is
  // measured halfway (the weights, 130 MB and checked by SHA-256 in the browser, are linked instead).
  const entries = new Set(readdirSync(site));
  for (const name of readdirSync(out)) {
    if (name !== "peer" && !entries.has(name)) rmSync(join(out, name), { recursive: true, force: true });
  }
  for (const name of entries) {
    if (name === "peer") throw new Error(`${site} has its own peer/: refusing to shadow it`);
    rmSync(join(out, name), { recursive: true, force: true });
    if (name === "models") link(resolve(site, name), join(out, name));
    else cpSync(resolve(site, name), join(out, name), { recursive: true, dereference: true });
  }
  const peerDir = join(out, "peer");
  rmSync(peerDir, { recursive: true, force: true });
  if (!peer) return;
  mkdirSync(peerDir, { recursive: true });
  writeFileSync(join(peerDir, "index.html"), readFileSync(join(benchDir, "peer", "index.html")));
  writeResources(join(peerDir, "resources"));
  // imgly's ESM imports bare specifiers (onnxruntime-web, lodash-es, ndarray, zod): bundle them into one module.
  await build({
    entryPoints: [join(benchDir, "peer", "peer.mjs")],
    outfile: join(peerDir, "peer.js"),
    absWorkingDir: benchDir,
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    minify: false,
    sourcemap: false,
    logLevel: "error",
    legalComments: "none",
  });
}
