package io.lakegate.cluster.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The cluster runtime's jars as the Maven build resolved them into the local repository: enough for development and
 * tests, where no distribution has copied the jars into a directory of their own.
 */
public final class RuntimeClasspath {
    private static final String RESOURCE = "classpath.txt";

    private RuntimeClasspath() {}

    /** The classpath written at build time, or empty when this jar was built without it. */
    public static Optional<String> fromBuild() {
        try (InputStream in = RuntimeClasspath.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return Optional.empty();
            }
            String classpath = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
            return classpath.isEmpty() ? Optional.empty() : Optional.of(classpath);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the cluster runtime's classpath", e);
        }
    }
}
