package app.cutout.core.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class NamesTest {

    private static String cutout(String name) {
        return Names.cutoutFileName(name, "-cutout", "png");
    }

    @Test
    void replacesTheExtensionAndKeepsSpacesAndCase() {
        assertEquals("holiday photo-cutout.png", cutout("holiday photo.JPG"));
    }

    @Test
    void stripsOnlyTheLastExtension() {
        assertEquals("a.b.c-cutout.png", cutout("a.b.c.jpeg"));
        assertEquals("archive.tar-cutout.png", cutout("archive.tar.gz"));
    }

    @Test
    void keepsANameWithoutExtension() {
        assertEquals("noext-cutout.png", cutout("noext"));
        // A trailing dot is an empty extension.
        assertEquals("photo-cutout.png", cutout("photo."));
    }

    @Test
    void treatsALeadingDotAsHiddenNotAnExtension() {
        // ".hidden" has no extension; its dot is dropped so the download is not a hidden file.
        assertEquals("hidden-cutout.png", cutout(".hidden"));
        assertEquals("hidden-cutout.png", cutout(".hidden.jpg"));
    }

    @Test
    void fallsBackForEmptyNames() {
        assertEquals("image-cutout.png", cutout(null));
        assertEquals("image-cutout.png", cutout(""));
        assertEquals("image-cutout.png", cutout("   "));
        assertEquals("image-cutout.png", cutout("..."));
        assertEquals("image-cutout.png", cutout("photos/"));
        // A dot-file: ".png" is the name "png", not an extension.
        assertEquals("png-cutout.png", cutout(".png"));
    }

    @Test
    void keepsTheLastPathSegment() {
        assertEquals("cat-cutout.png", cutout("C:\\Users\\me\\cat.png"));
        assertEquals("dog-cutout.png", cutout("/home/me/pics/dog.webp"));
        assertEquals("mixed-cutout.png", cutout("a/b\\c/mixed.jpg"));
        assertEquals("etc-cutout.png", cutout("../../etc"));
    }

    @Test
    void replacesControlCharacters() {
        // \u0000 and \u001F are C0 controls, \u007F is DEL, \u0085 is a C1 control.
        assertEquals("a_b_c_d_-cutout.png", cutout("a\u0000b\u001Fc\u007Fd\u0085.jpg"));
        assertEquals("line_break-cutout.png", cutout("line\nbreak.png"));
    }

    @Test
    void usesTheGivenSuffixAndExtension() {
        assertEquals("photo-mask.webp", Names.cutoutFileName("photo.jpg", "-mask", "webp"));
        assertEquals("photo-mask.webp", Names.cutoutFileName("photo.jpg", "-mask", ".webp"));
        assertEquals("photo.png", Names.cutoutFileName("photo.jpg", null, "png"));
        assertEquals("photo-cutout", Names.cutoutFileName("photo.jpg", "-cutout", ""));
    }

    @Test
    void randomNamesGiveSafeNonEmptyNames() {
        // Naive reference: the last segment of the cleaned name, checked by its properties rather than re-derived.
        Random random = new Random(5);
        String alphabet = "ab. /\\\u0000\n\u007F\u00e9x";
        for (int n = 0; n < 2000; n++) {
            StringBuilder sb = new StringBuilder();
            int length = random.nextInt(12);
            for (int i = 0; i < length; i++) {
                sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String input = sb.toString();
            String name = cutout(input);
            assertTrue(name.endsWith("-cutout.png"), input);
            assertTrue(name.length() > "-cutout.png".length(), input);
            assertFalse(name.startsWith("."), input);
            assertFalse(name.startsWith(" "), input);
            for (int i = 0; i < name.length(); i++) {
                char ch = name.charAt(i);
                assertFalse(ch == '/' || ch == '\\' || Character.isISOControl(ch), input);
            }
        }
    }

    @Test
    void exportNamesSayWhichPresetMadeThem() {
        assertEquals("holiday-cutout.png", Names.exportFileName("holiday.JPG", null, false, "png"));
        assertEquals("holiday-mask.png", Names.exportFileName("holiday.JPG", null, true, "png"));
        assertEquals("holiday.marketplace.jpg", Names.exportFileName("holiday.JPG", "marketplace", false, "jpg"));
        assertEquals("holiday.custom-800x600-mask.png",
                Names.exportFileName("dir/holiday.png", "custom-800x600", true, "png"));
        assertEquals("image.banner.webp", Names.exportFileName("", "banner", false, "webp"));
    }
}
