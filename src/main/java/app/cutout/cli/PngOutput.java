package app.cutout.cli;

import app.cutout.core.edit.Background;
import app.cutout.core.edit.Confidence;
import app.cutout.core.edit.Look;
import app.cutout.core.image.Intake;
import app.cutout.core.image.RgbaImage;
import app.cutout.core.pipeline.CutoutOutput;
import app.cutout.core.pipeline.Problem;
import app.cutout.core.pipeline.StageTimings;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * One cutout into a PNG file: the refined colours and alpha as 8-bit RGBA, not premultiplied. The file appears under
 * its name only once complete (written beside it under a temporary name, then moved).
 */
final class PngOutput implements CutoutOutput {
    /** The file could not be written. {0} its path, {1} the reason. */
    static final String WRITE_FAILED = "write-failed";

    private final Path target;
    private final Look look;
    private BufferedImage image;
    int width;
    int height;
    StageTimings timings;
    /** How sure the result is ({@code Confidence}): a doubtful one is named on the command line as in the queue. */
    Confidence.Report confidence;

    PngOutput(Path target) {
        this(target, new Look());
    }

    /** @param look a size preset, shadow and outline to lay the cutout out with, as the browser's export does */
    PngOutput(Path target, Look look) {
        this.target = target;
        this.look = look;
    }

    @Override
    public void render(RgbaImage finished) {
        RgbaImage cutout = finished;
        if (!look.isPlain()) {
            // The cutout's refined colours are the subject's; a preset's own background (the marketplace's white)
            // or none.
            byte[] alpha = new byte[finished.pixels.length];
            for (int i = 0; i < alpha.length; i++) {
                alpha[i] = (byte) (finished.pixels[i] >>> 24);
            }
            Background background = look.preset().background;
            cutout = Look.render(look.stage(finished, alpha, null),
                    longer -> background != null ? background : Background.transparent());
        }
        BufferedImage argb = new BufferedImage(cutout.width, cutout.height, BufferedImage.TYPE_INT_ARGB);
        int[] out = ((DataBufferInt) argb.getRaster().getDataBuffer()).getData();
        int[] in = cutout.pixels;
        for (int i = 0; i < in.length; i++) {
            int p = in[i];
            // a<<24|b<<16|g<<8|r → a<<24|r<<16|g<<8|b: swap red and blue.
            out[i] = (p & 0xFF00FF00) | ((p & 0xFF) << 16) | ((p >>> 16) & 0xFF);
        }
        image = argb;
    }

    @Override
    public void show(int width, int height, StageTimings soFar) {
        // Nothing to show on the command line; the file follows.
    }

    @Override
    public void save() {
        Path tmp = null;
        try {
            Path dir = target.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
            if (!javax.imageio.ImageIO.write(image, "png", tmp.toFile())) {
                throw new IOException("no PNG writer in this Java");
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            tmp = null;
        } catch (IOException | RuntimeException e) {
            throw new Problem(WRITE_FAILED, target, e.getMessage() == null ? e.getClass().getSimpleName()
                    : e.getMessage());
        } finally {
            image = null;
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // Best effort.
                }
            }
        }
    }

    @Override
    public void done(int width, int height, StageTimings timings, Intake.Plan input, Confidence.Report confidence) {
        this.width = width;
        this.height = height;
        this.timings = timings;
        this.confidence = confidence;
    }
}
