// Headless batch runner and side-by-side benchmark. Started by bench/run.sh (which installs bench/node_modules
// and builds the site); see bench/README.md for the options and the fields it prints.
//
// node bench/src/run.mjs [--browser chromium|firefox|webkit] [--backend wasm|webgpu[,…]] [--model quint8|fp16[,…]]
//                        [--threads N[,…]] [--runs N] [--out DIR] [--peer] [--native] [--timeout SEC] IMAGE...
// node bench/src/run.mjs --first-visit [--runs N] [--no-peer] IMAGE...
// node bench/src/run.mjs --throughput N [--runs N] [--no-peer] [IMAGE...]
// node bench/src/run.mjs --quality GT_DIR [--strokes N] [--runs N] [--out DIR] [...]
// node bench/src/run.mjs --preset NAME [--shadow drop|contact] [--outline PX] --out DIR IMAGE...
//
// One JSON line per image (or batch) and configuration goes to stdout; progress and a readable summary go to stderr.
import { spawn, spawnSync } from "node:child_process";
import {
  mkdtempSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync, existsSync, appendFileSync,
  openSync, readSync, closeSync,
} from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { basename, dirname, extname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { deflateSync } from "node:zlib";
import { assemble } from "./site.mjs";
import { BROWSERS, DriverError, INSTALL_HINT, freePort, launch, sleep, withTimeout } from "./drivers.mjs";

const benchDir = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const repo = resolve(benchDir, "..");

// The targets (issue 18). "12 MP" is a photo of at least 8 MP, "1 MP" one of at most 2 MP; between them only the
// ratio is printed.
const TARGETS = {
  ratio12: 0.75, // Cutout total_ms / peer total_ms at 12 MP
  ratioReady12: 0.6, // Cutout ready_ms / peer total_ms at 12 MP
  ratio1: 0.8, // Cutout total_ms / peer total_ms at 1 MP
  post12: 350, // Cutout post_ms at 12 MP
  firstVisit: 0.8, // Cutout first_visit_ms / peer first_visit_ms
  throughput: 1.4, // Cutout photos per minute / peer photos per minute
  inferenceVsNative: 1.6, // Cutout inference_ms / native onnxruntime inference
};
const BIG = 8e6;
const SMALL = 2e6;
const STAGES = ["decode_ms", "pre_ms", "inference_ms", "first_ms", "post_ms", "show_ms", "ready_ms", "encode_ms",
  "total_ms", "wall_ms", "screen_first_ms", "screen_ms"];
// --quality: refinement on must beat the raw mask and the peer by this much on SAD and gradient error.
const QUALITY_GAIN = 0.15;
// IoU counts as "not worse" down to this much below (the table prints three decimals).
const IOU_SLACK = 0.0005;
// Pre- plus post-processing must stay under this share of inference on photos of at least QUALITY_TIMED_PIXELS.
const PRE_POST_SHARE = 0.10;
const QUALITY_TIMED_PIXELS = 10e6;
// --quality: the confidence score must rank the images by their true SAD at least this well (Spearman's rho).
const CONFIDENCE_RHO = 0.6;
const REFINE_ON = 100;
const REFINE_OFF = 0;
const DEFAULT_RUNS = 5;
const PEER_NAME = "@imgly/background-removal@1.7.0 (onnxruntime-web 1.21.0)";
// --preset: the editor's size presets (#size-preset); the marketplace one is checked against its definition.
const PRESETS = ["original", "marketplace", "social-square", "social-portrait", "banner"];
const MARKETPLACE = { side: 2000, fill: 0.85, fillSlack: 0.01, centreSlack: 0.01, white: 250 };

// ---------------------------------------------------------------------------------------------------- options

function usage(message) {
  if (message) process.stderr.write(`run: ${message}\n`);
  process.stderr.write("usage: bench/run.sh [--browser chromium|firefox|webkit] [--backend wasm|webgpu] [--model quint8|fp16]\n"
    + "                    [--threads N] [--runs N] [--out DIR] [--peer] [--native] [--timeout SEC] IMAGE...\n"
    + "       bench/run.sh --first-visit [--pick-after MS] [--runs N] [--no-peer] IMAGE...   (cold cache: page open → first cutout)\n"
    + "       bench/run.sh --throughput N [--runs N] [--no-peer] [IMAGE...] (N photos in one multi-select)\n"
    + "       bench/run.sh --quality GT_DIR [--strokes N] [--runs N] [--out DIR] ...\n"
    + "       bench/run.sh --preset NAME [--shadow drop|contact] [--outline PX] --out DIR IMAGE...\n"
    + "       bench/run.sh --variant QUERY [--variant QUERY]... [--runs N] IMAGE...  (Cutout against itself with\n"
    + "                    other page settings, e.g. --variant ort=graph:basic --variant model=fp32, interleaved)\n"
    + "       --backend/--model/--threads take comma-separated lists; every combination is measured.\n"
    + "       --quality scores Cutout (refinement on and off) and the peer against GT_DIR/NAME.matte.png;\n"
    + "       --strokes N then lets a scripted user draw up to N Keep/Remove strokes in the editor.\n");
  process.exit(2);
}

/** Page settings a --variant may change (the page's own query parameters). */
const VARIANT_KEYS = ["ort", "model", "threads", "backend", "refine"];

/** A --variant: `key=value&…` over the page's query; the label is the text as given. */
function variantOf(text) {
  const params = new URLSearchParams(text);
  if (![...params.keys()].length) usage(`--variant ${text}: expected key=value[&key=value…]`);
  for (const [k, v] of params) {
    if (!VARIANT_KEYS.includes(k)) usage(`--variant ${text}: ${k} is not one of ${VARIANT_KEYS}`);
    if (!v) usage(`--variant ${text}: ${k} has no value`);
  }
  return { label: text, params };
}

function parseArgs(argv) {
  const o = {
    browser: "chromium", backends: ["wasm"], models: ["quint8"], threads: null, runs: DEFAULT_RUNS, out: null,
    peer: false, noPeer: false, native: false, timeoutS: 300, images: [], settleMs: 400, quality: null, strokes: 0,
    firstVisit: false, pickAfterMs: 0, throughput: 0, warmupImage: null, preset: null, shadow: null, outline: null, variants: [],
    chromium: process.env.CHROMIUM ?? "/usr/bin/chromium",
    firefox: process.env.FIREFOX ?? "/usr/bin/firefox-esr",
    webkitDriver: process.env.WEBKIT_DRIVER ?? "/usr/bin/WebKitWebDriver",
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
      case "--browser": [o.browser] = list(next(), BROWSERS); break;
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
      case "--strokes":
        o.strokes = Number(next());
        if (!Number.isInteger(o.strokes) || o.strokes < 1) usage("--strokes: a number of strokes >= 1");
        break;
      case "--first-visit": o.firstVisit = true; break;
      case "--pick-after": o.pickAfterMs = Number(next()); break;
      case "--throughput":
        o.throughput = Number(next());
        if (!Number.isInteger(o.throughput) || o.throughput < 1) usage("--throughput: a number of photos >= 1");
        break;
      case "--warmup-image": o.warmupImage = resolve(next()); break;
      case "--out": o.out = resolve(next()); break;
      case "--preset": [o.preset] = list(next(), PRESETS); break;
      case "--shadow": [o.shadow] = list(next(), ["none", "drop", "contact"]); break;
      case "--outline":
        o.outline = Number(next());
        if (!(o.outline >= 0 && o.outline <= 1024)) usage("--outline: a width in pixels, 0..1024");
        break;
      case "--variant": o.variants.push(variantOf(next())); break;
      case "--peer": o.peer = true; break;
      case "--no-peer": o.noPeer = true; break;
      case "--native": o.native = true; break;
      case "--timeout": o.timeoutS = Number(next()); if (!(o.timeoutS > 0)) usage("--timeout: seconds > 0"); break;
      case "--chromium": o.chromium = next(); break;
      case "--firefox": o.firefox = next(); break;
      case "--webkit-driver": o.webkitDriver = next(); break;
      case "--settle-ms": o.settleMs = Number(next()); break;
      case "-h": case "--help": usage(); break;
      default:
        if (a.startsWith("--")) usage(`unknown option ${a}`);
        o.images.push(resolve(a));
    }
  }
  if ([o.quality, o.firstVisit, o.throughput, o.preset, o.variants.length].filter(Boolean).length > 1) {
    usage("--quality, --first-visit, --throughput, --preset and --variant are separate modes: give one");
  }
  if (o.variants.length && (o.peer || o.native)) usage("--variant compares Cutout with itself: no --peer or --native");
  if ((o.shadow || o.outline != null) && !o.preset) usage("--shadow and --outline go with --preset");
  if (o.preset && !o.out) usage("--preset writes its files to --out DIR: give one");
  if (o.preset && (o.peer || o.native)) usage("--preset runs Cutout alone");
  // WebKitGTK has no SharedArrayBuffer: one thread there.
  if (!o.threads) o.threads = [o.browser === "webkit" ? 1 : availableParallelism()];
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
  if (o.throughput) {
    // Default set: bench/images/throughput/ (bench/images.sh makes 20 distinct 12 MP photos there).
    if (o.images.length === 0) {
      const dir = join(benchDir, "images", "throughput");
      if (existsSync(dir)) {
        o.images = readdirSync(dir).filter((f) => /\.(jpe?g|png|webp)$/i.test(f)).sort().map((f) => join(dir, f));
      }
    }
    if (o.images.length < o.throughput) {
      usage(`--throughput ${o.throughput}: only ${o.images.length} photo(s) given or in bench/images/throughput `
        + "(bench/images.sh makes 20)");
    }
    o.images = o.images.slice(0, o.throughput);
    o.warmupImage ??= join(benchDir, "images", "astronaut-4000x3000.jpg");
    if (o.images.includes(o.warmupImage)) usage("--warmup-image must not be one of the timed photos");
    if (!existsSync(o.warmupImage)) usage(`warm-up photo not found: ${o.warmupImage} (bench/images.sh, or --warmup-image)`);
  }
  if ((o.firstVisit || o.throughput) && !o.noPeer) o.peer = true;
  if (o.noPeer) o.peer = false;
  if (o.quality && !o.peer) usage("--quality needs the peer");
  if (o.strokes && !o.quality) usage("--strokes goes with --quality (it needs the ground truth)");
  if (o.strokes && o.browser === "webkit") usage("--strokes draws with the mouse: Chromium or Firefox");
  if ((o.firstVisit || o.throughput) && o.native) usage("--native goes with the per-photo benchmark only");
  if (!(o.pickAfterMs >= 0)) usage("--pick-after takes milliseconds");
  if (o.pickAfterMs > 0 && !o.firstVisit) usage("--pick-after goes with --first-visit");
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
    for (const target of group ? [-proc.pid, proc.pid] : [proc.pid]) {
      try {
        process.kill(target, "SIGKILL");
      } catch {
        // already gone (or not a group leader)
      }
    }
  }
  children.clear();
}

/**
 * CPU time of a browser's threads while `work` runs, in seconds by kind: Linux only, for a browser this script
 * started in a process group of its own (`group`: its pid); null elsewhere. Samples every thread of the group every
 * 250 ms and keeps each one's last figure, so a thread that ends meanwhile (a worker replaced) still counts, up to
 * its last quarter second. Kinds by thread name: `workers` (the pages' Web Workers: Cutout's inference and PNGs, the
 * peer's ONNX Runtime threads), `main` (each process's main thread: the page's script, style, layout and frames, and
 * the browser's own), `compositor` (Compositor, VizCompositorThread), `pool` (the ThreadPool: image decoding, raster,
 * WebAssembly compiling), `other`.
 */
