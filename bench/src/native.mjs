// Native reference: the same ISNet ONNX file in native ONNX Runtime (onnxruntime-node, CPU execution provider)
// with the same intra-op thread count as the browser, input [1,3,1024,1024] float32 (seeded random values in the
// model's input range), fetching only the output "output" — as Cutout does.
//
// Standalone:  node bench/src/native.mjs --model models/isnet-quint8.onnx --threads 2 [--runs 5]
//              → one JSON line {model, threads, session_ms, native_inference_ms (median), runs, samples_ms}
// As a server: node bench/src/native.mjs --model … --threads N --serve
//              prints {"ready":…} then answers each stdin line "run" with {"ms":…}; bench/src/run.mjs uses this to
//              interleave native runs with the browser runs, so all of them see the same machine noise.
import { createRequire } from "node:module";
import { createInterface } from "node:readline";

const require = createRequire(import.meta.url);

function arg(name, fallback) {
  const i = process.argv.indexOf(name);
  return i > 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}

function fail(message) {
  process.stderr.write(`native.mjs: ${message}\n`);
  process.exit(1);
}

let ort;
try {
  ort = require("onnxruntime-node");
} catch (e) {
  fail(`onnxruntime-node is not usable here (${e.message}). It is installed with --ignore-scripts by bench/run.sh; `
    + "its CPU binaries ship inside the npm package (bin/napi-v6/linux/x64).");
}

const modelPath = arg("--model");
const threads = parseInt(arg("--threads", "2"), 10);
const runs = parseInt(arg("--runs", "5"), 10);
if (!modelPath) fail("--model FILE is required");

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const t0 = performance.now();
const session = await ort.InferenceSession.create(modelPath, {
  executionProviders: ["cpu"],
  intraOpNumThreads: threads,
  interOpNumThreads: 1,
  executionMode: "sequential",
  graphOptimizationLevel: "all",
});
const sessionMs = performance.now() - t0;

// Deterministic pseudo-random input in [-0.5, 0.5), the range of (v - 128) / 256.
const data = new Float32Array(3 * 1024 * 1024);
let seed = 12345;
for (let i = 0; i < data.length; i++) {
  seed = (seed * 1664525 + 1013904223) >>> 0;
  data[i] = seed / 4294967296 - 0.5;
}
const input = new ort.Tensor("float32", data, [1, 3, 1024, 1024]);

async function once() {
  const t = performance.now();
  const out = await session.run({ input }, ["output"]);
  const ms = performance.now() - t;
  if (out.output.data.length !== 1024 * 1024) throw new Error(`unexpected output size ${out.output.data.length}`);
  return ms;
}

const warmupMs = await once();

if (process.argv.includes("--serve")) {
  process.stdout.write(JSON.stringify({ ready: true, session_ms: sessionMs, warmup_ms: warmupMs,
    ort_version: ort.env?.versions?.node ?? null }) + "\n");
  const rl = createInterface({ input: process.stdin });
  for await (const line of rl) {
    if (line.trim() !== "run") continue;
    try {
      process.stdout.write(JSON.stringify({ ms: await once() }) + "\n");
    } catch (e) {
      process.stdout.write(JSON.stringify({ error: String(e.message ?? e) }) + "\n");
    }
  }
  await session.release();
} else {
  const samples = [];
  for (let i = 0; i < runs; i++) samples.push(await once());
  process.stdout.write(JSON.stringify({
    model: modelPath, threads, session_ms: Math.round(sessionMs), warmup_ms: Math.round(warmupMs),
    native_inference_ms: Math.round(median(samples)), runs, samples_ms: samples.map(Math.round),
    ort_version: ort.env?.versions?.node ?? null,
  }) + "\n");
}
