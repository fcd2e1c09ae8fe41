// Assembles the GPU machine's benchmark site with the peer (bench/gpu/README.md, "The peer on the GPU machine's CPU"):
//   node bench/gpu/peer-site.mjs OUT
// OUT gets what bench/run.sh --peer serves (bench/src/site.mjs: a copy of target/site, models linked, and peer/ with
// @imgly/background-removal 1.7.0 bundled and its resources), plus peer/peer-bench.html and its bundle
// peer-bench.js. Two cuts keep the payload one part smaller, and neither changes a byte the peer runs on the CPU:
// - the peer's 8-bit model is the very file Cutout ships (same size and SHA-256, checked here), so its resources.json
//   entry names the site's parts of it, ../../models/isnet-quint8.onnx.00 to .02, instead of 11 copies of the same
//   bytes;
// - the fp16 model and the WebGPU (jsep) build of ONNX Runtime are left out: this page runs with device "cpu".
import { build } from "esbuild";
import { createHash } from "node:crypto";
import { copyFileSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { assemble } from "../src/site.mjs";

const gpuDir = dirname(fileURLToPath(import.meta.url));
const benchDir = resolve(gpuDir, "..");
const repo = resolve(benchDir, "..");
const out = resolve(process.argv[2] ?? join(repo, ".device", "build", "peer-site"));
const site = join(repo, "target", "site");

await assemble({ site, out, peer: true });
const peerDir = join(out, "peer");
const resDir = join(peerDir, "resources");
const resources = JSON.parse(readFileSync(join(resDir, "resources.json"), "utf8"));

const sha256 = (buffers) => {
  const h = createHash("sha256");
  for (const b of buffers) h.update(b);
  return h.digest("hex");
};
const quint8 = resources["/models/isnet_quint8"];
const peerModel = quint8.chunks.map((c) => readFileSync(join(resDir, c.name)));
// The site serves the model in parts of 20 MiB (core.files.SiteParts): isnet-quint8.onnx.00, .01, ...
const partNames = readdirSync(join(site, "models")).filter((n) => /^isnet-quint8\.onnx\.\d\d$/.test(n)).sort();
const ownParts = partNames.map((n) => readFileSync(join(site, "models", n)));
const ownLength = ownParts.reduce((n, b) => n + b.length, 0);
if (sha256(peerModel) !== sha256(ownParts) || quint8.size !== ownLength) {
  throw new Error("the peer's isnet_quint8 differs from models/isnet-quint8.onnx: carry its own chunks instead");
}
for (const c of quint8.chunks) rmSync(join(resDir, c.name), { force: true });
let at = 0;
quint8.chunks = partNames.map((n, i) => {
  const chunk = { name: `../../models/${n}`, offsets: [at, at + ownParts[i].length] };
  at += ownParts[i].length;
  return chunk;
});
for (const c of resources["/models/isnet_fp16"].chunks) rmSync(join(resDir, c.name), { force: true });
delete resources["/models/isnet_fp16"];
for (const key of Object.keys(resources).filter((k) => k.includes(".jsep."))) {
  rmSync(join(resDir, "ort", key.split("/").pop()), { force: true });
  delete resources[key];
}
writeFileSync(join(resDir, "resources.json"), JSON.stringify(resources, null, 1));

copyFileSync(join(gpuDir, "peer-bench.html"), join(peerDir, "peer-bench.html"));
await build({
  entryPoints: [join(gpuDir, "peer-bench.mjs")],
  outfile: join(peerDir, "peer-bench.js"),
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
console.log(`peer-site.mjs: ${out} (peer/peer-bench.html, model shared with Cutout's, sha256 ${sha256(ownParts).slice(0, 16)}…)`);
