package app.cutout.core.onnx;

/**
 * A cursor over protocol buffer wire format in a byte array: one field at a time, nothing decoded that is not asked
 * for and nothing copied.
 *
 * <p>Usage: {@code while (r.next()) { switch (r.field()) { ... } }}; after {@link #next()} the field's value is in
 * {@link #varint()} (wire type 0), {@link #fixed()} (wire types 1 and 5) or the range {@link #valueStart()} ..
 * {@link #valueEnd()} (wire type 2, a string, bytes, a packed array or a nested message). Every field's encoded bytes,
 * tag included, are {@link #fieldStart()} .. {@link #valueEnd()}, so an unknown field is copied through with one
 * array copy.
 *
 * <p>Groups (wire types 3 and 4, unused by ONNX and deprecated in protobuf) and truncated input throw
 * {@link IllegalArgumentException}.
 */
public final class ProtoReader {
    public static final int VARINT = 0;
    public static final int FIXED64 = 1;
    public static final int LEN = 2;
    public static final int FIXED32 = 5;

    private final byte[] buf;
    private final int end;
    private int pos;
    private int fieldStart;
    private int tagEnd;
    private int field;
    private int wireType;
    private long value;
    private int valueStart;
    private int valueEnd;

    /** A reader of the message whose encoded fields are {@code buf[start .. end - 1]}. */
    public ProtoReader(byte[] buf, int start, int end) {
        if (start < 0 || end > buf.length || start > end) {
            throw new IllegalArgumentException("Range " + start + ".." + end + " outside " + buf.length + " bytes");
        }
        this.buf = buf;
        this.pos = start;
        this.end = end;
    }

    public ProtoReader(byte[] buf) {
        this(buf, 0, buf.length);
    }

    /** Reads the next field; false at the end of the message. */
    public boolean next() {
        if (pos >= end) {
            return false;
        }
        fieldStart = pos;
        long key = readVarint();
        tagEnd = pos;
        wireType = (int) (key & 7);
        long number = key >>> 3;
        if (number <= 0 || number > 0x1FFFFFFFL) {
            throw malformed("field number " + number);
        }
        field = (int) number;
        switch (wireType) {
            case VARINT:
                valueStart = pos;
                value = readVarint();
                break;
            case FIXED64:
                valueStart = pos;
                value = readFixed(8);
                break;
            case LEN: {
                long len = readVarint();
                if (len < 0 || len > end - pos) {
                    throw malformed("length " + len + " of field " + field + " runs past the end of its message");
                }
                valueStart = pos;
                pos += (int) len;
                value = len;
                break;
            }
            case FIXED32:
                valueStart = pos;
                value = readFixed(4) & 0xFFFFFFFFL;
                break;
            default:
                throw malformed("wire type " + wireType + " of field " + field);
        }
        valueEnd = pos;
        return true;
    }

    public int field() {
        return field;
    }

    public int wireType() {
        return wireType;
    }

    /** The value of a varint field, or the raw bits of a fixed-width one, or the length of a length-delimited one. */
    public long varint() {
        return value;
    }

    /** The raw bits of a fixed32 or fixed64 field (little-endian, as a float's or double's bits). */
    public long fixed() {
        return value;
    }

    /** First byte of the field's tag. */
    public int fieldStart() {
        return fieldStart;
    }

    /** First byte after the tag (where the value, or a length prefix, starts). */
    public int tagEnd() {
        return tagEnd;
    }

    /** First byte of the value: after the length prefix for wire type 2. */
    public int valueStart() {
        return valueStart;
    }

    /** First byte after the field. */
    public int valueEnd() {
        return valueEnd;
    }

    /** Length of a length-delimited value. */
    public int length() {
        return valueEnd - valueStart;
    }

    /** True if this length-delimited value holds exactly the ASCII text {@code s}. */
    public boolean valueEquals(String s) {
        return equalsAscii(buf, valueStart, valueEnd - valueStart, s);
    }

    /** A length-delimited value decoded as UTF-8 (for diagnostics and tools; the converter never needs it). */
    public String string() {
        return Utf8.decode(buf, valueStart, valueEnd - valueStart);
    }

    /** A reader of this length-delimited value as a nested message. */
    public ProtoReader message() {
        return new ProtoReader(buf, valueStart, valueEnd);
    }

    /** An independent reader of the fields not read yet (for a look ahead that leaves this one where it is). */
    public ProtoReader copy() {
        return new ProtoReader(buf, pos, end);
    }

    static boolean equalsAscii(byte[] buf, int start, int length, String s) {
        if (length != s.length()) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (buf[start + i] != (byte) s.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private long readVarint() {
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (pos >= end) {
                throw malformed("truncated varint");
            }
            int b = buf[pos++];
            result |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return result;
            }
        }
        throw malformed("varint longer than 10 bytes");
    }

    private long readFixed(int bytes) {
        if (end - pos < bytes) {
            throw malformed("truncated fixed" + bytes * 8);
        }
        long result = 0;
        for (int i = 0; i < bytes; i++) {
            result |= (long) (buf[pos + i] & 0xFF) << (8 * i);
        }
        pos += bytes;
        return result;
    }

    private IllegalArgumentException malformed(String what) {
        return new IllegalArgumentException("Malformed protobuf at byte " + pos + ": " + what);
    }
}
