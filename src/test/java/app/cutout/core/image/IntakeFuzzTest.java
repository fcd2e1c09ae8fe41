package app.cutout.core.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import app.cutout.e2e.FuzzedFiles;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * 10,000 mutated files ({@link FuzzedFiles}) through the intake ({@link ImageHeader#read}, {@link Intake#check}),
 * with a fixed seed: valid JPEG, PNG, GIF, WebP, BMP and AVIF files with bit flips, truncations, huge dimensions and
 * chunk or box lengths, and files that claim to be gigabytes long. The intake must answer each with a plan or a {@link Refusal}, never another
 * exception; a plan never asks to decode past {@link ImageLimits}; and reading a header allocates a bounded amount,
 * whatever the file says.
 */
class IntakeFuzzTest {
    private static final int CASES = 10_000;
    /** The header reader's window and tail plus small objects; far below any photo. */
    private static final long MAX_ALLOCATION = 512 * 1024;

    @Test
    void everyMutatedFileGetsAPlanOrARefusalWithinTheLimits() throws IOException {
        Map<String, byte[]> seeds = FuzzedFiles.seeds();
        List<String> formats = new ArrayList<>(seeds.keySet());
        Random random = new Random(20261206L);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        // Class loading and the first use of each path (a refusal's text formatting, say) are not the intake's
        // per-file cost: a warm-up with other mutations first.
        Random warmUp = new Random(1);
        for (int i = 0; i < 300; i++) {
            String format = formats.get(i % formats.size());
            String mutation = FuzzedFiles.MUTATIONS[warmUp.nextInt(FuzzedFiles.MUTATIONS.length)];
            try {
                byte[] seed = seeds.get(format);
                Intake.check(photo("warm-up", FuzzedFiles.mutate(mutation, seed, format, warmUp), 1L << 33), 0, 0);
                Intake.check(photo("warm-up", FuzzedFiles.mutate(mutation, seed, format, warmUp), 100), 0, 0);
            } catch (Refusal expected) {
                // as often as not
            }
        }
        Map<String, Integer> outcomes = new LinkedHashMap<>();
        long worstAllocation = 0;
        for (int i = 0; i < CASES; i++) {
            String format = formats.get(i % formats.size());
            byte[] seed = seeds.get(format);
            String mutation = FuzzedFiles.MUTATIONS[random.nextInt(FuzzedFiles.MUTATIONS.length)];
            byte[] file = FuzzedFiles.mutate(mutation, seed, format, random);
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
