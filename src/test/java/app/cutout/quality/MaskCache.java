package app.cutout.quality;

import app.cutout.core.image.RgbaImage;
import app.cutout.core.model.ModelSpec;
import app.cutout.core.refine.EdgeRefiner;
import app.cutout.e2e.ProjectDirs;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The app's result mattes for a ground-truth directory ({@code NAME.png|jpg} + {@code NAME.matte.png}), with ISNet's
 * raw 1024x1024 masks cached under {@code target/mask-cache/DIRNAME/} so the model runs once per photo.
 */
final class MaskCache {
    private MaskCache() {
    }

    /** One photo of a set: its truth and the app's result (edge refinement at the default strength 1). */
    record Sample(String name, int width, int height, byte[] truth, byte[] alpha) {
    }

    static List<Path> photos(Path dir) throws IOException {
        List<Path> images = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(p -> p.toString().matches(".*\\.(jpg|png)") && !p.toString().endsWith(".matte.png"))
                    .sorted().forEach(images::add);
        }
        return images;
    }

    static Sample load(Path dir, Path file) throws IOException {
        String name = file.getFileName().toString().replaceAll("\\.[^.]+$", "");
        BufferedImage photo = MatteFiles.read(file);
        byte[] truth = MatteFiles.grayBytes(MatteFiles.read(dir.resolve(name + ".matte.png")));
        int w = photo.getWidth();
        int h = photo.getHeight();
        int[] rgba = MatteFiles.packedRgba(photo);
        Path cache = ProjectDirs.root().resolve("target/mask-cache").resolve(dir.getFileName().toString())
                .resolve(name + ".f32");
        float[] mask = IsnetJava.mask(rgba, w, h, IsnetJava.defaultModel(), cache);
        RgbaImage image = new RgbaImage(w, h, rgba);
        EdgeRefiner.refine(mask, ModelSpec.SIZE, ModelSpec.SIZE, image, 1f);
        byte[] alpha = new byte[w * h];
        for (int i = 0; i < alpha.length; i++) {
            alpha[i] = (byte) (image.pixels[i] >>> 24);
        }
        return new Sample(name, w, h, truth, alpha);
    }

    /** Fills the cache: {@code java ... MaskCache DIR...}. */
    public static void main(String[] args) throws IOException {
        for (String d : args) {
            Path dir = Path.of(d);
            for (Path p : photos(dir)) {
                long t = System.nanoTime();
                Sample s = load(dir, p);
                System.out.println(s.name() + " " + (System.nanoTime() - t) / 1000000 + " ms");
            }
        }
    }
}
