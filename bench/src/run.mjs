// Headless batch runner and side-by-side benchmark. Started by bench/run.sh (which installs bench/node_modules
// and builds the site); see bench/README.md for the fields it prints.
//
// node bench/src/run.mjs [--backend wasm|webgpu[,…]] [--model quint8|fp16[,…]] [--threads N[,…]] [--runs N]
//                        [--out DIR] [--peer] [--native] [--timeout SEC] [--chromium PATH] IMAGE...
// node bench/src/run.mjs --quality GT_DIR [--runs N] [--out DIR] [...]
//
// One JSON line per image and configuration goes to stdout; progress and a readable summary go to stderr.
import { spawn, spawnSync } from "node:child_process";
import {
  mkdtempSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync, existsSync, appendFileSync,
} from "node:fs";
import { createServer } from "node:net";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { basename, dirname, extname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { deflateSync } from "node:zlib";
import { chromium } from "playwright-core";
import { assemble } from "./site.mjs";

const benchDir = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const repo = resolve(benchDir, "..");

const TARGET_RATIO = 0.75;
const TARGET_INFERENCE_VS_NATIVE = 1.6;
const STAGES = ["decode_ms", "pre_ms", "inference_ms", "post_ms", "show_ms", "ready_ms", "encode_ms", "total_ms",
  "wall_ms"];
// --quality: refinement on must beat the raw mask and the peer by this much on SAD and gradient error.
const QUALITY_GAIN = 0.15;
// IoU counts as "not worse" down to this much below (the table prints three decimals).
const IOU_SLACK = 0.0005;
// Pre- plus post-processing must stay under this share of inference on photos of at least QUALITY_TIMED_PIXELS.
const PRE_POST_SHARE = 0.10;
const QUALITY_TIMED_PIXELS = 10e6;
const REFINE_ON = 100;
const REFINE_OFF = 0;

// ---------------------------------------------------------------------------------------------------- options

function usage(message) {
  if (message) process.stderr.write(`run: ${message}\n`);
  process.stderr.write("usage: bench/run.sh [--backend wasm|webgpu] [--model quint8|fp16] [--threads N] [--runs N]\n"
    + "                    [--out DIR] [--peer] [--native] [--timeout SEC] IMAGE...\n"
    + "       bench/run.sh --quality GT_DIR [--runs N] [--out DIR] ...\n"
    + "       --backend/--model/--threads take comma-separated lists; every combination is measured.\n"
    + "       --quality scores Cutout (refinement on and off) and the peer against GT_DIR/NAME.matte.png.\n");
  process.exit(2);
}

function parseArgs(argv) {
  const o = {
    backends: ["wasm"], models: ["quint8"], threads: [availableParallelism()], runs: 3, out: null, peer: false,
    native: false, timeoutS: 300, chromium: process.env.CHROMIUM ?? "/usr/bin/chromium", images: [],
    settleMs: 400, quality: null,
  };
  let runsGiven = false;
  const list = (v, allowed) => {
    const xs = String(v).split(",").map((s) => s.trim()).filter(Boolean);
    for (const x of xs) if (allowed && !allowed.includes(x)) usage(`unknown value ${x} (allowed: ${allowed})`);
    return xs;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => (i + 1 < argv.length ? argv[++i] : usage(`${a} needs a value`));
    switch (a) {
      case "--backend": o.backends = list(next(), ["wasm", "webgpu", "auto"]); break;
      case "--model": o.models = list(next(), ["quint8", "fp16", "auto"]); break;
      case "--threads": o.threads = list(next()).map((t) => {
        const n = Number(t);
        if (!Number.isInteger(n) || n < 1 || n > 64) usage(`--threads ${t}: expected 1..64`);
        return n;
      }); break;
      case "--runs":
        o.runs = Number(next());
        runsGiven = true;
        if (!Number.isInteger(o.runs) || o.runs < 1) usage("--runs: >= 1");
        break;
      case "--quality": o.quality = resolve(next()); break;
      case "--out": o.out = resolve(next()); break;
      case "--peer": o.peer = true; break;
      case "--native": o.native = true; break;
      case "--timeout": o.timeoutS = Number(next()); if (!(o.timeoutS > 0)) usage("--timeout: seconds > 0"); break;
      case "--chromium": o.chromium = next(); break;
      case "--settle-ms": o.settleMs = Number(next()); break;
      case "-h": case "--help": usage(); break;
      default:
        if (a.startsWith("--")) usage(`unknown option ${a}`);
        o.images.push(resolve(a));
    }
  }
  if (o.quality) {
    if (o.images.length) usage("--quality takes its images from GT_DIR; give no IMAGE");
    if (!existsSync(o.quality) || !statSync(o.quality).isDirectory()) usage(`--quality: no directory ${o.quality}`);
    o.images = readdirSync(o.quality)
      .filter((f) => /\.(jpe?g|png|webp)$/i.test(f) && !f.endsWith(".matte.png"))
      .sort()
      .map((f) => join(o.quality, f));
    for (const img of o.images) {
      const truth = matteOf(img);
      if (!existsSync(truth)) usage(`--quality: ${basename(img)} has no ${basename(truth)}`);
    }
    if (o.images.length === 0) usage(`--quality: no images in ${o.quality}`);
    // The comparison needs the peer; timings need only one run after the warm-up.
    o.peer = true;
    if (!runsGiven) o.runs = 1;
  }
  if (o.images.length === 0) usage("no IMAGE given");
  for (const img of o.images) {
    if (!existsSync(img) || !statSync(img).isFile()) usage(`image not found: ${img}`);
  }
  return o;
}

// ---------------------------------------------------------------------------------------------------- helpers

/** GT_DIR/NAME.jpg → GT_DIR/NAME.matte.png */
const matteOf = (image) => join(dirname(image), `${basename(image, extname(image))}.matte.png`);

const log = (s) => process.stderr.write(`run: ${s}\n`);

const median = (xs) => {
  const s = xs.filter((x) => typeof x === "number" && Number.isFinite(x)).sort((a, b) => a - b);
  if (s.length === 0) return null;
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const r1 = (x) => (x == null ? null : Math.round(x * 10) / 10);
const r3 = (x) => (x == null ? null : Math.round(x * 1000) / 1000);

class BenchError extends Error {}

function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new BenchError(`timed out after ${Math.round(ms / 1000)} s: ${what}`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function freePort() {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.unref();
    srv.on("error", rej);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => res(port));
    });
  });
}

