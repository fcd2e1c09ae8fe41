// One abstraction over the three browsers bench/src/run.mjs drives, so that all measuring code is shared:
//
//   chromium  Debian's /usr/bin/chromium, headless, over CDP with playwright-core (as before; no browser download)
//   firefox   Debian's firefox-esr, headless, over WebDriver BiDi with puppeteer-core (browser: 'firefox';
//             PUPPETEER_SKIP_DOWNLOAD is set and only executablePath is used, nothing is downloaded)
//   webkit    WebKitGTK's MiniBrowser through Debian's WebKitWebDriver (W3C WebDriver over HTTP, plain fetch), on an
//             Xvfb display this module starts itself when $DISPLAY is unset
//
// Browser:  name, version, defaultContext(), newContext() (fresh storage: no cache, no service worker), close(),
//           onServiceWorkerRequest(cb) (Chromium only; elsewhere never called)
// Context:  newPage(), close()
// Page:     goto(url) → HTTP status or null, evaluate(fn, arg), setFiles(selector, paths), bringToFront(),
//           mouseStroke(points) (button down at the first page point, moves through the rest, up; real input events,
//           so the page sees pointer events; not on WebKit),
//           onRequest(cb(url)), onPageError(cb(text)), crashed, close(); requestsObserved says whether onRequest
//           sees anything at all (not on WebKit)
//
// evaluate(fn, arg) sends fn's source text: fn must be self-contained (no closures), take at most one JSON argument
// and return JSON (or a promise of it). Calls should be short (seconds): long waits are done by the caller in
// slices, so no driver's own command timeout is ever hit.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const BROWSERS = ["chromium", "firefox", "webkit"];

export class DriverError extends Error {}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Rejects with a DriverError naming `what` when `promise` takes longer than `ms`. */
export function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new DriverError(`timed out after ${Math.round(ms / 1000)} s: ${what}`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

export function freePort() {
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

/** What to install when a browser is missing (Debian package names). */
export const INSTALL_HINT = {
  chromium: "apt-get install -y chromium",
  firefox: "apt-get install -y firefox-esr",
  webkit: "apt-get install -y webkit2gtk-driver xvfb",
};

/**
 * @param kind     chromium | firefox | webkit
 * @param o.executable  browser (chromium, firefox) or WebKitWebDriver (webkit)
 * @param o.track  (name, ChildProcess, group) → registers a process for cleanup
 * @param o.tmp    directory for profiles
 */
export async function launch(kind, o) {
  if (kind === "chromium") return ChromiumBrowser.launch(o);
  if (kind === "firefox") return FirefoxBrowser.launch(o);
  if (kind === "webkit") return WebKitBrowser.launch(o);
  throw new DriverError(`unknown browser ${kind}`);
}

// ------------------------------------------------------------------------------------------------ Chromium (CDP)

class ChromiumBrowser {
  static async launch({ executable, track, tmp }) {
    if (!existsSync(executable)) {
      throw new DriverError(`Chromium not found at ${executable} (--chromium PATH or CHROMIUM=; Debian: ${INSTALL_HINT.chromium})`);
    }
    const { chromium } = await import("playwright-core");
    const profile = mkdtempSync(join(tmp ?? tmpdir(), "cutout-bench-profile-"));
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
      proc.on("exit", (code) => rej(new DriverError(`Chromium exited (${code}) before it listened: ${err.slice(-2000)}`)));
    }), 60000, "Chromium start");
    const browser = await withTimeout(chromium.connectOverCDP(ws), 30000, "connecting to Chromium");
    const b = new ChromiumBrowser(browser, profile);
    b.version = browser.version();
    b.pid = proc.pid; // the leader of its own process group (detached): run.mjs counts its threads' CPU
    return b;
  }

  constructor(browser, profile) {
    this.name = "chromium";
    this.browser = browser;
    this.profile = profile;
    this.swListeners = [];
    this.default = null;
  }

  onServiceWorkerRequest(cb) {
    this.swListeners.push(cb);
  }

  wrap(context) {
    context.on("request", (req) => {
      if (req.serviceWorker()) for (const cb of this.swListeners) cb(req.url());
    });
    return new ChromiumContext(context);
  }

  async defaultContext() {
    if (!this.default) this.default = this.wrap(this.browser.contexts()[0] ?? await this.browser.newContext());
    return this.default;
  }

  async newContext() {
    return this.wrap(await this.browser.newContext(process.env.BENCH_SW_BLOCK ? { serviceWorkers: "block" } : {}));
  }

  async close() {
    await withTimeout(this.browser.close(), 10000, "closing Chromium").catch(() => {});
    // Chromium's helper processes may still be writing into the profile for a moment after close() (seen under
    // load: ENOTEMPTY): retry rather than fail a finished run.
    rmSync(this.profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
  }
}

