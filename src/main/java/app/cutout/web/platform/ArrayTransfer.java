package app.cutout.web.platform;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import org.teavm.jso.typedarrays.Float32Array;
import org.teavm.jso.typedarrays.Int32Array;
import org.teavm.jso.typedarrays.Int8Array;

/**
 * Moves Java arrays to and from JavaScript typed arrays through one direct buffer in WebAssembly linear memory.
 *
 * <p>Why: a Wasm GC array is opaque to JavaScript, so TeaVM's own conversions ({@code Int32Array.set(int[])},
 * {@code copyFromJavaArray}, {@code copyToJavaArray}) go through a 4 KB window, three JavaScript calls per window.
 * Measured in Chromium 156 on the 2-core machine, for the 12 M pixels of a 4000 × 3000 photo: 190–270 ms into
 * JavaScript and 70–270 ms back that way, against 6–10 ms through a direct buffer, which is a bulk copy inside Wasm
 * plus one {@code TypedArray.set} (a memcpy) or a zero-copy view.
 *
 * <p>A view handed out is valid until the next call of this class: linear memory can grow, which detaches every
 * view of it, and the next call reuses the same bytes. Callers use a view at once (an {@code ImageData}, a tensor)
 * and never keep it. Not thread-safe; each Wasm module (page, worker) has its own.
 */
public final class ArrayTransfer {
    /** Enough for a 1 M pixel strip ({@link BitmapPixels#STRIP_PIXELS}); grows once for the model's input. */
    private static final int MIN_BYTES = 4 << 20;
    private static ByteBuffer staging;

    private ArrayTransfer() {
    }

    /** {@code src[offset, offset + length)} as an {@code Int32Array} of {@code length} elements, copied once. */
    public static Int32Array ints(int[] src, int offset, int length) {
        IntBuffer buffer = bytes(length * 4).asIntBuffer();
        buffer.put(src, offset, length);
        // TeaVM's view spans the buffer's whole capacity.
        Int32Array all = Int32Array.fromJavaBuffer(buffer);
        return new Int32Array(all.getBuffer(), all.getByteOffset(), length);
    }

    /** Copies all of {@code src} into {@code dst} from {@code offset}. */
    public static void copy(Int32Array src, int[] dst, int offset) {
        int length = src.getLength();
        IntBuffer buffer = bytes(length * 4).asIntBuffer();
        Int32Array.fromJavaBuffer(buffer).set(src);
        buffer.get(dst, offset, length);
    }

    /** {@code src[offset, offset + length)} as a {@code Float32Array} of {@code length} elements, copied once. */
    public static Float32Array floats(float[] src, int offset, int length) {
        FloatBuffer buffer = bytes(length * 4).asFloatBuffer();
        buffer.put(src, offset, length);
        Float32Array all = Float32Array.fromJavaBuffer(buffer);
        return new Float32Array(all.getBuffer(), all.getByteOffset(), length);
    }

    /** Copies all of {@code src} into {@code dst} from {@code offset}. */
    public static void copy(Float32Array src, float[] dst, int offset) {
        int length = src.getLength();
        FloatBuffer buffer = bytes(length * 4).asFloatBuffer();
        Float32Array.fromJavaBuffer(buffer).set(src);
        buffer.get(dst, offset, length);
    }

    /** A new {@code Int8Array} of its own (safe to keep, transfer or post) with the bytes of {@code src}. */
    public static Int8Array copyOf(byte[] src) {
        Int8Array out = new Int8Array(src.length);
        for (int at = 0; at < src.length; at += MIN_BYTES) {
            int length = Math.min(MIN_BYTES, src.length - at);
            ByteBuffer buffer = bytes(length);
            buffer.put(src, at, length);
            Int8Array all = Int8Array.fromJavaBuffer(buffer);
            out.set(new Int8Array(all.getBuffer(), all.getByteOffset(), length), at);
        }
        return out;
    }

    /** A new Java array with the bytes of {@code src}. */
    public static byte[] copyOf(Int8Array src) {
        byte[] out = new byte[src.getLength()];
        for (int at = 0; at < out.length; at += MIN_BYTES) {
            int length = Math.min(MIN_BYTES, out.length - at);
            ByteBuffer buffer = bytes(length);
            Int8Array.fromJavaBuffer(buffer).set(new Int8Array(src.getBuffer(), src.getByteOffset() + at, length));
            buffer.get(out, at, length);
        }
        return out;
    }

    /** The staging bytes, at least {@code count} of them, little-endian like every typed array on the web. */
    private static ByteBuffer bytes(int count) {
        if (staging == null || staging.capacity() < count) {
            // The old buffer's memory goes back to TeaVM's heap when the buffer is collected.
            staging = ByteBuffer.allocateDirect(Math.max(count, MIN_BYTES)).order(ByteOrder.LITTLE_ENDIAN);
        }
        staging.clear();
        return staging;
    }
}
