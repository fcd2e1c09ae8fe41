package app.cutout.web.app;

import app.cutout.web.protocol.Message;

/** The user's sentence for a worker error: translated when the worker gave a code, else its English text. */
final class ErrorText {
    private ErrorText() {
    }

    static String of(Message message) {
        String code = message.getCode();
        if (code != null && !code.isEmpty() && Texts.has("error." + code)) {
            String type = message.getFormat();
            return Texts.t("error." + code, message.getName(), type == null || type.isEmpty() ? "?" : type);
        }
        return message.getText();
    }
}
