package app.cutout.core.image;

import java.util.Arrays;

/**
 * What an image file says about itself before anything is decoded: its format, its size, EXIF orientation, whether
 * it is animated and whether it looks cut short.
 *
 * <p>The size is read from the format's own header (PNG {@code IHDR}, JPEG {@code SOFn}, GIF logical screen, WebP
 * {@code VP8 }/{@code VP8L}/{@code VP8X}, BMP {@code BITMAPINFOHEADER}, AVIF and HEIC {@code ispe}) so that a decompression
 * bomb, a small file that claims an enormous size, is refused before the browser spends gigabytes decoding it. Only
 * the bytes needed are read, through {@link ByteSource}, in windows of {@link #WINDOW} bytes.
 */
public final class ImageHeader {
    /** File formats Cutout recognises; {@link #UNKNOWN} is anything else, images the browser may still decode. */
    public enum Format {
        PNG("PNG"), JPEG("JPEG"), GIF("GIF"), WEBP("WebP"), BMP("BMP"), AVIF("AVIF"), HEIC("HEIC"), SVG("SVG"), UNKNOWN("");

        public final String label;

        Format(String label) {
            this.label = label;
        }
    }

    /** Bytes fetched per read; the headers of ordinary files lie in the first window. */
    static final int WINDOW = 64 * 1024;
    /**
     * How far to look for a JPEG frame header or the second frame of a GIF. Metadata before a JPEG's frame header
     * (EXIF with thumbnails, ICC profiles, XMP) stays well below this in practice; past it the size counts as unknown.
     */
    static final long MAX_SCAN = 16L << 20;
    /** How much of the file's end is searched for the format's end marker. */
    static final int TAIL = 4096;

    public final Format format;
    /** Size as stored, before EXIF orientation; 0 when unknown. */
    public final int width;
    public final int height;
    /** EXIF orientation, 1 (as stored) to 8; only JPEG's is read. */
    public final int orientation;
    /** More than one frame (animated GIF, WebP, PNG); browsers decode the first. */
    public final boolean animated;
    /**
     * The file looks cut short: its header or its end marker is missing. Files with data after their end, or from
     * writers that omit the marker, look cut short yet decode, so this only words a failure to decode.
     */
    public final boolean truncated;

    ImageHeader(Format format, int width, int height, int orientation, boolean animated, boolean truncated) {
        this.format = format;
        this.width = width;
        this.height = height;
        this.orientation = orientation;
        this.animated = animated;
        this.truncated = truncated;
    }

    public boolean knowsSize() {
        return width > 0 && height > 0;
    }

    /** Orientations 5 to 8 turn the image by a quarter, so the displayed width is the stored height. */
    public boolean turned() {
        return orientation >= 5 && orientation <= 8;
    }

    /** Width as the browser shows it, after EXIF orientation. */
    public int displayWidth() {
        return turned() ? height : width;
    }

    public int displayHeight() {
        return turned() ? width : height;
    }

    public long pixels() {
        return (long) width * height;
    }

    @Override
    public String toString() {
        return format + " " + width + "x" + height + (orientation != 1 ? " orientation " + orientation : "")
                + (animated ? " animated" : "") + (truncated ? " truncated" : "");
    }

    /** Reads the header of the file; never throws for malformed input (the result then knows less). */
    public static ImageHeader read(ByteSource source) {
        Reader r = new Reader(source);
        if (r.size == 0) {
            return new ImageHeader(Format.UNKNOWN, 0, 0, 1, false, false);
        }
        if (r.matches(0, PNG_SIGNATURE)) {
            return png(r);
        }
        if (r.u8(0) == 0xFF && r.u8(1) == 0xD8 && r.u8(2) == 0xFF) {
            return jpeg(r);
        }
        if (r.matches(0, "GIF87a") || r.matches(0, "GIF89a")) {
            return gif(r);
        }
        if (r.matches(0, "RIFF") && r.matches(8, "WEBP")) {
            return webp(r);
        }
        if (r.matches(0, "BM") && r.has(0, 14)) {
            return bmp(r);
        }
        if (r.matches(4, "ftyp") && hasBrand(r, AVIF_BRANDS)) {
            return isoImage(r, Format.AVIF);
        }
        if (r.matches(4, "ftyp") && hasBrand(r, HEIC_BRANDS)) {
            // iPhones' photos. Some browsers decode them, most do not: the name lets the refusal say what to do.
            return isoImage(r, Format.HEIC);
        }
        if (looksLikeSvg(r)) {
            return new ImageHeader(Format.SVG, 0, 0, 1, false, false);
        }
        return new ImageHeader(Format.UNKNOWN, 0, 0, 1, false, false);
    }

    // ---- PNG ----

    private static final String PNG_SIGNATURE = "\u0089PNG\r\n\u001a\n";

