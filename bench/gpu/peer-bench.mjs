// Self-driving benchmark page for the peer, @imgly/background-removal 1.7.0 (bench/gpu/README.md, "The peer on the
// GPU machine's CPU"). It is the counterpart of bench.js for the same Chromium and the same server: it fetches the
// 12 MP photo as a File, calls preload, then removeBackground `warmup` times untimed and `runs` times timed, and
// reports one line:
//   BENCH {"kind":"peer-env", ...}     browser, isolation, the thread count ONNX Runtime was given
//   BENCH {"kind":"peer-result", ...}  median, min and max of total and of each stage, every run's total
//   BENCH {"kind":"error", ...}
//   BENCH-DONE
// Each line goes to console.log and is POSTed to /__bench/log (serve.py appends it to a file).
//
// Query parameters (all optional): threads=2 model=quint8|fp16 runs=5 warmup=1
//   src=../bench-images/astronaut-4000x3000.jpg
// Always device "cpu" (ONNX Runtime Web 1.21's WASM backend). Bundled with esbuild by bench/gpu/peer-site.mjs into
// the benchmark site's peer/ directory, next to the peer's resources; never part of Cutout's site.
//
// The adaptations are bench/peer/peer.mjs's: 1.7.0 sets ort.env.wasm.numThreads = navigator.hardwareConcurrency,
// so the page reports the requested thread count there; stage marks come from imgly's progress callback and from
// wrapping InferenceSession.prototype.run.
import ort from "onnxruntime-web";
import { preload, removeBackground } from "@imgly/background-removal";

const params = new URLSearchParams(location.search);
const THREADS = Math.max(1, parseInt(params.get("threads") ?? "2", 10) || 2);
const MODEL = params.get("model") === "fp16" ? "isnet_fp16" : "isnet_quint8";
const RUNS = Number(params.get("runs") || 5);
const WARMUP = Number(params.get("warmup") || 1);
const SRC = params.get("src") || "../bench-images/astronaut-4000x3000.jpg";
const STAGES = ["decode_ms", "pre_ms", "inference_ms", "post_ms", "encode_ms", "total_ms"];

Object.defineProperty(Navigator.prototype, "hardwareConcurrency", { get: () => THREADS, configurable: true });

const pre = document.getElementById("log");

async function report(obj) {
  const line = typeof obj === "string" ? obj : "BENCH " + JSON.stringify(obj);
  console.log(line);
  pre.textContent += "\n" + line;
  try {
    await fetch("/__bench/log", { method: "POST", body: line });
  } catch (e) {
    console.log("BENCH-POST-FAILED " + e);
  }
}

const round = x => (typeof x === "number" && isFinite(x) ? Math.round(x * 10) / 10 : null);

function spread(values) {
  const v = values.filter(x => typeof x === "number" && isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return null;
  const m = v.length >> 1;
  return { median: round(v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2), min: round(v[0]), max: round(v[v.length - 1]) };
}

let marks = {};
const sessionRun = ort.InferenceSession.prototype.run;
ort.InferenceSession.prototype.run = async function (...args) {
  marks.runStart = performance.now();
  try {
    return await sessionRun.apply(this, args);
  } finally {
    marks.runEnd = performance.now();
  }
};

const config = {
  publicPath: new URL("resources/", location.href).href,
  model: MODEL,
  device: "cpu",
  output: { format: "image/png" },
  progress: (key, current) => {
    const now = performance.now();
    if (key === "compute:decode") marks.decode = now;
    else if (key === "compute:inference") marks.inference = now;
    else if (key === "compute:mask") marks.mask = now;
    else if (key === "compute:encode") marks[current >= 4 ? "encoded" : "encode"] = now;
  },
};

async function once(file) {
  marks = {};
  const start = performance.now();
  const blob = await removeBackground(file, config);
  const end = performance.now();
  const m = marks;
  return {
    decode_ms: m.inference - m.decode,
    pre_ms: m.runStart - m.inference,
    inference_ms: m.runEnd - m.runStart,
    post_ms: m.encode - m.runEnd,
    encode_ms: m.encoded - m.encode,
    total_ms: end - start,
    png_bytes: blob.size,
  };
}

(async () => {
  try {
    await report({ kind: "peer-env", userAgent: navigator.userAgent, crossOriginIsolated: self.crossOriginIsolated,
      hardwareConcurrency: THREADS, peer: "@imgly/background-removal 1.7.0, onnxruntime-web 1.21.0" });
    const response = await fetch(SRC);
    if (!response.ok) throw new Error("fetching " + SRC + ": HTTP " + response.status);
    const file = new File([await response.blob()], "astronaut-4000x3000.jpg", { type: "image/jpeg" });
    let t = performance.now();
    await preload(config);
    const preloadMs = performance.now() - t;
    const warm = [];
    const timed = [];
    for (let i = 0; i < WARMUP + RUNS; i++) (i < WARMUP ? warm : timed).push(await once(file));
    const result = {
      kind: "peer-result", config: `peer:${MODEL}:t${THREADS}`, image: "12mp", file_bytes: file.size,
      num_threads: ort.env.wasm.numThreads, runs: timed.length, warmup: warm.length, preload_ms: round(preloadMs),
      first: warm.length ? Object.fromEntries(STAGES.map(s => [s, round(warm[0][s])])) : null,
    };
    for (const s of STAGES) {
      const v = spread(timed.map(r => r[s]));
      result[s] = v && v.median;
      result[s.replace(/_ms$/, "_min_ms")] = v && v.min;
      result[s.replace(/_ms$/, "_max_ms")] = v && v.max;
    }
    result.inference_ms_runs = timed.map(r => round(r.inference_ms));
    result.total_ms_runs = timed.map(r => round(r.total_ms));
    result.png_bytes = timed[0] && timed[0].png_bytes;
    await report(result);
  } catch (e) {
    await report({ kind: "error", config: "peer", text: String(e && e.stack || e) });
  }
  await report("BENCH-DONE");
})();
