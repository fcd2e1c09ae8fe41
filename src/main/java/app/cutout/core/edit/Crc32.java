package app.cutout.core.edit;

/** CRC-32 as ZIP, PNG and gzip use it (reflected polynomial {@code 0xEDB88320}), table-driven. */
public final class Crc32 {
    private static final int[] TABLE = new int[256];

    static {
        for (int n = 0; n < 256; n++) {
            int c = n;
            for (int k = 0; k < 8; k++) {
                c = (c & 1) != 0 ? 0xEDB88320 ^ (c >>> 1) : c >>> 1;
            }
            TABLE[n] = c;
        }
    }

    private Crc32() {
    }

    /** The CRC-32 of {@code data}; nothing is modified. */
    public static int of(byte[] data) {
        return update(0, data, 0, data.length);
    }

    /**
     * Continues {@code crc} (0 to start) over {@code data[offset .. offset + length - 1]}; nothing is modified.
     *
     * @throws IllegalArgumentException if the range is outside {@code data}
     */
    public static int update(int crc, byte[] data, int offset, int length) {
        if (offset < 0 || length < 0 || offset > data.length - length) {
            throw new IllegalArgumentException("Expected a range inside " + data.length + " bytes, got offset "
                    + offset + " length " + length);
        }
        int c = ~crc;
        int end = offset + length;
        for (int i = offset; i < end; i++) {
            c = TABLE[(c ^ data[i]) & 0xFF] ^ (c >>> 8);
        }
        return ~c;
    }
}
