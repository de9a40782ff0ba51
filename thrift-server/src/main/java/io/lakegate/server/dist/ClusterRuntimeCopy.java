package io.lakegate.server.dist;

import io.lakegate.cluster.runtime.RuntimeClasspath;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Build step of the distribution: copies the cluster runtime's jars, and the runtime's own jar with the clusters'
 * entry point, into one directory. The runtime is resolved in a build unit of its own, so this module's dependency
 * tree does not hold its jars; the list its build wrote into its jar does.
 */
public final class ClusterRuntimeCopy {
    private ClusterRuntimeCopy() {}

    /** Copies the jars into the directory given as the only argument. */
    public static void main(String[] args) throws IOException, URISyntaxException {
        if (args.length != 1) {
            throw new IllegalArgumentException("Usage: ClusterRuntimeCopy <target directory>");
        }
        Path target = Files.createDirectories(Path.of(args[0]));
        List<Path> jars = new ArrayList<>();
        jars.add(Path.of(RuntimeClasspath.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
        RuntimeClasspath.fromBuild()
                .map(classpath -> Arrays.stream(classpath.split(File.pathSeparator)).map(Path::of).toList())
                .ifPresentOrElse(jars::addAll, () -> {
                    throw new IllegalStateException("The cluster runtime's jar has no list of its jars");
                });
        for (Path jar : jars) {
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException("Not a jar: " + jar + " (build the cluster runtime's jar first)");
            }
            Files.copy(jar, target.resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
