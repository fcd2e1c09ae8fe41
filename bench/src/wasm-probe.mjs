// ONNX models in ONNX Runtime Web's own WebAssembly build (the npm onnxruntime-web that Cutout ships, run by Node
// instead of a browser), interleaved: for comparing model variants and session settings on the very kernels the
// browser runs, without building the site. Node gives the same .wasm file the same engine (V8) as Chromium.
//
//   node bench/src/wasm-probe.mjs [--threads N] [--runs N] [--options JSON] [--masks DIR] MODEL.onnx[@JSON] ...
//
// Each MODEL gets its own session (optionally with its own session options after '@', merged over --options);
// after one warm-up run each, every round runs each session once, the order rotating by one per round. Inputs are
// float32 of the model's declared shape (symbolic dimensions: 1), seeded random values in -0.5..0.5. Prints one
// JSON line per model: median/min/max run time, and per round the time relative to the first model's.
//
// --masks DIR: then runs each model once on every DIR/NAME.input (a photo's model input, raw float32, from
// core.onnx.MixedQuantProbe's `input` step) and prints, per model and photo, the IoU at 0.5 of its first output
// against DIR/NAME.mask (the shipped model's mask in ONNX Runtime Java, from its `calibrate` step): whether the
// browser's runtime gives the same mask as the JVM's. Where DIR holds no NAME.mask, the first MODEL's output is the
// reference instead (`vs` says which), and `max_abs` shows whether a rewritten model is bit for bit the same (0).
// --runs 0 skips the timing.
import { createRequire } from "node:module";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { availableParallelism, cpus, loadavg } from "node:os";

const repo = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const require = createRequire(resolve(repo, "package.json"));

function fail(message) {
  process.stderr.write(`wasm-probe.mjs: ${message}\n`);
  process.exit(1);
}

const args = process.argv.slice(2);
let threads = 2;
let runs = 5;
let common = {};
let masks = null;
const models = [];
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  if (a === "--threads") threads = parseInt(args[++i], 10);
  else if (a === "--runs") runs = parseInt(args[++i], 10);
  else if (a === "--options") common = JSON.parse(args[++i]);
  else if (a === "--masks") masks = args[++i];
  else if (a.startsWith("--")) fail(`unknown option ${a}`);
  else {
    const at = a.indexOf("@");
    models.push(at < 0 ? { file: a, options: {} } : { file: a.slice(0, at), options: JSON.parse(a.slice(at + 1)) });
  }
}
if (!models.length) fail("give at least one MODEL.onnx");

const ortPath = require.resolve("onnxruntime-web");
const ort = await import(ortPath);
const ortVersion = JSON.parse(readFileSync(resolve(dirname(ortPath), "..", "package.json"), "utf8")).version;
ort.env.wasm.numThreads = threads;
ort.env.logLevel = "error";

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

function random(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 4294967296 - 0.5;
  };
}

const sessions = [];
for (const m of models) {
  const options = { executionProviders: ["wasm"], graphOptimizationLevel: "all", logSeverityLevel: 3, ...common,
    ...m.options };
  const t0 = performance.now();
  const session = await ort.InferenceSession.create(readFileSync(m.file), options);
  const sessionMs = performance.now() - t0;
  const feeds = {};
  for (const name of session.inputNames) {
    const meta = session.inputMetadata?.find?.((x) => x.name === name) ?? session.inputMetadata?.[name];
    const dims = (meta?.shape ?? [1, 3, 1024, 1024]).map((d) => (typeof d === "number" && d > 0 ? d : 1));
    const n = dims.reduce((a, b) => a * b, 1);
    const data = new Float32Array(n);
    const rnd = random(42);
    for (let i = 0; i < n; i++) data[i] = rnd();
    feeds[name] = new ort.Tensor("float32", data, dims);
  }
  const fetches = [session.outputNames[0]];
  sessions.push({ m, options, session, feeds, fetches, sessionMs, times: [] });
}

async function once(s) {
  const t = performance.now();
  const out = await s.session.run(s.feeds, s.fetches);
  const ms = performance.now() - t;
  for (const v of Object.values(out)) v.dispose?.();
  return ms;
}

for (const s of sessions) await once(s);
for (let r = 0; r < runs; r++) {
  for (let k = 0; k < sessions.length; k++) {
    const s = sessions[(k + r) % sessions.length];
    s.times.push(await once(s));
  }
  process.stderr.write(`round ${r + 1}/${runs}: ${sessions.map((s) => Math.round(s.times.at(-1))).join(" / ")} ms\n`);
}

const base = sessions[0].times;
for (const s of runs > 0 ? sessions : []) {
  const rel = s.times.map((t, i) => t / base[i]);
  process.stdout.write(`${JSON.stringify({
    mode: "wasm-probe",
    model: s.m.file,
    options: s.m.options,
    runtime: `onnxruntime-web ${ortVersion} (WebAssembly, Node ${process.versions.node})`,
    threads,
    cpu: cpus()[0]?.model?.trim(),
    cores: availableParallelism(),
    load_avg: Math.round(loadavg()[0] * 10) / 10,
    session_ms: Math.round(s.sessionMs),
    run_ms: Math.round(median(s.times) * 10) / 10,
    run_ms_min: Math.round(Math.min(...s.times) * 10) / 10,
    run_ms_max: Math.round(Math.max(...s.times) * 10) / 10,
    run_ms_runs: s.times.map((t) => Math.round(t)),
    vs_first: Math.round(median(rel) * 1000) / 1000,
    vs_first_min: Math.round(Math.min(...rel) * 1000) / 1000,
    vs_first_max: Math.round(Math.max(...rel) * 1000) / 1000,
  })}\n`);
}

function floats(file) {
  const b = readFileSync(file);
  return new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.length));
}

for (const name of masks ? readdirSync(masks).filter((f) => f.endsWith(".input")).sort() : []) {
  const photo = name.slice(0, -".input".length);
  const maskFile = resolve(masks, `${photo}.mask`);
  const jvm = existsSync(maskFile);
  let reference = jvm ? floats(maskFile) : null;
  const input = floats(resolve(masks, name));
  for (const s of sessions) {
    const inputName = s.session.inputNames[0];
    const feeds = { [inputName]: new ort.Tensor("float32", input, s.feeds[inputName].dims) };
    const out = await s.session.run(feeds, s.fetches);
    const m = out[s.fetches[0]].data;
    if (!reference) {
      reference = Float32Array.from(m); // the first model's mask
      for (const v of Object.values(out)) v.dispose?.();
      continue;
    }
    let both = 0, either = 0, diff = 0, max = 0;
    for (let i = 0; i < m.length; i++) {
      const x = reference[i] >= 0.5, y = m[i] >= 0.5;
      both += x && y ? 1 : 0;
      either += x || y ? 1 : 0;
      const d = Math.abs(reference[i] - m[i]);
      diff += d;
      if (d > max) max = d;
    }
    process.stdout.write(`${JSON.stringify({
      mode: "wasm-probe-mask",
      model: s.m.file,
      photo,
      vs: jvm ? "jvm" : sessions[0].m.file,
      runtime: `onnxruntime-web ${ortVersion} (WebAssembly, Node ${process.versions.node})`,
      threads,
      iou: either ? Math.round((both / either) * 100000) / 100000 : 1,
      mean_abs: Math.round((diff / m.length) * 100000) / 100000,
      max_abs: max,
    })}\n`);
    for (const v of Object.values(out)) v.dispose?.();
  }
}
process.exit(0);
