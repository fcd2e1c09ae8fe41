// Loads one of Cutout's TeaVM WebAssembly modules (teavm/*.wasm) through TeaVM's runtime, and says what a server
// that cannot run Cutout does wrong. Shared by app.js (the page) and worker.js (the workers).

/** The module's instance, started through TeaVM's runtime (teavm/runtime.mjs, imported only now: see serverProblem). */
export async function loadWasm(url) {
  const { load } = await import("./teavm/runtime.mjs");
  try {
    return await load(url);
  } catch (e) {
    // Streaming compilation refuses a .wasm file that is not sent as application/wasm (older nginx and Apache
    // configurations send application/octet-stream); its bytes compile all the same.
    const response = await fetch(url);
    if (!response.ok || /^application\/wasm\b/i.test(response.headers.get("Content-Type") || "")) {
      throw e;
    }
    return await load(await response.arrayBuffer());
  }
}

/** The types HTML takes for JavaScript (its "JavaScript MIME type" list). */
const JAVASCRIPT =
  /^\s*((text|application)\/(x-)?(java|ecma)script|text\/(jscript|livescript|javascript1\.[0-5]))\s*(;|$)/i;

/**
 * What this server does that keeps Cutout from starting, checked on the files the page needs first: a file it does
 * not send (`{file, status}`), a JavaScript module sent with a type browsers refuse to run (`{file, type}`), or
 * something else in place of a WebAssembly file (`{file, type, notFile: true}`: a server that answers every missing
 * file with its home page); null when they come as they should, and the cause lies elsewhere.
 */
export async function serverProblem() {
  for (const file of ["teavm/runtime.mjs", "teavm/ui.wasm", "teavm/worker.wasm", "worker.js"]) {
    let response;
    let start;
    try {
      response = await fetch(new URL(file, import.meta.url), { cache: "no-store" });
      start = new Uint8Array(await response.arrayBuffer()).subarray(0, 4);
    } catch (e) {
      return null;
    }
    const type = (response.headers.get("Content-Type") || "").trim() || "(none)";
    if (!response.ok) {
      return { file, status: response.status };
    }
    if (/\.m?js$/.test(file) && !JAVASCRIPT.test(type)) {
      return { file, type };
    }
    // Every WebAssembly file starts with "\0asm".
    if (file.endsWith(".wasm") && !(start[0] === 0 && start[1] === 0x61 && start[2] === 0x73 && start[3] === 0x6d)) {
      return { file, type, notFile: true };
    }
  }
  return null;
}
