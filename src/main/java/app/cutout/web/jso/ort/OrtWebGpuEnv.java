package app.cutout.web.jso.ort;

import org.teavm.jso.JSObject;

/** {@code ort.env.webgpu}; its {@code device} (a promise or the device itself, by build) is read in JS. */
public interface OrtWebGpuEnv extends JSObject {
}
