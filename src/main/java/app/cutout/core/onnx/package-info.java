/**
 * ONNX model rewriting on the protobuf bytes, in plain Java so that it runs in the worker (TeaVM, WebAssembly GC):
 * {@link app.cutout.core.onnx.Fp16ToFp32} turns the float16 ISNet into float32 at load time, for WebGPU devices
 * without {@code shader-f16}. {@link app.cutout.core.onnx.ProtoReader} is the wire-format cursor it is built on.
 * {@link app.cutout.core.onnx.SessionTuning} reads the ONNX Runtime session settings a measurement asks for.
 */
package app.cutout.core.onnx;