class ChromiumContext {
  constructor(context) {
    this.context = context;
  }

  async newPage() {
    const page = await this.context.newPage();
    page.setDefaultTimeout(120000);
    return new PlaywrightPage(page);
  }

  async close() {
    await this.context.close().catch(() => {});
  }
}

class PlaywrightPage {
  constructor(page) {
    this.page = page;
    this.crashed = false;
    this.requestsObserved = true;
    page.on("crash", () => { this.crashed = true; });
  }

  onRequest(cb) { this.page.on("request", (req) => cb(req.url())); }

  onPageError(cb) { this.page.on("pageerror", (e) => cb(String(e))); }

  async goto(url) {
    const response = await this.page.goto(url, { waitUntil: "load", timeout: 0 });
    return response ? response.status() : null;
  }

  evaluate(fn, arg) { return this.page.evaluate(fn, arg); }

  /**
   * Chromium reads the files from disk itself (DOM.setFileInputFiles with paths), as for a person's choice. Playwright's
   * setInputFiles would, for a browser it did not launch, read them in Node and rebuild them in the page from base64:
   * about a second per 2 MB photo on the 2-core machine, before the change event.
   */
  async setFiles(selector, paths) {
    if (!this.cdp) this.cdp = await this.page.context().newCDPSession(this.page);
    const { root } = await this.cdp.send("DOM.getDocument", { depth: 0 });
    const { nodeId } = await this.cdp.send("DOM.querySelector", { nodeId: root.nodeId, selector });
    if (!nodeId) throw new DriverError(`no ${selector} on the page`);
    await this.cdp.send("DOM.setFileInputFiles", { nodeId, files: paths });
  }

  bringToFront() { return this.page.bringToFront(); }

  /** [[x, y], …] in CSS pixels of the page: press at the first, move through the others (5 steps each), release. */
  async mouseStroke(points) {
    const { mouse } = this.page;
    await mouse.move(points[0][0], points[0][1]);
    await mouse.down();
    for (const [x, y] of points.slice(1)) await mouse.move(x, y, { steps: 5 });
    await mouse.up();
  }

  async close() { await this.page.close().catch(() => {}); }
}

// ----------------------------------------------------------------------------------- Firefox (WebDriver BiDi)

