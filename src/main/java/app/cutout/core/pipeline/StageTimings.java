package app.cutout.core.pipeline;

import java.util.LinkedHashMap;
import java.util.Map;

/** Milliseconds spent in each named stage of one run, in the order the stages ran. */
public final class StageTimings {
    public static final String MODEL_FETCH = "model_fetch_ms";
    public static final String SESSION = "session_ms";
    public static final String DECODE = "decode_ms";
    public static final String PRE = "pre_ms";
    public static final String INFERENCE = "inference_ms";
    /** From the start until the rough cutout (the model's mask, unrefined) is handed to the host. */
    public static final String FIRST = "first_ms";
    public static final String POST = "post_ms";
    /** Measuring how likely the finished alpha is wrong ({@code core.edit.Confidence}). */
    public static final String CONFIDENCE = "confidence_ms";
    /** Drawing the finished pixels into a canvas and handing a bitmap of it to the page. */
    public static final String SHOW = "show_ms";
    /** From the start of the run until the page has the cutout to show and edit (the PNG follows). */
    public static final String READY = "ready_ms";
    public static final String ENCODE = "encode_ms";
    public static final String TOTAL = "total_ms";
    /** The passes of {@link #POST} (edge refinement), each in milliseconds: {@code core.refine.PassLog}. */
    public static final String POST_PASSES = "post_passes";

    private final Map<String, Double> values = new LinkedHashMap<>();
    private final Map<String, Map<String, Double>> groups = new LinkedHashMap<>();

    public void put(String stage, double millis) {
        values.put(stage, millis);
    }

    public void add(String stage, double millis) {
        Double old = values.get(stage);
        values.put(stage, old == null ? millis : old + millis);
    }

    /** A group of named figures, such as {@link #POST_PASSES}, written as a nested object after the stages. */
    public void putGroup(String name, Map<String, Double> millis) {
        groups.put(name, millis);
    }

    public double get(String stage) {
        Double value = values.get(stage);
        return value == null ? 0 : value;
    }

    public Map<String, Double> asMap() {
        return values;
    }

    /**
     * A JSON object, e.g. {@code {"decode_ms":12.5,"pre_ms":20.1,"post_passes":{"flags":1.5}}}, with one decimal:
     * the stages, then each group as an object of its own.
     */
    public String toJson() {
        StringBuilder sb = new StringBuilder();
        appendObject(sb, values);
        sb.setLength(sb.length() - 1);
        for (Map.Entry<String, Map<String, Double>> g : groups.entrySet()) {
            if (sb.length() > 1) {
                sb.append(',');
            }
            sb.append('"').append(g.getKey()).append("\":");
            appendObject(sb, g.getValue());
        }
        return sb.append('}').toString();
    }

    private static void appendObject(StringBuilder sb, Map<String, Double> entries) {
        sb.append('{');
        boolean first = true;
        for (Map.Entry<String, Double> e : entries.entrySet()) {
            if (!first) {
                sb.append(',');
            }
            first = false;
            long tenths = Math.round(e.getValue() * 10);
            // -0.4 rounds to -4 tenths, whose whole part is 0: the sign must come from the tenths.
            sb.append('"').append(e.getKey()).append("\":").append(tenths < 0 ? "-" : "").append(Math.abs(tenths) / 10)
                    .append('.').append(Math.abs(tenths % 10));
        }
        sb.append('}');
    }
}
