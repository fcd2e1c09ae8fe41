package app.cutout.core.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import app.cutout.core.image.RgbaImage;
import app.cutout.core.model.ModelSpec;
import app.cutout.core.ops.Preprocessor;
import app.cutout.e2e.ProjectDirs;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.imageio.ImageIO;

/**
 * Builds the statically quantised ISNet ({@link StaticQuantizer}) with activation ranges calibrated on photos in
 * ONNX Runtime Java, writes it, and compares its masks with the shipped 8-bit model's on other photos (IoU at 0.5 of
 * the 1024² mask). For trying the idea before it goes anywhere near the app; time it with
 * {@code bench/src/wasm-probe.mjs}.
 *
 * <p>Usage: {@code StaticQuantProbe OUT.onnx CALIBRATION_DIR[,DIR...] CHECK_DIR[,DIR...]} (photos: .png and .jpg
 * that are not mattes).
 */
final class StaticQuantProbe {
    private static final int SIZE = ModelSpec.SIZE;

    private StaticQuantProbe() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        List<Path> calibration = photos(args[1]);
        List<Path> check = photos(args[2]);
        Thread t = new Thread(null, () -> {
            try {
                probe(out, calibration, check);
            } catch (Exception e) {
                e.printStackTrace();
                System.exit(1);
            }
        }, "static-quant", 64L << 20);
        t.start();
        t.join();
    }

    private static void probe(Path out, List<Path> calibration, List<Path> check) throws Exception {
        if (Boolean.getBoolean("quiet")) {
            OrtEnvironment.getEnvironment(ai.onnxruntime.OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR);
        }
        byte[] dynamic = Files.readAllBytes(ProjectDirs.root().resolve("models/isnet-quint8.onnx"));
        StaticQuantizer q = new StaticQuantizer(dynamic);
        System.out.printf(Locale.ROOT, "%d convolutions, %d ranged tensors%n", q.convs.size(), q.rangedTensors().size());
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        Map<String, float[]> ranges = new TreeMap<>();
        Path cache = Path.of(out + ".ranges");
        if (Files.isRegularFile(cache)) {
            for (String line : Files.readAllLines(cache)) {
                String[] f = line.split("\t");
                ranges.put(f[0], new float[] {Float.parseFloat(f[1]), Float.parseFloat(f[2])});
            }
            calibration = List.of();
        }
        try (OrtSession.SessionOptions so = options();
                OrtSession calib = env.createSession(q.calibration(), so)) {
            Set<String> outputs = new java.util.LinkedHashSet<>();
            for (String t : q.rangedTensors()) {
                outputs.add("calib_min/" + t);
                outputs.add("calib_max/" + t);
            }
            for (Path photo : calibration) {
                long t0 = System.nanoTime();
                try (OnnxTensor in = tensor(env, photo); OrtSession.Result r = calib.run(
                        Map.of(ModelSpec.INPUT_NAME, in), outputs)) {
                    for (String t : q.rangedTensors()) {
                        float min = scalar(r, "calib_min/" + t);
                        float max = scalar(r, "calib_max/" + t);
                        float[] range = ranges.computeIfAbsent(t, k -> new float[] {Float.MAX_VALUE, -Float.MAX_VALUE});
                        range[0] = Math.min(range[0], min);
                        range[1] = Math.max(range[1], max);
                    }
                }
                System.out.printf(Locale.ROOT, "calibrated on %s (%d ms)%n", photo.getFileName(),
                        (System.nanoTime() - t0) / 1_000_000);
            }
        }
        if (!calibration.isEmpty()) {
            StringBuilder sb = new StringBuilder();
            for (Map.Entry<String, float[]> e : ranges.entrySet()) {
                sb.append(e.getKey()).append('\t').append(e.getValue()[0]).append('\t').append(e.getValue()[1])
                        .append('\n');
            }
            Files.writeString(cache, sb);
        }
        byte[] model = q.convert(ranges, Integer.getInteger("limit", Integer.MAX_VALUE));
        Files.write(out, model);
        System.out.printf(Locale.ROOT, "wrote %s (%d bytes)%n", out, model.length);
        try (OrtSession.SessionOptions so = options();
                OrtSession a = env.createSession(dynamic, so);
                OrtSession b = env.createSession(model, so)) {
            long ta = 0;
            long tb = 0;
            double worst = 1;
            for (Path photo : check) {
                try (OnnxTensor in = tensor(env, photo)) {
                    long t0 = System.nanoTime();
                    float[] ma = mask(a, in);
                    long t1 = System.nanoTime();
                    float[] mb = mask(b, in);
                    long t2 = System.nanoTime();
                    ta += t1 - t0;
                    tb += t2 - t1;
                    double iou = IsnetFp32Test.iou(ma, mb);
                    worst = Math.min(worst, iou);
                    System.out.printf(Locale.ROOT, "%s: IoU %.5f, mean |diff| %.5f, max |diff| %.3f%n",
                            photo.getFileName(), iou, IsnetFp32Test.meanAbs(ma, mb), IsnetFp32Test.maxAbs(ma, mb));
                }
            }
            System.out.printf(Locale.ROOT, "worst IoU %.5f over %d photos; native ORT Java 2 threads, ms per run:"
                    + " dynamic %d, static %d%n", worst, check.size(), ta / 1_000_000 / check.size(),
                    tb / 1_000_000 / check.size());
        }
    }

    private static OrtSession.SessionOptions options() throws Exception {
        OrtSession.SessionOptions so = new OrtSession.SessionOptions();
        so.setIntraOpNumThreads(2);
        so.setInterOpNumThreads(1);
        return so;
    }

    private static float scalar(OrtSession.Result r, String name) throws Exception {
        OnnxValue v = r.get(name).orElseThrow();
        FloatBuffer fb = ((OnnxTensor) v).getFloatBuffer();
        return fb.get(0);
    }

    static float[] mask(OrtSession s, OnnxTensor in) throws Exception {
        try (OrtSession.Result r = s.run(Map.of(ModelSpec.INPUT_NAME, in), Set.of(ModelSpec.OUTPUT_NAME))) {
            FloatBuffer fb = ((OnnxTensor) r.get(ModelSpec.OUTPUT_NAME).orElseThrow()).getFloatBuffer();
            float[] m = new float[SIZE * SIZE];
            fb.get(m);
            return m;
        }
    }

    static OnnxTensor tensor(OrtEnvironment env, Path photo) throws Exception {
        BufferedImage image = ImageIO.read(photo.toFile());
        int w = image.getWidth();
        int h = image.getHeight();
        int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
        int[] rgba = new int[argb.length];
        for (int i = 0; i < argb.length; i++) {
            int p = argb[i];
            rgba[i] = RgbaImage.pack((p >>> 16) & 0xFF, (p >>> 8) & 0xFF, p & 0xFF, 255);
        }
        float[] input = new float[3 * SIZE * SIZE];
        Preprocessor.toModelInput(new RgbaImage(w, h, rgba), ModelSpec.SIZE, ModelSpec.SIZE, input);
        return OnnxTensor.createTensor(env, FloatBuffer.wrap(input), new long[] {1, 3, SIZE, SIZE});
    }

    static List<Path> photos(String dirs) throws IOException {
        List<Path> found = new ArrayList<>();
        for (String d : dirs.split(",")) {
            try (var files = Files.list(Path.of(d))) {
                files.filter(p -> {
                    String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
                    return (n.endsWith(".png") || n.endsWith(".jpg")) && !n.contains("matte");
                }).sorted().forEach(found::add);
            }
        }
        return found;
    }
}
