package app.cutout.core.zip;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/**
 * Builds a ZIP archive of already-compressed files (PNG, JPEG, WebP) with method STORE.
 *
 * <p>The archive comes out as a list of chunks (headers, then each entry's data array itself, not a copy), ready to
 * become a {@code Blob} without one big concatenation; {@link #finishBytes()} joins them when that is wanted.
 * Names are stored as UTF-8 (general purpose flag bit 11) and made unique ignoring case, as extraction onto Windows
 * or macOS would: a second {@code "a.png"} becomes {@code "a (2).png"}, then {@code "a (3).png"}. All entries get
 * the same DOS timestamp, 1980-01-01 00:00:00 unless another is given. No ZIP64: at most 65535 entries and 4 GiB
 * (minus one byte) in all.
 */
public final class ZipWriter {
    /** {@link #dosDateTime} of 1980-01-01 00:00:00. */
    public static final int DEFAULT_DOS_DATE_TIME = (((1 << 5) | 1) << 16);
    private static final long MAX_ARCHIVE = 0xFFFFFFFFL;
    private static final int MAX_ENTRIES = 0xFFFF;
    private static final int FLAG_UTF8 = 1 << 11;

    private final int dosDateTime;
    private final long maxArchive;
    private final List<byte[]> chunks = new ArrayList<>();
    private final List<byte[]> central = new ArrayList<>();
    private final HashSet<String> taken = new HashSet<>();
    /** Bytes of local headers and data so far: the offset of the next local header. */
    private long offset;
    /** Bytes of central directory so far. */
    private long centralSize;
    private boolean finished;

    /** A writer stamping every entry 1980-01-01 00:00:00. */
    public ZipWriter() {
        this(DEFAULT_DOS_DATE_TIME);
    }

    /** A writer stamping every entry with {@code dosDateTime}, as from {@link #dosDateTime}. */
    public ZipWriter(int dosDateTime) {
        this(dosDateTime, MAX_ARCHIVE);
    }

    /** For tests: a lower size limit than 4 GiB. */
    ZipWriter(int dosDateTime, long maxArchive) {
        this.dosDateTime = dosDateTime;
        this.maxArchive = maxArchive;
    }

    /**
     * Packs a local date and time as MS-DOS does: date in the high 16 bits ({@code (year - 1980) << 9 | month << 5 |
     * day}), time in the low ({@code hour << 11 | minute << 5 | second / 2}; odd seconds round down).
     *
     * @throws IllegalArgumentException if a field is out of range (years 1980..2107)
     */
    public static int dosDateTime(int year, int month, int day, int hour, int minute, int second) {
        if (year < 1980 || year > 2107 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23
                || minute < 0 || minute > 59 || second < 0 || second > 59) {
            throw new IllegalArgumentException("Expected a date-time in 1980-01-01 00:00:00 .. 2107-12-31 23:59:59, "
                    + "got " + year + "-" + month + "-" + day + " " + hour + ":" + minute + ":" + second);
        }
        int date = ((year - 1980) << 9) | (month << 5) | day;
        int time = (hour << 11) | (minute << 5) | (second / 2);
        return (date << 16) | time;
    }

    /**
     * Adds an entry. {@code data} is kept by reference until {@link #finish}: do not modify it meanwhile.
     *
     * @return the name actually stored, made unique as the class comment says
     * @throws IllegalArgumentException if the name is empty or too long, or the archive would exceed the limits
     * @throws IllegalStateException after {@link #finish}
     */
    public String add(String name, byte[] data) {
        if (finished) {
            throw new IllegalStateException("Expected an unfinished archive, got one already finished");
        }
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("Expected a non-empty entry name, got " + (name == null ? "null"
                    : "\"\""));
        }
        if (data == null) {
            throw new IllegalArgumentException("Expected entry data, got null");
        }
        if (central.size() >= MAX_ENTRIES) {
            throw new IllegalArgumentException("Expected at most " + MAX_ENTRIES
                    + " entries (ZIP64 is not supported), got " + (central.size() + 1));
        }
        String unique = uniqueName(name);
        byte[] nameBytes = utf8(unique);
        if (nameBytes.length > 0xFFFF) {
            throw new IllegalArgumentException("Expected an entry name of at most 65535 UTF-8 bytes, got "
                    + nameBytes.length);
        }
        long localSize = 30L + nameBytes.length + data.length;
        long centralEntry = 46L + nameBytes.length;
        long total = offset + localSize + centralSize + centralEntry + 22;
        if (total > maxArchive) {
            throw new IllegalArgumentException("Expected an archive of at most " + maxArchive
                    + " bytes (ZIP64 is not supported), got " + total + " with \"" + unique + "\"");
        }
        taken.add(foldCase(unique));
        int crc = Crc32.of(data);

        byte[] local = new byte[30 + nameBytes.length];
        put32(local, 0, 0x04034b50);
        put16(local, 4, 10); // version needed: 1.0, stored
        put16(local, 6, FLAG_UTF8);
        put16(local, 8, 0); // method: stored
        put32(local, 10, dosDateTime);
        put32(local, 14, crc);
        put32(local, 18, data.length);
        put32(local, 22, data.length);
        put16(local, 26, nameBytes.length);
        put16(local, 28, 0);
        System.arraycopy(nameBytes, 0, local, 30, nameBytes.length);

