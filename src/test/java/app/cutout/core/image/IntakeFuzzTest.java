package app.cutout.core.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import app.cutout.e2e.BadInputs;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * 10,000 mutated files through the intake ({@link ImageHeader#read}, {@link Intake#check}), with a fixed seed: valid
 * JPEG, PNG, GIF, WebP, BMP and AVIF files with bit flips, truncations, huge dimensions and chunk or box lengths, and
 * files that claim to be gigabytes long. The intake must answer each with a plan or a {@link Refusal}, never another
 * exception; a plan never asks to decode past {@link ImageLimits}; and reading a header allocates a bounded amount,
 * whatever the file says.
 */
class IntakeFuzzTest {
    private static final int CASES = 10_000;
    /** The header reader's window and tail plus small objects; far below any photo. */
    private static final long MAX_ALLOCATION = 512 * 1024;

    @Test
    void everyMutatedFileGetsAPlanOrARefusalWithinTheLimits() throws IOException {
        Map<String, byte[]> seeds = seeds();
        List<String> formats = new ArrayList<>(seeds.keySet());
        Random random = new Random(20261206L);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        // Class loading and the first use of each path (a refusal's text formatting, say) are not the intake's
        // per-file cost: a warm-up with other mutations first.
        Random warmUp = new Random(1);
        for (int i = 0; i < 300; i++) {
            String format = formats.get(i % formats.size());
            String mutation = MUTATIONS[warmUp.nextInt(MUTATIONS.length)];
            try {
                Intake.check(photo("warm-up", mutate(mutation, seeds.get(format), format, warmUp), 1L << 33), 0, 0);
                Intake.check(photo("warm-up", mutate(mutation, seeds.get(format), format, warmUp), 100), 0, 0);
            } catch (Refusal expected) {
                // as often as not
            }
        }
        Map<String, Integer> outcomes = new LinkedHashMap<>();
        long worstAllocation = 0;
        for (int i = 0; i < CASES; i++) {
            String format = formats.get(i % formats.size());
            byte[] seed = seeds.get(format);
            String mutation = MUTATIONS[random.nextInt(MUTATIONS.length)];
            byte[] file = mutate(mutation, seed, format, random);
            long claimed = "claims-huge".equals(mutation) ? (1L << 33) + random.nextInt(1 << 20) : file.length;
            PhotoSource photo = photo("case-" + i + "." + format, file, claimed);
            Intake.Plan plan = null;
            Refusal refusal = null;
            long before = threads.getThreadAllocatedBytes(thread);
            try {
                plan = Intake.check(photo, 0, 0);
            } catch (Refusal e) {
                refusal = e;
            } catch (RuntimeException | Error e) {
                throw new AssertionError("case " + i + " (" + format + ", " + mutation + ") threw " + e, e);
            }
            long allocated = threads.getThreadAllocatedBytes(thread) - before;
            worstAllocation = Math.max(worstAllocation, allocated);
            if (allocated > MAX_ALLOCATION) {
                fail("case " + i + " (" + format + ", " + mutation + ") allocated " + allocated + " bytes");
            }
            String outcome = refusal != null ? refusal.code : "plan";
            if (plan != null && (plan.width != 0 || plan.height != 0)) {
                assertTrue(plan.width > 0 && plan.height > 0, "case " + i + ": " + plan.header);
                assertEquals(ImageLimits.Verdict.FULL, ImageLimits.judge(plan.width, plan.height),
                        "case " + i + " (" + format + ", " + mutation + ") plans a decode past the limits: "
                                + plan.width + "x" + plan.height);
            }
            outcomes.merge(outcome, 1, Integer::sum);
        }
        System.out.println("IntakeFuzzTest: " + CASES + " cases, outcomes " + outcomes + ", most allocated by one: "
                + worstAllocation + " bytes");
        // The mutations reach the interesting answers, not only "plan".
        assertTrue(outcomes.getOrDefault(Refusal.TOO_LARGE, 0) + outcomes.getOrDefault(Refusal.TOO_LONG, 0) > 100,
                outcomes.toString());
        assertTrue(outcomes.getOrDefault(Refusal.TOO_LARGE_TO_OPEN, 0) > 100, outcomes.toString());
        assertTrue(outcomes.getOrDefault("plan", 0) > 1000, outcomes.toString());
    }

    private static final String[] MUTATIONS = {"flip", "flips", "truncate", "huge-size", "length", "claims-huge",
        "flip-and-truncate"};

    private static byte[] mutate(String mutation, byte[] seed, String format, Random random) {
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

    private static Map<String, byte[]> seeds() throws IOException {
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

    /** A file of {@code claimed} bytes: {@code bytes}, then zeros (a sparse stand-in for a huge file). */
    private static PhotoSource photo(String name, byte[] bytes, long claimed) {
        ByteSource source = new ByteSource() {
            @Override
            public long size() {
                return claimed;
            }

            @Override
            public int read(long offset, byte[] dst, int length) {
                if (offset >= claimed) {
                    return 0;
                }
                int n = (int) Math.min(length, claimed - offset);
                for (int i = 0; i < n; i++) {
                    long at = offset + i;
                    dst[i] = at < bytes.length ? bytes[(int) at] : 0;
                }
                return n;
            }
        };
        return PhotoSource.of(name, "", source);
    }
}
