package app.cutout.core.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;

/**
 * ISNet at the photo's aspect ratio (long side 1024, short side a multiple of 64, {@link AnySize}) against the square
 * 1024² input, raw masks scored against true mattes (bench/README.md, "Input at the photo's aspect ratio").
 * <pre>
 * java -Xss64m -cp target/classes:target/test-classes:DEPS app.cutout.core.onnx.AspectProbe MODEL PHOTO...
 *     (MODEL: isnet-quint8.onnx, or isnet-fp16.onnx, widened to fp32 first; NAME.matte.png beside a photo is its truth)
 * ... AspectProbe --time MODEL      native inference at 1024², 1024x768, 1024x640, 1024x512
 * ... AspectProbe --resize MODEL    the first Resize nodes and where their sizes come from
 * </pre>
 */
final class AspectProbe {
    static final Map<String, OrtSession> SESSIONS = new HashMap<>();

    static float[] run(byte[] model, float[] input, int h, int w) throws Exception {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        String key = h == 1024 && w == 1024 ? "square" : "free";
        OrtSession s = SESSIONS.get(key);
        if (s == null) {
            OrtSession.SessionOptions so = new OrtSession.SessionOptions();
            so.setIntraOpNumThreads(2);
            s = env.createSession(h == 1024 && w == 1024 ? model : AnySize.apply(model), so);
            SESSIONS.put(key, s);
        }
        try (OnnxTensor in = OnnxTensor.createTensor(env, FloatBuffer.wrap(input), new long[] {1, 3, h, w});
                OrtSession.Result r = s.run(Map.of("input", in), Set.of("output"))) {
            FloatBuffer fb = ((OnnxTensor) r.get("output").orElseThrow()).getFloatBuffer();
            float[] m = new float[h * w];
            fb.get(m);
            return m;
        }
    }

    /** PyTorch bilinear, align_corners=False, planar RGB normalised (v/255 - 0.5). */
    static float[] input(BufferedImage img, int h, int w) {
        int iw = img.getWidth(), ih = img.getHeight();
        int[] px = img.getRGB(0, 0, iw, ih, null, 0, iw);
        float[] out = new float[3 * h * w];
        for (int y = 0; y < h; y++) {
            double sy = Math.max(0, (y + 0.5) * ih / h - 0.5);
            int y0 = Math.min((int) sy, ih - 1), y1 = Math.min(y0 + 1, ih - 1);
            double fy = sy - y0;
            for (int x = 0; x < w; x++) {
                double sx = Math.max(0, (x + 0.5) * iw / w - 0.5);
                int x0 = Math.min((int) sx, iw - 1), x1 = Math.min(x0 + 1, iw - 1);
                double fx = sx - x0;
                for (int c = 0; c < 3; c++) {
                    int sh = 16 - 8 * c;
                    double v = (1 - fy) * ((1 - fx) * (px[y0 * iw + x0] >> sh & 255) + fx * (px[y0 * iw + x1] >> sh & 255))
                            + fy * ((1 - fx) * (px[y1 * iw + x0] >> sh & 255) + fx * (px[y1 * iw + x1] >> sh & 255));
                    out[c * h * w + y * w + x] = (float) (v / 255.0 - 0.5);
                }
            }
        }
        return out;
    }

    static float[] up(float[] m, int h, int w, int oh, int ow) {
        float[] out = new float[oh * ow];
        for (int y = 0; y < oh; y++) {
            double sy = Math.max(0, (y + 0.5) * h / oh - 0.5);
            int y0 = Math.min((int) sy, h - 1), y1 = Math.min(y0 + 1, h - 1);
            double fy = sy - y0;
            for (int x = 0; x < ow; x++) {
                double sx = Math.max(0, (x + 0.5) * w / ow - 0.5);
                int x0 = Math.min((int) sx, w - 1), x1 = Math.min(x0 + 1, w - 1);
                double fx = sx - x0;
                out[y * ow + x] = (float) ((1 - fy) * ((1 - fx) * m[y0 * w + x0] + fx * m[y0 * w + x1])
                        + fy * ((1 - fx) * m[y1 * w + x0] + fx * m[y1 * w + x1]));
            }
        }
        return out;
    }

    static int round64(double v) {
        return Math.max(64, (int) Math.round(v / 64) * 64);
    }

