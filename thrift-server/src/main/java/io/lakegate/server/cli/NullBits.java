package io.lakegate.server.cli;

import java.util.Arrays;

/**
 * Which positions of an answer's column are NULL, encoded as Hive's {@code nulls} field expects: the bytes of a
 * {@link java.util.BitSet#toByteArray()}, least significant bit first, trailing zero bytes left out.
 */
final class NullBits {
    private long[] words = new long[4];
    private int highest = -1;

    void set(int position) {
        int word = position >>> 6;
        if (word >= words.length) {
            words = Arrays.copyOf(words, Math.max(word + 1, 2 * words.length));
        }
        words[word] |= 1L << position;
        highest = Math.max(highest, position);
    }

    byte[] toByteArray() {
        byte[] bytes = new byte[(highest + Byte.SIZE) / Byte.SIZE];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (words[i >>> 3] >>> ((i & 7) * 8));
        }
        return bytes;
    }
}
