package io.lakegate.common;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A file whose contents are loaded again when it changes, checked with one stat per call: a call that starts after
 * the file was rewritten or replaced sees the new contents. A version that cannot be loaded leaves the last good one in
 * force and is logged once.
 *
 * <p>File times are coarse (a few milliseconds on Linux, seconds elsewhere), so a rewrite of the same size within
 * one tick leaves the stat unchanged. While a file's time is that recent, calls compare its contents too, as Git does
 * for "racily clean" entries.
 */
public final class WatchedFile<T> {
    private static final Logger LOG = LoggerFactory.getLogger(WatchedFile.class);
    // Beyond the resolution of a file time with sub-second digits (Linux: one clock tick, a few milliseconds), and
    // beyond that of one in whole seconds (FAT's is two).
    private static final Duration RACY_FINE = Duration.ofMillis(50);
    private static final Duration RACY_COARSE = Duration.ofSeconds(3);

    private final Path path;
    private final String what;
    private final Function<byte[], T> load;
    private volatile Version<T> loaded;
    private Version<T> lastBad;

    /** One version of the file: its stat, its contents, and what was loaded from it (null for a bad version). */
    private record Version<T>(Optional<FileStamp> stamp, byte[] contents, boolean racy, T value) {
        boolean sameStat(Optional<FileStamp> now) {
            return stamp.equals(now) && !racy;
        }

        boolean same(Optional<FileStamp> now, byte[] bytes) {
            return stamp.equals(now) && Arrays.equals(contents, bytes);
        }

        Version<T> racy(boolean racy) {
            return racy == this.racy ? this : new Version<>(stamp, contents, racy, value);
        }
    }

    private WatchedFile(Path path, String what, Function<byte[], T> load, Version<T> loaded) {
        this.path = path;
        this.what = what;
        this.load = load;
        this.loaded = loaded;
    }

    /**
     * Loads the file now; fails when it cannot be read or loaded.
     *
     * @param what the file as the messages name it: {@code the policy file /etc/lakegate/policies.json}
     * @param load turns the contents into the value, or throws a {@link LakegateException} saying why it cannot
     */
    public static <T> WatchedFile<T> open(Path path, String what, Function<byte[], T> load) {
        requireNonNull(load, "load is null");
        Optional<FileStamp> stamp = FileStamp.of(path);
        if (stamp.isEmpty()) {
            throw new LakegateException(SqlStates.INVALID_PARAMETER_VALUE,
                    "Cannot read " + what + ": it does not exist or is not a file");
        }
        Instant start = Instant.now();
        byte[] bytes = read(path, what);
        return new WatchedFile<>(path, what, load, new Version<>(stamp, bytes, racy(stamp, start), load.apply(bytes)));
    }

    /** The value of the file as it is now. */
    public T current() {
        Optional<FileStamp> now = FileStamp.of(path);
        Version<T> version = loaded;
        if (version.sameStat(now)) {
            return version.value();
        }
        synchronized (this) {
            refresh(now);
            return loaded.value();
        }
    }

    private void refresh(Optional<FileStamp> now) {
        if (loaded.sameStat(now) || (lastBad != null && lastBad.sameStat(now))) {
            return;
        }
        Instant start = Instant.now();
        byte[] bytes;
        try {
            bytes = now.isEmpty() ? null : read(path, what);
        } catch (LakegateException e) {
            bytes = null;
        }
        boolean racy = racy(now, start);
        if (bytes != null && loaded.same(now, bytes)) {
            loaded = loaded.racy(racy);
            return;
        }
        if (lastBad != null && (bytes == null ? lastBad.stamp().equals(now) && lastBad.contents() == null
                : lastBad.same(now, bytes))) {
            lastBad = lastBad.racy(racy);
            return;
        }
        try {
            if (bytes == null) {
                throw new LakegateException(SqlStates.INVALID_PARAMETER_VALUE, "it does not exist or is not a file");
            }
            loaded = new Version<>(now, bytes, racy, load.apply(bytes));
            lastBad = null;
            LOG.info("Read {} again", what);
        } catch (LakegateException e) {
            lastBad = new Version<>(now, bytes, racy, null);
            LOG.warn("{} changed but cannot be used, keeping what was read before: {}", capitalized(what),
                    e.getMessage());
        }
    }

    /**
     * Whether a write after the read could have left the file's time unchanged: when the read started within the
     * resolution of the file's time after it. Later writes get later times, and the stat sees them.
     */
    private static boolean racy(Optional<FileStamp> stamp, Instant readStart) {
        if (stamp.isEmpty()) {
            return false;
        }
        Instant modified = stamp.get().modified().toInstant();
        Duration resolution = modified.getNano() != 0 ? RACY_FINE : RACY_COARSE;
        return modified.isAfter(readStart.minus(resolution));
    }

    private static byte[] read(Path path, String what) {
        try {
            return Files.readAllBytes(path);
        } catch (IOException e) {
            throw new LakegateException(SqlStates.INVALID_PARAMETER_VALUE,
                    "Cannot read " + what + ": " + e.getMessage(), e);
        }
    }

    private static String capitalized(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
