package app.cutout.e2e;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;

/**
 * Mutated image files, for the intake's fuzz test on the JVM ({@code core.image.IntakeFuzzTest}) and a queue of them
 * in the browser ({@link FuzzedQueueIT}): small valid JPEG, PNG, GIF, WebP, BMP and AVIF files ({@link #seeds}) with
 * bit flips, truncations, huge dimensions, and chunk, segment or box lengths written over ({@link #mutate}). The same
 * {@link Random} gives the same files.
 */
public final class FuzzedFiles {
    private FuzzedFiles() {
    }

    /**
     * The mutations, by name. {@code claims-huge} leaves the bytes as they are: the intake's test pairs it with a
     * file that claims to be gigabytes long, which only a {@code ByteSource} of its own can do.
     */
    public static final String[] MUTATIONS = {"flip", "flips", "truncate", "huge-size", "length", "claims-huge",
        "flip-and-truncate"};

    /** A copy of {@code seed} (a file of {@code format}, a key of {@link #seeds}) with {@code mutation} applied. */
    public static byte[] mutate(String mutation, byte[] seed, String format, Random random) {
        byte[] file = seed.clone();
        switch (mutation) {
            case "flip":
                flip(file, 1, random);
                return file;
            case "flips":
                flip(file, 2 + random.nextInt(30), random);
                return file;
            case "truncate":
                return Arrays.copyOf(file, random.nextInt(file.length + 1));
            case "flip-and-truncate":
                flip(file, 1 + random.nextInt(4), random);
                return Arrays.copyOf(file, random.nextInt(file.length + 1));
            case "huge-size":
                setSize(file, format, random);
                return file;
            case "length":
                setLength(file, format, random);
                return file;
            default:
                return file;
        }
    }

    /** Bit flips, mostly in the first bytes, where the headers are. */
    private static void flip(byte[] file, int count, Random random) {
        for (int k = 0; k < count; k++) {
            int limit = random.nextInt(4) == 0 ? file.length : Math.min(file.length, 600);
            int at = random.nextInt(limit);
            file[at] ^= (byte) (1 << random.nextInt(8));
        }
    }

    private static int anySize(Random random) {
        switch (random.nextInt(4)) {
            case 0:
                return random.nextInt();
            case 1:
                return 1 + random.nextInt(70_000);
            case 2:
                return 32_000 + random.nextInt(40_000);
            default:
                return 1 << random.nextInt(31);
        }
    }

    /** Writes a random (often huge) width and height where the format keeps them. */
    private static void setSize(byte[] f, String format, Random random) {
        ByteBuffer be = ByteBuffer.wrap(f);
        ByteBuffer le = ByteBuffer.wrap(f).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        int w = anySize(random);
        int h = anySize(random);
        switch (format) {
            case "png":
                be.putInt(16, w).putInt(20, h);
                break;
            case "gif":
                le.putShort(6, (short) w).putShort(8, (short) h);
                break;
            case "bmp":
                le.putInt(18, w).putInt(22, h);
                break;
            case "jpg": {
                int sof = find(f, new byte[] {(byte) 0xFF, (byte) 0xC0});
                if (sof > 0) {
                    be.putShort(sof + 5, (short) h).putShort(sof + 7, (short) w);
                }
                break;
            }
            case "webp": {
                int vp8x = find(f, "VP8X".getBytes(StandardCharsets.US_ASCII));
                if (vp8x > 0) {
                    // 24-bit width-1 and height-1 at +12 and +15.
                    for (int b = 0; b < 3; b++) {
                        f[vp8x + 12 + b] = (byte) (w >>> (8 * b));
                        f[vp8x + 15 + b] = (byte) (h >>> (8 * b));
                    }
                }
                break;
            }
            case "avif": {
                int ispe = find(f, "ispe".getBytes(StandardCharsets.US_ASCII));
                if (ispe > 0) {
                    be.putInt(ispe + 8, w).putInt(ispe + 12, h);
                }
                break;
            }
            default:
                break;
        }
    }

    /** Writes a random length into a chunk, segment or box header. */
    private static void setLength(byte[] f, String format, Random random) {
        ByteBuffer be = ByteBuffer.wrap(f);
        ByteBuffer le = ByteBuffer.wrap(f).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        int length = random.nextBoolean() ? random.nextInt() : random.nextInt(f.length * 2 + 1);
        switch (format) {
            case "png":
                be.putInt(random.nextBoolean() ? 8 : 33, length);
                break;
            case "jpg":
                be.putShort(4, (short) length);
                break;
            case "webp":
                le.putInt(random.nextBoolean() ? 4 : 16, length);
                break;
            case "avif":
                be.putInt(random.nextBoolean() ? 0 : find(f, "meta".getBytes(StandardCharsets.US_ASCII)) - 4, length);
                break;
            case "bmp":
                le.putInt(random.nextBoolean() ? 2 : 10, length);
                break;
            case "gif":
                f[10] = (byte) length;
                break;
            default:
                break;
        }
    }

    private static int find(byte[] f, byte[] what) {
        outer:
        for (int i = 0; i + what.length <= f.length; i++) {
            for (int k = 0; k < what.length; k++) {
                if (f[i + k] != what[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** One small valid file per format, by its extension: jpg, png, gif, webp, bmp, avif (its boxes only). */
    public static Map<String, byte[]> seeds() throws IOException {
        Map<String, byte[]> seeds = new LinkedHashMap<>();
        seeds.put("jpg", BadInputs.jpeg(BadInputs.scene(96, 64, 1)));
        seeds.put("png", BadInputs.png(BadInputs.scene(96, 64, 2)));
        seeds.put("gif", BadInputs.animatedGif(BadInputs.scene(64, 48, 3)));
        seeds.put("webp", BadInputs.animatedWebp(64, 48));
        ByteArrayOutputStream bmp = new ByteArrayOutputStream();
        ImageIO.write(BadInputs.scene(40, 30, 4), "bmp", bmp);
        seeds.put("bmp", bmp.toByteArray());
        seeds.put("avif", avif(4000, 3000));
        return seeds;
    }

    /** An AVIF's boxes up to its spatial extent ({@code ispe}), then some coded data. */
    private static byte[] avif(int width, int height) {
        byte[] ispe = box("ispe", ByteBuffer.allocate(12).putInt(0).putInt(width).putInt(height).array());
        byte[] ftyp = box("ftyp", "avif\0\0\0\0mif1miaf".getBytes(StandardCharsets.ISO_8859_1));
        ByteArrayOutputStream meta = new ByteArrayOutputStream();
        meta.writeBytes(new byte[4]);
        meta.writeBytes(box("hdlr", new byte[25]));
        meta.writeBytes(box("iprp", box("ipco", ispe)));
        byte[] data = new byte[2048];
        new Random(5).nextBytes(data);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(ftyp);
        out.writeBytes(box("meta", meta.toByteArray()));
        out.writeBytes(box("mdat", data));
        return out.toByteArray();
    }

    private static byte[] box(String type, byte[] body) {
        return ByteBuffer.allocate(8 + body.length).putInt(8 + body.length)
                .put(type.getBytes(StandardCharsets.ISO_8859_1)).put(body).array();
    }
}
