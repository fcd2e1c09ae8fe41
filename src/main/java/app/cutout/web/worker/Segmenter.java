package app.cutout.web.worker;

import app.cutout.core.model.Backend;
import app.cutout.core.model.ModelSpec;
import app.cutout.core.model.Plan;
import app.cutout.web.jso.ort.InferenceSession;
import app.cutout.web.jso.ort.Ort;
import app.cutout.web.jso.ort.OrtEnv;
import app.cutout.web.jso.ort.SessionOptions;
import app.cutout.web.jso.ort.Tensor;
import app.cutout.web.platform.Promises;
import org.teavm.jso.core.JSArray;
import org.teavm.jso.core.JSMapLike;
import org.teavm.jso.core.JSNumber;
import org.teavm.jso.core.JSObjects;
import org.teavm.jso.core.JSString;
import org.teavm.jso.typedarrays.Float32Array;
import org.teavm.jso.typedarrays.Uint8Array;

/** One ONNX Runtime Web session for one {@link Plan}; runs ISNet on a prepared input. */
final class Segmenter {
    private static final int INPUT_FLOATS = 3 * ModelSpec.SIZE * ModelSpec.SIZE;
    private static boolean envConfigured;

    final Plan plan;
    private final InferenceSession session;
    /** Reused across runs: the tensor input is 12 MB, allocated once per session. */
    private final Float32Array input = new Float32Array(INPUT_FLOATS);

    private Segmenter(Plan plan, InferenceSession session) {
        this.plan = plan;
        this.session = session;
    }

    /**
     * The runtime reads {@code env.wasm} once, when the first session starts its WebAssembly module; later changes
     * are ignored, so the thread count set here holds for the worker's lifetime.
     */
    static Segmenter create(Plan plan, Uint8Array weights, String ortBaseUrl, int wasmThreads) {
        OrtEnv env = Ort.getEnv();
        if (!envConfigured) {
            env.getWasm().setWasmPaths(ortBaseUrl);
            env.getWasm().setNumThreads(wasmThreads);
            env.setLogLevel("error");
            envConfigured = true;
        }
        SessionOptions options = SessionOptions.create(plan.backend == Backend.WEBGPU ? "webgpu" : "wasm");
        InferenceSession session = Promises.await(InferenceSession.create(weights, options),
                "Starting the " + plan.backend.label + " session");
        return new Segmenter(plan, session);
    }

    static int threadsInUse() {
        return envConfigured ? Ort.getEnv().getWasm().getNumThreads() : 0;
    }

    /**
     * @param modelInput planar RGB of {@link ModelSpec#SIZE}², normalised. Not modified.
     * @return the mask, {@link ModelSpec#SIZE}², 0..1
     */
    float[] run(float[] modelInput) {
        input.set(modelInput);
        JSArray<JSNumber> dims = new JSArray<>();
        dims.push(JSNumber.valueOf(1));
        dims.push(JSNumber.valueOf(3));
        dims.push(JSNumber.valueOf(ModelSpec.SIZE));
        dims.push(JSNumber.valueOf(ModelSpec.SIZE));
        Tensor tensor = new Tensor("float32", input, dims);
        JSMapLike<Tensor> feeds = JSObjects.create();
        feeds.set(ModelSpec.INPUT_NAME, tensor);
        JSArray<JSString> fetches = new JSArray<>();
        fetches.push(JSString.valueOf(ModelSpec.OUTPUT_NAME));
        JSMapLike<Tensor> outputs = Promises.await(session.run(feeds, fetches), "Running the model");
        Tensor output = outputs.get(ModelSpec.OUTPUT_NAME);
        try {
            Float32Array data = output.getFloatData();
            if (data.getLength() != ModelSpec.SIZE * ModelSpec.SIZE) {
                throw new IllegalStateException("Expected a " + ModelSpec.SIZE + "x" + ModelSpec.SIZE
                        + " mask from the model, got " + data.getLength() + " values");
            }
            return data.copyToJavaArray();
        } finally {
            output.dispose();
        }
    }

    void release() {
        Promises.await(session.release(), "Releasing the session");
    }
}
