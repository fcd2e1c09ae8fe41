package app.cutout.core.files;

/** File names for downloads. */
public final class Names {
    private static final String FALLBACK_BASE = "image";

    private Names() {
    }

    /**
     * Derives the download name of a cutout from the name of the photo it came from:
     * {@code ("holiday photo.JPG", "-cutout", "png")} gives {@code "holiday photo-cutout.png"}.
     *
     * <p>Only the last segment of a path is kept (a browser may report a full path, with either separator), control
     * characters become {@code _}, and only the last extension is dropped. A leading dot marks a hidden file rather
     * than an extension, and is removed so the download is not hidden; a name left empty becomes {@code "image"}.
     * No argument is modified.
     *
     * @param inputName the original file name or path; may be {@code null} or blank
     * @param suffix appended to the base name; {@code null} means none
     * @param extension the new extension, with or without its dot; {@code null} or empty means none
     */
    public static String cutoutFileName(String inputName, String suffix, String extension) {
        String name = inputName == null ? "" : inputName;
        int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        name = replaceControls(name.substring(slash + 1)).trim();
        int dot = name.lastIndexOf('.');
        if (dot > 0) {
            name = name.substring(0, dot);
        }
        // Dots and spaces alternate in names like ". .b", so strip both together until neither leads.
        int start = 0;
        while (start < name.length() && (name.charAt(start) == '.' || name.charAt(start) <= ' ')) {
            start++;
        }
        name = name.substring(start).trim();
        if (name.isEmpty()) {
            name = FALLBACK_BASE;
        }
        StringBuilder sb = new StringBuilder(name);
        if (suffix != null) {
            sb.append(suffix);
        }
        if (extension != null) {
            String ext = extension.startsWith(".") ? extension.substring(1) : extension;
            if (!ext.isEmpty()) {
                sb.append('.').append(ext);
            }
        }
        return sb.toString();
    }

    /**
     * The name of an export, which says which size preset made it: {@code ("holiday.JPG", null, false, "png")} gives
     * {@code "holiday-cutout.png"} (the original size), {@code ("holiday.JPG", "marketplace", false, "jpg")} gives
     * {@code "holiday.marketplace.jpg"}, and the mask alone {@code "holiday-mask.png"} or
     * {@code "holiday.marketplace-mask.png"}. The base name is made as by {@link #cutoutFileName}.
     *
     * @param presetTag the preset's tag ({@code Look.fileTag}), or {@code null} for the original size
     */
    public static String exportFileName(String inputName, String presetTag, boolean mask, String extension) {
        String kind = mask ? "-mask" : "";
        String suffix = presetTag == null ? (mask ? kind : "-cutout") : "." + presetTag + kind;
        return cutoutFileName(inputName, suffix, extension);
    }

    private static String replaceControls(String s) {
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            if (Character.isISOControl(s.charAt(i))) {
                if (sb == null) {
                    sb = new StringBuilder(s);
                }
                sb.setCharAt(i, '_');
            }
        }
        return sb == null ? s : sb.toString();
    }
}
