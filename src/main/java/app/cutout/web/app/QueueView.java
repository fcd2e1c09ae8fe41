package app.cutout.web.app;

import app.cutout.core.text.CheckText;
import app.cutout.core.text.Texts;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.teavm.jso.dom.html.HTMLDocument;
import org.teavm.jso.dom.html.HTMLElement;
import org.teavm.jso.dom.html.HTMLImageElement;
import org.teavm.jso.dom.html.HTMLSelectElement;

/**
 * The list of photos: a thumbnail, name, status and progress per photo, with open, cancel and remove buttons; a
 * "Check this one" line with the reasons on doubtful results, and the order (as added, or most doubtful first).
 */
final class QueueView {
    interface Actions {
        void open(Item item);

        void cancel(Item item);

        void remove(Item item);

        /** Runs a failed photo again (at the smaller size offered, when one was). */
        void retry(Item item);
    }

    /** Ids grow in the order photos are added. */
    /** The thumbnail of a file the browser cannot show. */
    private static final String NO_PREVIEW = "icons/no-preview.svg";
    private static final Comparator<Row> ADDED = (a, b) -> Integer.compare(a.item.id, b.item.id);
    /** The highest score first, photos without one (not done) after them; ties as added. */
    private static final Comparator<Row> DOUBT = (a, b) -> {
        boolean scoredA = !Double.isNaN(a.item.confidence);
        boolean scoredB = !Double.isNaN(b.item.confidence);
        if (scoredA != scoredB) {
            return scoredA ? -1 : 1;
        }
        int c = scoredA ? Double.compare(b.item.confidence, a.item.confidence) : 0;
        return c != 0 ? c : ADDED.compare(a, b);
    };

    private final HTMLDocument document;
    private final HTMLElement section;
    private final HTMLElement list;
    private final Actions actions;
    private final Map<Integer, Row> rows = new HashMap<>();
    /** The rows in the order the list shows them. */
    private List<Row> shown = new ArrayList<>();
    /** Most doubtful first ({@link #DOUBT}), else the order they were added. */
    private boolean byDoubt;

    QueueView(HTMLDocument document, Actions actions) {
        this.document = document;
        this.actions = actions;
        section = document.getElementById("queue-section");
        list = document.getElementById("queue");
        HTMLSelectElement sort = (HTMLSelectElement) document.getElementById("queue-sort");
        sort.addEventListener("change", event -> {
            byDoubt = "doubt".equals(sort.getValue());
            reorder();
        });
    }

    void add(Item item) {
        Row row = new Row(item);
        rows.put(item.id, row);
        // The newest photo has no score yet: the end of the list in either order.
        shown.add(row);
        list.appendChild(row.li);
        section.setHidden(false);
        update(item);
    }

    void remove(Item item) {
        Row row = rows.remove(item.id);
        if (row != null) {
            shown.remove(row);
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
        updateCheck(row);
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

    /**
     * The score as data (for tests and the benchmark: {@code data-confidence}, {@code data-check}) and, on a doubtful
     * result, the visible line that says so and why; a new score moves the row when the list is by doubt.
     */
    private void updateCheck(Row row) {
        Item item = row.item;
        boolean scored = !Double.isNaN(item.confidence);
        if (scored) {
            row.li.setAttribute("data-confidence", Double.toString(item.confidence));
        } else {
            row.li.removeAttribute("data-confidence");
        }
        boolean check = item.needsCheck();
        row.li.setAttribute("data-check", check ? "true" : "false");
        row.check.setHidden(!check);
        row.check.setInnerText(check ? checkText(item) : "");
        // Read out with the row's open button too, which is what a keyboard or screen reader user lands on.
        if (check) {
            row.open.setAttribute("aria-describedby", row.check.getAttribute("id"));
        } else {
            row.open.removeAttribute("aria-describedby");
        }
        if (byDoubt && Double.compare(row.sortedBy, item.confidence) != 0) {
            reorder();
        }
    }

    /** "Check this one: the model was unsure along the edges; …", in the user's language. */
    static String checkText(Item item) {
        return CheckText.of(java.util.Arrays.asList(item.checkReasons));
    }

    /**
     * Puts the rows in the chosen order, moving them only when it changed. Moving a row takes focus off a button in
     * it, so focus goes back to where it was.
     */
    private void reorder() {
        List<Row> wanted = new ArrayList<>(shown);
        wanted.sort(byDoubt ? DOUBT : ADDED);
        for (Row row : wanted) {
            row.sortedBy = row.item.confidence;
        }
        if (wanted.equals(shown)) {
            return;
        }
        HTMLElement focused = document.getActiveElement();
        for (Row row : wanted) {
            list.appendChild(row.li);
        }
        shown = wanted;
        if (focused != null) {
            focused.focus();
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
        final HTMLElement check;
        /** The score this row was last placed by. */
        double sortedBy = Double.NaN;

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
            // A file the browser cannot show (not an image, or a format it does not read) gets a drawn "no preview"
            // picture instead of the browser's broken-image sign.
            thumb.addEventListener("error", event -> {
                if (!thumb.hasAttribute("data-no-preview")) {
                    thumb.setAttribute("data-no-preview", "");
                    thumb.setSrc(NO_PREVIEW);
                }
            });
            HTMLElement name = document.createElement("span");
            name.setClassName("queue-name");
            name.setInnerText(item.name);
            open.appendChild(thumb);
            open.appendChild(name);
            status = document.createElement("span");
            status.setClassName("queue-status");
            check = document.createElement("p");
            check.setClassName("queue-check");
            check.setAttribute("id", "queue-check-" + item.id);
            check.setHidden(true);
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
            li.appendChild(check);
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
