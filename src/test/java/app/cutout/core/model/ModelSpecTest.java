package app.cutout.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.cutout.core.files.SiteParts;
import org.junit.jupiter.api.Test;

class ModelSpecTest {
    @Test
    void eachModelIsServedInPartsThatCoverItExactlyAndFitA25MibLimit() {
        assertEquals(3, ModelSpec.QUINT8.parts());
        assertEquals(5, ModelSpec.FP16.parts());
        assertEquals("models/isnet-quint8.onnx.00", ModelSpec.QUINT8.partPath(0));
        assertEquals("models/isnet-fp16.onnx.04", ModelSpec.FP16.partPath(4));
        for (ModelSpec spec : ModelSpec.values()) {
            long next = 0;
            for (int i = 0; i < spec.parts(); i++) {
                assertEquals(next, spec.partOffset(i), spec + " part " + i);
                assertTrue(spec.partBytes(i) > 0 && spec.partBytes(i) <= SiteParts.PART_BYTES);
                assertTrue(spec.partBytes(i) < 25 << 20, "Cloudflare Pages serves files up to 25 MiB");
                next += spec.partBytes(i);
            }
            assertEquals(spec.bytes, next, spec + ": the parts add up to the file");
        }
        assertEquals(44_342_436L - 2L * SiteParts.PART_BYTES, ModelSpec.QUINT8.partBytes(2));
    }

    @Test
    void aPartOutsideTheModelIsRefused() {
        assertThrows(IndexOutOfBoundsException.class, () -> ModelSpec.QUINT8.partPath(3));
        assertThrows(IndexOutOfBoundsException.class, () -> ModelSpec.QUINT8.partBytes(-1));
    }
}
