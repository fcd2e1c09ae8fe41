package app.cutout.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.cutout.core.model.ModelSpec;
import app.cutout.core.pipeline.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --models} may name a built site's {@code models/} folder, which holds the models only in parts. */
class ModelFilesTest {
    private static final ModelSpec SPEC = ModelSpec.QUINT8;

    @TempDir
    Path site;

    @Test
    void aModelIsReadFromASitesPartsAndCheckedWhole() throws IOException {
        byte[] whole = Files.readAllBytes(SamplePhotos.model());
        for (int i = 0; i < SPEC.parts(); i++) {
            int from = (int) SPEC.partOffset(i);
            Files.write(part(i), Arrays.copyOfRange(whole, from, from + SPEC.partBytes(i)));
        }
        ModelFiles files = new ModelFiles(site);
        assertTrue(files.stored(SPEC));
        assertEquals(SPEC.parts(), files.files(SPEC).size());
        assertArrayEquals(whole, files.load(SPEC, (s, d, t) -> { }));

        byte[] last = Files.readAllBytes(part(2));
        last[last.length / 2] ^= 1;
        Files.write(part(2), last);
        Problem corrupt = assertThrows(Problem.class, () -> files.load(SPEC, (s, d, t) -> { }));
        assertEquals(Problem.MODEL_CORRUPT, corrupt.code);

        Files.delete(part(1));
        assertFalse(files.stored(SPEC));
        Problem missing = assertThrows(Problem.class, () -> files.load(SPEC, (s, d, t) -> { }));
        assertEquals(Problem.MODEL_MISSING, missing.code);
        assertTrue(missing.args[1].toString().endsWith("isnet-quint8.onnx.01"), missing.args[1].toString());
    }

    private Path part(int index) {
        return site.resolve(Path.of(SPEC.partPath(index)).getFileName().toString());
    }
}
