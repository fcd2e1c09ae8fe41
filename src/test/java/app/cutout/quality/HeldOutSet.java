package app.cutout.quality;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * A semi-synthetic held-out set for {@link ConfidenceEval}, derived from a ground-truth directory with exact truth:
 * for every photo, {@code NAME-crop} (its right 65 % and lower 80 %, so the subject is usually cut by the frame) and
 * {@code NAME-half} (both photo and matte averaged over 2x2 blocks: a smaller, softer image). Written as PNG to
 * {@code OUT_DIR}; nothing there may be committed when the source set may not.
 *
 * <pre>java -cp target/classes:target/test-classes app.cutout.quality.HeldOutSet SRC_DIR OUT_DIR</pre>
 */
public final class HeldOutSet {
    private HeldOutSet() {
    }

    public static void main(String[] args) throws IOException {
        Path src = Path.of(args[0]);
        Path out = Path.of(args[1]);
        Files.createDirectories(out);
        for (Path p : MaskCache.photos(src)) {
            String name = p.getFileName().toString().replaceAll("\\.[^.]+$", "");
            BufferedImage photo = MatteFiles.read(p);
            BufferedImage matte = MatteFiles.read(src.resolve(name + ".matte.png"));
            int w = photo.getWidth();
            int h = photo.getHeight();
            int x0 = (int) Math.round(w * 0.35);
            int y0 = (int) Math.round(h * 0.2);
            write(photo.getSubimage(x0, y0, w - x0, h - y0), out.resolve(name + "-crop.png"));
            write(matte.getSubimage(x0, y0, w - x0, h - y0), out.resolve(name + "-crop.matte.png"));
            write(half(photo, false), out.resolve(name + "-half.png"));
            write(half(matte, true), out.resolve(name + "-half.matte.png"));
        }
    }

    private static void write(BufferedImage image, Path file) throws IOException {
        BufferedImage copy = new BufferedImage(image.getWidth(), image.getHeight(), image.getType() == 0
                ? BufferedImage.TYPE_INT_RGB : image.getType());
        copy.getGraphics().drawImage(image, 0, 0, null);
        ImageIO.write(copy, "png", file.toFile());
    }

    private static BufferedImage half(BufferedImage image, boolean gray) {
        int w = image.getWidth() / 2;
        int h = image.getHeight() / 2;
        BufferedImage out = new BufferedImage(w, h, gray ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB);
        int bands = gray ? 1 : 3;
        int[] px = new int[4 * bands];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int[] v = new int[bands];
                image.getRaster().getPixels(2 * x, 2 * y, 2, 2, px);
                int step = image.getRaster().getNumBands();
                for (int b = 0; b < bands; b++) {
                    v[b] = (px[b] + px[step + b] + px[2 * step + b] + px[3 * step + b] + 2) / 4;
                }
                out.getRaster().setPixel(x, y, v);
            }
        }
        return out;
    }
}
