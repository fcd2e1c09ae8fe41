// The benchmark peer page: @imgly/background-removal 1.7.0 driven like Cutout's page, so bench/src/run.mjs can
// use one protocol for both: choose a file in #file-input → #status[data-state] goes removing → done|error,
// #timings[data-timings] holds the stage times (ms), #result[href] the PNG's blob: URL.
// Several files chosen at once (run.sh --throughput) are processed one after another, as a page using imgly's API
// would: #status goes done after the last, and #timings holds {count, total_ms (first start to last end),
// totals_ms (each call)}.
//
// Query: ?backend=wasm|webgpu&model=quint8|fp16&threads=N. Bundled by bench/src/site.mjs with esbuild; served
// only from the temporary benchmark site bench/run.sh assembles. Nothing here is shipped with Cutout.
//
// Two adaptations, both outside imgly's code:
// 1. Threads: 1.7.0 sets ort.env.wasm.numThreads = navigator.hardwareConcurrency (capabilities.js), so the page
//    reports the requested thread count there.
// 2. CSP: 1.7.0 hands ONNX Runtime its .mjs glue as a blob: URL, and Cutout's server sends
//    `script-src 'self' …`, which forbids importing blob: scripts. The page therefore swaps that one URL for the
//    same file at its same-origin address (resources/ort/…, the very bytes the blob was made from). The .wasm
//    blob URL is used as imgly gives it.
import ort from "onnxruntime-web";
import ortGpu from "onnxruntime-web/webgpu";
import { preload, removeBackground } from "@imgly/background-removal";

const params = new URLSearchParams(location.search);
const backend = params.get("backend") === "webgpu" ? "webgpu" : "wasm";
const model = params.get("model") === "fp16" ? "isnet_fp16" : "isnet_quint8";
const threads = Math.max(1, parseInt(params.get("threads") ?? "", 10) || navigator.hardwareConcurrency || 1);

Object.defineProperty(Navigator.prototype, "hardwareConcurrency", { get: () => threads, configurable: true });

const $ = (id) => document.getElementById(id);
const setState = (s) => $("status").setAttribute("data-state", s);

function sameOriginGlue(env, file) {
  let paths;
  Object.defineProperty(env.wasm, "wasmPaths", {
    configurable: true,
    enumerable: true,
    get: () => paths,
    set: (value) => {
      if (value && typeof value === "object" && String(value.mjs ?? "").startsWith("blob:")) {
        value = { ...value, mjs: new URL(`resources/ort/${file}`, location.href).href };
      }
      paths = value;
    },
  });
}
sameOriginGlue(ort.env, "ort-wasm-simd-threaded.mjs");
sameOriginGlue(ortGpu.env, "ort-wasm-simd-threaded.jsep.mjs");

// Stage marks: imgly reports compute:decode|inference|mask|encode through config.progress; session.run is timed
// by wrapping InferenceSession.prototype.run of both ORT builds.
let marks = {};
for (const o of [ort, ortGpu]) {
  const run = o.InferenceSession.prototype.run;
  o.InferenceSession.prototype.run = async function (...args) {
    marks.runStart = performance.now();
    try {
      return await run.apply(this, args);
    } finally {
      marks.runEnd = performance.now();
    }
  };
}

const config = {
  publicPath: new URL("resources/", location.href).href,
  model,
  device: backend === "webgpu" ? "gpu" : "cpu",
  output: { format: "image/png" },
  progress: (key, current) => {
    const now = performance.now();
    if (key === "compute:decode") marks.decode = now;
    else if (key === "compute:inference") marks.inference = now;
    else if (key === "compute:mask") marks.mask = now;
    else if (key === "compute:encode") marks[current >= 4 ? "encoded" : "encode"] = now;
  },
};

let initialised = false;
let lastUrl = null;

async function run(file) {
  setState("removing");
  $("message").textContent = "";
  try {
    const timings = {};
    if (!initialised) {
      const t = performance.now();
      await preload(config);
      timings.session_ms = performance.now() - t; // resources fetch + ORT init + session, as imgly does it
      initialised = true;
      const env = (config.device === "gpu" ? ortGpu : ort).env;
      $("backend-info").setAttribute("data-threads", String(env.wasm.numThreads));
      $("backend-info").setAttribute("data-backend", backend);
      $("backend-info").setAttribute("data-model", model);
    }
    marks = {};
    const start = performance.now();
    const blob = await removeBackground(file, config);
    const end = performance.now();
    const m = marks;
    Object.assign(timings, {
      decode_ms: m.inference - m.decode,
      pre_ms: m.runStart - m.inference,
      inference_ms: m.runEnd - m.runStart,
      post_ms: m.encode - m.runEnd,
      encode_ms: m.encoded - m.encode,
      total_ms: end - start,
    });
    if (lastUrl) URL.revokeObjectURL(lastUrl);
    lastUrl = URL.createObjectURL(blob);
    $("result").href = lastUrl;
    $("timings").setAttribute("data-timings", JSON.stringify(timings));
    $("timings").textContent = JSON.stringify(timings);
    setState("done");
  } catch (e) {
    $("message").textContent = String(e && e.stack ? e.stack : e);
    setState("error");
  }
}

async function runAll(files) {
  setState("removing");
  $("message").textContent = "";
  const start = performance.now();
  const totals = [];
  try {
    if (!initialised) {
      await preload(config);
      initialised = true;
    }
    for (const file of files) {
      const t = performance.now();
      const blob = await removeBackground(file, config);
      totals.push(performance.now() - t);
      if (lastUrl) URL.revokeObjectURL(lastUrl);
      lastUrl = URL.createObjectURL(blob);
      $("result").href = lastUrl;
    }
    const timings = { count: files.length, total_ms: performance.now() - start, totals_ms: totals };
    $("timings").setAttribute("data-timings", JSON.stringify(timings));
    $("timings").textContent = JSON.stringify(timings);
    setState("done");
  } catch (e) {
    $("message").textContent = String(e && e.stack ? e.stack : e);
    setState("error");
  }
}

$("file-input").addEventListener("change", (event) => {
  const files = [...event.target.files];
  event.target.value = ""; // choosing the same file again starts a new run
  if (files.length === 1) run(files[0]);
  else if (files.length > 1) runAll(files);
});
document.body.setAttribute("data-app", "ready");
setState("ready");