        byte[] entry = new byte[46 + nameBytes.length];
        put32(entry, 0, 0x02014b50);
        put16(entry, 4, 20); // made by: 2.0, MS-DOS attributes
        put16(entry, 6, 10);
        put16(entry, 8, FLAG_UTF8);
        put16(entry, 10, 0);
        put32(entry, 12, dosDateTime);
        put32(entry, 16, crc);
        put32(entry, 20, data.length);
        put32(entry, 24, data.length);
        put16(entry, 28, nameBytes.length);
        // Extra length, comment length, disk number, internal and external attributes stay 0.
        put32(entry, 42, (int) offset);
        System.arraycopy(nameBytes, 0, entry, 46, nameBytes.length);

        chunks.add(local);
        if (data.length > 0) {
            chunks.add(data);
        }
        central.add(entry);
        offset += localSize;
        centralSize += centralEntry;
        return unique;
    }

    /** Entries added so far. */
    public int size() {
        return central.size();
    }

    /**
     * Ends the archive: the returned chunks, in order, are the whole file (entry data arrays included by
     * reference). No more entries can be added.
     *
     * @throws IllegalStateException if already finished
     */
    public List<byte[]> finish() {
        if (finished) {
            throw new IllegalStateException("Expected an unfinished archive, got one already finished");
        }
        finished = true;
        byte[] tail = new byte[(int) centralSize + 22];
        int p = 0;
        for (int i = 0; i < central.size(); i++) {
            byte[] e = central.get(i);
            System.arraycopy(e, 0, tail, p, e.length);
            p += e.length;
        }
        put32(tail, p, 0x06054b50);
        put16(tail, p + 8, central.size());
        put16(tail, p + 10, central.size());
        put32(tail, p + 12, (int) centralSize);
        put32(tail, p + 16, (int) offset);
        central.clear();
        List<byte[]> out = new ArrayList<>(chunks);
        out.add(tail);
        chunks.clear();
        return out;
    }

    /**
     * {@link #finish()} joined into one array.
     *
     * @throws IllegalStateException if already finished, or the archive does not fit one Java array
     */
    public byte[] finishBytes() {
        long total = offset + centralSize + 22;
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("Expected an archive under 2 GiB to join into one array, got " + total
                    + " bytes: use finish()");
        }
        List<byte[]> parts = finish();
        byte[] all = new byte[(int) total];
        int p = 0;
        for (int i = 0; i < parts.size(); i++) {
            byte[] part = parts.get(i);
            System.arraycopy(part, 0, all, p, part.length);
            p += part.length;
        }
        return all;
    }

    private String uniqueName(String name) {
        if (!taken.contains(foldCase(name))) {
            return name;
        }
        int slash = name.lastIndexOf('/');
        int dot = name.lastIndexOf('.');
        if (dot <= slash + 1) {
            dot = name.length();
        }
        String stem = name.substring(0, dot);
        String ext = name.substring(dot);
        for (int n = 2;; n++) {
            String candidate = stem + " (" + n + ")" + ext;
            if (!taken.contains(foldCase(candidate))) {
                return candidate;
            }
        }
    }

    private static String foldCase(String s) {
        char[] c = s.toCharArray();
        for (int i = 0; i < c.length; i++) {
            c[i] = Character.toLowerCase(Character.toUpperCase(c[i]));
        }
        return new String(c);
    }

    /** UTF-8 bytes of {@code s}; an unpaired surrogate becomes {@code '?'}, as the JDK's encoder does. */
    static byte[] utf8(String s) {
        int n = 0;
        int len = s.length();
        for (int i = 0; i < len; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n += 1;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < len && Character.isLowSurrogate(s.charAt(i + 1))) {
                n += 4;
                i++;
            } else if (Character.isSurrogate(c)) {
                n += 1;
            } else {
                n += 3;
            }
        }
        byte[] out = new byte[n];
        int p = 0;
        for (int i = 0; i < len; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                out[p++] = (byte) c;
            } else if (c < 0x800) {
                out[p++] = (byte) (0xC0 | (c >> 6));
                out[p++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isHighSurrogate(c) && i + 1 < len && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                out[p++] = (byte) (0xF0 | (cp >> 18));
                out[p++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                out[p++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                out[p++] = (byte) (0x80 | (cp & 0x3F));
            } else if (Character.isSurrogate(c)) {
                out[p++] = '?';
            } else {
                out[p++] = (byte) (0xE0 | (c >> 12));
                out[p++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                out[p++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        return out;
    }

    private static void put16(byte[] b, int p, int v) {
        b[p] = (byte) v;
        b[p + 1] = (byte) (v >>> 8);
    }

    private static void put32(byte[] b, int p, int v) {
        b[p] = (byte) v;
        b[p + 1] = (byte) (v >>> 8);
        b[p + 2] = (byte) (v >>> 16);
        b[p + 3] = (byte) (v >>> 24);
    }
}
