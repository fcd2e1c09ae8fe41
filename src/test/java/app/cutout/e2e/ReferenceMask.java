package app.cutout.e2e;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import ai.onnxruntime.platform.Fp16Conversions;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import java.nio.ShortBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;

/**
 * The mask ISNet gives for a photo, computed on the JVM with ONNX Runtime and java.awt only, so it shares no code with
 * the app's own preprocessing and can judge it.
 *
 * <p>Steps, as the model expects them: bilinear resize to 1024×1024, planar RGB as {@code (v - 128) / 256}, run,
 * take output {@code "output"} ([1,1,1024,1024], already through a sigmoid), bilinear resize back to the photo's size.
 * Results are cached in {@code .testdata/ref/NAME.MODEL.png} (8-bit gray) with a {@code .key} file naming the photo's
 * and the model's sizes, so a changed photo or model is recomputed.
 */
public final class ReferenceMask {
    /** The model's fixed input side. */
    public static final int SIZE = 1024;
    /** Overrides the model file (for trying a model that is not in models/ yet). */
    public static final String MODEL_PROPERTY = "cutout.referenceModel";

    /** A mask with the photo's size; alpha is row-major, one unsigned byte per pixel. */
    public record Mask(int width, int height, byte[] alpha) {
        public int at(int x, int y) {
            return alpha[y * width + x] & 0xFF;
        }
    }

    private ReferenceMask() {
    }

    /** {@code models/isnet-quint8.onnx}, assembled by the build, unless {@value #MODEL_PROPERTY} names another. */
    public static Path defaultModel() {
        String override = System.getProperty(MODEL_PROPERTY);
        return override != null ? Path.of(override) : ProjectDirs.root().resolve("models/isnet-quint8.onnx");
    }

    public static Mask of(Path image) {
        return of(image, defaultModel());
    }

    /** The cached mask, or a freshly computed (and then cached) one. */
    public static synchronized Mask of(Path image, Path model) {
        if (!Files.isRegularFile(model)) {
            throw new IllegalStateException("No model at " + model
                    + ": run the build first (mvn -B package assembles models/ from the npm package)");
        }
        try {
            String name = stem(image) + "." + stem(model);
            Path cached = ProjectDirs.testData().resolve("ref").resolve(name + ".png");
            Path keyFile = cached.resolveSibling(name + ".key");
            String key = "image=" + Files.size(image) + " model=" + Files.size(model) + "\n";
            if (Files.isRegularFile(cached) && Files.isRegularFile(keyFile)
                    && Files.readString(keyFile, StandardCharsets.UTF_8).equals(key)) {
                return readGray(cached);
            }
            Mask mask = compute(image, model);
            Files.createDirectories(cached.getParent());
            writeAtomically(cached, mask);
            Files.writeString(keyFile, key, StandardCharsets.UTF_8);
            return mask;
        } catch (IOException e) {
            throw new UncheckedIOException("Reference mask for " + image, e);
        }
    }

    /** Runs the model; no cache involved. */
    public static Mask compute(Path image, Path model) throws IOException {
        BufferedImage photo = ImageIO.read(image.toFile());
        if (photo == null) {
            throw new IOException("javax.imageio cannot decode " + image);
        }
        return compute(photo, model, SIZE, SIZE);
    }

    /**
     * The mask with the photo read at its own aspect ratio, as the app does under {@code ?ort=input:aspect}: long side
     * 1024, short side rounded to a multiple of 64 (the rule written here again, not taken from the app), the model
     * fixed at that size by {@link FixedSizeModel} (not the app's {@code AnySize}). Not cached.
     */
    public static Mask computeAtAspect(Path image, Path model) throws IOException {
        BufferedImage photo = ImageIO.read(image.toFile());
        if (photo == null) {
            throw new IOException("javax.imageio cannot decode " + image);
        }
        int w = photo.getWidth();
        int h = photo.getHeight();
        int shortSide = (int) Math.max(64, Math.round(Math.min(w, h) * 1024.0 / Math.max(w, h) / 64) * 64);
        return compute(photo, model, w >= h ? SIZE : shortSide, h >= w ? SIZE : shortSide);
    }

    private static Mask compute(BufferedImage photo, Path model, int width, int height) throws IOException {
        float[] input = planarInput(resize(toRgb(photo), width, height));
        float[] output = infer(input, model, width, height);
        return new Mask(photo.getWidth(), photo.getHeight(),
                upsample(output, width, height, photo.getWidth(), photo.getHeight()));
    }

