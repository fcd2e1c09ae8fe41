// Starts the page's Java code (teavm/ui.wasm). All logic lives in Java; this only loads it.
import { loadWasm, serverProblem } from "./load-wasm.js";

// What a server's Content-Security-Policy blocks while the page starts: a policy stricter than Cutout's own is told
// apart from a browser that cannot run Cutout.
const blocked = [];
document.addEventListener("securitypolicyviolation", (e) => blocked.push(e.blockedURI));

// A start that hangs (a stalled connection, a server that stops answering) would leave "Starting Cutout…" on screen
// for good: after SLOW_START_MS the page says so in its note, and goes on waiting; the note goes once the code runs.
const SLOW_START_MS = 20000;
const note = document.getElementById("note");
let slowNote = null;
const slowStart = setTimeout(() => {
  const text = self.cutoutBootText && self.cutoutBootText("boot.slow");
  if (text) {
    slowNote = text.replace("{0}", String(SLOW_START_MS / 1000));
    note.textContent = slowNote;
    note.dataset.kind = "slow-start";
    note.hidden = false;
  }
}, SLOW_START_MS);

try {
  // From a file, where a browser may run this module but fetches nothing and starts no worker, boot.js has said why.
  if (location.protocol !== "file:") {
    const teavm = await loadWasm(new URL("teavm/ui.wasm", import.meta.url).href);
    teavm.exports.main([]);
  }
} catch (e) {
  // The page's words live in Java (Texts), which could not start: the build wrote the ones needed here.
  const detail = e && e.message ? e.message : String(e);
  let text = detail;
  try {
    // A server that cannot run Cutout is told apart from a browser that cannot: the fixes are not the same people's.
    const problem = blocked.some((uri) => /^(wasm-)?eval$/.test(uri)) ? { csp: true } : await serverProblem();
    const t = self.cutoutBootText;
    text = problem === null ? t("boot.failed").replace("{0}", detail)
      : problem.csp ? t("boot.csp")
      : problem.status ? t("boot.missing").replace("{0}", problem.file).replace("{1}", problem.status)
      : problem.notFile ? t("boot.notfile").replace("{0}", problem.file).replace("{1}", problem.type)
        : t("boot.type").replace("{0}", problem.file).replace("{1}", problem.type);
  } catch (ignored) {
    // boot-texts.js did not load, or the server could not be asked: the browser's own detail is all there is.
  }
  self.cutoutBootFailed(text);
} finally {
  clearTimeout(slowStart);
  if (slowNote !== null && note.textContent === slowNote) {
    note.hidden = true;
    note.textContent = "";
    delete note.dataset.kind;
  }
}
