package app.cutout.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.cutout.core.files.SiteParts;
import app.cutout.core.model.ModelSpec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SplitFilesTest {
    @TempDir
    Path models;
    @TempDir
    Path ortDist;
    @TempDir
    Path site;
    private byte[] quint8;
    private byte[] fp16;
    private byte[] ortWasm;

    /** Files of the exact sizes with different bytes everywhere, so a misplaced byte shows. */
    private static byte[] random(long bytes, long seed) {
        byte[] out = new byte[(int) bytes];
        new Random(seed).nextBytes(out);
        return out;
    }

    @BeforeEach
    void files() throws IOException {
        quint8 = random(ModelSpec.QUINT8.bytes, 1);
        fp16 = random(ModelSpec.FP16.bytes, 2);
        ortWasm = random(SiteParts.ORT_WEBGPU_WASM_BYTES, 3);
        Files.write(models.resolve("isnet-quint8.onnx"), quint8);
        Files.write(models.resolve("isnet-fp16.onnx"), fp16);
        Files.write(ortDist.resolve("ort-wasm-simd-threaded.asyncify.wasm"), ortWasm);
    }

    @Test
    void partsJoinedGiveTheFilesBackAndNothingLargerIsServed() throws IOException {
        // What an earlier build left: whole files, and a part that no file has.
        Files.createDirectories(site.resolve("models"));
        Files.createDirectories(site.resolve("ort"));
        Files.write(site.resolve("models/isnet-quint8.onnx"), quint8);
        Files.write(site.resolve("models/isnet-quint8.onnx.07"), new byte[] {1});
        Files.write(site.resolve(SiteParts.ORT_WEBGPU_WASM), ortWasm);
        Files.writeString(site.resolve("models/README.md"), "kept");
        Files.writeString(site.resolve("ort/ort-wasm-simd-threaded.mjs"), "kept");

        List<Path> written = SplitFiles.write(models, ortDist, site);

        assertEquals(3 + 5 + 2, written.size(), "3 parts of the 8-bit model, 5 of the fp16 one, 2 of ONNX "
                + "Runtime's: " + written);
        assertArrayEquals(quint8, joined(ModelSpec.QUINT8.path, ModelSpec.QUINT8.bytes));
        assertArrayEquals(fp16, joined(ModelSpec.FP16.path, ModelSpec.FP16.bytes));
        assertArrayEquals(ortWasm, joined(SiteParts.ORT_WEBGPU_WASM, SiteParts.ORT_WEBGPU_WASM_BYTES));
        assertFalse(Files.exists(site.resolve("models/isnet-quint8.onnx")), "whole files are not served");
        assertFalse(Files.exists(site.resolve(SiteParts.ORT_WEBGPU_WASM)));
        assertFalse(Files.exists(site.resolve("models/isnet-quint8.onnx.07")));
        assertTrue(Files.exists(site.resolve("models/README.md")));
        assertTrue(Files.exists(site.resolve("ort/ort-wasm-simd-threaded.mjs")));
        try (Stream<Path> files = Files.walk(site)) {
            assertTrue(files.allMatch(f -> f.toFile().length() <= SiteParts.PART_BYTES));
        }

        assertEquals(List.of(), SplitFiles.write(models, ortDist, site), "parts of the same file are kept");
        Files.delete(site.resolve("models/isnet-fp16.onnx.02"));
        assertEquals(List.of(site.resolve("models/isnet-fp16.onnx.02")), SplitFiles.write(models, ortDist, site));
        assertArrayEquals(fp16, joined(ModelSpec.FP16.path, ModelSpec.FP16.bytes));
    }

    @Test
    void aFileOfTheWrongSizeStopsTheBuild() throws IOException {
        Files.write(models.resolve("isnet-quint8.onnx"), new byte[100]);
        IOException e = assertThrows(IOException.class, () -> SplitFiles.write(models, ortDist, site));
        assertTrue(e.getMessage().contains("100 bytes, not the 44342436 of the 8-bit model"), e.getMessage());
        Files.write(models.resolve("isnet-quint8.onnx"), quint8);
        Files.write(ortDist.resolve("ort-wasm-simd-threaded.asyncify.wasm"), new byte[7]);
        e = assertThrows(IOException.class, () -> SplitFiles.write(models, ortDist, site));
        assertTrue(e.getMessage().contains("SiteParts.ORT_WEBGPU_WASM_BYTES"), e.getMessage());
    }

    private byte[] joined(String path, long bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < SiteParts.count(bytes); i++) {
            out.write(Files.readAllBytes(site.resolve(SiteParts.path(path, bytes, i))));
        }
        return out.toByteArray();
    }
}
