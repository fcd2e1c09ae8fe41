/**
 * TeaVM JSO declarations for the parts of ONNX Runtime Web that Cutout uses; no logic lives here.
 *
 * <p>The module path is resolved by TeaVM's runtime ({@code teavm/runtime.mjs}) with a dynamic {@code import()},
 * hence relative to {@code teavm/}. The bundle is the native WebGPU build, which also carries the WASM CPU backend.
 */
package app.cutout.web.jso.ort;
