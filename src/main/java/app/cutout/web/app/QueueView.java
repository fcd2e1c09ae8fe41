package app.cutout.web.app;

import app.cutout.core.text.Texts;
import java.util.HashMap;
import java.util.Map;
import org.teavm.jso.dom.html.HTMLDocument;
import org.teavm.jso.dom.html.HTMLElement;
import org.teavm.jso.dom.html.HTMLImageElement;

/** The list of photos: a thumbnail, name, status and progress per photo, with open, cancel and remove buttons. */
final class QueueView {
    interface Actions {
        void open(Item item);

        void cancel(Item item);

        void remove(Item item);

        /** Runs a failed photo again (at the smaller size offered, when one was). */
        void retry(Item item);
    }

    private final HTMLDocument document;
    private final HTMLElement section;
    private final HTMLElement list;
    private final Actions actions;
    private final Map<Integer, Row> rows = new HashMap<>();

    QueueView(HTMLDocument document, Actions actions) {
        this.document = document;
        this.actions = actions;
        section = document.getElementById("queue-section");
        list = document.getElementById("queue");
    }

    void add(Item item) {
        Row row = new Row(item);
        rows.put(item.id, row);
        list.appendChild(row.li);
        section.setHidden(false);
        update(item);
    }

    void remove(Item item) {
        Row row = rows.remove(item.id);
        if (row != null) {
            list.removeChild(row.li);
        }
        section.setHidden(rows.isEmpty());
    }

    void select(Item item) {
        for (Row row : rows.values()) {
            boolean selected = item != null && row.item == item;
            row.li.setClassName(selected ? "queue-item selected" : "queue-item");
            row.open.setAttribute("aria-pressed", selected ? "true" : "false");
        }
    }

    void update(Item item) {
        Row row = rows.get(item.id);
        if (row == null) {
            return;
        }
        row.li.setAttribute("data-state", item.state.id);
        row.status.setInnerText(statusText(item));
        boolean determinate = item.state == ItemState.LOADING_MODEL && item.total > 0;
        row.progress.setHidden(!item.running());
        if (determinate) {
            row.progress.setAttribute("max", Double.toString(item.total));
            row.progress.setAttribute("value", Double.toString(item.loaded));
        } else {
            row.progress.removeAttribute("value");
        }
        boolean active = !item.finished();
        row.cancel.setHidden(!active || item.state == ItemState.SAVING);
        row.remove.setHidden(active);
        row.retry.setHidden(!item.retryable());
        if (item.retryable()) {
            row.labelRetry();
        }
        if (item.viewable()) {
            row.open.removeAttribute("disabled");
        } else {
            row.open.setAttribute("disabled", "");
        }
    }

    /** Re-words every row after a language switch. */
    void relabel() {
        for (Row row : rows.values()) {
            row.label();
            update(row.item);
        }
    }

    static String statusText(Item item) {
        switch (item.state) {
            case QUEUED:
                return Texts.t("status.queued");
            case DONE:
                if (item.downscaled()) {
                    return Texts.t("status.done.smaller", item.width, item.height, item.sourceWidth,
                            item.sourceHeight);
                }
                return Texts.t(item.animated ? "status.done.animated" : "status.done");
            case CANCELLED:
                return Texts.t("status.cancelled");
            case ERROR:
                return ErrorText.of(item);
            case LOADING_MODEL:
                return Texts.t("status.loading-model.short", Texts.t("model.name.quint8"));
            default:
                return Texts.t("status." + item.state.id);
        }
    }

    private final class Row {
        final Item item;
        final HTMLElement li;
        final HTMLElement open;
        final HTMLElement status;
        final HTMLElement progress;
        final HTMLElement cancel;
        final HTMLElement remove;
        final HTMLElement retry;

        Row(Item item) {
            this.item = item;
            li = document.createElement("li");
            // The card's look and the error colour hang on this class; select() toggles "selected" later.
            li.setClassName("queue-item");
            li.setAttribute("data-id", Integer.toString(item.id));
            open = document.createElement("button");
            open.setAttribute("type", "button");
            open.setClassName("queue-open");
            HTMLImageElement thumb = (HTMLImageElement) document.createElement("img");
            thumb.setSrc(item.originalUrl);
            thumb.setAlt("");
            thumb.setAttribute("loading", "lazy");
            thumb.setAttribute("decoding", "async");
            HTMLElement name = document.createElement("span");
            name.setClassName("queue-name");
            name.setInnerText(item.name);
            open.appendChild(thumb);
            open.appendChild(name);
            status = document.createElement("span");
            status.setClassName("queue-status");
            progress = document.createElement("progress");
            cancel = document.createElement("button");
            cancel.setAttribute("type", "button");
            cancel.setClassName("queue-cancel");
            remove = document.createElement("button");
            remove.setAttribute("type", "button");
            remove.setClassName("queue-remove");
            retry = document.createElement("button");
            retry.setAttribute("type", "button");
            retry.setClassName("queue-retry");
            retry.setHidden(true);
            label();
            li.appendChild(open);
            li.appendChild(status);
            li.appendChild(progress);
            li.appendChild(retry);
            li.appendChild(cancel);
            li.appendChild(remove);
            open.addEventListener("click", event -> actions.open(item));
            cancel.addEventListener("click", event -> actions.cancel(item));
            remove.addEventListener("click", event -> actions.remove(item));
            retry.addEventListener("click", event -> actions.retry(item));
        }

        void label() {
            open.setAttribute("aria-label", Texts.t("open.label", item.name));
            cancel.setInnerText(Texts.t("cancel"));
            cancel.setAttribute("aria-label", Texts.t("cancel.label", item.name));
            remove.setInnerText(Texts.t("remove"));
            remove.setAttribute("aria-label", Texts.t("remove.label", item.name));
            labelRetry();
        }

        void labelRetry() {
            boolean smaller = item.fitWidth > 0;
            retry.setInnerText(smaller ? Texts.t("retry.smaller", item.fitWidth, item.fitHeight) : Texts.t("retry"));
            retry.setAttribute("aria-label", smaller
                    ? Texts.t("retry.smaller.label", item.fitWidth, item.fitHeight, item.name)
                    : Texts.t("retry.label", item.name));
        }
    }
}