async function threadCpu(group, work) {
  if (!group || process.platform !== "linux") return { result: await work(), cpu: null };
  const last = new Map();
  const sample = () => {
    for (const pid of readdirSync("/proc")) {
      if (!/^\d+$/.test(pid)) continue;
      let tasks;
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
        if (Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[2]) !== group) continue;
        tasks = readdirSync(`/proc/${pid}/task`);
      } catch {
        continue; // gone meanwhile
      }
      for (const tid of tasks) {
        try {
          const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, "utf8");
          const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
          const name = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
          const kind = name.startsWith("DedicatedWorker") ? "workers" : tid === pid ? "main"
            : /Compositor/.test(name) ? "compositor" : name.startsWith("ThreadPool") ? "pool" : "other";
          last.set(`${pid}/${tid}`, { kind, ticks: Number(f[11]) + Number(f[12]) });
        } catch {
          // the thread ended between the listing and the read
        }
      }
    }
  };
  sample();
  const start = new Map(last);
  const timer = setInterval(sample, 250);
  try {
    const result = await work();
    sample();
    const cpu = { workers: 0, main: 0, compositor: 0, pool: 0, other: 0 };
    for (const [key, { kind, ticks }] of last) cpu[kind] += ticks - (start.get(key)?.ticks ?? 0);
    for (const kind of Object.keys(cpu)) cpu[kind] = r1(cpu[kind] / 100); // USER_HZ
    return { result, cpu };
  } finally {
    clearInterval(timer);
  }
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


const expected = (e) => e instanceof BenchError || e instanceof DriverError;
const finite = (x) => typeof x === "number" && Number.isFinite(x);

/** {min, median, max} of the finite values, rounded by rnd; null when there are none. */
function spread(xs, rnd = r1) {
  const s = xs.filter(finite).sort((a, b) => a - b);
  if (s.length === 0) return null;
  return { min: rnd(s[0]), median: rnd(median(s)), max: rnd(s[s.length - 1]) };
}

/** Per-round ratios a[i] / b[i] of two equally long lists. */
const paired = (a, b) => a.map((x, i) => (finite(x) && finite(b[i]) && b[i] > 0 ? x / b[i] : null));

/** The machine every line is measured on: CPU model (from /proc/cpuinfo), logical cores, 1-minute load. */
function machineInfo() {
  let cpu = "unknown";
  try {
    const info = readFileSync("/proc/cpuinfo", "utf8");
    const m = /^model name\s*:\s*(.+)$/m.exec(info) ?? /^(?:Hardware|Processor|cpu model)\s*:\s*(.+)$/m.exec(info);
    if (m) cpu = m[1].trim().replace(/\s+/g, " ");
  } catch {
    // not Linux
  }
  return { cpu, cores: availableParallelism() };
}

/** Width and height from a PNG's IHDR or a JPEG's SOFn, without decoding; null if neither. */
function imageSize(file) {
  const fd = openSync(file, "r");
  try {
    const head = Buffer.alloc(1 << 20);
    const n = readSync(fd, head, 0, head.length, 0);
    const b = head.subarray(0, n);
    if (b.length > 24 && b.readUInt32BE(0) === 0x89504e47) return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
    if (b[0] === 0xff && b[1] === 0xd8) {
      let i = 2;
      while (i + 9 < b.length) {
        if (b[i] !== 0xff) { i++; continue; }
        const marker = b[i + 1];
        if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)) {
          return { width: b.readUInt16BE(i + 7), height: b.readUInt16BE(i + 5) };
        }
        if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) { i += 2; continue; }
        i += 2 + b.readUInt16BE(i + 2);
      }
    }
    return null;
  } finally {
    closeSync(fd);
  }
}

/** "12mp" (at least 8 MP), "1mp" (at most 2 MP) or null: which targets apply. */
function sizeClass(width, height) {
  if (!finite(width) || !finite(height)) return null;
  const px = width * height;
  return px >= BIG ? "12mp" : px <= SMALL ? "1mp" : null;
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

// In-page functions (sent as source text to whichever driver runs the page: self-contained, JSON in and out).
// Each waits at most `slice` ms and returns null if its condition is not met yet, so that the caller can wait for
// minutes in short calls (no driver's own command timeout is hit) and notice a crashed page between them.

/** body[data-app=ready], or Cutout's start-up error (#status error with #message). */
const pageReady = async ({ slice }) => {
  const end = performance.now() + slice;
  for (;;) {
    if (document.querySelector("body[data-app=ready]")) return { ready: true };
    const status = document.getElementById("status");
    if (status && status.getAttribute("data-state") === "error") {
      return { ready: false, message: document.getElementById("message")?.textContent ?? "" };
    }
    if (performance.now() > end) return null;
    await new Promise((r) => setTimeout(r, 10));
  }
};

/** A service worker still installing (downloading and hashing the app shell) must not overlap the measured runs. */
const serviceWorkerSettled = async ({ slice, since }) => {
  if (!("serviceWorker" in navigator)) return "unsupported";
  const end = performance.now() + slice;
  for (;;) {
    const reg = await navigator.serviceWorker.getRegistration();
    // Installed is enough: a newer version may stay "waiting" for as long as an older one has pages.
    if (reg && !reg.installing) return reg.active ? "active" : "installed";
    if (!reg && performance.now() - since > 3000) return "none";
    if (performance.now() > end) return null;
    await new Promise((r) => setTimeout(r, 200));
  }
};

/**
 * Records every #status[data-state] change with its time (performance.now(), i.e. ms since the page's navigation
 * started), and with `queue` every data-state change of #queue's items (Cutout's photo list).
 */
const installObserver = () => {
  if (window.__bench) return true;
  const status = document.getElementById("status");
  const b = { states: [], times: [], items: new Map(), changeAt: null, armed: false, from: 0, editorAt: null,
    roughAt: null };
  window.__bench = b;
  // Cutout's editor showing a photo (its section gets the photo's id): the cutout is on screen, editable.
  const editor = document.getElementById("result");
  if (editor && document.getElementById("queue")) {
    // Before it, the rough cutout (the model's mask before refinement) may show: data-rough.
    new MutationObserver(() => {
      const now = performance.now();
      if (b.roughAt == null && editor.getAttribute("data-rough") && !editor.hidden) b.roughAt = now;
      if (b.editorAt == null && editor.getAttribute("data-item") && !editor.hidden) b.editorAt = now;
    }).observe(editor, { attributes: true, attributeFilter: ["data-item", "data-rough"] });
  }
  new MutationObserver(() => {
    b.states.push(status.getAttribute("data-state"));
    b.times.push(performance.now());
  }).observe(status, { attributes: true, attributeFilter: ["data-state"] });
  const queue = document.getElementById("queue");
  if (queue) {
    const seen = () => {
      const now = performance.now();
      for (const li of queue.querySelectorAll("li[data-state]")) {
        if (li.hasAttribute("data-bench-old")) continue;
        let it = b.items.get(li);
        if (!it) b.items.set(li, it = { shown: null, done: null, state: null });
        const s = li.getAttribute("data-state");
        it.state = s;
        if (it.shown == null && (s === "saving" || s === "done")) it.shown = now;
        if (it.done == null && ["done", "error", "cancelled"].includes(s)) it.done = now;
      }
    };
    new MutationObserver(seen).observe(queue, { attributes: true, attributeFilter: ["data-state"], childList: true,
      subtree: true });
  }
  return true;
};

/** Arms a run: later states only; the file input's change event starts the wall clock; earlier photos are old. */
const arm = () => {
  const b = window.__bench;
  b.from = b.states.length;
  b.changeAt = null;
  b.editorAt = null;
  b.roughAt = null;
  // Earlier photos are removed, so the editor closes and shows the new one as soon as it can, as for a person who
  // drops one photo: its "screen" time includes the page decoding the photo for display.
  for (const button of document.querySelectorAll("#queue li .queue-remove")) button.click();
  for (const li of document.querySelectorAll("#queue li")) li.setAttribute("data-bench-old", "");
  b.items.clear();
  window.addEventListener("change", () => { b.changeAt = performance.now(); }, { capture: true, once: true });
  return performance.now();
};

/**
 * The end of a run: #status reaching done|error|cancelled (with `count`, Cutout's queue: that many new items
 * finished). Returns the times of the first "cutout shown" state (saving, or done) and the end, ms since navigation.
 */
const runEnded = async ({ slice, count }) => {
  const b = window.__bench;
  const end = performance.now() + slice;
  for (;;) {
    if (count) {
      const items = [...b.items.values()];
      if (items.length >= count && items.every((it) => it.done != null)) {
        const failed = items.find((it) => it.state !== "done");
        return {
          state: failed ? failed.state : "done", changeAt: b.changeAt, editorAt: b.editorAt, roughAt: b.roughAt,
          shownAt: Math.max(...items.map((it) => it.shown ?? it.done)), endAt: Math.max(...items.map((it) => it.done)),
        };
      }
    } else {
      let shownAt = null;
      for (let i = b.from; i < b.states.length; i++) {
        const s = b.states[i];
        if (shownAt == null && (s === "saving" || s === "done")) shownAt = b.times[i];
        if (["done", "error", "cancelled"].includes(s)) {
          return { state: s, changeAt: b.changeAt, editorAt: b.editorAt, roughAt: b.roughAt, shownAt: shownAt ?? b.times[i],
            endAt: b.times[i] };
        }
      }
    }
    if (performance.now() > end) return null;
    await new Promise((r) => setTimeout(r, 10));
  }
};

const readResult = () => {
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
    // Cutout's warm-up of its engine before the photo or while the model came (core.onnx.WarmupModel), if any.
    warmupRuns: b?.hasAttribute("data-warmup-runs") ? Number(b.getAttribute("data-warmup-runs")) : 0,
    warmupMs: b?.hasAttribute("data-warmup-ms") ? Number(b.getAttribute("data-warmup-ms")) : 0,
    // Cutout's score of its newest result (core.edit.Confidence, computed in the worker), as its queue row holds it.
    confidence: (() => {
      const rows = [...document.querySelectorAll("#queue li[data-confidence]")];
      const newest = rows.sort((x, y) => Number(y.getAttribute("data-id")) - Number(x.getAttribute("data-id")))[0];
      return newest ? { score: Number(newest.getAttribute("data-confidence")),
        check: newest.getAttribute("data-check") === "true" } : null;
    })(),
  };
};

/** Cache Storage and service worker registrations of the origin: both must be empty for a cold first visit. */
const originState = async () => ({
  caches: "caches" in self ? (await caches.keys()).length : null,
  serviceWorkers: navigator.serviceWorker ? (await navigator.serviceWorker.getRegistrations()).length : null,
});

/**
 * One app page (Cutout's or the peer's; both follow the same DOM protocol) in any driver. Counts requests that leave
 * the served origin, from the page and from its workers, where the driver reports requests (not WebKit).
 */
