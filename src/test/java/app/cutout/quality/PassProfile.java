package app.cutout.quality;

import app.cutout.core.image.RgbaImage;
import app.cutout.core.model.ModelSpec;
import app.cutout.core.refine.EdgeRefiner;
import app.cutout.core.refine.PassLog;
import app.cutout.core.refine.RefineOptions;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The refinement's passes ({@link PassLog}) on the JVM on one real photo with ISNet's mask of it: median thread CPU
 * milliseconds (steadier than wall time on a shared machine) and megabytes freshly allocated per pass (the browser's
 * worker counts wall time only; the code is the same). Also says how many of the mask's values are subnormal.
 *
 * <pre>java -cp target/classes:target/test-classes:ONNXRUNTIME_JAR app.cutout.quality.PassProfile PHOTO [runs]</pre>
 */
public final class PassProfile {
    private PassProfile() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        BufferedImage photo = MatteFiles.read(file);
        int w = photo.getWidth();
        int h = photo.getHeight();
        int[] rgba = MatteFiles.packedRgba(photo);
        String name = file.getFileName().toString();
        float[] mask = IsnetJava.cachedMask(rgba, w, h, name);
        float smallest = 1f;
        int subnormal = 0;
        for (float v : mask) {
            if (v > 0f && v < smallest) {
                smallest = v;
            }
            if (v != 0f && Math.abs(v) < Float.MIN_NORMAL) {
                subnormal++;
            }
        }
        System.out.println(name + " " + w + "x" + h + ": " + subnormal + " subnormal mask values of " + mask.length
                + ", the smallest positive " + smallest);
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        Map<String, List<Double>> ms = new LinkedHashMap<>();
        Map<String, List<Double>> mb = new LinkedHashMap<>();
        for (int run = -3; run < runs; run++) {
            RgbaImage image = new RgbaImage(w, h, rgba.clone());
            PassLog log = new PassLog(() -> threads.getCurrentThreadCpuTime() / 1e6,
                    () -> threads.getThreadAllocatedBytes(id));
            EdgeRefiner.refine(mask, ModelSpec.SIZE, ModelSpec.SIZE, image, 1f, new RefineOptions(), log);
            if (run < 0) {
                continue; // warm-up: the JIT
            }
            log.millis().forEach((k, v) -> ms.computeIfAbsent(k, x -> new ArrayList<>()).add(v));
            log.megabytes().forEach((k, v) -> mb.computeIfAbsent(k, x -> new ArrayList<>()).add(v));
        }
        double total = 0;
        for (String pass : ms.keySet()) {
            double m = median(ms.get(pass));
            total += m;
            System.out.println(String.format(Locale.ROOT, "  %-12s %7.1f ms %7.1f MB", pass, m, median(mb.get(pass))));
        }
        System.out.println(String.format(Locale.ROOT, "  %-12s %7.1f ms", "sum", total));
    }

    private static double median(List<Double> v) {
        List<Double> s = new ArrayList<>(v);
        s.sort(null);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }
}
