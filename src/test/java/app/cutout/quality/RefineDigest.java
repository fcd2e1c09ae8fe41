package app.cutout.quality;

import app.cutout.core.image.RgbaImage;
import app.cutout.core.model.ModelSpec;
import app.cutout.core.refine.EdgeRefiner;
import app.cutout.core.refine.RefineOptions;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * One SHA-256 of the refined RGBA pixels per photo (default options, strength 1, ISNet's mask as in
 * {@link PassProfile}): a speed change to the refinement must print the same lines as the code before it.
 *
 * <pre>java -cp target/classes:target/test-classes:CLASSPATH app.cutout.quality.RefineDigest PHOTO_OR_DIR...</pre>
 *
 * A directory stands for its photos ({@code .jpg}, {@code .png}, not {@code .matte.png}), sorted by name.
 */
public final class RefineDigest {
    private RefineDigest() {
    }

    public static void main(String[] args) throws Exception {
        List<Path> photos = new ArrayList<>();
        for (String a : args) {
            Path p = Path.of(a);
            if (Files.isDirectory(p)) {
                photos.addAll(MatteFiles.photos(p));
            } else {
                photos.add(p);
            }
        }
        for (Path file : photos) {
            BufferedImage photo = MatteFiles.read(file);
            int w = photo.getWidth();
            int h = photo.getHeight();
            int[] rgba = MatteFiles.packedRgba(photo);
            String name = file.getFileName().toString();
            float[] mask = IsnetJava.cachedMask(rgba, w, h, name);
            RgbaImage image = new RgbaImage(w, h, rgba);
            EdgeRefiner.refine(mask, ModelSpec.SIZE, ModelSpec.SIZE, image, 1f, new RefineOptions());
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] bytes = new byte[4 * image.pixels.length];
            for (int i = 0, b = 0; i < image.pixels.length; i++, b += 4) {
                int p = image.pixels[i];
                bytes[b] = (byte) p;
                bytes[b + 1] = (byte) (p >>> 8);
                bytes[b + 2] = (byte) (p >>> 16);
                bytes[b + 3] = (byte) (p >>> 24);
            }
            sha.update(bytes);
            System.out.println(HexFormat.of().formatHex(sha.digest()) + "  " + name + " " + w + "x" + h);
        }
    }
}
