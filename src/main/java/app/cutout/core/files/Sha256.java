package app.cutout.core.files;

/**
 * SHA-256 (FIPS 180-4), fed in pieces: what checks a downloaded model where the browser offers no
 * {@code crypto.subtle} (a page served over plain {@code http://} from anywhere but this machine is not a secure
 * context, and browsers give such pages no Web Crypto). About 44 MB of model a second or less in the page's
 * WebAssembly; the browser's own digest is used wherever there is one.
 */
public final class Sha256 {
    private static final int[] K = {
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
    };

    private final int[] h = {
        0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
    };
    private final int[] w = new int[64];
    /** A block's bytes not yet hashed ({@link #buffered} of them). */
    private final byte[] block = new byte[64];
    private int buffered;
    private long length;
    private boolean done;

    /** Adds {@code data[offset .. offset + count - 1]}. */
    public void update(byte[] data, int offset, int count) {
        if (done) {
            throw new IllegalStateException("digest() was called");
        }
        if (offset < 0 || count < 0 || offset > data.length - count) {
            throw new IllegalArgumentException("range " + offset + "+" + count + " of " + data.length);
        }
        length += count;
        int end = offset + count;
        if (buffered > 0) {
            int n = Math.min(64 - buffered, count);
            System.arraycopy(data, offset, block, buffered, n);
            buffered += n;
            offset += n;
            if (buffered < 64) {
                return;
            }
            compress(block, 0);
            buffered = 0;
        }
        for (; offset + 64 <= end; offset += 64) {
            compress(data, offset);
        }
        buffered = end - offset;
        System.arraycopy(data, offset, block, 0, buffered);
    }

    /** The 32-byte digest of everything added; the object takes no more after it. */
    public byte[] digest() {
        if (done) {
            throw new IllegalStateException("digest() was called");
        }
        long bits = length * 8;
        block[buffered++] = (byte) 0x80;
        if (buffered > 56) {
            java.util.Arrays.fill(block, buffered, 64, (byte) 0);
            compress(block, 0);
            buffered = 0;
        }
        java.util.Arrays.fill(block, buffered, 56, (byte) 0);
        for (int i = 0; i < 8; i++) {
            block[56 + i] = (byte) (bits >>> (56 - 8 * i));
        }
        compress(block, 0);
        done = true;
        byte[] out = new byte[32];
        for (int i = 0; i < 8; i++) {
            out[4 * i] = (byte) (h[i] >>> 24);
            out[4 * i + 1] = (byte) (h[i] >>> 16);
            out[4 * i + 2] = (byte) (h[i] >>> 8);
            out[4 * i + 3] = (byte) h[i];
        }
        return out;
    }

    private void compress(byte[] data, int at) {
        int[] w = this.w;
        for (int i = 0; i < 16; i++) {
            int p = at + 4 * i;
            w[i] = (data[p] << 24) | ((data[p + 1] & 0xFF) << 16) | ((data[p + 2] & 0xFF) << 8) | (data[p + 3] & 0xFF);
        }
        for (int i = 16; i < 64; i++) {
            int x = w[i - 15];
            int y = w[i - 2];
            int s0 = Integer.rotateRight(x, 7) ^ Integer.rotateRight(x, 18) ^ (x >>> 3);
            int s1 = Integer.rotateRight(y, 17) ^ Integer.rotateRight(y, 19) ^ (y >>> 10);
            w[i] = w[i - 16] + s0 + w[i - 7] + s1;
        }
        int a = h[0];
        int b = h[1];
        int c = h[2];
        int d = h[3];
        int e = h[4];
        int f = h[5];
        int g = h[6];
        int hh = h[7];
        for (int i = 0; i < 64; i++) {
            int t1 = hh + (Integer.rotateRight(e, 6) ^ Integer.rotateRight(e, 11) ^ Integer.rotateRight(e, 25))
                    + ((e & f) ^ (~e & g)) + K[i] + w[i];
            int t2 = (Integer.rotateRight(a, 2) ^ Integer.rotateRight(a, 13) ^ Integer.rotateRight(a, 22))
                    + ((a & b) ^ (a & c) ^ (b & c));
            hh = g;
            g = f;
            f = e;
            e = d + t1;
            d = c;
            c = b;
            b = a;
            a = t1 + t2;
        }
        h[0] += a;
        h[1] += b;
        h[2] += c;
        h[3] += d;
        h[4] += e;
        h[5] += f;
        h[6] += g;
        h[7] += hh;
    }
}
