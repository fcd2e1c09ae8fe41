package app.cutout.core.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Hand-built models: each is written twice with the same code, once in float16 and once as the converter should
 * write it in float32, and the conversion of the first must equal the second byte for byte. Things that must not
 * change (other types, other ops' attributes, unknown fields) are the same in both.
 */
class Fp16ToFp32Test {
    private static final int FLOAT = 1;
    private static final int FLOAT16 = 10;
    private static final int INT64 = 7;

    /** Special halves first: zeros, subnormals, the smallest normal, one, max, infinities, quiet and signalling NaN. */
    private static final int[] SPECIAL = {0x0000, 0x8000, 0x0001, 0x8001, 0x03FF, 0x0400, 0x3C00, 0xC000, 0x7BFF,
        0xFBFF, 0x7C00, 0xFC00, 0x7E00, 0xFE01, 0x7C01, 0x3555};

    private static int[] halves(int n, long seed) {
        int[] h = new int[n];
        Random random = new Random(seed);
        for (int i = 0; i < n; i++) {
            h[i] = i < SPECIAL.length ? SPECIAL[i] : random.nextInt(65536);
        }
        return h;
    }

    private static byte[] halfBytes(int[] h) {
        byte[] b = new byte[2 * h.length];
        for (int i = 0; i < h.length; i++) {
            b[2 * i] = (byte) h[i];
            b[2 * i + 1] = (byte) (h[i] >>> 8);
        }
        return b;
    }

    private static float[] floats(int[] h) {
        float[] f = new float[h.length];
        for (int i = 0; i < h.length; i++) {
            f[i] = Float.intBitsToFloat(Fp16.toFloatBits(h[i]));
        }
        return f;
    }

    private static byte[] floatBytes(int[] h) {
        byte[] b = new byte[4 * h.length];
        for (int i = 0; i < h.length; i++) {
            int bits = Fp16.toFloatBits(h[i]);
            for (int k = 0; k < 4; k++) {
                b[4 * i + k] = (byte) (bits >>> (8 * k));
            }
        }
        return b;
    }

    private static int type(boolean half) {
        return half ? FLOAT16 : FLOAT;
    }

    /** A TensorProto with raw_data, fields in the order exporters write them (dims, data_type, name, raw_data). */
    private static ProtoWriter rawTensor(String name, boolean half, int[] values, long... dims) {
        ProtoWriter t = new ProtoWriter();
        for (long d : dims) {
            t.varint(1, d);
        }
        return t.varint(2, type(half)).string(8, name).bytes(9, half ? halfBytes(values) : floatBytes(values));
    }

    private static ProtoWriter valueInfo(String name, int elemType, long... dims) {
        ProtoWriter shape = new ProtoWriter();
        for (long d : dims) {
            shape.message(1, new ProtoWriter().varint(1, d));
        }
        return new ProtoWriter().string(1, name)
                .message(2, new ProtoWriter().message(1, new ProtoWriter().varint(1, elemType).message(2, shape)));
    }

    private static ProtoWriter attrInt(String name, long value) {
        return new ProtoWriter().string(1, name).varint(3, value).varint(20, 2);
    }

    private static ProtoWriter attrTensor(String name, ProtoWriter tensor) {
        return new ProtoWriter().string(1, name).message(5, tensor).varint(20, 4);
    }

    private static ProtoWriter node(String op, String domain, String in, String out, ProtoWriter... attributes) {
        ProtoWriter n = new ProtoWriter().string(1, in).string(2, out).string(3, op + "_" + out).string(4, op);
        if (domain != null) {
            n.string(7, domain);
        }
        for (ProtoWriter a : attributes) {
            n.message(5, a);
        }
        return n;
    }

    /** The then-branch of an If: its own float16 initialiser, a Cast to float16 and a float16 output. */
    private static ProtoWriter subgraph(boolean half) {
        return new ProtoWriter()
                .message(1, node("Cast", "", "x", "y", attrInt("to", type(half))))
                .string(2, "then")
                .message(5, rawTensor("sub_w", half, halves(5, 7), 5))
                .message(12, valueInfo("y", type(half), 5));
    }

    private static ProtoWriter graph(boolean half) {
        int t = type(half);
        ProtoWriter g = new ProtoWriter();
        g.message(1, node("Constant", null, "", "c0", attrTensor("value", rawTensor("", half, halves(3, 1), 3))));
        g.message(1, node("Cast", "", "input", "x16", attrInt("to", t), attrInt("saturate", 1)));
        g.message(1, node("Cast", "ai.onnx", "input", "x16b", attrInt("to", t)));
        g.message(1, node("Cast", "", "x16", "x32", attrInt("to", FLOAT)));
        g.message(1, node("CastLike", "", "x16", "x16c"));
        // Not the standard Cast, not a type attribute: untouched.
        g.message(1, node("Cast", "com.example", "x16", "e", attrInt("to", FLOAT16)));
        g.message(1, node("Foo", "", "x16", "f", attrInt("to", FLOAT16), attrInt("dtype", FLOAT16)));
        g.message(1, node("Cast", "", "x16", "g", attrInt("dtype", FLOAT16)));
        g.message(1, node("EyeLike", "", "x16", "eye", attrInt("dtype", t), attrInt("k", FLOAT16)));
        g.message(1, node("RandomNormal", "", "", "rn", attrInt("dtype", t),
                new ProtoWriter().string(1, "seed").fixed32(2, Float.floatToRawIntBits(3f)).varint(20, 1)));
        g.message(1, node("If", "", "cond", "ifo", new ProtoWriter().string(1, "then_branch").message(6, subgraph(half))
                .varint(20, 5)));
        g.message(1, node("Bar", "custom", "", "bar",
                new ProtoWriter().string(1, "ts").message(10, rawTensor("t0", half, halves(2, 2), 2))
                        .message(10, rawTensor("t1", half, halves(4, 3), 2, 2)).varint(20, 9),
                new ProtoWriter().string(1, "tp").message(14, new ProtoWriter().message(1, new ProtoWriter().varint(1, t))).varint(20, 13)));
        g.string(2, "main");
        // 50 halves: raw_data grows from 100 to 200 bytes, so its length prefix grows from one byte to two.
        g.message(5, rawTensor("w50", half, halves(50, 4), 5, 10));
        g.message(5, rawTensor("w5000", half, halves(5000, 5), 5000));
        g.message(5, new ProtoWriter().varint(1, 2).varint(2, FLOAT).string(8, "f32").packedFloats(4, 1.5f, -2f));
        g.message(5, new ProtoWriter().varint(1, 2).varint(2, INT64).string(8, "i64").packedVarints(7, 3, -1));
        // int32_data, packed: one half in each int32 (a negative int32 when sign-extended, as some writers do).
        int[] packed = {0x3C00, 0xBC00, 0x0001, 0x7C00};
        ProtoWriter p = new ProtoWriter().varint(1, 4).varint(2, t);
        if (half) {
            p.packedVarints(5, 0x3C00, (short) 0xBC00, 0x0001, 0x7C00);
        } else {
            p.packedFloats(4, floats(packed));
        }
        g.message(5, p.string(8, "packed"));
        // int32_data unpacked, split around another field: one float_data where the first entry was.
        ProtoWriter u = new ProtoWriter().varint(1, 3).varint(2, t);
        if (half) {
            u.varint(5, 0x4000).string(8, "unpacked").packedVarints(5, 0x4200, 0x4400);
        } else {
            u.packedFloats(4, 2f, 3f, 4f).string(8, "unpacked");
        }
        g.message(5, u);
        // Empty float16 tensor: only the type changes.
        g.message(5, new ProtoWriter().varint(1, 0).varint(2, t).string(8, "empty"));
        g.message(15, new ProtoWriter().message(1, rawTensor("sv", half, halves(3, 6), 3))
                .message(2, new ProtoWriter().varint(1, 3).varint(2, INT64).packedVarints(7, 0, 5, 9))
                .varint(3, 10));
        g.string(10, "doc");
        g.message(11, valueInfo("input", FLOAT, 1, 3));
        g.message(11, valueInfo("input16", t, 1, 3));
        g.message(11, valueInfo("ids", INT64, 7));
        g.message(12, valueInfo("x32", FLOAT, 1, 3));
        g.message(12, valueInfo("x16", t, 1, 3));
        ProtoWriter tensorType = new ProtoWriter().message(1, new ProtoWriter().varint(1, t));
        g.message(13, new ProtoWriter().string(1, "seq").message(2, new ProtoWriter().message(4, new ProtoWriter().message(1, tensorType))));
        g.message(13, new ProtoWriter().string(1, "map").message(2, new ProtoWriter().message(5,
                new ProtoWriter().varint(1, INT64).message(2, tensorType))));
        g.message(13, new ProtoWriter().string(1, "opt").message(2, new ProtoWriter().message(9,
                new ProtoWriter().message(1, new ProtoWriter().message(8, new ProtoWriter().varint(1, t))))));
        g.message(13, valueInfo("c0", t, 3).string(3, "value doc"));
        // Unknown fields of every wire type.
        g.varint(90, FLOAT16).bytes(91, new byte[] {10, 2, 8, 10}).fixed32(92, FLOAT16);
        g.fixed64(93, 0x0102030405060708L);
        return g;
    }

    private static ProtoWriter function(boolean half) {
        return new ProtoWriter().string(1, "F").string(4, "a").string(5, "b")
                .message(7, node("Cast", "", "a", "b", attrInt("to", type(half))))
                .message(9, new ProtoWriter().string(1, "").varint(2, 15))
                .string(10, "local")
                .message(11, attrTensor("default", rawTensor("d", half, halves(2, 8), 2)))
                .message(12, valueInfo("b", type(half), 2));
    }

    private static byte[] model(boolean half) {
        return new ProtoWriter()
                .varint(1, 8)
                .message(8, new ProtoWriter().string(1, "").varint(2, 15))
                .string(2, "hand")
                .message(7, graph(half))
                .message(14, new ProtoWriter().string(1, "key").string(2, "value"))
                .message(20, new ProtoWriter().message(1, new ProtoWriter().message(5, rawTensor("init", half, halves(4, 9), 4))))
                .message(25, function(half))
                .varint(99, FLOAT16)
                .toByteArray();
    }

    @Test
    void convertsEveryFloat16AndNothingElse() {
        byte[] half = model(true);
        byte[] expected = model(false);
        Fp16ToFp32.Counts counts = new Fp16ToFp32.Counts();
        byte[] converted = Fp16ToFp32.convert(half, counts);
        assertArrayEquals(expected, converted);
        assertEquals(expected.length, counts.outputBytes);
        // Tensors: Constant, 2 in the attribute list, subgraph, 5 initialisers, sparse values, training, function.
        assertEquals(12, counts.tensors);
        assertEquals(3 + 2 + 4 + 5 + 50 + 5000 + 4 + 3 + 3 + 4 + 2, counts.elements);
        // Cast x2, EyeLike, RandomNormal, subgraph Cast, function Cast.
        assertEquals(6, counts.typeAttributes);
        // tp attribute, subgraph output, input16, x16, seq, map, opt, c0, function value_info.
        assertEquals(9, counts.valueTypes);
    }

    @Test
    void theInspectorSeesNoFloat16Left() {
        OnnxInspector.Report before = OnnxInspector.inspect(model(true));
        OnnxInspector.Report after = OnnxInspector.inspect(Fp16ToFp32.convert(model(true)));
        assertFalse(before.float16.isEmpty());
        assertTrue(after.float16.isEmpty(), after.float16::toString);
        // The untouched look-alikes are still there.
        assertEquals(1, after.typeAttributes.get("Foo.to=10"));
        assertEquals(1, after.typeAttributes.get("Cast.dtype=10"));
    }

    @Test
    void aModelWithoutFloat16ComesBackAsItIs() {
        byte[] fp32 = model(false);
        assertSame(fp32, Fp16ToFp32.convert(fp32));
        Fp16ToFp32.Counts counts = Fp16ToFp32.count(fp32);
        assertFalse(counts.changed());
        assertEquals(fp32.length, counts.outputBytes);
        byte[] empty = new byte[0];
        assertSame(empty, Fp16ToFp32.convert(empty));
    }

    @Test
    void countPredictsConvert() {
        byte[] half = model(true);
        Fp16ToFp32.Counts counts = Fp16ToFp32.count(half);
        assertTrue(counts.changed());
        assertEquals(model(false).length, counts.outputBytes);
    }

    @Test
    void leavesTheInputAlone() {
        byte[] half = model(true);
        byte[] copy = half.clone();
        Fp16ToFp32.convert(half);
        assertArrayEquals(copy, half);
    }

    @Test
    void refusesExternalFloat16Data() {
        ProtoWriter tensor = new ProtoWriter().varint(1, 2).varint(2, FLOAT16).string(8, "ext")
                .message(13, new ProtoWriter().string(1, "location").string(2, "weights.bin")).varint(14, 1);
        byte[] model = new ProtoWriter().message(7, new ProtoWriter().message(5, tensor)).toByteArray();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Fp16ToFp32.convert(model));
        assertTrue(e.getMessage().contains("external"), e.getMessage());
    }

    @Test
    void refusesAnOddRawLength() {
        ProtoWriter tensor = new ProtoWriter().varint(2, FLOAT16).bytes(9, new byte[] {0, 60, 0});
        byte[] model = new ProtoWriter().message(7, new ProtoWriter().message(5, tensor)).toByteArray();
        assertThrows(IllegalArgumentException.class, () -> Fp16ToFp32.convert(model));
    }

    @Test
    void refusesMalformedBytes() {
        byte[] model = model(true);
        for (int cut : new int[] {1, 7, model.length / 2, model.length - 1}) {
            byte[] truncated = Arrays.copyOf(model, cut);
            assertThrows(IllegalArgumentException.class, () -> Fp16ToFp32.convert(truncated), "cut at " + cut);
        }
        // A group (wire type 3) and field number 0.
        assertThrows(IllegalArgumentException.class, () -> Fp16ToFp32.convert(new byte[] {(byte) (5 << 3 | 3)}));
        assertThrows(IllegalArgumentException.class, () -> Fp16ToFp32.convert(new byte[] {0, 0}));
        // A length past the end of the enclosing message.
        assertThrows(IllegalArgumentException.class, () -> Fp16ToFp32.convert(new byte[] {58, 3, 42, 5, 0}));
    }
}
