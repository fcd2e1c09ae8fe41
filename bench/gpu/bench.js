// Self-driving benchmark page for Cutout's worker (bench/gpu/README.md). Served from the site's own origin next to
// worker.js; it drives the worker through its message protocol (no UI involved) and reports one line per
// configuration and image:
//   BENCH {"kind":"env", ...}       browser, isolation, WebGPU adapter info
//   BENCH {"kind":"result", ...}    medians of the worker's own stage timings
//   BENCH {"kind":"error", ...}
//   BENCH-DONE
// Each line goes to console.log and is POSTed to /__bench/log (bench/gpu/serve.py appends it to a file).
//
// Query parameters (all optional):
//   configs=webgpu:fp16:0:1,wasm:quint8:8:1   backend:model:threads[:strength], each in a fresh worker
//   images=1024,12mp                          the 1024² photo is made here from the 12 MP one (centre crop)
//   runs=5 warmup=1 timeout=300 (s per run)   medians over `runs` after `warmup` untimed runs per image
//   src=bench-images/astronaut-4000x3000.jpg  the 12 MP photo (same origin)

const params = new URLSearchParams(location.search);
const CONFIGS = (params.has("configs") ? params.get("configs")
  : "webgpu:fp16:0:1,webgpu:quint8:0:1,wasm:quint8:8:1,wasm:quint8:16:1")
  .split(",").filter(Boolean).map(spec => {
    const [backend, model, threads = "0", strength = "1"] = spec.split(":");
    return { backend, model, threads: Number(threads), strength: Number(strength) };
  });
const IMAGES = (params.has("images") ? params.get("images") : "1024,12mp").split(",").filter(Boolean);
const RUNS = Number(params.get("runs") || 5);
const WARMUP = Number(params.get("warmup") || 1);
const TIMEOUT_MS = Number(params.get("timeout") || 300) * 1000;
const SRC = params.get("src") || "bench-images/astronaut-4000x3000.jpg";
const STAGES = ["model_fetch_ms", "session_ms", "decode_ms", "pre_ms", "inference_ms", "post_ms", "show_ms",
  "ready_ms", "encode_ms", "total_ms"];

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

function median(values) {
  const v = values.filter(x => typeof x === "number" && isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return null;
  const m = v.length >> 1;
  return Math.round((v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2) * 10) / 10;
}

const round = x => (typeof x === "number" ? Math.round(x * 10) / 10 : x);

async function adapterInfo() {
  const out = { gpu_api: !!navigator.gpu };
  if (!navigator.gpu) return out;
  out.other_adapters = {};
  for (const [name, opts] of [["default", undefined], ["compat", { featureLevel: "compatibility" }],
    ["fallback", { forceFallbackAdapter: true }]]) {
    try {
      const a = await navigator.gpu.requestAdapter(opts);
      out.other_adapters[name] = a ? `${a.info.vendor} ${a.info.architecture} ${a.info.description}` : null;
    } catch (e) {
      out.other_adapters[name] = "error: " + e;
    }
  }
  try {
    const adapter = await navigator.gpu.requestAdapter({ powerPreference: "high-performance" });
    if (!adapter) return { ...out, adapter: null };
    const info = adapter.info || (adapter.requestAdapterInfo ? await adapter.requestAdapterInfo() : {});
    out.adapter = {
      vendor: info.vendor, architecture: info.architecture, device: info.device, description: info.description,
      isFallbackAdapter: info.isFallbackAdapter ?? adapter.isFallbackAdapter,
      subgroupMinSize: info.subgroupMinSize, subgroupMaxSize: info.subgroupMaxSize,
    };
    out.features = [...adapter.features].sort();
    out.shader_f16 = adapter.features.has("shader-f16");
    out.limits = {
      maxBufferSize: adapter.limits.maxBufferSize,
      maxStorageBufferBindingSize: adapter.limits.maxStorageBufferBindingSize,
      maxComputeWorkgroupStorageSize: adapter.limits.maxComputeWorkgroupStorageSize,
      maxComputeInvocationsPerWorkgroup: adapter.limits.maxComputeInvocationsPerWorkgroup,
    };
  } catch (e) {
    out.adapter_error = String(e);
  }
  return out;
}

async function makeImages() {
  const response = await fetch(SRC);
  if (!response.ok) throw new Error("fetching " + SRC + ": HTTP " + response.status);
  const big = await response.blob();
  const bitmap = await createImageBitmap(big);
  const images = {};
  images["12mp"] = { blob: big, name: "astronaut-4000x3000.jpg", width: bitmap.width, height: bitmap.height };
  // A 1024×1024 photo: centre square of the 12 MP photo, downscaled, JPEG quality 0.92.
  const side = Math.min(bitmap.width, bitmap.height);
  const canvas = new OffscreenCanvas(1024, 1024);
  const ctx = canvas.getContext("2d");
  ctx.imageSmoothingQuality = "high";
  ctx.drawImage(bitmap, (bitmap.width - side) / 2, (bitmap.height - side) / 2, side, side, 0, 0, 1024, 1024);
  const small = await canvas.convertToBlob({ type: "image/jpeg", quality: 0.92 });
  images["1024"] = { blob: small, name: "astronaut-1024.jpg", width: 1024, height: 1024 };
  bitmap.close();
  return images;
}

/** Mean alpha and share of pixels with alpha ≥ 128 of a result PNG: a cheap check that the cutout is sane. */
async function alphaStats(png) {
  const bitmap = await createImageBitmap(png, { premultiplyAlpha: "none", colorSpaceConversion: "none" });
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const ctx = canvas.getContext("2d");
  ctx.drawImage(bitmap, 0, 0);
  const data = ctx.getImageData(0, 0, bitmap.width, bitmap.height).data;
  let sum = 0, opaque = 0;
  for (let i = 3; i < data.length; i += 4) {
    sum += data[i];
    if (data[i] >= 128) opaque++;
  }
  const n = data.length / 4;
  bitmap.close();
  return { alpha_mean: Math.round((sum / n) * 100) / 100, alpha_ge128: Math.round((opaque / n) * 10000) / 10000 };
}

class WorkerClient {
  constructor() {
    this.worker = new Worker("worker.js", { type: "module" });
    this.pending = new Map();
    this.backend = null;
    this.nextId = 1;
    this.ready = new Promise((resolve, reject) => {
      this.worker.addEventListener("error", e => reject(new Error("worker error: " + (e.message || e))));
      this.worker.addEventListener("message", event => {
        const m = event.data;
        if (m.type === "ready") resolve();
        // The cutout as a bitmap, before its PNG (its timings come again with the result): not kept.
        else if (m.type === "preview") m.bitmap?.close();
        else if (m.type === "session") this.backend = { backend: m.backend, model: m.model, threads: m.threads,
          adapter: m.adapter, notices: (m.notices || []).map(n => [n.code, ...(n.args || [])].join(" ")) };
        else if (m.type === "result" || m.type === "error") {
          const p = this.pending.get(m.id);
          if (p) {
            this.pending.delete(m.id);
            p(m);
          }
        }
      });
    });
  }

  run(image, config) {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error("run timed out after " + TIMEOUT_MS / 1000 + " s"));
      }, TIMEOUT_MS);
      this.pending.set(id, m => {
        clearTimeout(timer);
        resolve(m);
      });
      this.worker.postMessage({ type: "run", id, file: image.blob, name: image.name, backendChoice: config.backend,
        modelChoice: config.model, threads: config.threads, strength: config.strength });
    });
  }

  close() {
    this.worker.terminate();
  }
}