    private static BufferedImage toRgb(BufferedImage image) {
        if (image.getType() == BufferedImage.TYPE_INT_RGB) {
            return image;
        }
        BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        rgb.setRGB(0, 0, image.getWidth(), image.getHeight(),
                image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth()), 0,
                image.getWidth());
        return rgb;
    }

    /** java.awt bilinear scaling; TYPE_INT_RGB in and out, so no colour conversion happens on the way. */
    private static BufferedImage resize(BufferedImage rgb, int width, int height) {
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(rgb, 0, 0, width, height, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    private static float[] planarInput(BufferedImage resized) {
        int plane = resized.getWidth() * resized.getHeight();
        int[] pixels = resized.getRGB(0, 0, resized.getWidth(), resized.getHeight(), null, 0, resized.getWidth());
        float[] data = new float[3 * plane];
        for (int i = 0; i < plane; i++) {
            int p = pixels[i];
            data[i] = (((p >> 16) & 0xFF) - 128) / 256f;
            data[plane + i] = (((p >> 8) & 0xFF) - 128) / 256f;
            data[2 * plane + i] = ((p & 0xFF) - 128) / 256f;
        }
        return data;
    }

    /**
     * Runs {@link #inferHere} on a thread with a 64 MiB stack. On this machine (2-vCPU VM) creating the ONNX Runtime
     * environment recurses about 12,000 native frames deep and overflows a default 1 MiB Java thread stack, which
     * kills the JVM with a bare SIGSEGV (no hs_err file); 4 MiB was measured to be enough.
     */
    private static float[] infer(float[] input, Path model, int width, int height) throws IOException {
        float[][] result = new float[1][];
        Throwable[] failure = new Throwable[1];
        Thread worker = new Thread(null, () -> {
            try {
                result[0] = inferHere(input, model, width, height);
            } catch (Throwable t) {
                failure[0] = t;
            }
        }, "reference-mask-onnxruntime", 64L << 20);
        worker.start();
        try {
            worker.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while running the model", e);
        }
        if (failure[0] instanceof IOException io) {
            throw io;
        }
        if (failure[0] != null) {
            throw new IllegalStateException("Reference inference failed", failure[0]);
        }
        return result[0];
    }

    private static float[] inferHere(float[] input, Path model, int width, int height) throws IOException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            // The machine has 2 cores; more threads only contend.
            options.setIntraOpNumThreads(2);
            options.setInterOpNumThreads(1);
            byte[] bytes = Files.readAllBytes(model);
            if (width != SIZE || height != SIZE) {
                bytes = FixedSizeModel.of(bytes, height, width);
            }
            try (OrtSession session = env.createSession(bytes, options)) {
                Map.Entry<String, NodeInfo> in = session.getInputInfo().entrySet().iterator().next();
                long[] shape = {1, 3, height, width};
                try (OnnxTensor tensor = inputTensor(env, (TensorInfo) in.getValue().getInfo(), input, shape);
                        OrtSession.Result result = session.run(Map.of(in.getKey(), tensor), Set.of("output"))) {
                    OnnxTensor out = (OnnxTensor) result.get("output")
                            .orElseThrow(() -> new IOException(model + " has no output named \"output\""));
                    long[] outShape = out.getInfo().getShape();
                    if (!Arrays.equals(outShape, new long[] {1, 1, height, width})) {
                        throw new IOException("Unexpected output shape " + Arrays.toString(outShape));
                    }
                    // For a float16 output ONNX Runtime widens to float here.
                    FloatBuffer buffer = out.getFloatBuffer();
                    float[] mask = new float[width * height];
                    buffer.get(mask);
                    return mask;
                }
            }
        } catch (OrtException e) {
            throw new IOException("ONNX Runtime failed on " + model + ": " + e.getMessage(), e);
        }
    }

    /** The fp16 model may take float16 input; everything else gets float32. */
    private static OnnxTensor inputTensor(OrtEnvironment env, TensorInfo info, float[] data, long[] shape)
            throws OrtException {
        if (info.type == OnnxJavaType.FLOAT16) {
            ShortBuffer halves = ShortBuffer.allocate(data.length);
            for (float v : data) {
                halves.put(Fp16Conversions.floatToFp16(v));
            }
            halves.flip();
            return OnnxTensor.createTensor(env, halves, shape, OnnxJavaType.FLOAT16);
        }
        return OnnxTensor.createTensor(env, FloatBuffer.wrap(data), shape);
    }

    /** The model's probabilities → 8 bit → java.awt bilinear to the photo's size (gray kept in all 3 channels). */
    private static byte[] upsample(float[] mask, int maskWidth, int maskHeight, int width, int height) {
        BufferedImage square = new BufferedImage(maskWidth, maskHeight, BufferedImage.TYPE_INT_RGB);
        int[] gray = new int[mask.length];
        for (int i = 0; i < mask.length; i++) {
            int v = Math.round(Math.min(1f, Math.max(0f, mask[i])) * 255f);
            gray[i] = v << 16 | v << 8 | v;
        }
        square.setRGB(0, 0, maskWidth, maskHeight, gray, 0, maskWidth);
        int[] scaled = resize(square, width, height).getRGB(0, 0, width, height, null, 0, width);
        byte[] alpha = new byte[scaled.length];
        for (int i = 0; i < scaled.length; i++) {
            alpha[i] = (byte) scaled[i];
        }
        return alpha;
    }

    private static Mask readGray(Path png) throws IOException {
        BufferedImage image = ImageIO.read(png.toFile());
        if (image == null || image.getType() != BufferedImage.TYPE_BYTE_GRAY) {
            throw new IOException("Not an 8-bit gray PNG: " + png);
        }
        byte[] alpha = new byte[image.getWidth() * image.getHeight()];
        image.getRaster().getDataElements(0, 0, image.getWidth(), image.getHeight(), alpha);
        return new Mask(image.getWidth(), image.getHeight(), alpha);
    }

    private static void writeAtomically(Path png, Mask mask) throws IOException {
        BufferedImage image = new BufferedImage(mask.width(), mask.height(), BufferedImage.TYPE_BYTE_GRAY);
        // Raster writes are raw samples; setRGB would push the values through a colour conversion.
        image.getRaster().setDataElements(0, 0, mask.width(), mask.height(), mask.alpha());
        Path tmp = Files.createTempFile(png.getParent(), png.getFileName().toString(), ".tmp");
        ImageIO.write(image, "png", tmp.toFile());
        Files.move(tmp, png, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static String stem(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
