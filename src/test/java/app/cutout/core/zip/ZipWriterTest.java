package app.cutout.core.zip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZipWriterTest {

    @Test
    void crcOfKnownStrings() {
        // The standard check value: CRC-32 of "123456789" is 0xCBF43926.
        assertEquals(0xCBF43926, Crc32.of("123456789".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(0, Crc32.of(new byte[0]));
        byte[] data = "123456789".getBytes(StandardCharsets.US_ASCII);
        assertEquals(0xCBF43926, Crc32.update(Crc32.update(0, data, 0, 4), data, 4, 5));
    }

    @Test
    void crcMatchesTheJdk() {
        Random random = new Random(31);
        for (int n = 0; n < 200; n++) {
            byte[] data = new byte[random.nextInt(5000)];
            random.nextBytes(data);
            CRC32 jdk = new CRC32();
            jdk.update(data);
            assertEquals((int) jdk.getValue(), Crc32.of(data));
            // Continued over an odd split, which exercises the eight-byte steps and the tails.
            int split = data.length == 0 ? 0 : random.nextInt(data.length);
            int part = Crc32.update(0, data, 0, split);
            assertEquals((int) jdk.getValue(), Crc32.update(part, data, split, data.length - split));
        }
    }

    @Test
    void jdkReadsBackEveryEntry() throws IOException {
        Random random = new Random(37);
        ZipWriter zip = new ZipWriter(ZipWriter.dosDateTime(2024, 5, 17, 13, 45, 30));
        List<String> names = new ArrayList<>();
        List<byte[]> contents = new ArrayList<>();
        String[] requested = {"photo.png", "Photo.PNG", "photo.png", "photo (2).png", "été/猫 🐱.webp", "noext",
            "noext", "empty.jpg", ".hidden", ".hidden"};
        for (int i = 0; i < requested.length; i++) {
            byte[] data = new byte[i == 7 ? 0 : random.nextInt(3000)];
            random.nextBytes(data);
            names.add(zip.add(requested[i], data));
            contents.add(data);
        }
        assertEquals(Arrays.asList("photo.png", "Photo (2).PNG", "photo (3).png", "photo (2) (2).png",
                "été/猫 🐱.webp", "noext", "noext (2)", "empty.jpg", ".hidden", ".hidden (2)"), names);
        assertEquals(10, zip.size());
        byte[] archive = zip.finishBytes();

        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(archive), StandardCharsets.UTF_8)) {
            for (int i = 0; i < names.size(); i++) {
                ZipEntry entry = in.getNextEntry();
                assertEquals(names.get(i), entry.getName());
                assertEquals(ZipEntry.STORED, entry.getMethod());
                byte[] read = in.readAllBytes();
                assertArrayEquals(contents.get(i), read);
                CRC32 crc = new CRC32();
                crc.update(read);
                assertEquals(crc.getValue(), entry.getCrc());
                assertEquals(contents.get(i).length, entry.getSize());
            }
            assertNull(in.getNextEntry());
        }
    }

    @Test
    void zipFileReadsTheCentralDirectory(@TempDir Path dir) throws IOException {
        ZipWriter zip = new ZipWriter();
        byte[] a = {1, 2, 3};
        byte[] b = new byte[70000];
        new Random(41).nextBytes(b);
        zip.add("a.png", a);
        zip.add("dir/b.png", b);
        Path file = dir.resolve("out.zip");
        try (java.io.OutputStream out = Files.newOutputStream(file)) {
            for (byte[] chunk : zip.finish()) {
                out.write(chunk);
            }
        }
        try (ZipFile zf = new ZipFile(file.toFile(), StandardCharsets.UTF_8)) {
            assertEquals(2, zf.size());
            Enumeration<? extends ZipEntry> entries = zf.entries();
            ZipEntry first = entries.nextElement();
            assertEquals("a.png", first.getName());
            assertArrayEquals(a, zf.getInputStream(first).readAllBytes());
            ZipEntry second = entries.nextElement();
            assertEquals("dir/b.png", second.getName());
            assertArrayEquals(b, zf.getInputStream(second).readAllBytes());
        }
    }

    @Test
    void headerFieldsAreAsSpecified() {
        // dosDateTime(2024, 5, 17, 13, 45, 30): date (44 << 9) | (5 << 5) | 17 = 0x58B1,
        // time (13 << 11) | (45 << 5) | 15 = 0x6DAF.
        int stamp = ZipWriter.dosDateTime(2024, 5, 17, 13, 45, 30);
        assertEquals(0x58B16DAF, stamp);
        assertEquals(ZipWriter.dosDateTime(1980, 1, 1, 0, 0, 0), ZipWriter.DEFAULT_DOS_DATE_TIME);
        ZipWriter zip = new ZipWriter(stamp);
        byte[] data = {'h', 'i'};
        zip.add("x", data);
        List<byte[]> chunks = zip.finish();
        assertEquals(3, chunks.size());
        assertSame(data, chunks.get(1)); // entry data is not copied
        byte[] local = chunks.get(0);
        assertEquals(31, local.length); // 30 + name
        assertArrayEquals(new byte[] {0x50, 0x4b, 0x03, 0x04, 10, 0, 0, 0x08, 0, 0, (byte) 0xAF, 0x6D,
            (byte) 0xB1, 0x58}, Arrays.copyOf(local, 14));
        byte[] tail = chunks.get(2);
        assertEquals(46 + 1 + 22, tail.length);
        // End of central directory: 1 entry, central directory of 47 bytes at offset 31 + 2 = 33.
        byte[] eocd = Arrays.copyOfRange(tail, 47, 69);
        assertArrayEquals(new byte[] {0x50, 0x4b, 0x05, 0x06, 0, 0, 0, 0, 1, 0, 1, 0, 47, 0, 0, 0, 33, 0, 0, 0, 0,
            0}, eocd);
    }

    @Test
    void emptyArchiveIsJustTheEnd() throws IOException {
        byte[] archive = new ZipWriter().finishBytes();
        assertArrayEquals(new byte[] {0x50, 0x4b, 0x05, 0x06, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
            0}, archive);
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(archive))) {
            assertNull(in.getNextEntry());
        }
    }

    @Test
    void utf8MatchesTheJdk() {
        String[] samples = {"plain.png", "é", "猫", "🐱", "a\uD800b", "\uDC00", "x\uD83D", "\u07FF\u0800\uFFFF"};
        for (String s : samples) {
            assertArrayEquals(s.getBytes(StandardCharsets.UTF_8), ZipWriter.utf8(s), s);
        }
    }

    @Test
    void refusesArchivesOverTheLimit() {
        // A 200-byte limit: entry "a" of 100 bytes needs 31 + 100 local, 47 central and 22 end = 200 bytes.
        ZipWriter zip = new ZipWriter(ZipWriter.DEFAULT_DOS_DATE_TIME, 200);
        zip.add("a", new byte[100]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> zip.add("b", new byte[0]));
        assertEquals("Expected an archive of at most 200 bytes (ZIP64 is not supported), got 278 with \"b\"",
                e.getMessage());
        // The refused entry leaves the archive intact.
        assertEquals(1, zip.size());
        assertEquals(200, zip.finishBytes().length);
    }

    @Test
    void refusesMisuse() {
        ZipWriter zip = new ZipWriter();
        assertEquals("Expected a non-empty entry name, got \"\"", assertThrows(IllegalArgumentException.class,
                () -> zip.add("", new byte[1])).getMessage());
        assertEquals("Expected entry data, got null", assertThrows(IllegalArgumentException.class,
                () -> zip.add("a", null)).getMessage());
        assertEquals("Expected a date-time in 1980-01-01 00:00:00 .. 2107-12-31 23:59:59, got 1979-12-31 0:0:0",
                assertThrows(IllegalArgumentException.class, () -> ZipWriter.dosDateTime(1979, 12, 31, 0, 0, 0))
                        .getMessage());
        zip.finish();
        assertThrows(IllegalStateException.class, () -> zip.add("a", new byte[1]));
        assertThrows(IllegalStateException.class, zip::finish);
    }

    @Test
    void largeEntriesRoundTrip() throws IOException {
        byte[] big = new byte[3 << 20];
        new Random(43).nextBytes(big);
        ZipWriter zip = new ZipWriter();
        zip.add("big.png", big);
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        for (byte[] chunk : zip.finish()) {
            joined.write(chunk);
        }
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(joined.toByteArray()))) {
            assertEquals("big.png", in.getNextEntry().getName());
            assertArrayEquals(big, in.readAllBytes());
        }
    }
}
