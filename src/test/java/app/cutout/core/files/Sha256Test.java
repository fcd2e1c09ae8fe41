package app.cutout.core.files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import app.cutout.core.text.Hex;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Sha256Test {
    private static String hex(String text) {
        Sha256 sha = new Sha256();
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        sha.update(bytes, 0, bytes.length);
        return Hex.of(sha.digest());
    }

    @Test
    void theStandardsExamples() {
        // FIPS 180-4's examples (NIST CSRC "SHA256.pdf", "SHA2_Additional.pdf").
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", hex(""));
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", hex("abc"));
        assertEquals("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
                hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"));
        assertEquals("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0", hex("a".repeat(1_000_000)));
    }

    @Test
    void anyLengthInAnyPiecesGivesTheJvmsDigest() throws Exception {
        Random random = new Random(7);
        for (int length = 0; length < 300; length++) {
            byte[] data = new byte[length];
            random.nextBytes(data);
            byte[] expected = MessageDigest.getInstance("SHA-256").digest(data);
            Sha256 whole = new Sha256();
            whole.update(data, 0, length);
            assertArrayEquals(expected, whole.digest(), "length " + length);
            Sha256 pieces = new Sha256();
            int at = 0;
            while (at < length) {
                int n = Math.min(length - at, random.nextInt(130));
                pieces.update(data, at, n);
                at += n;
            }
            assertArrayEquals(expected, pieces.digest(), "length " + length + " in pieces");
        }
    }

    @Test
    void aRangeOutsideTheArrayOrAFinishedDigestIsRefused() {
        Sha256 sha = new Sha256();
        assertThrows(IllegalArgumentException.class, () -> sha.update(new byte[4], 2, 3));
        assertThrows(IllegalArgumentException.class, () -> sha.update(new byte[4], -1, 1));
        sha.digest();
        assertThrows(IllegalStateException.class, () -> sha.update(new byte[1], 0, 1));
        assertThrows(IllegalStateException.class, sha::digest);
    }
}