/** 8-bit grayscale PNG (colour type 0), rows unfiltered. */
function grayPng(width, height, gray) {
  const crcTable = new Int32Array(256).map((_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c;
  });
  const crc = (buf) => {
    let c = -1;
    for (let i = 0; i < buf.length; i++) c = crcTable[(c ^ buf[i]) & 0xff] ^ (c >>> 8);
    return (c ^ -1) >>> 0;
  };
  const chunk = (type, data) => {
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    out.write(type, 4, "latin1");
    data.copy(out, 8);
    out.writeUInt32BE(crc(out.subarray(4, 8 + data.length)), 8 + data.length);
    return out;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // grayscale
  const raw = Buffer.alloc((width + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width + 1)] = 0;
    Buffer.from(gray.buffer, gray.byteOffset + y * width, width).copy(raw, y * (width + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr), chunk("IDAT", deflateSync(raw, { level: 6 })), chunk("IEND", Buffer.alloc(0)),
  ]);
}

// ---------------------------------------------------------------------------------------------------- processes

const children = new Set(); // {name, proc, group}
const pidFile = process.env.BENCH_PIDFILE;

function track(name, proc, group) {
  const entry = { name, proc, group };
  children.add(entry);
  if (pidFile) appendFileSync(pidFile, `${group ? -proc.pid : proc.pid}\n`);
  proc.on("exit", () => children.delete(entry));
  return entry;
}

function killAll() {
  for (const { proc, group } of children) {
    try {
      if (group) process.kill(-proc.pid, "SIGKILL");
      else proc.kill("SIGKILL");
    } catch {
      // already gone
    }
  }
  children.clear();
}