async function runConfig(config, images) {
  const label = `${config.backend}:${config.model}:t${config.threads}:s${config.strength}`;
  const client = new WorkerClient();
  try {
    await client.ready;
    for (const key of IMAGES) {
      const image = images[key];
      if (!image) {
        await report({ kind: "error", config: label, image: key, text: "unknown image " + key });
        continue;
      }
      const warm = [];
      const timed = [];
      let stats = null;
      let failed = null;
      for (let i = 0; i < WARMUP + RUNS; i++) {
        const started = performance.now();
        let m;
        try {
          m = await client.run(image, config);
        } catch (e) {
          failed = { text: String(e) };
          break;
        }
        const wall = performance.now() - started;
        if (m.type === "error") {
          failed = { stage: m.stage, code: m.code, args: m.args };
          break;
        }
        const t = JSON.parse(m.timings);
        t.page_wall_ms = wall;
        t.png_bytes = m.png.size;
        t.width = m.width;
        t.height = m.height;
        if (i < WARMUP) warm.push(t);
        else {
          timed.push(t);
          if (stats === null) stats = await alphaStats(m.png);
        }
      }
      if (failed) {
        await report({ kind: "error", config: label, image: key, ...failed, backend_used: client.backend });
        continue;
      }
      const result = {
        kind: "result", config: label, image: key, width: timed[0].width, height: timed[0].height,
        requested: config, used: client.backend,
        fell_back: client.backend && config.backend !== "auto"
          ? client.backend.backend.toLowerCase() !== config.backend : null,
        runs: timed.length, warmup: warm.length,
        first: warm.length ? Object.fromEntries(STAGES.map(s => [s, round(warm[0][s])])) : null,
      };
      for (const s of STAGES.slice(2)) result[s] = median(timed.map(t => t[s]));
      result.page_wall_ms = median(timed.map(t => t.page_wall_ms));
      result.inference_ms_runs = timed.map(t => round(t.inference_ms));
      result.total_ms_runs = timed.map(t => round(t.total_ms));
      result.png_bytes = timed[0].png_bytes;
      Object.assign(result, stats);
      await report(result);
    }
  } catch (e) {
    await report({ kind: "error", config: label, text: String(e && e.stack || e) });
  } finally {
    client.close();
  }
}

(async () => {
  try {
    const env = {
      kind: "env", userAgent: navigator.userAgent, crossOriginIsolated: self.crossOriginIsolated,
      hardwareConcurrency: navigator.hardwareConcurrency, ...(await adapterInfo()),
    };
    await report(env);
    if (CONFIGS.length === 0 || IMAGES.length === 0) {
      await report("BENCH-DONE");
      return;
    }
    const images = await makeImages();
    await report({ kind: "images", ...Object.fromEntries(Object.entries(images).map(([k, v]) =>
      [k, { name: v.name, width: v.width, height: v.height, bytes: v.blob.size }])) });
    for (const config of CONFIGS) await runConfig(config, images);
  } catch (e) {
    await report({ kind: "error", text: String(e && e.stack || e) });
  }
  await report("BENCH-DONE");
})();
