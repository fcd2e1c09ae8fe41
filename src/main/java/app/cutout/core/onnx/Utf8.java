package app.cutout.core.onnx;

/** UTF-8 decoding without java.nio.charset, for names in diagnostics. Malformed bytes become U+FFFD. */
final class Utf8 {
    private Utf8() {
    }

    static String decode(byte[] b, int start, int length) {
        StringBuilder sb = new StringBuilder(length);
        int i = start;
        int end = start + length;
        while (i < end) {
            int c = b[i++] & 0xFF;
            if (c < 0x80) {
                sb.append((char) c);
                continue;
            }
            int extra = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : -1;
            if (extra < 0 || end - i < extra) {
                sb.append('\uFFFD');
                continue;
            }
            int cp = c & (0x3F >> extra);
            boolean ok = true;
            for (int k = 0; k < extra; k++) {
                int d = b[i + k] & 0xFF;
                if ((d & 0xC0) != 0x80) {
                    ok = false;
                    break;
                }
                cp = (cp << 6) | (d & 0x3F);
            }
            if (!ok) {
                sb.append('\uFFFD');
                continue;
            }
            i += extra;
            sb.appendCodePoint(cp);
        }
        return sb.toString();
    }
}
