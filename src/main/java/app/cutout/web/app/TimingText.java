package app.cutout.web.app;

import app.cutout.core.text.Texts;

/** Turns the worker's stage timings into one line for people. */
final class TimingText {
    private TimingText() {
    }

    static String summary(String json, int width, int height) {
        double total = value(json, "total_ms");
        double inference = value(json, "inference_ms");
        double megapixels = width * (double) height / 1e6;
        return Texts.t("took", seconds(total), oneDecimal(megapixels), seconds(inference));
    }

    /** Reads one number from the flat JSON that {@code StageTimings.toJson()} writes. */
    static double value(String json, String key) {
        String needle = "\"" + key + "\":";
        int start = json.indexOf(needle);
        if (start < 0) {
            return 0;
        }
        start += needle.length();
        int end = start;
        while (end < json.length() && "0123456789.-".indexOf(json.charAt(end)) >= 0) {
            end++;
        }
        try {
            return Double.parseDouble(json.substring(start, end));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String seconds(double millis) {
        return millis < 1000 ? Math.round(millis) + " ms" : oneDecimal(millis / 1000) + " s";
    }

    private static String oneDecimal(double v) {
        long tenths = Math.round(v * 10);
        return (tenths / 10) + "." + (tenths % 10);
    }
}