async function startServer(root) {
  const jar = join(repo, "target", "cutout.jar");
  if (!existsSync(jar)) throw new BenchError(`${jar} missing: build first (bench/run.sh does)`);
  const port = await freePort();
  const proc = spawn("java", ["-jar", jar, "--root", root, "--host", "127.0.0.1", "--port", String(port)],
    { stdio: ["ignore", "pipe", "pipe"] });
  track("server", proc, false);
  let output = "";
  proc.stdout.on("data", (d) => { output += d; });
  proc.stderr.on("data", (d) => { output += d; });
  let exited = null;
  proc.on("exit", (code) => { exited = code; });
  const origin = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30000;
  while (Date.now() < deadline) {
    if (exited !== null) throw new BenchError(`static server exited (${exited}): ${output.trim()}`);
    try {
      const res = await fetch(`${origin}/index.html`);
      if (res.ok) {
        const coop = res.headers.get("cross-origin-opener-policy");
        if (coop !== "same-origin") log(`warning: server sends no COOP same-origin (${coop}); threads will be off`);
        return { origin, proc };
      }
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  throw new BenchError(`static server did not answer on ${origin} within 30 s: ${output.trim()}`);
}

async function startChromium(executable) {
  if (!existsSync(executable)) throw new BenchError(`Chromium not found at ${executable} (set --chromium or CHROMIUM)`);
  const profile = mkdtempSync(join(process.env.BENCH_TMP ?? tmpdir(), "cutout-bench-profile-"));
  const args = [
    "--headless", "--no-sandbox", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-default-browser-check", "--disable-default-apps",
    "--disable-extensions", "--mute-audio", "--disable-background-timer-throttling",
    "--disable-renderer-backgrounding", "--disable-backgrounding-occluded-windows",
    "--remote-debugging-port=0", `--user-data-dir=${profile}`,
    // Extra flags for experiments, e.g. CHROMIUM_FLAGS=--js-flags=--no-wasm-dynamic-tiering (space-separated).
    ...(process.env.CHROMIUM_FLAGS ?? "").split(" ").filter(Boolean), "about:blank",
  ];
  const proc = spawn(executable, args, { stdio: ["ignore", "ignore", "pipe"], detached: true });
  track("chromium", proc, true);
  let err = "";
  const ws = await withTimeout(new Promise((res, rej) => {
    proc.stderr.on("data", (d) => {
      err += d;
      const m = /DevTools listening on (ws:\/\/\S+)/.exec(err);
      if (m) res(m[1]);
    });
    proc.on("exit", (code) => rej(new BenchError(`Chromium exited (${code}) before it listened: ${err.slice(-2000)}`)));
  }), 60000, "Chromium start");
  const browser = await withTimeout(chromium.connectOverCDP(ws), 30000, "connecting to Chromium");
  return { browser, proc, profile };
}

class Native {
  static async start(modelFile, threads) {
    const proc = spawn(process.execPath, [join(benchDir, "src", "native.mjs"), "--model", modelFile,
      "--threads", String(threads), "--serve"], { stdio: ["pipe", "pipe", "pipe"] });
    track("native", proc, false);
    const n = new Native(proc);
    const ready = await withTimeout(n.next(), 300000, "native onnxruntime session start");
    if (!ready.ready) throw new BenchError(`native: unexpected ${JSON.stringify(ready)}`);
    n.info = ready;
    return n;
  }

  constructor(proc) {
    this.proc = proc;
    this.buffer = "";
    this.waiting = [];
    this.lines = [];
    this.stderr = "";
    proc.stdout.on("data", (d) => {
      this.buffer += d;
      let i;
      while ((i = this.buffer.indexOf("\n")) >= 0) {
        const line = this.buffer.slice(0, i);
        this.buffer = this.buffer.slice(i + 1);
        const w = this.waiting.shift();
        if (w) w.res(line); else this.lines.push(line);
      }
    });
    proc.stderr.on("data", (d) => { this.stderr += d; });
    proc.on("exit", (code) => {
      for (const w of this.waiting.splice(0)) w.rej(new BenchError(`native runner exited (${code}): ${this.stderr.trim()}`));
      this.dead = code;
    });
  }

  async next() {
    if (this.lines.length) return JSON.parse(this.lines.shift());
    if (this.dead !== undefined) throw new BenchError(`native runner exited (${this.dead}): ${this.stderr.trim()}`);
    return JSON.parse(await new Promise((res, rej) => this.waiting.push({ res, rej })));
  }

  async run(timeoutMs) {
    this.proc.stdin.write("run\n");
    const r = await withTimeout(this.next(), timeoutMs, "native inference");
    if (r.error) throw new BenchError(`native: ${r.error}`);
    return r.ms;
  }

  stop() {
    this.proc.stdin.end();
    this.proc.kill("SIGTERM");
  }
}

// ---------------------------------------------------------------------------------------------------- pages

/**
 * One app page (Cutout's or the peer's; both follow the same DOM protocol). Counts requests that leave the served
 * origin, from the page and from its workers (Playwright reports dedicated workers' requests on their page).
 */
class AppPage {
  static async open(context, url, origin, label, timeoutMs) {
    const page = await context.newPage();
    page.setDefaultTimeout(120000);
    const p = new AppPage(page, origin, label, timeoutMs);
    page.on("request", (req) => p.onRequest(req));
    page.on("pageerror", (e) => { p.pageErrors.push(String(e)); });
    page.on("crash", () => { p.crashed = true; });
    const response = await withTimeout(page.goto(url, { waitUntil: "load" }), 60000, `${label}: loading ${url}`);
    if (!response || !response.ok()) throw new BenchError(`${label}: ${url} answered ${response && response.status()}`);
    await withTimeout(page.waitForSelector("body[data-app=ready]", { state: "attached", timeout: 0 }), 60000,
      `${label}: waiting for body[data-app=ready] (errors: ${p.pageErrors.join("; ") || "none"})`);
    // A service worker that installs in the background (downloading and hashing the app shell) must not overlap
    // the measured runs: wait until it is active, or until a few seconds have shown there is none.
    p.serviceWorker = await withTimeout(page.evaluate(async () => {
      if (!("serviceWorker" in navigator)) return "unsupported";
      const start = performance.now();
      for (;;) {
        const reg = await navigator.serviceWorker.getRegistration();
        // Installed is enough: a newer version may stay "waiting" for as long as an older one has pages.
        if (reg && !reg.installing) return reg.active ? "active" : "installed";
        if (!reg && performance.now() - start > 3000) return "none";
        await new Promise((r) => setTimeout(r, 200));
      }
    }), 120000, `${label}: waiting for the service worker to finish installing`);
    await withTimeout(page.evaluate(() => {
      const status = document.getElementById("status");
      const states = [];
      const times = [];
      window.__bench = { states, times };
      new MutationObserver(() => {
        states.push(status.getAttribute("data-state"));
        times.push(performance.now());
      })
        .observe(status, { attributes: true, attributeFilter: ["data-state"] });
    }), 60000, `${label}: installing the status observer`);
    return p;
  }

  constructor(page, origin, label, timeoutMs) {
    this.page = page;
    this.origin = origin;
    this.label = label;
    this.timeoutMs = timeoutMs;
    this.nonLocal = [];
    this.requests = [];
    this.pageErrors = [];
  }

  onRequest(req) {
    const url = req.url();
    this.requests.push(url);
    if (url.startsWith("blob:") || url.startsWith("data:")) return;
    let origin;
    try {
      origin = new URL(url).origin;
    } catch {
      origin = url;
    }
    if (origin !== this.origin) this.nonLocal.push(url);
  }

  /** Chooses the file and waits for done; returns {timings, resultUrl}. */
  async run(image) {
    const page = this.page;
    const quick = (promise, what) => withTimeout(promise, 120000, `${this.label}: ${what}`);
    await quick(page.evaluate(() => {
      const b = window.__bench;
      const from = b.states.length;
      // Wall time as a person sees it: from the file input's change event to the page showing done.
      b.changeAt = null;
      window.addEventListener("change", () => { b.changeAt = performance.now(); }, { capture: true, once: true });
      b.wait = new Promise((resolve) => {
        const check = () => {
          for (let i = from; i < b.states.length; i++) {
            if (["done", "error", "cancelled"].includes(b.states[i])) {
              return resolve({ state: b.states[i], wall: b.changeAt == null ? null : b.times[i] - b.changeAt });
            }
          }
          setTimeout(check, 25);
        };
        check();
      });
    }), "arming the status observer");
    await quick(page.setInputFiles("#file-input", image), `choosing ${basename(image)} in #file-input`);
    const { state, wall } = await withTimeout(page.evaluate(() => window.__bench.wait), this.timeoutMs,
      `${this.label}: waiting for #status[data-state=done] on ${basename(image)}`);
    if (this.crashed) throw new BenchError(`${this.label}: the page crashed`);
    const info = await quick(page.evaluate(() => {
      const timings = document.getElementById("timings");
      const result = document.getElementById("result-image") ?? document.getElementById("result");
      const b = document.getElementById("backend-info");
      return {
        message: document.getElementById("message")?.textContent ?? "",
        timings: timings?.getAttribute("data-timings"),
        url: result?.getAttribute("src") ?? result?.getAttribute("href"),
        backend: b?.getAttribute("data-backend"),
        model: b?.getAttribute("data-model"),
        threads: b?.getAttribute("data-threads"),
      };
    }), "reading the result");
    if (state !== "done") {
      throw new BenchError(`${this.label}: ${basename(image)} ended in state "${state}": ${info.message.trim()}`);
    }
    let timings;
    try {
      timings = JSON.parse(info.timings);
    } catch {
      throw new BenchError(`${this.label}: #timings[data-timings] is not JSON: ${info.timings}`);
    }
    timings.wall_ms = wall;
    return { timings, url: info.url, backend: info.backend, model: info.model, threads: info.threads };
  }

  /** Lets the page finish what follows a result (showing the images) so it does not overlap the next run. */
  async settle(ms) {
    await withTimeout(this.page.evaluate(async () => {
      await Promise.all([...document.images].filter((i) => i.src).map((i) => i.decode().catch(() => {})));
    }), 60000, "settling").catch(() => {});
    await sleep(ms);
  }

  /** The result PNG's bytes and its alpha channel (full resolution), read back from the blob: URL. */
  async result(url) {
    const r = await withTimeout(this.page.evaluate(async (u) => {
      const blob = await (await fetch(u)).blob();
      const bytes = new Uint8Array(await blob.arrayBuffer());
      const bitmap = await createImageBitmap(blob, { premultiplyAlpha: "none", colorSpaceConversion: "none" });
      const { width, height } = bitmap;
      const canvas = new OffscreenCanvas(width, height);
      const ctx = canvas.getContext("2d", { willReadFrequently: true });
      ctx.drawImage(bitmap, 0, 0);
      const rgba = ctx.getImageData(0, 0, width, height).data;
      const alpha = new Uint8Array(width * height);
      for (let i = 0; i < alpha.length; i++) alpha[i] = rgba[4 * i + 3];
      const b64 = (a) => {
        let s = "";
        for (let i = 0; i < a.length; i += 0x8000) s += String.fromCharCode.apply(null, a.subarray(i, i + 0x8000));
        return btoa(s);
      };
      return { type: blob.type, width, height, png: b64(bytes), alpha: b64(alpha) };
    }, url), 300000, `${this.label}: reading the result PNG back`);
    return {
      type: r.type, width: r.width, height: r.height,
      png: Buffer.from(r.png, "base64"), alpha: new Uint8Array(Buffer.from(r.alpha, "base64")),
    };
  }

  async close() {
    await this.page.close().catch(() => {});
  }
}

// ---------------------------------------------------------------------------------------------------- one image

function maskAgreement(a, b) {
  if (a.length !== b.length) return { mad: null, iou: null };
  let diff = 0;
  let inter = 0;
  let union = 0;
  for (let i = 0; i < a.length; i++) {
    diff += Math.abs(a[i] - b[i]);
    const x = a[i] >= 128;
    const y = b[i] >= 128;
    if (x && y) inter++;
    if (x || y) union++;
  }
  return { mad: diff / a.length, iou: union ? inter / union : 1 };
}

/**
 * Warm-up and timed runs of one image on a fresh Cutout page (and a fresh peer page when {@code withPeer}); returns
 * the result line and the last results' alpha. {@code refine} (0..100) sets Cutout's ?refine=, null the default.
 */
async function benchImage({
  context, origin, opts, config, image, native, outName, sw, refine = null, withPeer = opts.peer,
}) {
  const swFrom = sw.nonLocal.length;
  const loadStart = loadavg()[0];
  const q = `backend=${config.backend}&model=${config.model}&threads=${config.threads}`;
  const cutQuery = refine == null ? q : `${q}&refine=${refine}`;
  const timeoutMs = opts.timeoutS * 1000;
  const name = basename(image);
  const cut = await AppPage.open(context, `${origin}/?${cutQuery}`, origin, "cutout", timeoutMs);
  let peer = null;
  try {
    if (withPeer) peer = await AppPage.open(context, `${origin}/peer/?${q}`, origin, "peer", timeoutMs);

    const refineNote = refine == null ? "" : `, refine=${refine}`;
    log(`${name} [${config.backend}/${config.model}/${config.threads}t${refineNote}]: warm-up`);
    const warm = await cut.run(image);
    await cut.settle(opts.settleMs);
    let peerWarm = null;
    if (peer) {
      peerWarm = await peer.run(image);
      await peer.settle(opts.settleMs);
    }

    const cutRuns = [];
    const peerRuns = [];
    const nativeRuns = [];
    let last = warm;
    let peerLast = peerWarm;
    for (let i = 0; i < opts.runs; i++) {
      // Alternate the contenders on the same image, so that slow phases of a noisy machine hit all of them.
      last = await cut.run(image);
      cutRuns.push(last.timings);
      if (process.env.BENCH_TIMINGS) log(`${name}: timings ${JSON.stringify(last.timings)}`);
      await cut.settle(opts.settleMs);
      if (peer) {
        peerLast = await peer.run(image);
        peerRuns.push(peerLast.timings);
        await peer.settle(opts.settleMs);
      }
      if (native) nativeRuns.push(await native.run(timeoutMs));
      log(`${name}: run ${i + 1}/${opts.runs} cutout ${Math.round(last.timings.total_ms)} ms`
        + (peer ? `, peer ${Math.round(peerLast.timings.total_ms)} ms` : "")
        + (native ? `, native inference ${Math.round(nativeRuns.at(-1))} ms` : ""));
    }

    const actual = { backend: last.backend, model: last.model, threads: Number(last.threads) };
    for (const k of ["backend", "model"]) {
      if (config[k] !== "auto" && actual[k] !== config[k]) {
        log(`warning: asked for ${k}=${config[k]}, Cutout used ${actual[k]}`);
      }
    }
    if (actual.threads !== config.threads) {
      log(`warning: asked for ${config.threads} threads, Cutout reports ${actual.threads}`);
    }

    const result = await cut.result(last.url);
    const line = {
      image: name,
      width: result.width,
      height: result.height,
      backend: actual.backend,
      model: actual.model,
      threads: actual.threads,
      model_fetch_ms: r1(warm.timings.model_fetch_ms ?? null),
      session_ms: r1(warm.timings.session_ms ?? null),
      warmup_inference_ms: r1(warm.timings.inference_ms),
      warmup_total_ms: r1(warm.timings.total_ms),
    };
    for (const s of STAGES) line[s] = r1(median(cutRuns.map((t) => t[s])));
    line.runs = opts.runs;
    // Other work on the machine: the 1-minute load average when this image started and ended (cores: see README).
    line.load_avg = [r1(loadStart), r1(loadavg()[0])];
    line.total_ms_runs = cutRuns.map((t) => r1(t.total_ms));
    // Requests from a service worker are not a page's: they count for Cutout, the only one that registers one.
    line.non_local_requests = cut.nonLocal.length + sw.nonLocal.length - swFrom;

    let peerResult = null;
    if (peer) {
      peerResult = await peer.result(peerLast.url);
      line.peer = "@imgly/background-removal@1.7.0 (onnxruntime-web 1.21.0)";
      line.peer_threads = Number(peerLast.threads);
      line.peer_session_ms = r1(peerWarm.timings.session_ms ?? null);
      line.peer_warmup_total_ms = r1(peerWarm.timings.total_ms);
      for (const s of STAGES) line[`peer_${s}`] = r1(median(peerRuns.map((t) => t[s])));
      line.peer_total_ms_runs = peerRuns.map((t) => r1(t.total_ms));
      line.peer_non_local_requests = peer.nonLocal.length;
      line.ratio = r3(line.total_ms / line.peer_total_ms);
      // Per run pairs too: the median of per-pair ratios is less sensitive to slow phases of the machine.
      line.ratio_paired_median = r3(median(cutRuns.map((t, i) => t.total_ms / peerRuns[i].total_ms)));
      line.wall_ratio = r3(line.wall_ms / line.peer_wall_ms);
      // Cutout hands the page its cutout (shown, editable) before writing the PNG; the peer's result is its PNG,
      // it has nothing to show earlier. So this is time-to-result against the same, with the PNG still in total_ms.
      if (line.ready_ms != null) line.ratio_ready = r3(line.ready_ms / line.peer_total_ms);
      line.ratio_target = TARGET_RATIO;
      line.ratio_ok = line.ratio <= TARGET_RATIO;
      const agree = maskAgreement(result.alpha, peerResult.alpha);
      line.mask_mean_abs_diff_vs_peer = r3(agree.mad);
      line.mask_iou_vs_peer = r3(agree.iou);
    }
    if (native) {
      line.native = `onnxruntime-node ${native.info.ort_version ?? ""} CPU, ${config.threads} intra-op threads`.replace("  ", " ");
      line.native_inference_ms = r1(median(nativeRuns));
      line.native_inference_ms_runs = nativeRuns.map(r1);
      line.inference_vs_native = r3(line.inference_ms / line.native_inference_ms);
      line.inference_vs_native_target = TARGET_INFERENCE_VS_NATIVE;
      line.inference_vs_native_ok = line.inference_vs_native <= TARGET_INFERENCE_VS_NATIVE;
      if (peer) line.peer_inference_vs_native = r3(line.peer_inference_ms / line.native_inference_ms);
    }

    if (opts.out) {
      mkdirSync(opts.out, { recursive: true });
      writeFileSync(join(opts.out, `${outName}.cutout.png`), result.png);
      writeFileSync(join(opts.out, `${outName}.mask.png`), grayPng(result.width, result.height, result.alpha));
      if (peerResult) {
        writeFileSync(join(opts.out, `${outName}.peer.png`), peerResult.png);
        writeFileSync(join(opts.out, `${outName}.peer-mask.png`),
          grayPng(peerResult.width, peerResult.height, peerResult.alpha));
      }
    }
    if (process.env.BENCH_DEBUG) {
      log(`cutout requests: ${cut.requests.join(" ")}`);
      if (peer) log(`peer requests: ${peer.requests.join(" ")}`);
      log(`service worker requests so far: ${sw.all.join(" ")}`);
      log(`service worker: cutout page ${cut.serviceWorker}${peer ? `, peer page ${peer.serviceWorker}` : ""}`);
    }
    const errors = [...cut.pageErrors, ...(peer ? peer.pageErrors : [])];
    if (errors.length) log(`page errors: ${errors.join(" | ")}`);
    return { line, alpha: result.alpha, peerAlpha: peerResult?.alpha ?? null };
  } finally {
    await cut.close();
    if (peer) await peer.close();
  }
}

// ---------------------------------------------------------------------------------------------------- --quality

/** Runs app.cutout.quality.QualityScore (MatteMetrics on the JVM) on the written masks; returns its JSON. */
function scoreMattes(truth, masks) {
  const classes = [join(repo, "target", "classes"), join(repo, "target", "test-classes")];
  const scorer = join(classes[1], "app", "cutout", "quality", "QualityScore.class");
  if (!existsSync(scorer)) throw new BenchError(`${scorer} missing: build first (bench/run.sh does)`);
  const args = ["-cp", classes.join(":"), "app.cutout.quality.QualityScore", truth,
    ...Object.entries(masks).map(([label, file]) => `${label}=${file}`)];
  const r = spawnSync("java", args, { encoding: "utf8", timeout: 600000 });
  if (r.status !== 0) {
    const why = (r.stderr || r.error || "").toString().trim();
    throw new BenchError(`scoring ${basename(truth)} failed (${r.status ?? r.signal}): ${why}`);
  }
  return JSON.parse(r.stdout);
}

const rel = (a, b) => (b > 0 ? r3(a / b - 1) : (a === 0 ? 0 : null));
const r4 = (x) => (x == null ? null : Math.round(x * 10000) / 10000);

/**
 * One ground-truth image: Cutout with refinement on (and the peer, alternating), then Cutout with refinement off,
 * each on fresh pages; the three alphas scored against GT_DIR/NAME.matte.png.
 */
async function qualityImage({ context, origin, opts, config, image, outName, sw }) {
  const on = await benchImage({
    context, origin, opts, config, image, native: null, outName, sw, refine: REFINE_ON, withPeer: true,
  });
  const off = await benchImage({
    context, origin, opts, config, image, native: null, outName: `${outName}.raw`, sw, refine: REFINE_OFF,
    withPeer: false,
  });
  const truth = matteOf(image);
  const s = scoreMattes(truth, {
    refined: join(opts.out, `${outName}.mask.png`),
    raw: join(opts.out, `${outName}.raw.mask.png`),
    peer: join(opts.out, `${outName}.peer-mask.png`),
  });
  const l = on.line;
  const r = off.line;
  const line = {
    image: l.image, width: l.width, height: l.height, backend: l.backend, model: l.model, threads: l.threads,
    truth: basename(truth), refined: s.refined, raw: s.raw, peer: s.peer,
    sad_vs_raw: rel(s.refined.sad, s.raw.sad),
    sad_vs_peer: rel(s.refined.sad, s.peer.sad),
    grad_vs_raw: rel(s.refined.grad, s.raw.grad),
    grad_vs_peer: rel(s.refined.grad, s.peer.grad),
    iou_vs_raw: r4(s.refined.iou - s.raw.iou),
    iou_vs_peer: r4(s.refined.iou - s.peer.iou),
    // Not part of the target: SAD over the ground truth's edges alone (see QualityScore), to tell edge errors from
    // a subject missed or added as a whole.
    edge_px: s.edge_px,
    sad_edge_vs_raw: rel(s.refined.sad_edge, s.raw.sad_edge),
    sad_edge_vs_peer: rel(s.refined.sad_edge, s.peer.sad_edge),
  };
  const misses = [];
  for (const k of ["sad_vs_raw", "sad_vs_peer", "grad_vs_raw", "grad_vs_peer"]) {
    if (line[k] == null || line[k] > -QUALITY_GAIN) misses.push(`${k} ${line[k]}`);
  }
  for (const k of ["iou_vs_raw", "iou_vs_peer"]) {
    if (line[k] < -IOU_SLACK) misses.push(`${k} ${line[k]}`);
  }
  line.quality_ok = misses.length === 0;
  line.quality_misses = misses;
  line.pre_ms = l.pre_ms;
  line.inference_ms = l.inference_ms;
  line.post_ms = l.post_ms;
  line.pre_post_vs_inference = r3((l.pre_ms + l.post_ms) / l.inference_ms);
  if (l.width * l.height >= QUALITY_TIMED_PIXELS) {
    line.pre_post_target = PRE_POST_SHARE;
    line.pre_post_ok = line.pre_post_vs_inference < PRE_POST_SHARE;
  }
  line.raw_pre_ms = r.pre_ms;
  line.raw_inference_ms = r.inference_ms;
  line.raw_post_ms = r.post_ms;
  line.total_ms = l.total_ms;
  line.raw_total_ms = r.total_ms;
  line.peer_inference_ms = l.peer_inference_ms;
  line.peer_post_ms = l.peer_post_ms;
  line.peer_total_ms = l.peer_total_ms;
  line.runs = l.runs;
  line.load_avg = [l.load_avg[0], r.load_avg[1]];
  line.non_local_requests = l.non_local_requests + r.non_local_requests;
  line.peer_non_local_requests = l.peer_non_local_requests;
  return line;
}

const pct = (x) => (x == null ? "n/a" : `${x > 0 ? "+" : ""}${Math.round(x * 100)}%`);
const share = (x) => (x == null ? "n/a" : `${(x * 100).toFixed(1)}%`);

function qualitySummary(l) {
  const m = (k) => `${k} ${l.refined[k]} / ${l.raw[k]} / ${l.peer[k]}`;
  return `${l.image} ${l.width}×${l.height} (refined / raw / peer): ${m("sad")}, ${m("grad")}, ${m("mse")}, `
    + `${m("iou")} → ${l.quality_ok ? "target met" : `target missed (${l.quality_misses.join(", ")})`}`
    + `\n  edge band (${l.edge_px} px): ${m("sad_edge")}`
    + `\n  pre ${l.pre_ms} + post ${l.post_ms} ms = ${share(l.pre_post_vs_inference)} of inference ${l.inference_ms} ms`
    + (l.pre_post_target != null ? ` (target < ${share(l.pre_post_target)}: ${l.pre_post_ok ? "met" : "missed"})` : "")
    + `; raw post ${l.raw_post_ms} ms; non-local requests: ${l.non_local_requests} (peer ${l.peer_non_local_requests})`;
}

/** A Markdown table of every image: metrics refined / raw / peer, changes, verdicts. */
function qualityTable(lines) {
  const f = (x, d) => (x == null ? "n/a" : x.toFixed(d));
  const rows = [
    `Quality (refined = ?refine=${REFINE_ON}, raw = ?refine=${REFINE_OFF}, peer = @imgly/background-removal 1.7.0); `
      + `target: SAD and gradient error at least ${Math.round(QUALITY_GAIN * 100)}% below raw and peer, IoU not lower`,
    "",
    "| image | size | SAD refined / raw / peer | vs raw, peer | grad refined / raw / peer | vs raw, peer "
      + "| MSE refined / raw / peer | IoU@128 refined / raw / peer | target | edge SAD refined / raw / peer |",
    "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: |",
  ];
  for (const l of lines) {
    const trip = (k, d) => `${f(l.refined[k], d)} / ${f(l.raw[k], d)} / ${f(l.peer[k], d)}`;
    rows.push(`| ${l.image} | ${l.width}×${l.height} | ${trip("sad", 2)} | ${pct(l.sad_vs_raw)}, ${pct(l.sad_vs_peer)} `
      + `| ${trip("grad", 2)} | ${pct(l.grad_vs_raw)}, ${pct(l.grad_vs_peer)} | ${trip("mse", 5)} | ${trip("iou", 3)} `
      + `| ${l.quality_ok ? "met" : "missed"} | ${trip("sad_edge", 2)} |`);
  }
  const timed = lines.filter((l) => l.pre_post_target != null);
  for (const l of timed) {
    rows.push("", `${l.image} ${l.width}×${l.height}: pre ${l.pre_ms} + post ${l.post_ms} ms = `
      + `${share(l.pre_post_vs_inference)} of inference ${l.inference_ms} ms (target < ${share(PRE_POST_SHARE)}: `
      + `${l.pre_post_ok ? "met" : "missed"}); with refinement off post is ${l.raw_post_ms} ms`);
  }
  return rows.join("\n");
}

function summary(l) {
  const parts = [`${l.image} ${l.width}×${l.height} ${l.backend}/${l.model}/${l.threads}t: total ${l.total_ms} ms `
    + `(decode ${l.decode_ms}, pre ${l.pre_ms}, inference ${l.inference_ms}, post ${l.post_ms}, encode ${l.encode_ms})`];
  if (l.peer_total_ms != null) {
    const verdict = l.ratio_ok ? "met" : `missed: needs ${Math.round((1 - TARGET_RATIO / l.ratio) * 100)}% less time`;
    parts.push(`  peer total ${l.peer_total_ms} ms (decode ${l.peer_decode_ms}, pre ${l.peer_pre_ms}, inference `
      + `${l.peer_inference_ms}, post ${l.peer_post_ms}, encode ${l.peer_encode_ms}) → ratio ${l.ratio} `
      + `(target ≤ ${TARGET_RATIO}: ${verdict})`);
    if (l.ratio_ready != null) {
      parts.push(`  cutout on the page after ${l.ready_ms} ms (PNG written after it) → ratio_ready ${l.ratio_ready}`);
    }
  }
  if (l.native_inference_ms != null) {
    const verdict = l.inference_vs_native_ok ? "met"
      : `missed: needs ${Math.round((1 - TARGET_INFERENCE_VS_NATIVE / l.inference_vs_native) * 100)}% less inference time`;
    parts.push(`  native inference ${l.native_inference_ms} ms → inference_vs_native ${l.inference_vs_native} `
      + `(target ≤ ${TARGET_INFERENCE_VS_NATIVE}: ${verdict})`);
  }
  parts.push(`  non-local requests: ${l.non_local_requests}${l.peer_non_local_requests != null ? ` (peer ${l.peer_non_local_requests})` : ""}`);
  return parts.join("\n");
}

// ---------------------------------------------------------------------------------------------------- main

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const site = join(repo, "target", "site");
  // Assembled per invocation (links, cheap), so that concurrent runs never share it; removed on exit by run.sh.
  const benchSite = process.env.BENCH_TMP ? join(process.env.BENCH_TMP, "site") : join(repo, "target", "bench-site");
  await assemble({ site, out: benchSite, peer: opts.peer });
  const server = await startServer(benchSite);
  log(`serving ${benchSite} at ${server.origin}`);
  const { browser, profile } = await startChromium(opts.chromium);
  const context = browser.contexts()[0] ?? await browser.newContext();
  const sw = { nonLocal: [], all: [] };
  context.on("request", (req) => {
    if (!req.serviceWorker()) return;
    const url = req.url();
    sw.all.push(url);
    if (!url.startsWith("blob:") && !url.startsWith("data:") && !url.startsWith(`${server.origin}/`)) sw.nonLocal.push(url);
  });
  let failures = 0;
  const qualityLines = [];
  // --quality scores masks from files: without --out they go to run.sh's temporary directory.
  if (opts.quality && !opts.out) {
    opts.out = join(process.env.BENCH_TMP ?? mkdtempSync(join(tmpdir(), "cutout-q-")), "quality");
  }
  try {
    const configs = [];
    for (const backend of opts.backends) {
      for (const model of opts.models) {
        for (const threads of opts.threads) configs.push({ backend, model, threads });
      }
    }
    for (const config of configs) {
      let native = null;
      try {
        if (opts.native) {
          const model = config.model === "fp16" ? "isnet-fp16.onnx" : "isnet-quint8.onnx";
          native = await Native.start(join(repo, "models", model), config.threads);
          log(`native onnxruntime ready (${model}, ${config.threads} threads, session ${Math.round(native.info.session_ms)} ms)`);
        }
        for (const image of opts.images) {
          const base = basename(image, extname(image));
          const outName = configs.length > 1 ? `${base}.${config.backend}-${config.model}-t${config.threads}` : base;
          try {
            if (opts.quality) {
              const line = await qualityImage({ context, origin: server.origin, opts, config, image, outName, sw });
              process.stdout.write(`${JSON.stringify(line)}\n`);
              qualityLines.push(line);
              log(qualitySummary(line));
              continue;
            }
            const { line } = await benchImage({
              context, origin: server.origin, opts, config, image, native, outName, sw,
            });
            process.stdout.write(`${JSON.stringify(line)}\n`);
            log(summary(line));
          } catch (e) {
            failures++;
            log(`FAILED ${basename(image)} [${config.backend}/${config.model}/${config.threads}t]: ${e.message}`);
            if (!(e instanceof BenchError)) throw e;
          }
        }
      } finally {
        if (native) native.stop();
      }
    }
  } finally {
    await withTimeout(browser.close(), 10000, "closing Chromium").catch(() => {});
    killAll();
    rmSync(profile, { recursive: true, force: true });
  }
  if (qualityLines.length) log(qualityTable(qualityLines));
  if (failures) {
    log(`${failures} measurement(s) failed`);
    process.exitCode = 1;
  }
}

for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.on(sig, () => {
    log(`${sig}: stopping`);
    killAll();
    process.exit(130);
  });
}
process.on("exit", killAll);

main().catch((e) => {
  log(`error: ${e instanceof BenchError ? e.message : e.stack ?? e}`);
  killAll();
  process.exit(1);
});