    private static ImageHeader png(Reader r) {
        // Signature (8), IHDR length and type (8), width, height (8), depth, colour type, compression, filter,
        // interlace (5), CRC (4).
        if (!r.has(0, 33) || r.be32(8) != 13 || !r.matches(12, "IHDR")) {
            return new ImageHeader(Format.PNG, 0, 0, 1, false, !r.has(0, 33));
        }
        int width = positive(r.be32(16));
        int height = positive(r.be32(20));
        boolean animated = false;
        // APNG puts its acTL chunk before the first IDAT.
        long pos = 33;
        for (int chunks = 0; chunks < 1000 && r.has(pos, 8) && pos < MAX_SCAN; chunks++) {
            long length = r.be32(pos) & 0xFFFFFFFFL;
            if (r.matches(pos + 4, "acTL")) {
                animated = true;
                break;
            }
            if (r.matches(pos + 4, "IDAT") || r.matches(pos + 4, "IEND")) {
                break;
            }
            pos += 12 + length;
        }
        return new ImageHeader(Format.PNG, width, height, 1, animated, !r.tailContains("IEND"));
    }

    // ---- JPEG ----

    private static ImageHeader jpeg(Reader r) {
        int orientation = 1;
        long pos = 2;
        long end = Math.min(r.size, MAX_SCAN);
        while (pos < end) {
            if (r.u8(pos) != 0xFF) {
                return new ImageHeader(Format.JPEG, 0, 0, orientation, false, false);
            }
            while (r.u8(pos) == 0xFF) {
                pos++;
            }
            int marker = r.u8(pos++);
            if (marker < 0) {
                break;
            }
            if (marker == 0xD8 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
                continue;
            }
            if (marker == 0xD9 || marker == 0xDA) {
                // End of image or start of scan before any frame header: no size to be had.
                return new ImageHeader(Format.JPEG, 0, 0, orientation, false, false);
            }
            if (!r.has(pos, 2)) {
                break;
            }
            int length = r.be16(pos);
            if (length < 2) {
                return new ImageHeader(Format.JPEG, 0, 0, orientation, false, false);
            }
            if (isStartOfFrame(marker)) {
                if (!r.has(pos, 7)) {
                    break;
                }
                int height = r.be16(pos + 3);
                int width = r.be16(pos + 5);
                return new ImageHeader(Format.JPEG, width, height, orientation, false, !r.tailContainsEoi());
            }
            if (marker == 0xE1 && length >= 8 && r.matches(pos + 2, "Exif\0\0")) {
                orientation = exifOrientation(r, pos + 8, pos + length);
            }
            pos += length;
        }
        return new ImageHeader(Format.JPEG, 0, 0, orientation, false, pos >= r.size);
    }

    /** SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC). */
    private static boolean isStartOfFrame(int marker) {
        return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
    }

    /** The Orientation tag (0x0112) of IFD0 in the TIFF structure at {@code tiff}; 1 when absent or invalid. */
    private static int exifOrientation(Reader r, long tiff, long end) {
        boolean little;
        if (r.matches(tiff, "II")) {
            little = true;
        } else if (r.matches(tiff, "MM")) {
            little = false;
        } else {
            return 1;
        }
        if (!r.has(tiff, 8) || r.u16(tiff + 2, little) != 42) {
            return 1;
        }
        long ifd = tiff + (r.u32(tiff + 4, little) & 0xFFFFFFFFL);
        if (ifd + 2 > end) {
            return 1;
        }
        int entries = r.u16(ifd, little);
        for (int i = 0; i < entries; i++) {
            long entry = ifd + 2 + 12L * i;
            if (entry + 12 > end) {
                return 1;
            }
            if (r.u16(entry, little) == 0x0112 && r.u16(entry + 2, little) == 3) {
                int value = r.u16(entry + 8, little);
                return value >= 1 && value <= 8 ? value : 1;
            }
        }
        return 1;
    }

    // ---- GIF ----

    private static ImageHeader gif(Reader r) {
        if (!r.has(0, 13)) {
            return new ImageHeader(Format.GIF, 0, 0, 1, false, true);
        }
        int width = r.le16(6);
        int height = r.le16(8);
        int flags = r.u8(10);
        long pos = 13 + ((flags & 0x80) != 0 ? 3L << ((flags & 7) + 1) : 0);
        int frames = 0;
        long end = Math.min(r.size, MAX_SCAN);
        while (pos < end && frames < 2) {
            int block = r.u8(pos++);
            if (block == 0x21) {
                pos = skipSubBlocks(r, pos + 1);
            } else if (block == 0x2C) {
                frames++;
                int local = r.u8(pos + 8);
                pos += 9 + ((local & 0x80) != 0 ? 3L << ((local & 7) + 1) : 0);
                // LZW minimum code size, then the image data's sub-blocks.
                pos = skipSubBlocks(r, pos + 1);
            } else {
                break;
            }
        }
        return new ImageHeader(Format.GIF, width, height, 1, frames > 1, !r.lastNonZeroIs(0x3B));
    }

