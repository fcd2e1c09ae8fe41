// Starts the page's Java code (teavm/ui.wasm). All logic lives in Java; this only loads it.
import { load } from "./teavm/runtime.mjs";

try {
  const teavm = await load(new URL("teavm/ui.wasm", import.meta.url).href);
  teavm.exports.main([]);
} catch (e) {
  const message = document.getElementById("message");
  message.textContent = "Cutout could not start in this browser (" + (e && e.message ? e.message : e) + "). "
    + "It needs WebAssembly garbage collection: a current Chrome, Edge, Firefox or Safari.";
  document.getElementById("status").dataset.state = "error";
}
