package app.cutout.core.zip;

/**
 * CRC-32 as ZIP, PNG and gzip use it (reflected polynomial {@code 0xEDB88320}), table-driven and eight bytes a step
 * ("slicing by 8": eight 256-entry tables, 8 KiB).
 */
public final class Crc32 {
    /** {@code T[k][b]}: the CRC contribution of byte {@code b} followed by {@code k} zero bytes, flattened. */
    private static final int[] T = new int[8 * 256];

    static {
        for (int n = 0; n < 256; n++) {
            int c = n;
            for (int k = 0; k < 8; k++) {
                c = (c & 1) != 0 ? 0xEDB88320 ^ (c >>> 1) : c >>> 1;
            }
            T[n] = c;
        }
        for (int k = 1; k < 8; k++) {
            for (int n = 0; n < 256; n++) {
                int prev = T[(k - 1) * 256 + n];
                T[k * 256 + n] = T[prev & 0xFF] ^ (prev >>> 8);
            }
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
        int i = offset;
        int end = offset + length;
        for (int stop = end - 7; i < stop; i += 8) {
            int lo = c ^ ((data[i] & 0xFF) | (data[i + 1] & 0xFF) << 8 | (data[i + 2] & 0xFF) << 16
                    | (data[i + 3] & 0xFF) << 24);
            c = T[7 * 256 + (lo & 0xFF)] ^ T[6 * 256 + ((lo >>> 8) & 0xFF)] ^ T[5 * 256 + ((lo >>> 16) & 0xFF)]
                    ^ T[4 * 256 + (lo >>> 24)] ^ T[3 * 256 + (data[i + 4] & 0xFF)] ^ T[2 * 256 + (data[i + 5] & 0xFF)]
                    ^ T[256 + (data[i + 6] & 0xFF)] ^ T[data[i + 7] & 0xFF];
        }
        for (; i < end; i++) {
            c = T[(c ^ data[i]) & 0xFF] ^ (c >>> 8);
        }
        return ~c;
    }
}
