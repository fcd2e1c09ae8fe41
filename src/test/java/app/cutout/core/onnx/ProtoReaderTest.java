package app.cutout.core.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ProtoReaderTest {
    @Test
    void readsEveryWireType() {
        byte[] b = new ProtoWriter().varint(1, 0).varint(2, 300).varint(3, -1).varint(536870911, Long.MAX_VALUE)
                .fixed32(5, 0xDEADBEEF).fixed64(6, 0x0102030405060708L).string(7, "héllo ✓")
                .message(8, new ProtoWriter().varint(1, 7)).toByteArray();
        ProtoReader r = new ProtoReader(b);
        assertTrue(r.next());
        assertEquals(1, r.field());
        assertEquals(ProtoReader.VARINT, r.wireType());
        assertEquals(0, r.varint());
        assertTrue(r.next());
        assertEquals(300, r.varint());
        assertEquals(2, r.valueEnd() - r.valueStart());
        assertTrue(r.next());
        assertEquals(-1, r.varint());
        assertEquals(10, r.valueEnd() - r.valueStart());
        assertTrue(r.next());
        assertEquals(536870911, r.field());
        assertEquals(Long.MAX_VALUE, r.varint());
        assertEquals(5, r.tagEnd() - r.fieldStart());
        assertTrue(r.next());
        assertEquals(ProtoReader.FIXED32, r.wireType());
        assertEquals(0xDEADBEEFL, r.fixed());
        assertTrue(r.next());
        assertEquals(ProtoReader.FIXED64, r.wireType());
        assertEquals(0x0102030405060708L, r.fixed());
        assertTrue(r.next());
        assertEquals(ProtoReader.LEN, r.wireType());
        assertEquals("héllo ✓", r.string());
        assertFalse(r.valueEquals("hello"));
        ProtoReader ahead = r.copy();
        assertTrue(r.next());
        ProtoReader inner = r.message();
        assertTrue(inner.next());
        assertEquals(7, inner.varint());
        assertFalse(inner.next());
        assertFalse(r.next());
        assertTrue(ahead.next());
        assertEquals(8, ahead.field());
        assertEquals(b.length, ahead.valueEnd());
    }

    @Test
    void matchesAsciiNames() {
        ProtoReader r = new ProtoReader(new ProtoWriter().string(4, "Cast").toByteArray());
        r.next();
        assertTrue(r.valueEquals("Cast"));
        assertFalse(r.valueEquals("CastLike"));
        assertFalse(r.valueEquals("cast"));
    }

    @Test
    void refusesBrokenInput() {
        assertThrows(IllegalArgumentException.class, () -> new ProtoReader(new byte[] {8}).next());
        assertThrows(IllegalArgumentException.class, () -> new ProtoReader(new byte[] {8, (byte) 0x80}).next());
        assertThrows(IllegalArgumentException.class, () -> new ProtoReader(new byte[] {13, 1, 2}).next());
        assertThrows(IllegalArgumentException.class, () -> new ProtoReader(new byte[] {18, 5, 1}).next());
        assertThrows(IllegalArgumentException.class, () -> new ProtoReader(new byte[] {11}).next());
        byte[] tooLong = new byte[12];
        tooLong[0] = 8;
        java.util.Arrays.fill(tooLong, 1, 12, (byte) 0x80);
        assertThrows(IllegalArgumentException.class, () -> new ProtoReader(tooLong).next());
        assertThrows(IllegalArgumentException.class, () -> new ProtoReader(new byte[2], 1, 3));
    }
}
