// Starts the worker's Java code (teavm/worker.wasm), which owns the model and the heavy pixels.
import { loadWasm } from "./load-wasm.js";

const teavm = await loadWasm(new URL("teavm/worker.wasm", import.meta.url).href);
teavm.exports.main([]);
