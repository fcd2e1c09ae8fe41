package app.cutout.cli;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import app.cutout.core.model.Capabilities;
import app.cutout.core.model.ModelSpec;
import app.cutout.core.model.Plan;
import app.cutout.core.pipeline.EngineFactory;
import app.cutout.core.pipeline.EngineFailure;
import app.cutout.core.pipeline.InferenceEngine;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * ONNX Runtime for Java (CPU) as the pipeline's engines: the JVM's twin of the worker's ONNX Runtime Web. There is no
 * WebGPU here, every core is available, and threads need no cross-origin isolation, so {@link #probe} says so and the
 * core's planner picks the CPU with the thread count it would give a browser (every core up to 8, or the user's).
 *
 * <p>Creating a session recurses deeply in native code: call it from a thread with a large stack
 * ({@link RemoveCommand} runs on one of 64 MiB).
 */
final class OrtEngines implements EngineFactory<byte[]> {
    private int threads;

    @Override
    public Capabilities probe(int requestedThreads) {
        return new Capabilities(false, false, false, true, true, Runtime.getRuntime().availableProcessors(), "",
                requestedThreads);
    }

    @Override
    public InferenceEngine start(Plan plan, byte[] weights) {
        try {
            OrtEnvironment env = OrtEnvironment.getEnvironment();
            try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
                options.setIntraOpNumThreads(plan.threads);
                options.setInterOpNumThreads(1);
                OrtSession session = env.createSession(weights, options);
                threads = plan.threads;
                return new Engine(env, session);
            }
        } catch (OrtException | RuntimeException | LinkageError e) {
            // LinkageError: the native library does not load on this platform.
            throw new EngineFailure(String.valueOf(e.getMessage()));
        }
    }

    @Override
    public int threadsInUse() {
        return threads;
    }

    /** One session; the input buffer and the mask are reused from run to run. */
    private static final class Engine implements InferenceEngine {
        private static final int PLANE = ModelSpec.SIZE * ModelSpec.SIZE;

        private final OrtEnvironment env;
        private final OrtSession session;
        /** Direct and in native order, so the runtime reads it without a copy of its own. */
        private final FloatBuffer input = ByteBuffer.allocateDirect(3 * PLANE * Float.BYTES)
                .order(ByteOrder.nativeOrder()).asFloatBuffer();
        private float[] mask = new float[0];

        Engine(OrtEnvironment env, OrtSession session) {
            this.env = env;
            this.session = session;
        }

        @Override
        public float[] run(float[] modelInput, int width, int height) {
            int plane = width * height;
            input.clear();
            input.put(modelInput, 0, 3 * plane);
            input.flip();
            try (OnnxTensor tensor = OnnxTensor.createTensor(env, input, new long[] {1, 3, height, width});
                    OrtSession.Result result = session.run(Map.of(ModelSpec.INPUT_NAME, tensor),
                            Set.of(ModelSpec.OUTPUT_NAME))) {
                Optional<ai.onnxruntime.OnnxValue> value = result.get(ModelSpec.OUTPUT_NAME);
                if (value.isEmpty() || !(value.get() instanceof OnnxTensor)) {
                    throw new EngineFailure("the model has no output named " + ModelSpec.OUTPUT_NAME);
                }
                FloatBuffer output = ((OnnxTensor) value.get()).getFloatBuffer();
                if (output.remaining() != plane) {
                    throw new EngineFailure("expected a " + width + "x" + height + " mask from the model, got "
                            + output.remaining() + " values");
                }
                if (mask.length != plane) {
                    mask = new float[plane];
                }
                output.get(mask);
                return mask;
            } catch (OrtException e) {
                throw new EngineFailure(String.valueOf(e.getMessage()));
            }
        }

        @Override
        public String deviceLost() {
            return null;
        }

        @Override
        public String runtime() {
            return "onnxruntime-java";
        }

        @Override
        public void release() {
            try {
                session.close();
            } catch (OrtException | RuntimeException e) {
                // Nothing to tell: the session is dropped either way.
            }
        }
    }
}
