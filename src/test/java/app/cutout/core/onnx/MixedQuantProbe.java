package app.cutout.core.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;
import app.cutout.core.model.ModelSpec;
import app.cutout.e2e.ProjectDirs;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Mixed static/dynamic quantisation of ISNet, tried in ONNX Runtime Java: only some convolutions become
 * {@code QLinearConv} ({@link StaticQuantizer#convert(Map, List)}), the rest stay dynamic, and each mixed model's
 * 1024² mask is compared with the shipped 8-bit model's on every photo. The photos' ranges and masks are taken once,
 * so that each candidate costs one run per photo:
 *
 * <ul>
 *   <li>{@code calibrate WORK DIR[,DIR...]}: for each photo not done yet, one run of the calibration model (the shipped
 *       model plus a min and max of every ranged tensor), keeping that photo's ranges ({@code WORK/NAME.ranges}) and
 *       the shipped model's mask, which the calibration model gives unchanged ({@code WORK/NAME.mask}).</li>
 *   <li>{@code check WORK OUT.onnx CONVS RULE CALIBRATION_DIR[,...] CHECK_DIR[,...]}: converts the convolutions
 *       {@code CONVS} (indices in graph order, e.g. {@code 0-44,104-117}) with ranges over the calibration photos
 *       ({@code RULE}: {@code minmax}, the widest; {@code pNN}, the NN-th percentile of the photos' maxima and the
 *       (100-NN)-th of their minima), writes the model and prints each check photo's IoU at 0.5 against the shipped
 *       model's mask (and, where a ground-truth matte lies beside the photo, both masks' IoU against it).</li>
 *   <li>{@code noise WORK LEVELS DIR[,...]}: the shipped model's own mask with noise of LEVELS input levels added,
 *       against its mask without: how far any change of the arithmetic can move the mask on each photo
 *       ({@code -Dmodel=fp32}: the same for the float model).</li>
 *   <li>{@code input WORK DIR[,...]}: each photo's model input as float32 ({@code WORK/NAME.input}), for
 *       {@code bench/src/wasm-probe.mjs --masks}.</li>
 *   <li>{@code prefix IN.onnx OUT.onnx CONV}: the part of a model up to the float output of the shipped model's
 *       convolution {@code CONV}, for timing the converted part on its own ({@code bench/src/wasm-probe.mjs}).</li>
 * </ul>
 * Photos: .png and .jpg that are not mattes; a name seen twice is taken once.
 */
final class MixedQuantProbe {
    private static final int SIZE = ModelSpec.SIZE;

    private MixedQuantProbe() {
    }

    public static void main(String[] args) throws Exception {
        Thread t = new Thread(null, () -> {
            try {
                if ("calibrate".equals(args[0])) {
                    calibrate(Path.of(args[1]), photos(args[2]));
                } else if ("noise".equals(args[0])) {
                    noise(Path.of(args[1]), Float.parseFloat(args[2]), photos(args[3]));
                } else if ("input".equals(args[0])) {
                    input(Path.of(args[1]), photos(args[2]));
                } else if ("prefix".equals(args[0])) {
                    prefix(Path.of(args[1]), Path.of(args[2]), Integer.parseInt(args[3]));
                } else {
                    check(Path.of(args[1]), Path.of(args[2]), args[3], args[4], photos(args[5]), photos(args[6]));
                }
            } catch (Exception e) {
                e.printStackTrace();
                System.exit(1);
            }
        }, "mixed-quant", 64L << 20);
        t.start();
        t.join();
    }

    private static StaticQuantizer shipped() throws IOException {
        return new StaticQuantizer(Files.readAllBytes(ProjectDirs.root().resolve("models/isnet-quint8.onnx")));
    }

    private static void calibrate(Path work, List<Path> photos) throws Exception {
        Files.createDirectories(work);
        StaticQuantizer q = shipped();
        OrtEnvironment env = OrtEnvironment.getEnvironment(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR);
        Set<String> outputs = new LinkedHashSet<>();
        outputs.add(ModelSpec.OUTPUT_NAME);
        for (String t : q.rangedTensors()) {
            outputs.add("calib_min/" + t);
            outputs.add("calib_max/" + t);
        }
        try (OrtSession.SessionOptions so = options(); OrtSession s = env.createSession(q.calibration(), so)) {
            for (Path photo : photos) {
                Path ranges = work.resolve(photo.getFileName() + ".ranges");
                if (Files.isRegularFile(ranges)) {
                    continue;
                }
                long t0 = System.nanoTime();
                try (OnnxTensor in = StaticQuantProbe.tensor(env, photo);
                        OrtSession.Result r = s.run(Map.of(ModelSpec.INPUT_NAME, in), outputs)) {
                    StringBuilder sb = new StringBuilder();
                    for (String t : q.rangedTensors()) {
                        sb.append(t).append('\t').append(first(r, "calib_min/" + t)).append('\t')
                                .append(first(r, "calib_max/" + t)).append('\n');
                    }
                    FloatBuffer mask = ((OnnxTensor) r.get(ModelSpec.OUTPUT_NAME).orElseThrow()).getFloatBuffer();
                    ByteBuffer bytes = ByteBuffer.allocate(4 * SIZE * SIZE).order(ByteOrder.LITTLE_ENDIAN);
                    bytes.asFloatBuffer().put(mask);
                    Files.write(work.resolve(photo.getFileName() + ".mask"), bytes.array());
                    Files.writeString(ranges, sb);
                }
                System.out.printf(Locale.ROOT, "calibrated on %s (%d ms)%n", photo.getFileName(),
                        (System.nanoTime() - t0) / 1_000_000);
            }
        }
    }

    private static void check(Path work, Path out, String convs, String rule, List<Path> calibration,
            List<Path> check) throws Exception {
        StaticQuantizer q = shipped();
        Map<String, float[]> ranges = ranges(work, calibration, rule);
        List<StaticQuantizer.Conv> chosen = new ArrayList<>();
        for (int i : indices(convs)) {
            chosen.add(q.convs.get(i));
        }
        byte[] model = q.convert(ranges, chosen);
        Files.write(out, model);
        System.out.printf(Locale.ROOT, "%s: %d of %d convolutions static (%s), ranges %s over %d photos, %d bytes%n",
                out.getFileName(), chosen.size(), q.convs.size(), convs, rule, calibration.size(), model.length);
        OrtEnvironment env = OrtEnvironment.getEnvironment(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR);
        double worst = 1;
        String worstName = "";
        long total = 0;
        try (OrtSession.SessionOptions so = options(); OrtSession s = env.createSession(model, so)) {
            for (Path photo : check) {
                float[] reference = mask(work.resolve(photo.getFileName() + ".mask"));
                try (OnnxTensor in = StaticQuantProbe.tensor(env, photo)) {
                    long t0 = System.nanoTime();
                    float[] m = StaticQuantProbe.mask(s, in);
                    total += System.nanoTime() - t0;
                    double iou = IsnetFp32Test.iou(reference, m);
                    if (iou < worst && !photo.getFileName().toString().startsWith("am_GT01")) {
                        worst = iou;
                        worstName = photo.getFileName().toString();
                    }
                    System.out.printf(Locale.ROOT, "  %s: IoU %.5f, mean |diff| %.5f, max |diff| %.3f%s%s%n",
                            photo.getFileName(), iou, IsnetFp32Test.meanAbs(reference, m),
                            IsnetFp32Test.maxAbs(reference, m), truth(photo, reference, m),
                            vsFloat(work, photo, reference, m));
                }
            }
        }
        System.out.printf(Locale.ROOT, "%s: worst IoU %.5f (%s) over %d photos besides am_GT01; ORT Java %d ms/run%n",
                out.getFileName(), worst, worstName, check.size(), total / 1_000_000 / Math.max(1, check.size()));
    }

    /**
     * How sensitive a model's mask is by itself: its mask for the photo with seeded uniform noise of {@code levels}
     * input levels (of 255) peak to peak added to the model input, against its mask for the photo. The shipped 8-bit
     * model (against its calibrated mask), or with {@code -Dmodel=fp32} the fp16 model widened to fp32
     * ({@link Fp16ToFp32}, against its own mask for the photo).
     */
    private static void noise(Path work, float levels, List<Path> photos) throws Exception {
        OrtEnvironment env = OrtEnvironment.getEnvironment(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR);
        boolean fp32 = "fp32".equals(System.getProperty("model"));
        byte[] model = fp32 ? Fp16ToFp32.convert(Files.readAllBytes(ProjectDirs.root().resolve(
                "models/isnet-fp16.onnx"))) : Files.readAllBytes(ProjectDirs.root().resolve("models/isnet-quint8.onnx"));
        try (OrtSession.SessionOptions so = options(); OrtSession s = env.createSession(model, so)) {
            for (Path photo : photos) {
                float[] input;
                float[] reference;
                try (OnnxTensor t = StaticQuantProbe.tensor(env, photo)) {
                    reference = fp32 ? StaticQuantProbe.mask(s, t) : mask(work.resolve(photo.getFileName() + ".mask"));
                    if (fp32) {
                        ByteBuffer bytes = ByteBuffer.allocate(4 * reference.length).order(ByteOrder.LITTLE_ENDIAN);
                        bytes.asFloatBuffer().put(reference);
                        Files.write(work.resolve(photo.getFileName() + ".fp32.mask"), bytes.array());
                    }
                    FloatBuffer fb = t.getFloatBuffer();
                    input = new float[fb.remaining()];
                    fb.get(input);
                }
                java.util.Random rnd = new java.util.Random(1);
                for (int i = 0; i < input.length; i++) {
                    input[i] += (float) ((rnd.nextDouble() - 0.5) * levels / 255);
                }
                try (OnnxTensor in = OnnxTensor.createTensor(env, FloatBuffer.wrap(input), new long[] {1, 3, SIZE,
                        SIZE})) {
                    float[] m = StaticQuantProbe.mask(s, in);
                    System.out.printf(Locale.ROOT, "  %s: %s, noise %.2f levels: IoU %.5f, mean |diff| %.5f%s%s%n",
                            photo.getFileName(), fp32 ? "fp32" : "8-bit", levels, IsnetFp32Test.iou(reference, m),
                            IsnetFp32Test.meanAbs(reference, m), truth(photo, reference, m),
                            fp32 ? "" : vsFloat(work, photo, reference, m));
                }
            }
        }
    }

    /** Each photo's model input as raw little-endian float32 ({@code WORK/NAME.input}), for wasm-probe's masks. */
    private static void input(Path work, List<Path> photos) throws Exception {
        OrtEnvironment env = OrtEnvironment.getEnvironment(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR);
        for (Path photo : photos) {
            try (OnnxTensor t = StaticQuantProbe.tensor(env, photo)) {
                FloatBuffer fb = t.getFloatBuffer();
                ByteBuffer bytes = ByteBuffer.allocate(4 * fb.remaining()).order(ByteOrder.LITTLE_ENDIAN);
                bytes.asFloatBuffer().put(fb);
                Files.write(work.resolve(photo.getFileName() + ".input"), bytes.array());
            }
        }
    }

    /** The part of model {@code in} up to the shipped model's convolution {@code conv}'s float output. */
    private static void prefix(Path in, Path out, int conv) throws IOException {
        String tensor = shipped().convs.get(conv).output;
        Files.write(out, new OnnxGraph(Files.readAllBytes(in)).prefix(List.of(tensor)));
        System.out.printf(Locale.ROOT, "%s: %s up to %s%n", out.getFileName(), in.getFileName(), tensor);
    }

    /**
     * Where the photo has a ground-truth matte beside it ({@code NAME.matte.png}, gt-dev), the IoU at 0.5 of the
     * shipped model's mask and of the candidate's against it (the matte stretched to 1024², as the photo is).
     */
    private static String truth(Path photo, float[] shipped, float[] candidate) throws IOException {
        String name = photo.getFileName().toString();
        Path matte = photo.resolveSibling(name.substring(0, name.lastIndexOf('.')) + ".matte.png");
        if (!Files.isRegularFile(matte)) {
            return "";
        }
        java.awt.image.BufferedImage m = javax.imageio.ImageIO.read(matte.toFile());
        java.awt.image.BufferedImage scaled = new java.awt.image.BufferedImage(SIZE, SIZE,
                java.awt.image.BufferedImage.TYPE_BYTE_GRAY);
        java.awt.Graphics2D g = scaled.createGraphics();
        g.setRenderingHint(java.awt.RenderingHints.KEY_INTERPOLATION,
                java.awt.RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(m, 0, 0, SIZE, SIZE, null);
        g.dispose();
        float[] t = new float[SIZE * SIZE];
        byte[] px = ((java.awt.image.DataBufferByte) scaled.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < t.length; i++) {
            t[i] = (px[i] & 0xFF) / 255f;
        }
        return String.format(Locale.ROOT, "; vs ground truth: shipped %.4f, this %.4f", IsnetFp32Test.iou(t, shipped),
                IsnetFp32Test.iou(t, candidate));
    }

    /**
     * Where {@code noise -Dmodel=fp32} left the float model's mask ({@code WORK/NAME.fp32.mask}), the IoU at 0.5 of
     * the shipped model's mask and of the candidate's against it.
     */
    private static String vsFloat(Path work, Path photo, float[] shipped, float[] candidate) throws IOException {
        Path file = work.resolve(photo.getFileName() + ".fp32.mask");
        if (!Files.isRegularFile(file)) {
            return "";
        }
        float[] f = mask(file);
        return String.format(Locale.ROOT, "; vs fp32: shipped %.4f, this %.4f", IsnetFp32Test.iou(f, shipped),
                IsnetFp32Test.iou(f, candidate));
    }

    /** Ranges over the calibration photos by {@code rule}: {@code minmax} or {@code pNN}. */
    static Map<String, float[]> ranges(Path work, List<Path> calibration, String rule) throws IOException {
        Map<String, List<float[]>> all = new TreeMap<>();
        for (Path photo : calibration) {
            for (String line : Files.readAllLines(work.resolve(photo.getFileName() + ".ranges"))) {
                String[] f = line.split("\t");
                all.computeIfAbsent(f[0], k -> new ArrayList<>()).add(new float[] {Float.parseFloat(f[1]),
                        Float.parseFloat(f[2])});
            }
        }
        double p = "minmax".equals(rule) ? 100 : Double.parseDouble(rule.substring(1));
        Map<String, float[]> ranges = new HashMap<>();
        for (Map.Entry<String, List<float[]>> e : all.entrySet()) {
            float[] mins = new float[e.getValue().size()];
            float[] maxs = new float[mins.length];
            for (int i = 0; i < mins.length; i++) {
                mins[i] = e.getValue().get(i)[0];
                maxs[i] = e.getValue().get(i)[1];
            }
            ranges.put(e.getKey(), new float[] {percentile(mins, 100 - p), percentile(maxs, p)});
        }
        return ranges;
    }

    /** Linear-interpolated percentile (0–100) of the values. */
    static float percentile(float[] values, double p) {
        float[] v = values.clone();
        Arrays.sort(v);
        double at = p / 100 * (v.length - 1);
        int lo = (int) Math.floor(at);
        int hi = Math.min(v.length - 1, lo + 1);
        return (float) (v[lo] + (at - lo) * (v[hi] - v[lo]));
    }

    static List<Integer> indices(String spec) {
        List<Integer> out = new ArrayList<>();
        for (String part : spec.split(",")) {
            int dash = part.indexOf('-');
            int from = Integer.parseInt(dash < 0 ? part : part.substring(0, dash));
            int to = dash < 0 ? from : Integer.parseInt(part.substring(dash + 1));
            for (int i = from; i <= to; i++) {
                out.add(i);
            }
        }
        return out;
    }

    private static float first(OrtSession.Result r, String name) throws Exception {
        return ((OnnxTensor) r.get(name).orElseThrow()).getFloatBuffer().get(0);
    }

    private static float[] mask(Path file) throws IOException {
        float[] m = new float[SIZE * SIZE];
        ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(m);
        return m;
    }

    private static OrtSession.SessionOptions options() throws Exception {
        OrtSession.SessionOptions so = new OrtSession.SessionOptions();
        so.setIntraOpNumThreads(2);
        so.setInterOpNumThreads(1);
        return so;
    }

    private static List<Path> photos(String dirs) throws IOException {
        Map<String, Path> found = new TreeMap<>();
        for (Path p : StaticQuantProbe.photos(dirs)) {
            found.putIfAbsent(p.getFileName().toString(), p);
        }
        return new ArrayList<>(found.values());
    }
}
