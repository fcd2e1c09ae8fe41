package app.cutout.cli;

import app.cutout.e2e.JpegFiles;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import app.cutout.e2e.ProjectDirs;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * Real photos for the command's tests, without downloading anything: {@code .testdata/} (filled from Debian packages by
 * the browser tests: astronaut.png, messi5.jpg, chelsea.png), else the ground-truth photos at {@code ../shared/gt-dev}
 * (PNG; the JPEG is then encoded from one of them). A test is skipped when neither is there.
 */
final class SamplePhotos {
    private SamplePhotos() {
    }

    /** {@code models/isnet-quint8.onnx}; the test is skipped when the build has not assembled it. */
    static Path model() {
        Path model = ProjectDirs.root().resolve("models/isnet-quint8.onnx");
        assumeTrue(Files.isRegularFile(model), "no model at " + model + " (run the build first)");
        return model;
    }

    /** A real PNG photo. */
    static Path png() throws IOException {
        Path astronaut = ProjectDirs.testData().resolve("astronaut.png");
        return Files.isRegularFile(astronaut) ? astronaut : groundTruth().get(0);
    }

    /** A real PNG photo of another subject than {@link #png()}, for turning sideways. */
    static Path otherPng() throws IOException {
        Path chelsea = ProjectDirs.testData().resolve("chelsea.png");
        return Files.isRegularFile(chelsea) ? chelsea : groundTruth().get(1);
    }

    /** A real JPEG photo; copied into {@code dir} when it has to be made from a ground-truth PNG. */
    static Path jpeg(Path dir) throws IOException {
        Path messi = ProjectDirs.testData().resolve("messi5.jpg");
        if (Files.isRegularFile(messi)) {
            return messi;
        }
        Path made = dir.resolve("sample.jpg");
        Files.write(made, jpeg(ImageIO.read(groundTruth().get(1).toFile()), 0.9f));
        return made;
    }

    private static List<Path> groundTruth() throws IOException {
        Path dir = ProjectDirs.root().resolve("../shared/gt-dev").normalize();
        assumeTrue(Files.isDirectory(dir), "no sample photos: neither .testdata/ nor " + dir);
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> photos = files.filter(p -> p.toString().endsWith(".png") && !p.toString().endsWith(".matte.png"))
                    .sorted().collect(Collectors.toList());
            assumeTrue(photos.size() >= 2, "fewer than two photos in " + dir);
            return photos;
        }
    }
    static byte[] jpeg(BufferedImage image, float quality) throws IOException {
        return JpegFiles.jpeg(image, quality);
    }

    static byte[] withOrientation(byte[] jpeg, int orientation) {
        return JpegFiles.withOrientation(jpeg, orientation);
    }
}
