package app.cutout.web.app;

import app.cutout.core.image.Refusal;
import app.cutout.web.protocol.Message;

/** The user's sentence for a worker error: translated when the worker gave a code, else its English text. */
final class ErrorText {
    private ErrorText() {
    }

    static String of(Message message) {
        String code = message.getCode();
        if (code != null && !code.isEmpty() && Texts.has("error." + code)) {
            return Texts.t("error." + code, args(message));
        }
        return message.getText();
    }

    /** The placeholder values of a refusal, kept so the sentence can be worded again in another language. */
    static Object[] args(Message message) {
        return Refusal.args(message.getName(), message.getFormat(), message.getWidth(), message.getHeight(),
                message.getFitWidth(), message.getFitHeight());
    }

    /** The item's error in the current language. */
    static String of(Item item) {
        if (!item.errorCode.isEmpty() && item.errorArgs != null && Texts.has("error." + item.errorCode)) {
            return Texts.t("error." + item.errorCode, item.errorArgs);
        }
        return item.error;
    }
}