    /** Skips a chain of GIF data sub-blocks (length byte, data) up to and including the zero terminator. */
    private static long skipSubBlocks(Reader r, long pos) {
        while (true) {
            int n = r.u8(pos);
            if (n <= 0) {
                return n == 0 ? pos + 1 : r.size;
            }
            pos += n + 1;
        }
    }

    // ---- WebP ----

    private static ImageHeader webp(Reader r) {
        boolean truncated = !r.has(0, 12) || (r.le32(4) & 0xFFFFFFFFL) + 8 > r.size;
        if (r.matches(12, "VP8 ") && r.has(0, 30) && r.u8(23) == 0x9D && r.u8(24) == 0x01 && r.u8(25) == 0x2A) {
            return new ImageHeader(Format.WEBP, r.le16(26) & 0x3FFF, r.le16(28) & 0x3FFF, 1, false, truncated);
        }
        if (r.matches(12, "VP8L") && r.has(0, 25) && r.u8(20) == 0x2F) {
            int bits = r.le32(21);
            return new ImageHeader(Format.WEBP, (bits & 0x3FFF) + 1, ((bits >>> 14) & 0x3FFF) + 1, 1, false,
                    truncated);
        }
        if (r.matches(12, "VP8X") && r.has(0, 30)) {
            boolean animated = (r.u8(20) & 0x02) != 0;
            return new ImageHeader(Format.WEBP, r.le24(24) + 1, r.le24(27) + 1, 1, animated, truncated);
        }
        return new ImageHeader(Format.WEBP, 0, 0, 1, false, truncated || !r.has(0, 30));
    }

    // ---- BMP ----

    private static ImageHeader bmp(Reader r) {
        long declared = r.le32(2) & 0xFFFFFFFFL;
        boolean truncated = declared > r.size;
        if (!r.has(0, 26)) {
            return new ImageHeader(Format.BMP, 0, 0, 1, false, true);
        }
        int dib = r.le32(14);
        if (dib == 12) {
            return new ImageHeader(Format.BMP, r.le16(18), r.le16(20), 1, false, truncated);
        }
        if (dib < 40) {
            return new ImageHeader(Format.BMP, 0, 0, 1, false, truncated);
        }
        int width = r.le32(18);
        int height = r.le32(22);
        // A negative height means rows stored top-down.
        height = height == Integer.MIN_VALUE ? 0 : Math.abs(height);
        return new ImageHeader(Format.BMP, Math.max(width, 0), height, 1, false, truncated);
    }

    // ---- AVIF (ISO BMFF) ----

    private static final String[] AVIF_BRANDS = {"avif", "avis"};
    /** HEIF brands for HEVC-coded images and sequences ({@code mif1} alone is the generic HEIF image brand). */
    private static final String[] HEIC_BRANDS = {"heic", "heix", "heim", "heis", "hevc", "hevx", "mif1", "msf1"};