class FirefoxBrowser {
  static async launch({ executable, track }) {
    if (!existsSync(executable)) {
      throw new DriverError(`Firefox not found at ${executable} (--firefox PATH or FIREFOX=; Debian: ${INSTALL_HINT.firefox})`);
    }
    process.env.PUPPETEER_SKIP_DOWNLOAD = "1"; // puppeteer-core never downloads; belt and braces
    let puppeteer;
    try {
      puppeteer = (await import("puppeteer-core")).default;
    } catch (e) {
      throw new DriverError(`puppeteer-core is not installed in bench/node_modules (bench/run.sh installs it): ${e.message}`);
    }
    const browser = await withTimeout(puppeteer.launch({
      browser: "firefox",
      executablePath: executable,
      headless: true,
      protocolTimeout: 3600000, // run.mjs has its own limits
      // Pages in background tabs must run at full speed: the benchmark keeps Cutout's and the peer's page open.
      extraPrefsFirefox: {
        "dom.timeout.enable_budget_timer_throttling": false,
        "dom.min_background_timeout_value": 4,
        "dom.min_background_timeout_value_without_budget_throttling": 4,
        "dom.suspend_inactive.enabled": false,
        "browser.tabs.remote.separatePrivilegedContentProcess": false,
        "app.update.enabled": false,
        "browser.shell.checkDefaultBrowser": false,
        "network.proxy.type": 0,
      },
    }), 120000, "Firefox start");
    const proc = browser.process();
    // puppeteer starts Firefox detached (its own process group): the group goes, content processes included.
    if (proc) track("firefox", proc, true);
    const b = new FirefoxBrowser(browser);
    b.version = (await browser.version()).replace(/^firefox\//i, "");
    return b;
  }

  constructor(browser) {
    this.name = "firefox";
    this.browser = browser;
  }

  onServiceWorkerRequest() {}

  async defaultContext() {
    return new PuppeteerContext(this.browser.defaultBrowserContext(), false);
  }

  async newContext() {
    return new PuppeteerContext(await this.browser.createBrowserContext(), true);
  }

  async close() {
    await withTimeout(this.browser.close(), 15000, "closing Firefox").catch(() => {});
  }
}

class PuppeteerContext {
  constructor(context, closable) {
    this.context = context;
    this.closable = closable;
  }

  async newPage() {
    const page = await this.context.newPage();
    page.setDefaultTimeout(120000);
    return new PuppeteerPage(page);
  }

  async close() {
    if (this.closable) await this.context.close().catch(() => {});
  }
}

class PuppeteerPage {
  constructor(page) {
    this.page = page;
    this.crashed = false;
    this.requestsObserved = true;
    page.on("error", () => { this.crashed = true; });
  }

  onRequest(cb) { this.page.on("request", (req) => cb(req.url())); }

  onPageError(cb) { this.page.on("pageerror", (e) => cb(String(e))); }

  async goto(url) {
    const response = await this.page.goto(url, { waitUntil: "load", timeout: 0 });
    return response ? response.status() : null;
  }

  evaluate(fn, arg) { return this.page.evaluate(fn, arg); }

  async setFiles(selector, paths) {
    const input = await this.page.$(selector);
    if (!input) throw new DriverError(`no ${selector} on the page`);
    await input.uploadFile(...paths);
  }

  bringToFront() { return this.page.bringToFront(); }

  /** [[x, y], …] in CSS pixels of the page: press at the first, move through the others (5 steps each), release. */
  async mouseStroke(points) {
    const { mouse } = this.page;
    await mouse.move(points[0][0], points[0][1]);
    await mouse.down();
    for (const [x, y] of points.slice(1)) await mouse.move(x, y, { steps: 5 });
    await mouse.up();
  }

