package app.cutout.quality;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import app.cutout.core.image.RgbaImage;
import app.cutout.core.model.ModelSpec;
import app.cutout.core.ops.Preprocessor;
import app.cutout.e2e.ProjectDirs;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;

/**
 * ISNet's 1024x1024 mask of a photo on the JVM: the app's own {@link Preprocessor}, then the model in ONNX Runtime
 * Java (CPU) instead of ONNX Runtime Web. Optionally cached in a file keyed by the pixels.
 */
final class IsnetJava {
    private IsnetJava() {
    }

    static final int SIZE = ModelSpec.SIZE;

    /** {@code models/isnet-quint8.onnx}, the model the app runs on the CPU. */
    static Path defaultModel() {
        return ProjectDirs.root().resolve("models/isnet-quint8.onnx");
    }

    /** {@link #mask} with {@link #defaultModel}, cached in {@code target/gt-cache/NAME.f32}. */
    static float[] cachedMask(int[] rgba, int w, int h, String name) throws IOException {
        return mask(rgba, w, h, defaultModel(), Path.of("target/gt-cache").resolve(name + ".f32"));
    }

    /** The mask of packed RGBA pixels, from {@code cache} when it holds this photo's, else computed and stored. */
    static float[] mask(int[] rgba, int w, int h, Path model, Path cache) throws IOException {
        int n = SIZE * SIZE;
        String key = w + "x" + h + ":" + Arrays.hashCode(rgba) + ":" + Files.size(model);
        if (cache != null && Files.isRegularFile(cache)) {
            try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(cache)))) {
                if (in.readUTF().equals(key)) {
                    float[] m = new float[n];
                    for (int i = 0; i < n; i++) {
                        m[i] = in.readFloat();
                    }
                    return m;
                }
            }
        }
        float[] input = new float[3 * n];
        Preprocessor.toModelInput(new RgbaImage(w, h, rgba), ModelSpec.SIZE, ModelSpec.SIZE, input);
        float[] mask = infer(input, model);
        if (cache != null) {
            Files.createDirectories(cache.getParent());
            try (DataOutputStream o = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(cache)))) {
                o.writeUTF(key);
                for (float v : mask) {
                    o.writeFloat(v);
                }
            }
        }
        return mask;
    }

    /**
     * On a thread with a 64 MiB stack: creating the ONNX Runtime environment recurses deeply enough to overflow a
     * default Java thread stack on this machine (see e2e.ReferenceMask).
     */
    private static float[] infer(float[] input, Path model) throws IOException {
        float[][] result = new float[1][];
        Exception[] failure = new Exception[1];
        Thread worker = new Thread(null, () -> {
            try {
                OrtEnvironment env = OrtEnvironment.getEnvironment();
                try (OrtSession.SessionOptions so = new OrtSession.SessionOptions()) {
                    so.setIntraOpNumThreads(2);
                    so.setInterOpNumThreads(1);
                    try (OrtSession session = env.createSession(model.toString(), so);
                            OnnxTensor tensor = OnnxTensor.createTensor(env, FloatBuffer.wrap(input),
                                    new long[] {1, 3, SIZE, SIZE});
                            OrtSession.Result r = session.run(Map.of(ModelSpec.INPUT_NAME, tensor),
                                    Set.of(ModelSpec.OUTPUT_NAME))) {
                        FloatBuffer fb = ((OnnxTensor) r.get(ModelSpec.OUTPUT_NAME).orElseThrow()).getFloatBuffer();
                        float[] m = new float[SIZE * SIZE];
                        fb.get(m);
                        result[0] = m;
                    }
                }
            } catch (OrtException | RuntimeException e) {
                failure[0] = e;
            }
        }, "isnet-java", 64L << 20);
        worker.start();
        try {
            worker.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while running the model", e);
        }
        if (failure[0] != null) {
            throw new IOException("ONNX Runtime failed on " + model + ": " + failure[0].getMessage(), failure[0]);
        }
        return result[0];
    }
}
