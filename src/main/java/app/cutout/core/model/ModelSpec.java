package app.cutout.core.model;

import app.cutout.core.files.SiteParts;

/**
 * The segmentation models Cutout ships, with what a loader must check and what pre-processing expects.
 * Both are ISNet (DIS); see {@code models/README.md} for provenance and licences.
 */
public enum ModelSpec {
    QUINT8("quint8", "8-bit", "models/isnet-quint8.onnx", 44_342_436L,
            "7001d60734fdc112dd9c062635fb59cd401fb82a9d4213134bce4dbd655c803a", false),
    FP16("fp16", "fp16", Files.FP16, Files.FP16_BYTES, Files.FP16_SHA256, false),
    /**
     * The fp16 model's file, widened to 32-bit floats when it is loaded ({@code core.onnx.Fp16ToFp32}): for GPUs
     * without 16-bit shaders, where the 8-bit model would leave its integer convolutions to the CPU. No other
     * download: the same file, cache entry and checksum as {@link #FP16}.
     */
    FP32("fp32", "fp32", Files.FP16, Files.FP16_BYTES, Files.FP16_SHA256, true);

    /** The fp16 file, shared by {@link #FP16} and {@link #FP32}. */
    private static final class Files {
        static final String FP16 = "models/isnet-fp16.onnx";
        static final long FP16_BYTES = 88_188_479L;
        static final String FP16_SHA256 = "b6e8497ba978a6f5fbb647e419d2696cd80df5a23cb6a8ea532021911bd76acb";
    }

    /** The model input's long side (and both sides of a square photo's input); the output has the input's size. */
    public static final int SIZE = 1024;
    /**
     * What the short side of an input at the photo's aspect ratio ({@link #inputWidth}) is a multiple of. ISNet
     * halves its input six times (to 16² at 1024², pooling with rounding up) and scales back up by factors of two, so
     * any multiple of 64 goes through every stage exactly once the model's fixed sizes are made free
     * ({@code core.onnx.AnySize}); at 672 (a multiple of 32 only) a map of 21 rows pools to 11 and comes back as 22.
     */
    public static final int STEP = 64;
    /** Input normalisation: {@code (v - MEAN) / STD} for each 0..255 channel value. */
    public static final float MEAN = 128f;
    public static final float STD = 256f;
    public static final String INPUT_NAME = "input";
    /** The only output fetched: the final sigmoid mask. The other outputs cost time and are never read. */
    public static final String OUTPUT_NAME = "output";

    public final String id;
    public final String label;
    /** Site-relative path of the weights. */
    public final String path;
    public final long bytes;
    public final String sha256;
    /** The file holds fp16 weights that are widened to fp32 before the session starts. */
    public final boolean widenedFromFp16;

    ModelSpec(String id, String label, String path, long bytes, String sha256, boolean widenedFromFp16) {
        this.id = id;
        this.label = label;
        this.path = path;
        this.bytes = bytes;
        this.sha256 = sha256;
        this.widenedFromFp16 = widenedFromFp16;
    }

    /**
     * How many files the site serves this model in: hosts limit a file's size, so it comes in parts
     * ({@link SiteParts}). An interrupted download keeps the parts it finished, so Try again fetches only the rest.
     */
    public int parts() {
        return SiteParts.count(bytes);
    }

    /** Site-relative path of part {@code index} (0-based) of the weights: {@code models/NAME.onnx.00}, ... */
    public String partPath(int index) {
        return SiteParts.path(path, bytes, index);
    }

    /** Where part {@code index} starts in the whole file. */
    public long partOffset(int index) {
        return SiteParts.offset(bytes, index);
    }

    /** Bytes in part {@code index}. */
    public int partBytes(int index) {
        return SiteParts.length(bytes, index);
    }

    public static ModelSpec byId(String id) {
        for (ModelSpec spec : values()) {
            if (spec.id.equals(id)) {
                return spec;
            }
        }
        throw new IllegalArgumentException("Unknown model \"" + id + "\"; expected quint8, fp16 or fp32");
    }

    /**
     * The model input's width for a photo of {@code width} x {@code height}: the photo's aspect ratio, long side
     * {@link #SIZE}, short side rounded to a multiple of {@link #STEP} (at least one step). A 4:3 photo is read at
     * 1024 x 768, which costs 0.7 of a square input's inference. Measured, not adopted: the model, trained on
     * squares, is better on some photos and fails on others (bench/README.md, "Input at the photo's aspect ratio");
     * only {@code ?ort=input:aspect} asks for it.
     */
    public static int inputWidth(int width, int height) {
        return width >= height ? SIZE : shortSide(width, height);
    }

    /** The model input's height for a photo of {@code width} x {@code height}; see {@link #inputWidth}. */
    public static int inputHeight(int width, int height) {
        return height >= width ? SIZE : shortSide(height, width);
    }

    private static int shortSide(int shorter, int longer) {
        if (shorter <= 0 || longer <= 0) {
            throw new IllegalArgumentException("Sizes must be positive, got " + shorter + " and " + longer);
        }
        long steps = Math.round((double) shorter * SIZE / longer / STEP);
        return (int) Math.max(1, steps) * STEP;
    }
}