  async close() { await this.page.close().catch(() => {}); }
}

// ------------------------------------------------------------------------------------ WebKit (W3C WebDriver)

/** Where Debian's libwebkit2gtk-4.1 keeps MiniBrowser, the browser WebKitWebDriver starts. */
function miniBrowser() {
  if (process.env.WEBKIT_BROWSER) return process.env.WEBKIT_BROWSER;
  for (const dir of ["/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib", "/usr/libexec"]) {
    if (!existsSync(dir)) continue;
    for (const sub of readdirSync(dir).filter((d) => /^webkit2?gtk-/.test(d)).sort().reverse()) {
      const p = join(dir, sub, "MiniBrowser");
      if (existsSync(p)) return p;
    }
  }
  return null;
}

/** Starts an Xvfb on a free display (-displayfd); returns ":N". */
async function startXvfb(track) {
  if (!existsSync("/usr/bin/Xvfb")) throw new DriverError(`no $DISPLAY and no Xvfb (Debian: ${INSTALL_HINT.webkit})`);
  const proc = spawn("/usr/bin/Xvfb", ["-displayfd", "3", "-screen", "0", "1600x1200x24", "-nolisten", "tcp"],
    { stdio: ["ignore", "ignore", "pipe", "pipe"], detached: true });
  track("xvfb", proc, true);
  let err = "";
  proc.stderr.on("data", (d) => { err += d; });
  return withTimeout(new Promise((res, rej) => {
    let out = "";
    proc.stdio[3].on("data", (d) => {
      out += d;
      const m = /^(\d+)\n/.exec(out);
      if (m) res(`:${m[1]}`);
    });
    proc.on("exit", (code) => rej(new DriverError(`Xvfb exited (${code}): ${err.slice(-1000)}`)));
  }), 30000, "Xvfb start");
}

class WebKitBrowser {
  static async launch({ executable, track }) {
    if (!existsSync(executable)) {
      throw new DriverError(`WebKitWebDriver not found at ${executable} (--webkit-driver PATH; Debian: ${INSTALL_HINT.webkit})`);
    }
    const binary = miniBrowser();
    if (!binary) throw new DriverError(`WebKitGTK's MiniBrowser not found (WEBKIT_BROWSER=PATH; Debian: ${INSTALL_HINT.webkit})`);
    const env = { ...process.env };
    if (!env.DISPLAY && !env.WAYLAND_DISPLAY) env.DISPLAY = await startXvfb(track);
    const b = new WebKitBrowser(executable, binary, env, track);
    b.default = await b.session();
    b.version = b.default.capabilities.browserVersion;
    return b;
  }

  constructor(executable, binary, env, track) {
    this.name = "webkit";
    this.executable = executable;
    this.binary = binary;
    this.env = env;
    this.track = track;
    this.sessions = new Set();
  }

  onServiceWorkerRequest() {}

