package app.cutout.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** The sample photos arrive from Debian packages, decode, and have the sizes the tests assume. */
class TestImagesIT {
    @Test
    void photosAreFetchedOnceAndDecode() throws Exception {
        // Several threads at once must share one download and all see complete files.
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            Callable<Path> astronaut = TestImages::astronaut;
            Future<Path> a = pool.submit(astronaut);
            Future<Path> b = pool.submit(astronaut);
            Future<Path> c = pool.submit((Callable<Path>) TestImages::plant);
            assertEquals(a.get(), b.get());
            assertDimensions(a.get(), 512, 512);
            assertNotNull(c.get());
        } finally {
            pool.shutdownNow();
        }
        assertDimensions(TestImages.chelsea(), 451, 300);
        assertDimensions(TestImages.coffee(), 600, 400);
        assertDimensions(TestImages.messi(), 548, 342);
        assertNotNull(ImageIO.read(TestImages.squirrel().toFile()), "squirrel does not decode");
        BufferedImage plant = ImageIO.read(TestImages.plant().toFile());
        BufferedImage matte = ImageIO.read(TestImages.plantMatte().toFile());
        assertEquals(plant.getWidth(), matte.getWidth(), "matte width");
        assertEquals(plant.getHeight(), matte.getHeight(), "matte height");
    }

    @Test
    void badInputsAreWhatTheirNamesPretend() throws IOException {
        Path notes = TestImages.notesPng();
        assertTrue(notes.getFileName().toString().equals("notes.png") && Files.size(notes) > 0);
        assertNull(ImageIO.read(notes.toFile()), "notes.png must not be an image");
        Path empty = TestImages.emptyJpg();
        assertEquals("empty.jpg", empty.getFileName().toString());
        assertEquals(0, Files.size(empty));
    }

    private static void assertDimensions(Path file, int width, int height) throws IOException {
        BufferedImage image = ImageIO.read(file.toFile());
        assertNotNull(image, file + " does not decode");
        assertEquals(width + "x" + height, image.getWidth() + "x" + image.getHeight(), file.toString());
    }
}
