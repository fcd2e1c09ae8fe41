package app.cutout.e2e;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Keeps what the browser produced under target/e2e/, so a failed comparison can be looked at afterwards. */
final class Artifacts {
    private Artifacts() {
    }

    static Path save(String name, BufferedImage image) {
        Path file = ProjectDirs.root().resolve("target/e2e").resolve(name);
        try {
            Files.createDirectories(file.getParent());
            ImageIO.write(image, "png", file.toFile());
            System.out.println("saved " + file);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
