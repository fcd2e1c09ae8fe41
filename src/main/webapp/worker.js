// Starts the worker's Java code (teavm/worker.wasm), which owns the model and the heavy pixels.
import { load } from "./teavm/runtime.mjs";

const teavm = await load(new URL("teavm/worker.wasm", import.meta.url).href);
teavm.exports.main([]);