  /** WebKitWebDriver serves one session at a time: each context gets its own driver on a free port. */
  async startDriver() {
    const port = await freePort();
    const proc = spawn(this.executable, [`--port=${port}`, "--host=local"], { stdio: ["ignore", "pipe", "pipe"],
      env: this.env, detached: true });
    this.track("webkitwebdriver", proc, true);
    let out = "";
    proc.stdout.on("data", (d) => { out += d; });
    proc.stderr.on("data", (d) => { out += d; });
    let exited = null;
    proc.on("exit", (code) => { exited = code; });
    const base = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 30000;
    for (;;) {
      if (exited !== null) throw new DriverError(`WebKitWebDriver exited (${exited}): ${out.slice(-1000)}`);
      try {
        const r = await fetch(`${base}/status`);
        if (r.ok) return { base, proc };
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw new DriverError(`WebKitWebDriver did not answer on ${base}: ${out.slice(-1000)}`);
      await sleep(100);
    }
  }

  /** A WebDriver session is a new MiniBrowser process with an ephemeral data store: a fresh profile. */
  async session() {
    const { base, proc } = await this.startDriver();
    const stop = () => {
      for (const target of [-proc.pid, proc.pid]) {
        try {
          process.kill(target, "SIGKILL");
        } catch {
          // gone
        }
      }
    };
    let value;
    try {
      value = await withTimeout(wd(base, "POST", "/session", {
        capabilities: { alwaysMatch: { "webkitgtk:browserOptions": { binary: this.binary, args: ["--automation"] } } },
      }), 120000, "starting MiniBrowser through WebKitWebDriver");
    } catch (e) {
      stop();
      throw e;
    }
    const s = new WebKitSession(base, value.sessionId, value.capabilities);
    this.sessions.add(s);
    s.onClose = () => {
      this.sessions.delete(s);
      stop();
    };
    await s.cmd("POST", "/timeouts", { script: 3600000, pageLoad: 600000, implicit: 0 }); // run.mjs has its own limits
    s.first = await s.cmd("GET", "/window");
    return s;
  }

  async defaultContext() { return this.default; }

  async newContext() { return this.session(); }

  async close() {
    for (const s of [...this.sessions]) await s.close();
  }
}

async function wd(base, method, path, body) {
  const r = await fetch(base + path, {
    method, headers: { "content-type": "application/json; charset=utf-8" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await r.text();
  let j;
  try {
    j = JSON.parse(text);
  } catch {
    throw new DriverError(`WebDriver ${method} ${path}: ${r.status} ${text.slice(0, 500)}`);
  }
  if (!r.ok || (j.value && j.value.error)) {
    throw new DriverError(`WebDriver ${method} ${path}: ${j.value?.error}: ${j.value?.message}`);
  }
  return j.value;
}

/** One WebDriver session; its windows are the pages. Commands are serialised, and switch to their window first. */
class WebKitSession {
  constructor(base, id, capabilities) {
    this.base = base;
    this.id = id;
    this.capabilities = capabilities;
    this.current = null;
    this.chain = Promise.resolve();
    this.pages = 0;
  }

  cmd(method, path, body) {
    return wd(this.base, method, `/session/${this.id}${path}`, body);
  }

  /** Runs fn (which issues commands for window handle) after every earlier one, on that window. */
  serial(handle, fn) {
    const run = async () => {
      if (handle && this.current !== handle) {
        await this.cmd("POST", "/window", { handle });
        this.current = handle;
      }
      return fn();
    };
    const p = this.chain.then(run, run);
    this.chain = p.catch(() => {});
    return p;
  }

  async newPage() {
    // The session starts with one window: the first page uses it, later pages get a new window each.
    const handle = await this.serial(null, async () => {
      this.pages++;
      if (this.spare) {
        const h = this.spare;
        this.spare = null;
        return h;
      }
      if (this.pages === 1 && !this.firstUsed) {
        this.firstUsed = true;
        return this.first;
      }
      const w = await this.cmd("POST", "/window/new", { type: "window" });
      return w.handle;
    });
    return new WebDriverPage(this, handle);
  }

  async close() {
    if (this.closed) return;
    this.closed = true;
    await withTimeout(this.cmd("DELETE", ""), 30000, "closing a WebDriver session").catch(() => {});
    this.onClose?.();
  }
}

class WebDriverPage {
  constructor(session, handle) {
    this.session = session;
    this.handle = handle;
    this.crashed = false;
    this.requestsObserved = false; // plain WebDriver has no network events
  }

  onRequest() {}

  onPageError() {}

  cmd(method, path, body) {
    return this.session.serial(this.handle, () => this.session.cmd(method, path, body));
  }

  async goto(url) {
    await this.cmd("POST", "/url", { url });
    return null;
  }

  async evaluate(fn, arg) {
    const script = `const done = arguments[arguments.length - 1];
      Promise.resolve().then(() => (${fn.toString()})(arguments[0]))
        .then((v) => done({ ok: v === undefined ? null : v }), (e) => done({ err: String(e && e.stack || e) }));`;
    const r = await this.cmd("POST", "/execute/async", { script, args: [arg === undefined ? null : arg] });
    if (r && r.err !== undefined) throw new DriverError(`in the page: ${r.err}`);
    return r?.ok;
  }

  async setFiles(selector, paths) {
    const el = await this.cmd("POST", "/element", { using: "css selector", value: selector });
    const id = Object.values(el)[0];
    await this.cmd("POST", `/element/${id}/value`, { text: paths.join("\n") });
  }

  bringToFront() { return this.cmd("GET", "/window"); }

  async mouseStroke() {
    throw new DriverError("drawing strokes is not supported with WebKitGTK's driver here: use Chromium or Firefox");
  }

  async close() {
    if (this.session.closed) return;
    await this.session.serial(this.handle, async () => {
      this.session.pages--;
      if (this.session.spare) {
        await this.session.cmd("DELETE", "/window").catch(() => {});
        this.session.current = null;
      } else {
        // A session needs one window: keep this one, emptied, for the next page.
        await this.session.cmd("POST", "/url", { url: "about:blank" }).catch(() => {});
        this.session.spare = this.handle;
      }
    }).catch(() => {});
  }
}
