package app.cutout.core.onnx;

import java.io.ByteArrayOutputStream;

/**
 * A protocol buffer message written field by field, in the order the calls come: the writing side of
 * {@link ProtoReader}, for the small models built in Java ({@link WarmupModel}, and the tests' probe models).
 */
public final class ProtoWriter {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    public ProtoWriter varint(int field, long value) {
        tag(field, 0);
        raw(value);
        return this;
    }

    public ProtoWriter fixed32(int field, int bits) {
        tag(field, 5);
        for (int i = 0; i < 4; i++) {
            bytes.write(bits >>> (8 * i));
        }
        return this;
    }

    public ProtoWriter fixed64(int field, long bits) {
        tag(field, 1);
        for (int i = 0; i < 8; i++) {
            bytes.write((int) (bits >>> (8 * i)));
        }
        return this;
    }

    public ProtoWriter bytes(int field, byte[] value) {
        tag(field, 2);
        raw(value.length);
        bytes.write(value, 0, value.length);
        return this;
    }

    public ProtoWriter string(int field, String value) {
        return bytes(field, value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    public ProtoWriter message(int field, ProtoWriter value) {
        return bytes(field, value.toByteArray());
    }

    public ProtoWriter packedVarints(int field, long... values) {
        ProtoWriter packed = new ProtoWriter();
        for (long v : values) {
            packed.raw(v);
        }
        return bytes(field, packed.toByteArray());
    }

    public ProtoWriter packedFloats(int field, float... values) {
        return bytes(field, rawFloats(values));
    }

    /** Floats as a tensor's {@code raw_data} (and a packed field) holds them: 4 bytes each, little-endian. */
    public static byte[] rawFloats(float... values) {
        byte[] b = new byte[4 * values.length];
        for (int i = 0; i < values.length; i++) {
            int bits = Float.floatToRawIntBits(values[i]);
            for (int k = 0; k < 4; k++) {
                b[4 * i + k] = (byte) (bits >>> (8 * k));
            }
        }
        return b;
    }

    public byte[] toByteArray() {
        return bytes.toByteArray();
    }

    private void tag(int field, int wireType) {
        raw((long) field << 3 | wireType);
    }

    private void raw(long v) {
        while ((v & ~0x7FL) != 0) {
            bytes.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        bytes.write((int) v);
    }
}
