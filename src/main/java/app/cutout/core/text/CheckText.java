package app.cutout.core.text;

/**
 * "Check this one: the model was unsure along the edges; …": a doubtful result's reasons ({@code core.edit.Confidence}
 * codes) in the user's language, the same words in the queue and on the command line.
 */
public final class CheckText {
    private CheckText() {
    }

    public static String of(Iterable<String> codes) {
        StringBuilder reasons = new StringBuilder();
        for (String code : codes) {
            if (reasons.length() > 0) {
                reasons.append(Texts.t("check.separator"));
            }
            reasons.append(Texts.t("check." + code));
        }
        return Texts.t("check", reasons);
    }
}