class AppPage {
  /**
   * @param o.waitServiceWorker  wait until a service worker has finished installing (warm runs); a first visit
   *                             measures from the navigation on and does not wait.
   * @param o.coldCheck          first load the origin's 404 page and refuse unless Cache Storage and service
   *                             workers are empty there (first visit).
   */
  static async open(context, url, origin, label, timeoutMs, o = {}) {
    const page = await withTimeout(context.newPage(), 60000, `${label}: opening a page`);
    const p = new AppPage(page, origin, label, timeoutMs);
    page.onRequest((u) => p.onRequest(u));
    page.onPageError((e) => { p.pageErrors.push(e); });
    if (o.coldCheck) {
      await withTimeout(page.goto(`${origin}/__bench-cold-check`), 60000, `${label}: loading the cold-check page`);
      p.cold = await withTimeout(page.evaluate(originState), 30000, `${label}: checking the cache is cold`);
      if (p.cold.caches || p.cold.serviceWorkers) {
        throw new BenchError(`${label}: not a cold first visit: ${JSON.stringify(p.cold)} on ${origin}`);
      }
      p.requests.length = 0;
    }
    const status = await withTimeout(page.goto(url), 60000, `${label}: loading ${url}`);
    if (status != null && (status < 200 || status >= 300)) throw new BenchError(`${label}: ${url} answered ${status}`);
    const ready = await p.poll(pageReady, {}, 60000, "waiting for body[data-app=ready]");
    if (!ready.ready) throw new BenchError(`${label}: the app did not start: ${ready.message.trim()}`);
    if (o.waitServiceWorker !== false) {
      const since = await page.evaluate(() => performance.now());
      p.serviceWorker = await p.poll(serviceWorkerSettled, { since }, 120000,
        "waiting for the service worker to finish installing");
    }
    await withTimeout(page.evaluate(installObserver), 60000, `${label}: installing the status observer`);
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

  onRequest(url) {
    this.requests.push(url);
    if (url.startsWith("blob:") || url.startsWith("data:") || url === "about:blank") return;
    let origin;
    try {
      origin = new URL(url).origin;
    } catch {
      origin = url;
    }
    if (origin !== this.origin) this.nonLocal.push(url);
  }

  /** Non-local requests seen, or null where the driver does not report requests. */
  get nonLocalCount() {
    return this.page.requestsObserved ? this.nonLocal.length : null;
  }

  /** Calls fn(arg + {slice}) in the page until it returns non-null, up to ms. */
  async poll(fn, arg, ms, what) {
    const deadline = Date.now() + ms;
    for (;;) {
      if (this.page.crashed) throw new BenchError(`${this.label}: the page crashed (${what})`);
      const slice = Math.max(1, Math.min(2000, deadline - Date.now()));
      // A page may not answer while its main thread is busy (the peer runs ONNX Runtime there: a whole inference
      // can block it for a minute on a slow machine), so one call may take up to the time that is left.
      const r = await withTimeout(this.page.evaluate(fn, { ...arg, slice }), Math.max(0, deadline - Date.now()) + slice
        + 30000, `${this.label}: ${what}`);
      if (r != null) return r;
      if (Date.now() >= deadline) {
        throw new BenchError(`timed out after ${Math.round(ms / 1000)} s: ${this.label}: ${what}`
          + (this.pageErrors.length ? ` (page errors: ${this.pageErrors.join("; ")})` : ""));
      }
    }
  }

  /**
   * Chooses the files in #file-input and waits for the end: #status done (one file, or the peer's batch), or with
   * `queue` all of Cutout's new queue items done. Returns {timings, url, backend, model, threads, wall_ms, shownAt,
   * endAt, changeAt} (times in ms since the page's navigation started).
   */
  async run(images, { queue = false } = {}) {
    const files = Array.isArray(images) ? images : [images];
    const what = files.length === 1 ? basename(files[0]) : `${files.length} photos`;
    const quick = (promise, w) => withTimeout(promise, 120000, `${this.label}: ${w}`);
    await quick(this.page.bringToFront(), "bringing the page to the front");
    const armedAt = await quick(this.page.evaluate(arm), "arming the status observer");
    // Choosing files returns once the page has handled the change event, which with many large photos can take a
    // while on a busy page; the time is measured from the change event in the page, so this wait is not in it.
    const chooseStart = Date.now();
    await withTimeout(this.page.setFiles("#file-input", files), Math.max(120000, this.timeoutMs * files.length),
      `${this.label}: choosing ${what} in #file-input`);
    const chooseMs = Date.now() - chooseStart;
    if (chooseMs > 5000 || process.env.BENCH_DEBUG) log(`${this.label}: choosing ${what} took ${chooseMs} ms (driver)`);
    const end = await this.poll(runEnded, { count: queue ? files.length : 0 }, this.timeoutMs * files.length,
      `waiting for ${queue ? "every queued photo" : "#status[data-state=done]"} on ${what}`);
    if (end.changeAt != null && (end.changeAt - armedAt > 5000 || process.env.BENCH_DEBUG)) {
      log(`${this.label}: the change event came ${Math.round(end.changeAt - armedAt)} ms after arming`);
    }
    const info = await quick(this.page.evaluate(readResult), "reading the result");
    if (end.state !== "done") {
      throw new BenchError(`${this.label}: ${what} ended in state "${end.state}": ${info.message.trim()}`);
    }
    let timings;
    try {
      timings = JSON.parse(info.timings);
    } catch {
      throw new BenchError(`${this.label}: #timings[data-timings] is not JSON: ${info.timings}`);
    }
    // Wall time as a person sees it: from the file input's change event to the page showing done.
    const wall = end.changeAt == null ? null : end.endAt - end.changeAt;
    timings.wall_ms = wall;
    // Cutout: the editor showing the cutout, from the same change event (page clock); the peer has no editor.
    if (end.changeAt != null && end.editorAt != null) timings.screen_ms = end.editorAt - end.changeAt;
    // The rough cutout first, when it came before the refined one (else the refined one is the first thing seen).
    if (end.changeAt != null && (end.roughAt ?? end.editorAt) != null) {
      timings.screen_first_ms = (end.roughAt ?? end.editorAt) - end.changeAt;
    }
    return {
      timings, url: info.url, backend: info.backend, model: info.model, threads: info.threads, wall_ms: wall,
      changeAt: end.changeAt, shownAt: end.shownAt, endAt: end.endAt, confidence: info.confidence,
      warmupRuns: info.warmupRuns, warmupMs: info.warmupMs,
    };
  }

  /** Lets the page finish what follows a result (showing the images) so it does not overlap the next run. */
  async settle(ms) {
    await withTimeout(this.page.evaluate(async () => {
      await Promise.all([...document.images].filter((i) => i.src).map((i) => i.decode().catch(() => {})));
      return true;
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
    await this.page.close();
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

/** Fields every line starts with: what was measured, where. */
function head(env, config, extra) {
  return {
    ...extra,
    cpu: env.machine.cpu,
    cores: env.machine.cores,
    browser: env.browser.name,
    browser_version: env.browser.version,
    requested: `${config.backend}/${config.model}/${config.threads}t`,
  };
}

/** Warns when Cutout did not use what was asked for. */
function checkActual(config, last) {
  const actual = { backend: last.backend, model: last.model, threads: Number(last.threads) };
  for (const k of ["backend", "model"]) {
    if (config[k] !== "auto" && actual[k] !== config[k]) log(`warning: asked for ${k}=${config[k]}, Cutout used ${actual[k]}`);
  }
  if (actual.threads !== config.threads) log(`warning: asked for ${config.threads} threads, Cutout reports ${actual.threads}`);
  return actual;
}

/** The per-image targets for this photo's size class; sets *_target and *_ok. */
function applyTargets(line) {
  const cls = sizeClass(line.width, line.height);
  line.size_class = cls;
  if (line.ratio != null) {
    line.ratio_target = cls === "12mp" ? TARGETS.ratio12 : cls === "1mp" ? TARGETS.ratio1 : null;
    line.ratio_ok = line.ratio_target == null ? null : line.ratio <= line.ratio_target;
  }
  if (cls === "12mp") {
    if (line.ratio_ready != null) {
      line.ratio_ready_target = TARGETS.ratioReady12;
      line.ratio_ready_ok = line.ratio_ready <= TARGETS.ratioReady12;
    }
    line.post_ms_target = TARGETS.post12;
    line.post_ms_ok = line.post_ms <= TARGETS.post12;
  }
}

/**
 * Warm-up and timed runs of one image on a fresh Cutout page (and a fresh peer page when {@code withPeer}); returns
 * the result line and the last results' alpha. {@code refine} (0..100) sets Cutout's ?refine=, null the default.
 */
async function benchImage({
  env, context, origin, opts, config, image, native, outName, sw, refine = null, withPeer = opts.peer,
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
    log(`${name} [${env.browser.name} ${config.backend}/${config.model}/${config.threads}t${refineNote}]: warm-up`);
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

    const actual = checkActual(config, last);
    const result = await cut.result(last.url);
    const line = head(env, config, { image: name, width: result.width, height: result.height });
    Object.assign(line, {
      backend: actual.backend,
      model: actual.model,
      threads: actual.threads,
      model_fetch_ms: r1(warm.timings.model_fetch_ms ?? null),
      session_ms: r1(warm.timings.session_ms ?? null),
      warmup_inference_ms: r1(warm.timings.inference_ms),
      warmup_total_ms: r1(warm.timings.total_ms),
    });
    const stats = {};
    for (const s of STAGES) {
      line[s] = r1(median(cutRuns.map((t) => t[s])));
      stats[s] = spread(cutRuns.map((t) => t[s]));
    }
    // Cutout alone: scoring the result for "Check this one" (core.edit.Confidence) in the worker.
    line.confidence_ms = r1(median(cutRuns.map((t) => t.confidence_ms)));
    stats.confidence_ms = spread(cutRuns.map((t) => t.confidence_ms));
    // Cutout alone: post_ms split into the refinement's passes (core.refine.PassLog), median ms per pass.
    const passNames = [...new Set(cutRuns.flatMap((t) => Object.keys(t.post_passes ?? {})))];
    if (passNames.length) {
      line.post_passes = Object.fromEntries(passNames.map((p) => [p, r1(median(cutRuns.map((t) => t.post_passes?.[p] ?? 0)))]));
      stats.post_passes = Object.fromEntries(passNames.map((p) => [p, spread(cutRuns.map((t) => t.post_passes?.[p] ?? 0))]));
    }
    line.runs = opts.runs;
    line.confidence = last.confidence?.score ?? null;
    line.check = last.confidence?.check ?? null;
    // Other work on the machine: the 1-minute load average when this image started and ended (cores: see README).
    line.load_avg = [r1(loadStart), r1(loadavg()[0])];
    line.total_ms_runs = cutRuns.map((t) => r1(t.total_ms));
    // Requests from a service worker are not a page's: they count for Cutout, the only one that registers one.
    line.non_local_requests = cut.nonLocalCount == null ? null : cut.nonLocalCount + sw.nonLocal.length - swFrom;

    let peerResult = null;
    if (peer) {
      peerResult = await peer.result(peerLast.url);
      line.peer = PEER_NAME;
      line.peer_threads = Number(peerLast.threads);
      line.peer_session_ms = r1(peerWarm.timings.session_ms ?? null);
      line.peer_warmup_total_ms = r1(peerWarm.timings.total_ms);
      for (const s of STAGES) {
        line[`peer_${s}`] = r1(median(peerRuns.map((t) => t[s])));
        stats[`peer_${s}`] = spread(peerRuns.map((t) => t[s]));
      }
      line.peer_total_ms_runs = peerRuns.map((t) => r1(t.total_ms));
      line.peer_non_local_requests = peer.nonLocalCount;
      line.ratio = r3(line.total_ms / line.peer_total_ms);
      // Per round too: the spread of per-round ratios (Cutout's run i against the peer's run i, taken right after
      // it) is less sensitive to slow phases of the machine than the ratio of medians.
      const cutTotals = cutRuns.map((t) => t.total_ms);
      const peerTotals = peerRuns.map((t) => t.total_ms);
      stats.ratio_paired = spread(paired(cutTotals, peerTotals), r3);
      line.ratio_paired_median = stats.ratio_paired?.median ?? null;
      line.wall_ratio = r3(line.wall_ms / line.peer_wall_ms);
      // Cutout hands the page its cutout (shown, editable) before writing the PNG; the peer's result is its PNG,
      // it has nothing to show earlier. So this is time-to-result against the same, with the PNG still in total_ms.
      if (line.screen_ms != null) {
        // What a person sees: Cutout's editor showing the cutout (the page decodes the photo for display too)
        // against the peer's PNG, which it would still have to decode and show.
        line.ratio_screen = r3(line.screen_ms / line.peer_total_ms);
        stats.ratio_screen_paired = spread(paired(cutRuns.map((t) => t.screen_ms), peerTotals), r3);
      }
      if (line.ready_ms != null) {
        line.ratio_ready = r3(line.ready_ms / line.peer_total_ms);
        stats.ratio_ready_paired = spread(paired(cutRuns.map((t) => t.ready_ms), peerTotals), r3);
        line.ratio_ready_paired_median = stats.ratio_ready_paired?.median ?? null;
      }
      const agree = maskAgreement(result.alpha, peerResult.alpha);
      line.mask_mean_abs_diff_vs_peer = r3(agree.mad);
      line.mask_iou_vs_peer = r3(agree.iou);
    }
    applyTargets(line);
    if (native) {
      line.native = `onnxruntime-node ${native.info.ort_version ?? ""} CPU, ${config.threads} intra-op threads`.replace("  ", " ");
      line.native_inference_ms = r1(median(nativeRuns));
      line.native_inference_ms_runs = nativeRuns.map(r1);
      stats.native_inference_ms = spread(nativeRuns);
      line.inference_vs_native = r3(line.inference_ms / line.native_inference_ms);
      line.inference_vs_native_target = TARGETS.inferenceVsNative;
      line.inference_vs_native_ok = line.inference_vs_native <= TARGETS.inferenceVsNative;
      if (peer) line.peer_inference_vs_native = r3(line.peer_inference_ms / line.native_inference_ms);
    }
    line.stats = stats;

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

// ---------------------------------------------------------------------------------------------------- --variant

/**
 * Cutout against itself: the default page and one page per --variant (other ?ort= session settings, ?model=,
 * ?threads=…), all open at once, each warmed up, then N rounds in which every page runs the image once, the order
 * rotating by one each round so that no variant always runs first or after the same neighbour. One line per page;
 * each variant's line carries its per-round ratios to the default page's run of the same round and the agreement
 * of its alpha with the default's.
 */
async function variantsImage({ env, context, origin, opts, config, image, sw }) {
  const swFrom = sw.nonLocal.length;
  const loadStart = loadavg()[0];
  const timeoutMs = opts.timeoutS * 1000;
  const name = basename(image);
  const base = new URLSearchParams({ backend: config.backend, model: config.model, threads: String(config.threads) });
  const all = [{ label: "default", params: new URLSearchParams() }, ...opts.variants];
  const pages = [];
  try {
    for (const v of all) {
      const q = new URLSearchParams(base);
      for (const [k, val] of v.params) q.set(k, val);
      const page = await AppPage.open(context, `${origin}/?${q}`, origin, v.label, timeoutMs);
      pages.push({ v, page, query: q.toString(), runs: [], warm: null, last: null });
    }
    for (const p of pages) {
      log(`${name} [${env.browser.name} ${p.query}]: warm-up`);
      p.warm = await p.page.run(image);
      p.last = p.warm;
      await p.page.settle(opts.settleMs);
    }
    for (let i = 0; i < opts.runs; i++) {
      const order = pages.map((_, k) => pages[(k + i) % pages.length]);
      for (const p of order) {
        p.last = await p.page.run(image);
        p.runs.push(p.last.timings);
        await p.page.settle(opts.settleMs);
      }
      log(`${name}: round ${i + 1}/${opts.runs}: `
        + pages.map((p) => `${p.v.label} ${Math.round(p.runs.at(-1).inference_ms)}/${Math.round(p.runs.at(-1).total_ms)}`)
          .join(", ") + " ms (inference/total)");
    }
    const loadEnd = loadavg()[0];
    const lines = [];
    let reference = null;
    for (const p of pages) {
      const result = await p.page.result(p.last.url);
      const line = head(env, config, { image: name, width: result.width, height: result.height });
      Object.assign(line, {
        mode: "variant",
        variant: p.v.label,
        query: p.query,
        backend: p.last.backend,
        model: p.last.model,
        threads: Number(p.last.threads),
        model_fetch_ms: r1(p.warm.timings.model_fetch_ms ?? null),
        session_ms: r1(p.warm.timings.session_ms ?? null),
        warmup_inference_ms: r1(p.warm.timings.inference_ms),
        warmup_total_ms: r1(p.warm.timings.total_ms),
      });
      const stats = {};
      for (const st of STAGES) {
        line[st] = r1(median(p.runs.map((t) => t[st])));
        stats[st] = spread(p.runs.map((t) => t[st]));
      }
      line.runs = opts.runs;
      line.load_avg = [r1(loadStart), r1(loadEnd)];
      line.inference_ms_runs = p.runs.map((t) => r1(t.inference_ms));
      line.total_ms_runs = p.runs.map((t) => r1(t.total_ms));
      line.non_local_requests = p.page.nonLocalCount == null ? null
        : p.page.nonLocalCount + sw.nonLocal.length - swFrom;
      if (reference == null) {
        reference = { p, alpha: result.alpha };
      } else {
        const ref = reference.p.runs;
        stats.inference_vs_default = spread(paired(p.runs.map((t) => t.inference_ms), ref.map((t) => t.inference_ms)), r3);
        stats.total_vs_default = spread(paired(p.runs.map((t) => t.total_ms), ref.map((t) => t.total_ms)), r3);
        line.inference_vs_default = stats.inference_vs_default?.median ?? null;
        line.total_vs_default = stats.total_vs_default?.median ?? null;
        const agree = maskAgreement(result.alpha, reference.alpha);
        line.mask_mean_abs_diff_vs_default = r3(agree.mad);
        line.mask_iou_vs_default = agree.iou == null ? null : Math.round(agree.iou * 10000) / 10000;
      }
      line.stats = stats;
      if (opts.out) {
        mkdirSync(opts.out, { recursive: true });
        const tag = p.v.label === "default" ? "default" : p.v.label.replace(/[^A-Za-z0-9_.=-]+/g, "_");
        const stem = basename(image, extname(image));
        writeFileSync(join(opts.out, `${stem}.${tag}.mask.png`), grayPng(result.width, result.height, result.alpha));
      }
      const errors = p.page.pageErrors;
      if (errors.length) log(`page errors (${p.v.label}): ${errors.join(" | ")}`);
      lines.push(line);
    }
    return lines;
  } finally {
    for (const p of pages) await p.page.close();
  }
}

function variantSummary(l, tag) {
  const s = l.stats;
  const mm = (x) => (x ? `${Math.round(x.median)} [${Math.round(x.min)}–${Math.round(x.max)}]` : "–");
  const rr = (x) => (x ? `${x.median.toFixed(3)} [${x.min.toFixed(3)}–${x.max.toFixed(3)}]` : "–");
  return `${l.image} ${l.variant} (${l.backend}/${l.model}/${l.threads}t, ${l.runs} runs): inference ${mm(s.inference_ms)}, `
    + `total ${mm(s.total_ms)}, session ${Math.round(l.session_ms)} ms`
    + (l.variant === "default" ? "" : `; vs default per round: inference ${rr(s.inference_vs_default)}, `
      + `total ${rr(s.total_vs_default)}; mask IoU ${l.mask_iou_vs_default}, mean |diff| ${l.mask_mean_abs_diff_vs_default}`)
    + ` ${tag}`;
}

// ---------------------------------------------------------------------------------------------------- --preset

/** The editor is showing a photo (#result[data-item]). */
const editorOpen = async ({ slice }) => {
  const end = performance.now() + slice;
  for (;;) {
    const result = document.getElementById("result");
    if (result && !result.hidden && result.getAttribute("data-item")) return true;
    if (performance.now() > end) return null;
    await new Promise((r) => setTimeout(r, 20));
  }
};

/**
 * Sets the editor's controls as a person would (preset, shadow, outline, format; the marketplace preset selects its
 * white background itself) and presses Download. Without `format`: JPEG over a background, PNG over none.
 */
const startExport = ({ preset, shadow, outline, format }) => {
  const set = (id, value, type) => {
    const e = document.getElementById(id);
    e.value = value;
    e.dispatchEvent(new Event(type, { bubbles: true }));
  };
  if (preset) set("size-preset", preset, "change");
  if (shadow) document.querySelector(`input[name=shadow][value=${shadow}]`).click();
  if (outline != null) set("outline-width", String(outline), "input");
  const background = document.querySelector("input[name=bg]:checked").value;
  const chosen = format ?? (background === "transparent" ? "png" : "jpeg");
  set("export-format", chosen, "change");
  document.getElementById("download").setAttribute("data-state", "stale");
  window.__exportStart = performance.now();
  document.getElementById("export-button").click();
  return { format: chosen, background };
};

/**
 * The export's end (#download[data-state] done or error): its file name, bytes, time since the click, size, the
 * four corner pixels, and with `mask` the bounds of the mask's pixels >= 128 ([x, y, width, height]).
 */
const exportDone = async ({ slice, mask }) => {
  const end = performance.now() + slice;
  const link = document.getElementById("download");
  for (;;) {
    const state = link.getAttribute("data-state");
    if (state === "error") return { state, message: document.getElementById("message")?.textContent ?? "" };
    if (state === "done") break;
    if (performance.now() > end) return null;
    await new Promise((r) => setTimeout(r, 20));
  }
  const ms = performance.now() - window.__exportStart;
  const blob = await (await fetch(link.getAttribute("href"))).blob();
  const bytes = new Uint8Array(await blob.arrayBuffer());
  const bitmap = await createImageBitmap(blob, { premultiplyAlpha: "none", colorSpaceConversion: "none" });
  const { width, height } = bitmap;
  const ctx = new OffscreenCanvas(width, height).getContext("2d", { willReadFrequently: true });
  ctx.drawImage(bitmap, 0, 0);
  const px = ctx.getImageData(0, 0, width, height).data;
  const at = (x, y) => Array.from(px.subarray(4 * (y * width + x), 4 * (y * width + x) + 4));
  const corners = [at(0, 0), at(width - 1, 0), at(0, height - 1), at(width - 1, height - 1)];
  let box = null;
  if (mask) {
    let x0 = width, y0 = height, x1 = -1, y1 = -1;
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        if (px[4 * (y * width + x)] >= 128) {
          if (x < x0) x0 = x;
          if (x > x1) x1 = x;
          if (y < y0) y0 = y;
          y1 = y;
        }
      }
    }
    box = x1 < 0 ? null : [x0, y0, x1 - x0 + 1, y1 - y0 + 1];
  }
  let b64 = "";
  for (let i = 0; i < bytes.length; i += 0x8000) b64 += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
  return {
    state: "done", name: link.getAttribute("download"), ms, width, height, corners, box, bytes: btoa(b64),
    note: document.getElementById("size-note")?.hidden === false ? document.getElementById("size-note").textContent : null,
  };
};

/** Where the subject went on a canvas: share of the longer side its bounds fill, its centre's offset (shares). */
function geometry(box, width, height) {
  if (!box) return { fill: null, dx: null, dy: null };
  const [x, y, w, h] = box;
  return {
    fill: r3(Math.max(w / width, h / height)),
    dx: r3((x + w / 2 - width / 2) / width),
    dy: r3((y + h / 2 - height / 2) / height),
  };
}

/**
 * One photo through the real page with a size preset (and a shadow and outline): processed, the controls set, the
 * download written to --out as NAME.preset.jpg (a background) or .png (transparent), and the mask alone exported at
 * the same layout to find the subject's bounds. For the marketplace preset, checks its definition: 2000 × 2000,
 * white corners, the subject's bounds 85 % ± 1 % of the side, centred within 1 %.
 */
async function presetImage({ env, context, origin, opts, config, image, outName, sw }) {
  const swFrom = sw.nonLocal.length;
  const timeoutMs = opts.timeoutS * 1000;
  const q = `backend=${config.backend}&model=${config.model}&threads=${config.threads}`;
  const cut = await AppPage.open(context, `${origin}/?${q}`, origin, "cutout", timeoutMs);
  try {
    log(`${basename(image)}: removing the background, then --preset ${opts.preset}`);
    const run = await cut.run(image);
    await cut.poll(editorOpen, {}, 120000, "waiting for the editor to show the photo");
    const asked = await withTimeout(cut.page.evaluate(startExport, {
      preset: opts.preset, shadow: opts.shadow, outline: opts.outline,
    }), 60000, "cutout: setting the editor's controls");
    const out = await cut.poll(exportDone, { mask: false }, timeoutMs, `waiting for the ${asked.format} export`);
    if (out.state !== "done") throw new BenchError(`cutout: the export failed: ${out.message.trim()}`);
    const ext = out.name.slice(out.name.lastIndexOf(".") + 1);
    mkdirSync(opts.out, { recursive: true });
    const file = join(opts.out, `${outName}.preset.${ext}`);
    writeFileSync(file, Buffer.from(out.bytes, "base64"));
    await withTimeout(cut.page.evaluate(startExport, { format: "mask" }), 60000, "cutout: choosing the mask");
    const mask = await cut.poll(exportDone, { mask: true }, timeoutMs, "waiting for the mask export");
    if (mask.state !== "done") throw new BenchError(`cutout: the mask export failed: ${mask.message.trim()}`);
    const g = geometry(mask.box, mask.width, mask.height);
    const line = head(env, config, { image: basename(image), preset: opts.preset, shadow: opts.shadow ?? "none",
      outline: opts.outline ?? 0 });
    Object.assign(line, {
      file, app_name: out.name, format: asked.format, background: asked.background, width: out.width,
      height: out.height, subject_box: mask.box, subject_fill: g.fill, centre_dx: g.dx, centre_dy: g.dy,
      corners: out.corners, export_ms: r1(out.ms), mask_export_ms: r1(mask.ms), total_ms: r1(run.timings.total_ms),
      note: out.note,
      non_local_requests: cut.nonLocalCount == null ? null : cut.nonLocalCount + sw.nonLocal.length - swFrom,
    });
    if (opts.preset === "marketplace") {
      const m = MARKETPLACE;
      const misses = [];
      if (out.width !== m.side || out.height !== m.side) misses.push(`size ${out.width}x${out.height}`);
      if (!out.corners.every((c) => c[0] >= m.white && c[1] >= m.white && c[2] >= m.white && c[3] === 255)) {
        misses.push(`corners not white: ${JSON.stringify(out.corners)}`);
      }
      if (g.fill == null || Math.abs(g.fill - m.fill) > m.fillSlack) misses.push(`subject fills ${g.fill}`);
      if (g.dx == null || Math.abs(g.dx) > m.centreSlack || Math.abs(g.dy) > m.centreSlack) {
        misses.push(`centre off by ${g.dx}, ${g.dy}`);
      }
      line.marketplace_ok = misses.length === 0;
      line.marketplace_misses = misses;
    }
    return line;
  } finally {
    await cut.close();
  }
}

function presetSummary(l) {
  const fill = l.subject_fill == null ? "no subject" : `${(l.subject_fill * 100).toFixed(1)} % of the longer side`;
  const centre = l.centre_dx == null ? "" : `, centre off by ${(l.centre_dx * 100).toFixed(2)} %, `
    + `${(l.centre_dy * 100).toFixed(2)} %`;
  let s = `${l.image} → ${l.file}: ${l.width} × ${l.height} ${l.format} (${l.background} background), subject `
    + `${fill}${centre}; export ${l.export_ms} ms after the click [${l.cpu}, ${l.cores} cores, ${l.browser}]`;
  if (l.note) s += `\n  the page says: ${l.note}`;
  if (l.marketplace_ok != null) {
    s += `\n  marketplace (2000 × 2000, white corners, 85 % ± 1 %, centred within 1 %): `
      + (l.marketplace_ok ? "met" : `MISSED: ${l.marketplace_misses.join("; ")}`);
  }
  return s;
}

// ---------------------------------------------------------------------------------------------------- --first-visit

/**
 * One cold first visit: a fresh browser context (own cache, no service worker, empty Cache Storage; checked on the
 * origin's 404 page first), the page opened, the photo chosen as soon as the page is ready, until the first cutout
 * is on the page. All times are from the page's own clock, ms since its navigation started.
 */
async function coldVisit({ browser, url, origin, label, image, timeoutMs, pickAfterMs = 0 }) {
  const context = await withTimeout(browser.newContext(), 120000, `${label}: a fresh browser context`);
  try {
    const page = await AppPage.open(context, url, origin, label, timeoutMs, { waitServiceWorker: false, coldCheck: true });
    try {
      // A person looking at the page before choosing a photo (--pick-after): what each app does meanwhile counts.
      if (pickAfterMs > 0) await new Promise((r) => setTimeout(r, pickAfterMs));
      const r = await page.run(image);
      return {
        // first cutout on the page: Cutout's "saving" state (shown, editable; PNG still being written), the peer's
        // done (its result is the PNG)
        first_visit_ms: r.shownAt,
        first_visit_done_ms: r.endAt,
        first_visit_pick_ms: r.changeAt,
        timings: r.timings,
        warmupRuns: r.warmupRuns,
        warmupMs: r.warmupMs,
        threads: r.threads,
        backend: r.backend,
        model: r.model,
        nonLocal: page.nonLocalCount,
        errors: page.pageErrors,
      };
    } finally {
      await page.close();
    }
  } finally {
    await context.close();
  }
}

async function firstVisitImage({ env, browser, origin, opts, config, image, sw }) {
  const q = `backend=${config.backend}&model=${config.model}&threads=${config.threads}`;
  const timeoutMs = opts.timeoutS * 1000;
  const name = basename(image);
  const loadStart = loadavg()[0];
  const swFrom = sw.nonLocal.length;
  const cut = [];
  const peer = [];
  for (let i = 0; i < opts.runs; i++) {
    // Interleaved: a cold Cutout visit, then a cold peer visit, each in its own fresh context.
    const pickAfterMs = opts.pickAfterMs;
    cut.push(await coldVisit({ browser, url: `${origin}/?${q}`, origin, label: "cutout", image, timeoutMs, pickAfterMs }));
    if (opts.peer) {
      peer.push(await coldVisit({ browser, url: `${origin}/peer/?${q}`, origin, label: "peer", image, timeoutMs,
        pickAfterMs }));
    }
    log(`${name}: first visit ${i + 1}/${opts.runs}: cutout ${Math.round(cut.at(-1).first_visit_ms)} ms`
      + (opts.peer ? `, peer ${Math.round(peer.at(-1).first_visit_ms)} ms` : ""));
  }
  const actual = checkActual(config, cut.at(-1));
  const size = imageSize(image) ?? {};
  const line = head(env, config, { mode: "first_visit", image: name, width: size.width ?? null, height: size.height ?? null });
  line.pick_after_ms = opts.pickAfterMs;
  Object.assign(line, { backend: actual.backend, model: actual.model, threads: actual.threads, runs: opts.runs });
  const stats = {};
  const put = (key, values, prefix = "") => {
    line[`${prefix}${key}`] = r1(median(values));
    stats[`${prefix}${key}`] = spread(values);
  };
  put("first_visit_ms", cut.map((v) => v.first_visit_ms));
  put("first_visit_done_ms", cut.map((v) => v.first_visit_done_ms));
  put("first_visit_pick_ms", cut.map((v) => v.first_visit_pick_ms));
  put("model_fetch_ms", cut.map((v) => v.timings.model_fetch_ms));
  put("session_ms", cut.map((v) => v.timings.session_ms));
  put("total_ms", cut.map((v) => v.timings.total_ms));
  // The engine's warm-up (runs of a stand-in model while the page was idle or the model was on its way).
  put("warmup_runs", cut.map((v) => v.warmupRuns ?? 0));
  put("warmup_ms", cut.map((v) => v.warmupMs ?? 0));
  // Where a cold visit's time goes (the same stages as a warm run's: a cold inference includes the engine's code
  // being compiled for the first time).
  for (const stage of ["decode_ms", "inference_ms", "post_ms", "encode_ms"]) {
    if (cut.every((v) => finite(v.timings[stage]))) put(stage, cut.map((v) => v.timings[stage]));
  }
  line.first_visit_ms_runs = cut.map((v) => r1(v.first_visit_ms));
  line.load_avg = [r1(loadStart), r1(loadavg()[0])];
  line.cold = true; // every visit checked: no Cache Storage entries, no service worker, fresh context
  line.non_local_requests = cut[0].nonLocal == null ? null
    : cut.reduce((n, v) => n + v.nonLocal, 0) + sw.nonLocal.length - swFrom;
  if (opts.peer) {
    line.peer = PEER_NAME;
    line.peer_threads = Number(peer.at(-1).threads);
    put("first_visit_ms", peer.map((v) => v.first_visit_ms), "peer_");
    put("first_visit_pick_ms", peer.map((v) => v.first_visit_pick_ms), "peer_");
    put("session_ms", peer.map((v) => v.timings.session_ms), "peer_");
    put("total_ms", peer.map((v) => v.timings.total_ms), "peer_");
    if (peer.every((v) => finite(v.timings.inference_ms))) put("inference_ms", peer.map((v) => v.timings.inference_ms), "peer_");
    line.peer_first_visit_ms_runs = peer.map((v) => r1(v.first_visit_ms));
    line.peer_non_local_requests = peer[0].nonLocal == null ? null : peer.reduce((n, v) => n + v.nonLocal, 0);
    line.first_visit_ratio = r3(line.first_visit_ms / line.peer_first_visit_ms);
    stats.first_visit_ratio_paired = spread(paired(cut.map((v) => v.first_visit_ms), peer.map((v) => v.first_visit_ms)), r3);
    line.first_visit_ratio_paired_median = stats.first_visit_ratio_paired?.median ?? null;
    line.first_visit_target = TARGETS.firstVisit;
    line.first_visit_ok = line.first_visit_ratio <= TARGETS.firstVisit;
  }
  line.stats = stats;
  const errors = [...cut, ...peer].flatMap((v) => v.errors);
  if (errors.length) log(`page errors: ${errors.join(" | ")}`);
  return line;
}

// ---------------------------------------------------------------------------------------------------- --throughput

/**
 * One throughput round of one contender: a fresh page, one warm-up photo (model loaded, session created, first
 * photo of that size done), then all N photos chosen in one multi-select. Cutout queues them and works through its
 * queue; the peer's page calls removeBackground on them one after another. Time: the file input's change event to
 * the last photo's result (Cutout: every queue item done, its PNG written; peer: the last call returned).
 */
async function throughputRound({ context, url, origin, label, opts, queue }) {
  const timeoutMs = opts.timeoutS * 1000;
  const page = await AppPage.open(context, url, origin, label, timeoutMs);
  try {
    const warm = await page.run(opts.warmupImage);
    await page.settle(opts.settleMs);
    const { result: r, cpu } = await threadCpu(opts.browserGroup, () => page.run(opts.images, { queue }));
    await page.settle(opts.settleMs);
    return { ms: r.endAt - r.changeAt, shownMs: r.shownAt - r.changeAt, threads: r.threads, backend: r.backend,
      model: r.model, warm, nonLocal: page.nonLocalCount, errors: page.pageErrors, cpu };
  } finally {
    await page.close();
  }
}

async function throughput({ env, context, origin, opts, config, sw }) {
  const q = `backend=${config.backend}&model=${config.model}&threads=${config.threads}`;
  const n = opts.images.length;
  const loadStart = loadavg()[0];
  const swFrom = sw.nonLocal.length;
  const cut = [];
  const peer = [];
  const ppm = (ms) => (finite(ms) && ms > 0 ? (n * 60000) / ms : null);
  for (let i = 0; i < opts.runs; i++) {
    cut.push(await throughputRound({ context, url: `${origin}/?${q}`, origin, label: "cutout", opts, queue: true }));
    if (opts.peer) {
      peer.push(await throughputRound({ context, url: `${origin}/peer/?${q}`, origin, label: "peer", opts, queue: false }));
    }
    log(`throughput ${i + 1}/${opts.runs}: cutout ${n} photos in ${Math.round(cut.at(-1).ms)} ms `
      + `(${ppm(cut.at(-1).ms).toFixed(2)}/min)`
      + (opts.peer ? `, peer ${Math.round(peer.at(-1).ms)} ms (${ppm(peer.at(-1).ms).toFixed(2)}/min)` : ""));
  }
  const actual = checkActual(config, cut.at(-1));
  const size = imageSize(opts.images[0]) ?? {};
  const line = head(env, config, {
    mode: "throughput", image: `${basename(opts.images[0])} … ${basename(opts.images.at(-1))}`, photos: n,
    width: size.width ?? null, height: size.height ?? null, warmup_image: basename(opts.warmupImage),
  });
  Object.assign(line, { backend: actual.backend, model: actual.model, threads: actual.threads, runs: opts.runs });
  const stats = {};
  line.throughput_ms = r1(median(cut.map((v) => v.ms)));
  stats.throughput_ms = spread(cut.map((v) => v.ms));
  line.throughput_shown_ms = r1(median(cut.map((v) => v.shownMs)));
  line.photos_per_min = r3(ppm(median(cut.map((v) => v.ms))));
  stats.photos_per_min = spread(cut.map((v) => ppm(v.ms)), r3);
  line.throughput_ms_runs = cut.map((v) => r1(v.ms));
  line.load_avg = [r1(loadStart), r1(loadavg()[0])];
  line.non_local_requests = cut[0].nonLocal == null ? null
    : cut.reduce((k, v) => k + v.nonLocal, 0) + sw.nonLocal.length - swFrom;
  line.cpu_s = cpuMedians(cut);
  if (opts.peer) {
    line.peer = PEER_NAME;
    line.peer_cpu_s = cpuMedians(peer);
    line.peer_threads = Number(peer.at(-1).threads);
    line.peer_throughput_ms = r1(median(peer.map((v) => v.ms)));
    stats.peer_throughput_ms = spread(peer.map((v) => v.ms));
    line.peer_photos_per_min = r3(ppm(median(peer.map((v) => v.ms))));
    stats.peer_photos_per_min = spread(peer.map((v) => ppm(v.ms)), r3);
    line.peer_throughput_ms_runs = peer.map((v) => r1(v.ms));
    line.peer_non_local_requests = peer[0].nonLocal == null ? null : peer.reduce((k, v) => k + v.nonLocal, 0);
    line.throughput_ratio = r3(line.photos_per_min / line.peer_photos_per_min);
    stats.throughput_ratio_paired = spread(paired(peer.map((v) => v.ms), cut.map((v) => v.ms)), r3);
    line.throughput_ratio_paired_median = stats.throughput_ratio_paired?.median ?? null;
    line.throughput_target = TARGETS.throughput;
    line.throughput_ok = line.throughput_ratio >= TARGETS.throughput;
  }
  line.stats = stats;
  const errors = [...cut, ...peer].flatMap((v) => v.errors);
  if (errors.length) log(`page errors: ${errors.join(" | ")}`);
  return line;
}

/** Per kind of thread, the median over rounds of the CPU seconds `threadCpu` counted; null where it could not. */
function cpuMedians(rounds) {
  if (rounds.some((v) => !v.cpu)) return null;
  const kinds = Object.keys(rounds[0].cpu);
  return Object.fromEntries(kinds.map((kind) => [kind, r1(median(rounds.map((v) => v.cpu[kind])))]));
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
async function qualityImage({ env, context, origin, opts, config, image, outName, sw }) {
  const on = await benchImage({
    env, context, origin, opts, config, image, native: null, outName, sw, refine: REFINE_ON, withPeer: true,
  });
  const off = await benchImage({
    env, context, origin, opts, config, image, native: null, outName: `${outName}.raw`, sw, refine: REFINE_OFF,
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
    // "Check this one": the page's score of the refined result, whether it flagged it, and the raw result's score.
    confidence: l.confidence, check: l.check, raw_confidence: r.confidence,
  };
  Object.assign(line, { cpu: l.cpu, cores: l.cores, browser: l.browser, browser_version: l.browser_version });
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
  if (opts.strokes) {
    Object.assign(line, await strokesImage({ context, origin, opts, config, image, outName, before: s.refined }));
  }
  return line;
}


// ---------------------------------------------------------------------------------------------------- --strokes

// In-page functions for the scripted user (self-contained, as above).

// editorOpen (above, with --preset's functions) tells when the editor shows a photo.

/**
 * Chooses the stroke's tool (Keep or Remove) and brush size (2 × radius, the slider's range), brings the viewport into
 * view and returns the stroke's points in the page's CSS pixels, through the stage's zoom and pan.
 */
const prepareStroke = ({ kind, radius, points }) => {
  document.getElementById(kind === "keep" ? "tool-keep" : "tool-remove").click();
  const size = document.getElementById("brush-size");
  size.value = String(Math.max(2, Math.min(400, Math.round(radius * 2))));
  size.dispatchEvent(new Event("input", { bubbles: true }));
  const viewport = document.getElementById("viewport");
  viewport.scrollIntoView({ block: "center" });
  viewport.removeAttribute("data-stroke-preview-ms");
  viewport.removeAttribute("data-stroke-preview-parts");
  const v = viewport.getBoundingClientRect();
  const m = new DOMMatrix(getComputedStyle(document.getElementById("stage")).transform);
  const out = [];
  for (let i = 0; i + 1 < points.length; i += 2) {
    out.push([v.left + m.e + points[i] * m.a, v.top + m.f + points[i + 1] * m.d]);
  }
  return { points: out, size: Number(size.value) };
};

/** Both strokes workers hold the open photo (a person chooses the tool seconds before drawing; the harness waits). */
const strokesReady = async ({ slice }) => {
  const end = performance.now() + slice;
  for (;;) {
    const id = document.getElementById("result").getAttribute("data-item");
    if (id && document.getElementById("viewport").getAttribute("data-strokes-open") === id) return true;
    if (performance.now() > end) return null;
    await new Promise((r) => setTimeout(r, 50));
  }
};

/** The n-th stroke's full-resolution alpha is in: the page's own figures for it; or the page's error. */
const strokeSolved = async ({ slice, n }) => {
  const end = performance.now() + slice;
  const v = document.getElementById("viewport");
  const num = (k) => (v.hasAttribute(k) ? Number(v.getAttribute(k)) : null);
  for (;;) {
    const state = v.getAttribute("data-stroke-state");
    if (state === "error") return { ok: false, message: document.getElementById("message")?.textContent ?? "" };
    if (num("data-strokes") >= n && state === "done" && v.hasAttribute("data-stroke-preview-ms")) {
      return {
        ok: true, preview_ms: num("data-stroke-preview-ms"), full_ms: num("data-stroke-full-ms"),
        preview_solve_ms: num("data-stroke-preview-solve-ms"), full_solve_ms: num("data-stroke-full-solve-ms"),
        preview_parts: v.hasAttribute("data-stroke-preview-parts")
          ? JSON.parse(v.getAttribute("data-stroke-preview-parts")) : null,
      };
    }
    if (performance.now() > end) return null;
    await new Promise((r) => setTimeout(r, 20));
  }
};

/** Presses Download with PNG chosen; the export worker makes the file from the editor's alpha. */
const startPngExport = () => {
  const format = document.getElementById("export-format");
  format.value = "png";
  format.dispatchEvent(new Event("change", { bubbles: true }));
  document.getElementById("download").setAttribute("data-state", "stale");
  document.getElementById("export-button").click();
  return true;
};

const exportEnded = async ({ slice }) => {
  const end = performance.now() + slice;
  const link = document.getElementById("download");
  for (;;) {
    const state = link.getAttribute("data-state");
    if (state === "done" || state === "error") {
      return { state, href: link.getAttribute("href"), message: document.getElementById("message")?.textContent ?? "" };
    }
    if (performance.now() > end) return null;
    await new Promise((r) => setTimeout(r, 20));
  }
};

/** The next stroke of the scripted user, from the Java stroke rule (app.cutout.cli.StrokeRule in target/cutout.jar). */
function strokeRule(alphaFile, truthFile) {
  const jar = join(repo, "target", "cutout.jar");
  const r = spawnSync("java", ["-cp", jar, "app.cutout.cli.StrokeRule", alphaFile, truthFile],
    { encoding: "utf8", timeout: 600000 });
  if (r.status !== 0) {
    throw new BenchError(`the stroke rule failed on ${basename(alphaFile)} (${r.status ?? r.signal}): `
      + `${(r.stderr || r.error || "").toString().trim()}`);
  }
  const lines = r.stdout.trim().split("\n");
  return JSON.parse(lines[lines.length - 1]);
}

/** Nearest-rank percentile. */
const percentile = (xs, p) => {
  const s = xs.filter(finite).sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] : null;
};

/**
 * The scripted user: a fresh Cutout page (refinement on) processes the photo; then up to opts.strokes times the stroke
 * rule looks at the exported alpha and the truth and names one Keep or Remove stroke, which is drawn with the mouse in
 * the editor; once the page has the full-resolution alpha it is exported, written as NAME.strokes-K.mask.png and
 * scored. `before` is the score of the result without strokes (NAME.mask.png).
 */
async function strokesImage({ context, origin, opts, config, image, outName, before }) {
  const name = basename(image);
  const truth = matteOf(image);
  const timeoutMs = opts.timeoutS * 1000;
  const q = `backend=${config.backend}&model=${config.model}&threads=${config.threads}&refine=${REFINE_ON}`;
  const page = await AppPage.open(context, `${origin}/?${q}`, origin, "cutout", timeoutMs);
  try {
    log(`${name}: scripted user, up to ${opts.strokes} strokes`);
    await page.run(image);
    await page.poll(editorOpen, {}, 60000, "waiting for the editor to show the photo");
    let alphaFile = join(opts.out, `${outName}.mask.png`);
    const strokes = [];
    let nos95 = before.iou >= 0.95 ? 0 : null;
    for (let k = 1; k <= opts.strokes; k++) {
      const rule = strokeRule(alphaFile, truth);
      if (rule.kind == null) {
        log(`${name}: stroke ${k}: the stroke rule finds no region left to fix`);
        break;
      }
      const drawn = await withTimeout(page.page.evaluate(prepareStroke, rule), 60000, "choosing the stroke's tool");
      await page.poll(strokesReady, {}, timeoutMs, "waiting for the strokes workers to decode the photo");
      await withTimeout(page.page.mouseStroke(drawn.points), 120000, `drawing stroke ${k}`);
      const solved = await page.poll(strokeSolved, { n: k }, timeoutMs, `waiting for stroke ${k}'s full-resolution alpha`);
      if (!solved.ok) throw new BenchError(`${name}: stroke ${k} failed: ${solved.message.trim()}`);
      await withTimeout(page.page.evaluate(startPngExport), 60000, "starting the export");
      const exported = await page.poll(exportEnded, {}, timeoutMs, `exporting after stroke ${k}`);
      if (exported.state !== "done") throw new BenchError(`${name}: the export failed: ${exported.message.trim()}`);
      const result = await page.result(exported.href);
      const file = join(opts.out, `${outName}.strokes-${k}.mask.png`);
      writeFileSync(file, grayPng(result.width, result.height, result.alpha));
      const score = scoreMattes(truth, { strokes: file }).strokes;
      const entry = {
        k, kind: rule.kind, radius: rule.radius, points: rule.points.length / 2, region_px: rule.region_px,
        iou: score.iou, sad: score.sad, grad: score.grad, preview_ms: solved.preview_ms, full_ms: solved.full_ms,
        preview_solve_ms: solved.preview_solve_ms, full_solve_ms: solved.full_solve_ms, preview_parts: solved.preview_parts,
      };
      strokes.push(entry);
      log(`${name}: stroke ${k} ${rule.kind} r=${rule.radius} (${entry.points} points, region ${rule.region_px} px): `
        + `IoU ${score.iou}, SAD ${score.sad}, grad ${score.grad}; preview ${solved.preview_ms} ms `
        + `(solve ${solved.preview_solve_ms}; parts ${JSON.stringify(solved.preview_parts)}), full resolution `
        + `${solved.full_ms} ms (solve ${solved.full_solve_ms})`);
      if (nos95 == null && score.iou >= 0.95) nos95 = k;
      alphaFile = file;
    }
    const errors = page.pageErrors;
    if (errors.length) log(`page errors: ${errors.join(" | ")}`);
    return {
      strokes,
      // Strokes needed to reach IoU >= 0.95 (0 if the result already did); N + 1 if never.
      nos95: nos95 ?? opts.strokes + 1,
      stroke_preview_ms_p95: percentile(strokes.map((s) => s.preview_ms), 95),
    };
  } finally {
    await page.close();
  }
}

const pct = (x) => (x == null ? "n/a" : `${x > 0 ? "+" : ""}${Math.round(x * 100)}%`);
const share = (x) => (x == null ? "n/a" : `${(x * 100).toFixed(1)}%`);

function qualitySummary(l) {
  const m = (k) => `${k} ${l.refined[k]} / ${l.raw[k]} / ${l.peer[k]}`;
  return `${l.image} ${l.width}×${l.height} (refined / raw / peer): ${m("sad")}, ${m("grad")}, ${m("mse")}, `
    + `${m("iou")} → ${l.quality_ok ? "target met" : `target missed (${l.quality_misses.join(", ")})`}`
    + `\n  edge band (${l.edge_px} px): ${m("sad_edge")}`
    + `\n  confidence score ${l.confidence}${l.check ? " (flagged: check this one)" : ""}, raw ${l.raw_confidence}`
    + `\n  pre ${l.pre_ms} + post ${l.post_ms} ms = ${share(l.pre_post_vs_inference)} of inference ${l.inference_ms} ms`
    + (l.pre_post_target != null ? ` (target < ${share(l.pre_post_target)}: ${l.pre_post_ok ? "met" : "missed"})` : "")
    + `; raw post ${l.raw_post_ms} ms; non-local requests: ${l.non_local_requests} (peer ${l.peer_non_local_requests})`
    + (l.strokes ? `\n  strokes: IoU ${[l.refined.iou, ...l.strokes.map((s) => s.iou)].join(" → ")}, nos95 ${l.nos95}, `
      + `preview ${l.strokes.map((s) => s.preview_ms).join(", ")} ms (p95 ${l.stroke_preview_ms_p95})` : "");
}

/** Spearman's rank correlation of two equally long arrays, ties at their average rank; null under 3 pairs. */
function spearman(a, b) {
  const ranks = (v) => {
    const order = v.map((x, i) => i).sort((i, j) => v[i] - v[j]);
    const r = new Array(v.length);
    for (let i = 0; i < order.length;) {
      let j = i;
      while (j + 1 < order.length && v[order[j + 1]] === v[order[i]]) j++;
      for (let k = i; k <= j; k++) r[order[k]] = (i + j) / 2 + 1;
      i = j + 1;
    }
    return r;
  };
  if (a.length < 3) return null;
  const ra = ranks(a);
  const rb = ranks(b);
  const mean = (v) => v.reduce((s, x) => s + x, 0) / v.length;
  const ma = mean(ra);
  const mb = mean(rb);
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < ra.length; i++) {
    sab += (ra[i] - ma) * (rb[i] - mb);
    saa += (ra[i] - ma) ** 2;
    sbb += (rb[i] - mb) ** 2;
  }
  return saa === 0 || sbb === 0 ? 0 : sab / Math.sqrt(saa * sbb);
}

/**
 * How well the page's confidence score ranks the refined results by their true error: Spearman's rho between score
 * and SAD over the set, and which images the page flagged.
 */
function confidenceRanking(lines) {
  const scored = lines.filter((l) => l.confidence != null && l.refined?.sad != null);
  const rho = spearman(scored.map((l) => l.confidence), scored.map((l) => l.refined.sad));
  const flagged = scored.filter((l) => l.check);
  const sads = (ls) => ls.map((l) => l.refined.sad);
  const range = (ls) => (ls.length ? `SAD ${Math.min(...sads(ls)).toFixed(2)}–${Math.max(...sads(ls)).toFixed(2)}` : "none");
  return `Confidence (the page's "Check this one" score) vs refined SAD over ${scored.length} images: `
    + `Spearman rho ${rho == null ? "n/a" : rho.toFixed(3)}${verdict(rho == null ? null : r3(rho), CONFIDENCE_RHO, ">=")}; `
    + `flagged ${flagged.length} (${range(flagged)}), not flagged ${scored.length - flagged.length} `
    + `(${range(scored.filter((l) => !l.check))})`;
}

/** A Markdown table of every image: metrics refined / raw / peer, changes, verdicts. */
function qualityTable(lines) {
  const f = (x, d) => (x == null ? "n/a" : x.toFixed(d));
  const rows = [
    `Quality (refined = ?refine=${REFINE_ON}, raw = ?refine=${REFINE_OFF}, peer = @imgly/background-removal 1.7.0); `
      + `target: SAD and gradient error at least ${Math.round(QUALITY_GAIN * 100)}% below raw and peer, IoU not lower`,
    "",
    "| image | size | SAD refined / raw / peer | vs raw, peer | grad refined / raw / peer | vs raw, peer "
      + "| MSE refined / raw / peer | IoU@128 refined / raw / peer | target | edge SAD refined / raw / peer "
      + "| confidence |",
    "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: |",
  ];
  for (const l of lines) {
    const trip = (k, d) => `${f(l.refined[k], d)} / ${f(l.raw[k], d)} / ${f(l.peer[k], d)}`;
    rows.push(`| ${l.image} | ${l.width}×${l.height} | ${trip("sad", 2)} | ${pct(l.sad_vs_raw)}, ${pct(l.sad_vs_peer)} `
      + `| ${trip("grad", 2)} | ${pct(l.grad_vs_raw)}, ${pct(l.grad_vs_peer)} | ${trip("mse", 5)} | ${trip("iou", 3)} `
      + `| ${l.quality_ok ? "met" : "missed"} | ${trip("sad_edge", 2)} `
      + `| ${f(l.confidence, 3)}${l.check ? " check" : ""} |`);
  }
  rows.push("", confidenceRanking(lines));
  const stroked = lines.filter((l) => l.strokes);
  if (stroked.length) {
    const all = stroked.flatMap((l) => l.strokes);
    const hard = stroked.filter((l) => l.nos95 > 0);
    rows.push("", "Scripted user (--strokes): one stroke at a time from app.cutout.cli.StrokeRule; IoU@128 / SAD / "
      + "gradient error after each, the preview latency the page measured (stroke end to the preview on screen)", "",
    "| image | IoU before | after each stroke (kind: IoU, SAD, grad, preview ms) | nos95 |", "| --- | ---: | --- | ---: |");
    for (const l of stroked) {
      const each = l.strokes.map((s) => `${s.kind}: ${f(s.iou, 3)}, ${f(s.sad, 1)}, ${f(s.grad, 1)}, ${s.preview_ms}`);
      rows.push(`| ${l.image} | ${f(l.refined.iou, 3)} | ${each.join("; ") || "none needed"} | ${l.nos95} |`);
    }
    rows.push("", `preview latency over all ${all.length} strokes: p95 ${percentile(all.map((s) => s.preview_ms), 95)} ms, `
      + `median ${median(all.map((s) => s.preview_ms))} ms; full resolution median ${median(all.map((s) => s.full_ms))} ms; `
      + `median nos95 over ${stroked.length} images: ${median(stroked.map((l) => l.nos95))}`
      + (hard.length < stroked.length ? ` (over the ${hard.length} that start below IoU 0.95: `
        + `${hard.length ? median(hard.map((l) => l.nos95)) : "none"})` : ""));
  }
  const timed = lines.filter((l) => l.pre_post_target != null);
  for (const l of timed) {
    rows.push("", `${l.image} ${l.width}×${l.height}: pre ${l.pre_ms} + post ${l.post_ms} ms = `
      + `${share(l.pre_post_vs_inference)} of inference ${l.inference_ms} ms (target < ${share(PRE_POST_SHARE)}: `
      + `${l.pre_post_ok ? "met" : "missed"}); with refinement off post is ${l.raw_post_ms} ms`);
  }
  return rows.join("\n");
}


// ---------------------------------------------------------------------------------------------------- summary

const fmtSpread = (s) => (s ? `${s.min}–${s.max}` : "n/a");
/** "≤ 0.75: met" / "≤ 0.75: missed"; op is "<=" or ">=". */
function verdict(value, target, op = "<=") {
  if (value == null || target == null) return "";
  const ok = op === "<=" ? value <= target : value >= target;
  return ` (target ${op === "<=" ? "≤" : "≥"} ${target}: ${ok ? "met" : "missed"})`;
}

function summary(l, tag) {
  const st = l.stats ?? {};
  const cls = l.size_class === "12mp" ? "12 MP targets" : l.size_class === "1mp" ? "≤ 2 MP: 1 MP target"
    : "no size target";
  const parts = [`${l.image} ${l.width}×${l.height} (${cls}) ${l.browser} ${l.backend}/${l.model}/${l.threads}t, `
    + `${l.runs} runs, median [min–max] ${tag}`,
  `  cutout total ${l.total_ms} [${fmtSpread(st.total_ms)}] ms: decode ${l.decode_ms}, pre ${l.pre_ms}, inference `
    + `${l.inference_ms} [${fmtSpread(st.inference_ms)}], post ${l.post_ms} [${fmtSpread(st.post_ms)}]`
    + `${verdict(l.post_ms, l.post_ms_target)}, confidence ${l.confidence_ms}, ready ${l.ready_ms} [${fmtSpread(st.ready_ms)}], encode ${l.encode_ms} ${tag}`];
  if (l.post_passes) {
    parts.push(`  post passes: ${Object.entries(l.post_passes).map(([p, ms]) => `${p} ${ms} [${fmtSpread(st.post_passes?.[p])}]`)
      .join(", ")} ${tag}`);
  }
  if (l.peer_total_ms != null) {
    parts.push(`  peer total ${l.peer_total_ms} [${fmtSpread(st.peer_total_ms)}] ms: decode ${l.peer_decode_ms}, pre `
      + `${l.peer_pre_ms}, inference ${l.peer_inference_ms} [${fmtSpread(st.peer_inference_ms)}], post ${l.peer_post_ms}, `
      + `encode ${l.peer_encode_ms} ${tag}`);
    parts.push(`  ratio ${l.ratio}${verdict(l.ratio, l.ratio_target)}; per round ${st.ratio_paired?.median} `
      + `[${fmtSpread(st.ratio_paired)}] ${tag}`);
    if (l.ratio_ready != null) {
      parts.push(`  ratio_ready ${l.ratio_ready}${verdict(l.ratio_ready, l.ratio_ready_target)}; per round `
        + `${st.ratio_ready_paired?.median} [${fmtSpread(st.ratio_ready_paired)}] (cutout on the page after `
        + `${l.ready_ms} ms, PNG written after it) ${tag}`);
    }
    if (l.ratio_screen != null) {
      parts.push(`  ratio_screen ${l.ratio_screen}; per round ${st.ratio_screen_paired?.median} `
        + `[${fmtSpread(st.ratio_screen_paired)}] (the editor showing the cutout, ${l.screen_ms} ms after the photo `
        + `was chosen) ${tag}`);
    }
  }
  if (l.native_inference_ms != null) {
    parts.push(`  native inference ${l.native_inference_ms} [${fmtSpread(st.native_inference_ms)}] ms → `
      + `inference_vs_native ${l.inference_vs_native}${verdict(l.inference_vs_native, TARGETS.inferenceVsNative)} ${tag}`);
  }
  parts.push(`  non-local requests: ${l.non_local_requests ?? "not observable in this browser"}`
    + `${l.peer_non_local_requests !== undefined ? ` (peer ${l.peer_non_local_requests ?? "n/a"})` : ""}; `
    + `load average ${l.load_avg.join(" → ")} on ${l.cores} cores`);
  return parts.join("\n");
}

function firstVisitSummary(l, tag) {
  const st = l.stats ?? {};
  const parts = [`first visit (cold: fresh context, empty cache, no service worker), ${l.image}, ${l.browser} `
    + `${l.backend}/${l.model}/${l.threads}t, ${l.runs} runs, median [min–max] ${tag}`,
  `  cutout: first cutout on the page ${l.first_visit_ms} [${fmtSpread(st.first_visit_ms)}] ms after navigation `
    + `(photo chosen at ${l.first_visit_pick_ms}, model fetch ${l.model_fetch_ms}, session ${l.session_ms}, inference ${l.inference_ms}, engine warm-up ${l.warmup_runs} runs in ${l.warmup_ms} ms, PNG done `
    + `${l.first_visit_done_ms}) ${tag}`];
  if (l.peer_first_visit_ms != null) {
    parts.push(`  peer: result ${l.peer_first_visit_ms} [${fmtSpread(st.peer_first_visit_ms)}] ms after navigation `
      + `(photo chosen at ${l.peer_first_visit_pick_ms}, preload ${l.peer_session_ms}) ${tag}`);
    parts.push(`  first_visit_ratio ${l.first_visit_ratio}${verdict(l.first_visit_ratio, TARGETS.firstVisit)}; per round `
      + `${st.first_visit_ratio_paired?.median} [${fmtSpread(st.first_visit_ratio_paired)}] ${tag}`);
  }
  parts.push(`  non-local requests: ${l.non_local_requests ?? "not observable in this browser"}`
    + `${l.peer_non_local_requests !== undefined ? ` (peer ${l.peer_non_local_requests ?? "n/a"})` : ""}; `
    + `load average ${l.load_avg.join(" → ")} on ${l.cores} cores`);
  return parts.join("\n");
}

function throughputSummary(l, tag) {
  const st = l.stats ?? {};
  const parts = [`throughput: ${l.photos} photos ${l.width}×${l.height} in one multi-select, ${l.browser} `
    + `${l.backend}/${l.model}/${l.threads}t, ${l.runs} runs, median [min–max] ${tag}`,
  `  cutout ${l.photos_per_min} [${fmtSpread(st.photos_per_min)}] photos/min: all done in ${l.throughput_ms} `
    + `[${fmtSpread(st.throughput_ms)}] ms, last one shown at ${l.throughput_shown_ms} ms ${tag}`];
  if (l.peer_photos_per_min != null) {
    parts.push(`  peer ${l.peer_photos_per_min} [${fmtSpread(st.peer_photos_per_min)}] photos/min: ${l.peer_throughput_ms} `
      + `[${fmtSpread(st.peer_throughput_ms)}] ms ${tag}`);
    parts.push(`  throughput_ratio ${l.throughput_ratio}${verdict(l.throughput_ratio, TARGETS.throughput, ">=")}; per `
      + `round ${st.throughput_ratio_paired?.median} [${fmtSpread(st.throughput_ratio_paired)}] ${tag}`);
  }
  const cpu = (c) => Object.entries(c).map(([kind, sec]) => `${kind} ${sec}`).join(", ");
  if (l.cpu_s) {
    parts.push(`  browser CPU seconds by thread: cutout ${cpu(l.cpu_s)}`
      + `${l.peer_cpu_s ? `; peer ${cpu(l.peer_cpu_s)}` : ""} ${tag}`);
  }
  parts.push(`  non-local requests: ${l.non_local_requests ?? "not observable in this browser"}`
    + `${l.peer_non_local_requests !== undefined ? ` (peer ${l.peer_non_local_requests ?? "n/a"})` : ""}; `
    + `load average ${l.load_avg.join(" → ")} on ${l.cores} cores`);
  return parts.join("\n");
}

/** The targets, once at the end, so a reader sees what every figure is held against. */
const TARGET_TEXT = `targets: 12 MP ratio ≤ ${TARGETS.ratio12} and ratio_ready ≤ ${TARGETS.ratioReady12}; 1 MP ratio ≤ `
  + `${TARGETS.ratio1}; post_ms ≤ ${TARGETS.post12} at 12 MP; first_visit_ms ≤ ${TARGETS.firstVisit}× the peer's; `
  + `throughput ≥ ${TARGETS.throughput}× the peer's; inference ≤ ${TARGETS.inferenceVsNative}× native`;

// ---------------------------------------------------------------------------------------------------- main

function browserExecutable(opts) {
  return { chromium: opts.chromium, firefox: opts.firefox, webkit: opts.webkitDriver }[opts.browser];
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const machine = machineInfo();
  const site = join(repo, "target", "site");
  // Assembled per invocation (links, cheap), so that concurrent runs never share it; removed on exit by run.sh.
  const benchSite = process.env.BENCH_TMP ? join(process.env.BENCH_TMP, "site") : join(repo, "target", "bench-site");
  await assemble({ site, out: benchSite, peer: opts.peer });
  const server = await startServer(benchSite);
  log(`serving ${benchSite} at ${server.origin}`);
  const browser = await launch(opts.browser, {
    executable: browserExecutable(opts), track, tmp: process.env.BENCH_TMP,
  });
  const env = { machine, browser };
  opts.browserGroup = browser.pid ?? null;
  const tag = `[${machine.cpu}, ${machine.cores} cores, ${browser.name} ${browser.version}]`;
  log(`machine: ${machine.cpu}, ${machine.cores} cores; browser: ${browser.name} ${browser.version}; `
    + `load average ${loadavg()[0].toFixed(1)}`);
  if (opts.browser === "webkit") log("WebKitGTK has no SharedArrayBuffer: Cutout and the peer run one thread there");
  const context = await browser.defaultContext();
  const sw = { nonLocal: [], all: [] };
  browser.onServiceWorkerRequest((url) => {
    sw.all.push(url);
    if (!url.startsWith("blob:") && !url.startsWith("data:") && !url.startsWith(`${server.origin}/`)) sw.nonLocal.push(url);
  });
  let failures = 0;
  const qualityLines = [];
  // --quality scores masks from files: without --out they go to run.sh's temporary directory.
  if (opts.quality && !opts.out) {
    opts.out = join(process.env.BENCH_TMP ?? mkdtempSync(join(tmpdir(), "cutout-q-")), "quality");
  }
  const emit = (line, text) => {
    process.stdout.write(`${JSON.stringify(line)}\n`);
    log(text);
  };
  try {
    const configs = [];
    for (const backend of opts.backends) {
      for (const model of opts.models) {
        for (const threads of opts.threads) configs.push({ backend, model, threads });
      }
    }
    for (const config of configs) {
      const cfg = `${config.backend}/${config.model}/${config.threads}t`;
      let native = null;
      try {
        if (opts.throughput) {
          try {
            const line = await throughput({ env, context, origin: server.origin, opts, config, sw });
            emit(line, throughputSummary(line, tag));
          } catch (e) {
            failures++;
            log(`FAILED throughput [${cfg}]: ${e.message}`);
            if (!expected(e)) throw e;
          }
          continue;
        }
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
              const line = await qualityImage({ env, context, origin: server.origin, opts, config, image, outName, sw });
              qualityLines.push(line);
              emit(line, qualitySummary(line));
              continue;
            }
            if (opts.preset) {
              const line = await presetImage({ env, context, origin: server.origin, opts, config, image, outName, sw });
              emit(line, presetSummary(line));
              if (line.marketplace_ok === false) failures++;
              continue;
            }
            if (opts.variants.length) {
              const lines = await variantsImage({ env, context, origin: server.origin, opts, config, image, sw });
              for (const line of lines) emit(line, variantSummary(line, tag));
              continue;
            }
            if (opts.firstVisit) {
              const line = await firstVisitImage({ env, browser, origin: server.origin, opts, config, image, sw });
              emit(line, firstVisitSummary(line, tag));
              continue;
            }
            const { line } = await benchImage({
              env, context, origin: server.origin, opts, config, image, native, outName, sw,
            });
            emit(line, summary(line, tag));
          } catch (e) {
            failures++;
            log(`FAILED ${basename(image)} [${cfg}]: ${e.message}`);
            if (!expected(e)) throw e;
          }
        }
      } finally {
        if (native) native.stop();
      }
    }
  } finally {
    await browser.close();
    killAll();
  }
  if (qualityLines.length) log(qualityTable(qualityLines));
  else if (!opts.preset) log(TARGET_TEXT);
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
  log(`error: ${expected(e) ? e.message : e.stack ?? e}`);
  if (e instanceof DriverError && /not found|not installed|no \$DISPLAY/.test(e.message)) {
    log(`install what is missing: ${Object.values(INSTALL_HINT).join("; ")}`);
  }
  killAll();
  process.exit(1);
});
