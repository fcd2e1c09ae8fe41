package app.cutout.e2e;

import app.cutout.core.onnx.ProtoReader;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * ISNet as it would have been exported for one input size other than 1024²: each {@code Resize}'s constant
 * {@code sizes = [1, C, h, w]} scaled to that size in place (the file stays as it is otherwise), the graph's
 * {@code value_info} (shapes at 1024²) dropped, and the graph input and outputs left without a shape. A reference
 * for the app's own rewrite ({@code core.onnx.AnySize}, which reads scales instead), built independently of it.
 */
public final class FixedSizeModel {
    private FixedSizeModel() {
    }

    /** @param height the input height; {@code height / 1024} times each constant height must be whole (so: width) */
    public static byte[] of(byte[] model, int height, int width) {
        byte[] b = model.clone();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ProtoReader m = new ProtoReader(b);
        while (m.next()) {
            if (m.field() != 7) {
                out.write(b, m.fieldStart(), m.valueEnd() - m.fieldStart());
                continue;
            }
            ByteArrayOutputStream graph = new ByteArrayOutputStream();
            ProtoReader g = m.message();
            while (g.next()) {
                if (g.field() == 13) {
                    continue;
                }
                if (g.field() == 11 || g.field() == 12) {
                    writeUnshaped(graph, b, g.message(), g.field());
                    continue;
                }
                if (g.field() == 5) {
                    scaleSizes(b, g.message(), height, width);
                }
                graph.write(b, g.fieldStart(), g.valueEnd() - g.fieldStart());
            }
            writeLengthDelimited(out, 7, graph.toByteArray());
        }
        return out.toByteArray();
    }

    /** A ValueInfoProto with its name and element type only. */
    private static void writeUnshaped(ByteArrayOutputStream graph, byte[] b, ProtoReader v, int field) {
        ByteArrayOutputStream value = new ByteArrayOutputStream();
        while (v.next()) {
            if (v.field() == 1) {
                value.write(b, v.fieldStart(), v.valueEnd() - v.fieldStart());
            } else if (v.field() == 2) {
                ProtoReader type = v.message();
                while (type.next()) {
                    if (type.field() == 1) {
                        ProtoReader tensor = type.message();
                        while (tensor.next()) {
                            if (tensor.field() == 1) {
                                ByteArrayOutputStream t = new ByteArrayOutputStream();
                                t.write(b, tensor.fieldStart(), tensor.valueEnd() - tensor.fieldStart());
                                ByteArrayOutputStream typeProto = new ByteArrayOutputStream();
                                writeLengthDelimited(typeProto, 1, t.toByteArray());
                                writeLengthDelimited(value, 2, typeProto.toByteArray());
                            }
                        }
                    }
                }
            }
        }
        writeLengthDelimited(graph, field, value.toByteArray());
    }

    private static void scaleSizes(byte[] b, ProtoReader t, int height, int width) {
        boolean concat = false;
        int type = 0;
        int rawStart = -1;
        int rawLength = 0;
        while (t.next()) {
            if (t.field() == 2) {
                type = (int) t.varint();
            } else if (t.field() == 8 && t.string().contains("Concat")) {
                concat = true;
            } else if (t.field() == 9) {
                rawStart = t.valueStart();
                rawLength = t.length();
            }
        }
        // Resize sizes: int64[4], named after the Concat the exporter built them with.
        if (!concat || type != 7 || rawLength != 32) {
            return;
        }
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        long h = bb.getLong(rawStart + 16);
        long w = bb.getLong(rawStart + 24);
        if (h * height % 1024 != 0 || w * width % 1024 != 0) {
            throw new IllegalArgumentException("Size " + h + "x" + w + " does not scale to a whole size");
        }
        bb.putLong(rawStart + 16, h * height / 1024);
        bb.putLong(rawStart + 24, w * width / 1024);
    }

    private static void writeLengthDelimited(ByteArrayOutputStream out, int field, byte[] body) {
        varint(out, (long) field << 3 | 2);
        varint(out, body.length);
        out.write(body, 0, body.length);
    }

    private static void varint(ByteArrayOutputStream out, long v) {
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }
}