    private static boolean hasBrand(Reader r, String[] brands) {
        long size = r.be32(0) & 0xFFFFFFFFL;
        if (size < 16 || size > 4096) {
            return false;
        }
        // Major brand, then (after the minor version) the compatible brands.
        for (long pos = 8; pos + 4 <= size; pos += pos == 8 ? 8 : 4) {
            for (String brand : brands) {
                if (r.matches(pos, brand)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** AVIF and HEIC share the ISO base media file format: the size is in meta/iprp/ipco/ispe. */
    private static ImageHeader isoImage(Reader r, Format format) {
        long[] best = new long[2];
        boolean truncated = false;
        long pos = 0;
        for (int boxes = 0; boxes < 64 && r.has(pos, 8); boxes++) {
            long size = boxSize(r, pos, r.size);
            if (size <= 0 || pos + size > r.size) {
                truncated = size > 0;
                break;
            }
            if (r.matches(pos + 4, "meta")) {
                // A full box: four bytes of version and flags before its children.
                findIspe(r, pos + 12, pos + size, best, 0);
            }
            pos += size;
        }
        return new ImageHeader(format, (int) best[0], (int) best[1], 1, false, truncated);
    }

    /** Collects the largest {@code ispe} (image spatial extents) under meta/iprp/ipco. */
    private static void findIspe(Reader r, long pos, long end, long[] best, int depth) {
        for (int boxes = 0; boxes < 256 && pos + 8 <= end && r.has(pos, 8); boxes++) {
            long size = boxSize(r, pos, end);
            if (size < 8 || pos + size > end) {
                return;
            }
            if (depth < 2 && (r.matches(pos + 4, "iprp") || r.matches(pos + 4, "ipco"))) {
                findIspe(r, pos + 8, pos + size, best, depth + 1);
            } else if (r.matches(pos + 4, "ispe") && size >= 20) {
                long w = r.be32(pos + 12) & 0xFFFFFFFFL;
                long h = r.be32(pos + 16) & 0xFFFFFFFFL;
                if (w <= Integer.MAX_VALUE && h <= Integer.MAX_VALUE && w * h > best[0] * best[1]) {
                    best[0] = w;
                    best[1] = h;
                }
            }
            pos += size;
        }
    }

    /** A box's total size: 32-bit, or 64-bit after the type when that is 1, or "to the end" when 0. */
    private static long boxSize(Reader r, long pos, long end) {
        long size = r.be32(pos) & 0xFFFFFFFFL;
        if (size == 1) {
            return r.has(pos, 16) ? ((r.be32(pos + 8) & 0xFFFFFFFFL) << 32) | (r.be32(pos + 12) & 0xFFFFFFFFL) : -1;
        }
        return size == 0 ? end - pos : size;
    }

    // ---- SVG ----

    /** XML text (after an optional byte order mark and white space) with an {@code <svg} element near its start. */
    private static boolean looksLikeSvg(Reader r) {
        int n = (int) Math.min(r.size, 4096);
        StringBuilder text = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            text.append((char) r.u8(i));
        }
        String s = text.toString();
        if (s.startsWith("\u00EF\u00BB\u00BF")) {
            s = s.substring(3);
        }
        s = s.trim();
        return s.startsWith("<") && s.contains("<svg");
    }

    private static int positive(int v) {
        return Math.max(v, 0);
    }

    /** Reads the source in windows; out-of-range reads give -1 (callers check {@link #has} where it matters). */
    private static final class Reader {
        final ByteSource source;
        final long size;
        private final byte[] window = new byte[WINDOW];
        private long start = -1;
        private int filled;
        private byte[] tail;

        Reader(ByteSource source) {
            this.source = source;
            this.size = source.size();
        }

        boolean has(long pos, int n) {
            return pos >= 0 && pos + n <= size;
        }

        int u8(long pos) {
            if (pos < 0 || pos >= size) {
                return -1;
            }
            if (pos < start || pos >= start + filled) {
                start = pos;
                filled = source.read(pos, window, (int) Math.min(WINDOW, size - pos));
                if (filled <= 0) {
                    return -1;
                }
            }
            return window[(int) (pos - start)] & 0xFF;
        }

        boolean matches(long pos, String ascii) {
            if (!has(pos, ascii.length())) {
                return false;
            }
            for (int i = 0; i < ascii.length(); i++) {
                if (u8(pos + i) != ascii.charAt(i)) {
                    return false;
                }
            }
            return true;
        }

        int be16(long pos) {
            return (u8(pos) << 8) | u8(pos + 1);
        }

        int be32(long pos) {
            return (u8(pos) << 24) | (u8(pos + 1) << 16) | (u8(pos + 2) << 8) | u8(pos + 3);
        }

        int le16(long pos) {
            return u8(pos) | (u8(pos + 1) << 8);
        }

        int le24(long pos) {
            return u8(pos) | (u8(pos + 1) << 8) | (u8(pos + 2) << 16);
        }

        int le32(long pos) {
            return le24(pos) | (u8(pos + 3) << 24);
        }

        int u16(long pos, boolean little) {
            return little ? le16(pos) : be16(pos);
        }

        int u32(long pos, boolean little) {
            return little ? le32(pos) : be32(pos);
        }

        /** The last {@link #TAIL} bytes (fewer for smaller files), read once. */
        private byte[] tail() {
            if (tail == null) {
                long from = Math.max(0, size - TAIL);
                tail = new byte[(int) (size - from)];
                int n = source.read(from, tail, tail.length);
                if (n < tail.length) {
                    tail = Arrays.copyOf(tail, Math.max(n, 0));
                }
            }
            return tail;
        }

        boolean tailContains(String ascii) {
            byte[] t = tail();
            outer:
            for (int pos = t.length - ascii.length(); pos >= 0; pos--) {
                for (int i = 0; i < ascii.length(); i++) {
                    if ((t[pos + i] & 0xFF) != ascii.charAt(i)) {
                        continue outer;
                    }
                }
                return true;
            }
            return false;
        }

        /** JPEG's end-of-image marker (FF D9) in the last {@link #TAIL} bytes. */
        boolean tailContainsEoi() {
            return tailContains("\u00FF\u00D9");
        }

        /** The last byte that is not zero padding is {@code value}. */
        boolean lastNonZeroIs(int value) {
            byte[] t = tail();
            for (int pos = t.length - 1; pos >= 0; pos--) {
                if (t[pos] != 0) {
                    return (t[pos] & 0xFF) == value;
                }
            }
            return false;
        }
    }
}
