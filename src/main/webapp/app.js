// Starts the page's Java code (teavm/ui.wasm). All logic lives in Java; this only loads it.
import { loadWasm, serverProblem } from "./load-wasm.js";

// What a server's Content-Security-Policy blocks while the page starts: a policy stricter than Cutout's own is told
// apart from a browser that cannot run Cutout.
const blocked = [];
document.addEventListener("securitypolicyviolation", (e) => blocked.push(e.blockedURI));

try {
  const teavm = await loadWasm(new URL("teavm/ui.wasm", import.meta.url).href);
  teavm.exports.main([]);
} catch (e) {
  // The page's words live in Java (Texts), which could not start: the build wrote the ones needed here.
  const detail = e && e.message ? e.message : String(e);
  let text = detail;
  try {
    const texts = await (await fetch(new URL("boot-texts.json", import.meta.url))).json();
    const lang = (navigator.languages || [navigator.language || "en"]).map((tag) => tag.slice(0, 2).toLowerCase())
      .find((tag) => texts[tag]) || "en";
    // A server that cannot run Cutout is told apart from a browser that cannot: the fixes are not the same people's.
    const problem = blocked.some((uri) => /^(wasm-)?eval$/.test(uri)) ? { csp: true } : await serverProblem();
    text = problem === null ? texts[lang]["boot.failed"].replace("{0}", detail)
      : problem.csp ? texts[lang]["boot.csp"]
      : problem.status ? texts[lang]["boot.missing"].replace("{0}", problem.file).replace("{1}", problem.status)
        : texts[lang]["boot.type"].replace("{0}", problem.file).replace("{1}", problem.type);
  } catch (ignored) {
    // Offline before the shell was stored: the browser's own detail is all there is.
  }
  document.getElementById("message").textContent = text;
  document.getElementById("status").dataset.state = "error";
}