    public static void main(String[] a) throws Exception {
        if (a[0].equals("--resize")) {
            OnnxGraph g = new OnnxGraph(Files.readAllBytes(Path.of(a[1])));
            int k = 0;
            for (OnnxGraph.Node n : g.nodes) {
                if (n.op.equals("Resize") && k++ < 3) {
                    System.out.println(n);
                    for (String in : n.inputs) {
                        OnnxGraph.Init t = g.inits.get(in);
                        System.out.println("  " + in + " init=" + (t == null ? null : java.util.Arrays.toString(t.dims) + " type " + t.type + " raw " + t.rawLength) + " producer=" + g.producer.get(in));
                    }
                }
            }
            return;
        }
        if (a[0].equals("--time")) {
            byte[] model = Files.readAllBytes(Path.of(a[1]));
            int[][] shapes = {{1024, 1024}, {768, 1024}, {640, 1024}, {512, 1024}};
            for (int[] sh : shapes) run(model, new float[3 * sh[0] * sh[1]], sh[0], sh[1]);
            for (int round = 0; round < 4; round++) {
                StringBuilder sb = new StringBuilder();
                for (int[] sh : shapes) {
                    float[] in = new float[3 * sh[0] * sh[1]];
                    java.util.Random r = new java.util.Random(round);
                    for (int i = 0; i < in.length; i++) in[i] = r.nextFloat() - 0.5f;
                    long t = System.nanoTime();
                    run(model, in, sh[0], sh[1]);
                    sb.append(sh[0]).append('x').append(sh[1]).append(' ').append((System.nanoTime() - t) / 1000000).append(" ms  ");
                }
                System.out.println(sb);
            }
            return;
        }
        byte[] model = Files.readAllBytes(Path.of(a[0]));
        if (a[0].contains("fp16")) {
            model = Fp16ToFp32.convert(model);
        }
        double[] tot = new double[8];
        int n = 0;
        for (int i = 1; i < a.length; i++) {
            Path photo = Path.of(a[i]);
            String name = photo.getFileName().toString().replaceAll("\\.(png|jpg)$", "");
            BufferedImage img = ImageIO.read(photo.toFile());
            Path mp = photo.resolveSibling(name + ".matte.png");
            BufferedImage gt = Files.exists(mp) ? ImageIO.read(mp.toFile()) : null;
            int iw = img.getWidth(), ih = img.getHeight();
            int mh, mw;
            if (iw >= ih) { mw = 1024; mh = round64(1024.0 * ih / iw); } else { mh = 1024; mw = round64(1024.0 * iw / ih); }
            long t0 = System.nanoTime();
            float[] sq = up(run(model, input(img, 1024, 1024), 1024, 1024), 1024, 1024, ih, iw);
            long t1 = System.nanoTime();
            float[] as = up(run(model, input(img, mh, mw), mh, mw), mh, mw, ih, iw);
            long t2 = System.nanoTime();
            // IoU between the two, MAE vs GT
            int inter = 0, uni = 0;
            double maeS = 0, maeA = 0, diff = 0; int iS = 0, uS = 0, iA = 0, uA = 0;
            for (int p = 0; p < sq.length; p++) {
                boolean s = sq[p] >= 0.5f, q = as[p] >= 0.5f;
                if (s && q) inter++;
                if (s || q) uni++;
                diff += Math.abs(sq[p] - as[p]);
                if (gt != null) {
                    int x = p % iw, y = p / iw;
                    double g = (gt.getRGB(x, y) & 255) / 255.0;
                    maeS += Math.abs(sq[p] - g);
                    maeA += Math.abs(as[p] - g);
                    boolean gg = g >= 0.5;
                    if (s && gg) iS++; if (s || gg) uS++;
                    if (q && gg) iA++; if (q || gg) uA++;
                }
            }
            int np = sq.length;
            System.out.printf("%-22s %4dx%-4d model %4dx%-4d IoU(sq,as)=%.4f meanDiff=%.4f | GT mae sq %.4f as %.4f  IoU sq %.4f as %.4f | ms %d %d%n",
                    name, iw, ih, mw, mh, inter / (double) uni, diff / np, maeS / np, maeA / np,
                    gt == null ? 0 : iS / (double) uS, gt == null ? 0 : iA / (double) uA, (t1 - t0) / 1000000, (t2 - t1) / 1000000);
            if (gt != null) { tot[0] += maeS / np; tot[1] += maeA / np; tot[2] += iS / (double) uS; tot[3] += iA / (double) uA; n++; }
        }
        if (n > 0) System.out.printf("MEAN over %d: mae sq %.4f as %.4f  IoU sq %.4f as %.4f%n", n, tot[0] / n, tot[1] / n, tot[2] / n, tot[3] / n);
    }
}
