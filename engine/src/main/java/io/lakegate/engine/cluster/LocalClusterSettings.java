package io.lakegate.engine.cluster;

import static java.util.Objects.requireNonNull;

import io.lakegate.engine.connect.ConnectTimeouts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * How local clusters are started.
 *
 * @param javaExecutable the {@code java} that runs the cluster
 * @param classpath the cluster runtime: Spark Connect, the Iceberg runtime and JDBC drivers
 * @param master Spark's master URL, {@code local[*]} for every core
 * @param memory the cluster JVM's heap ({@code -Xmx}), such as {@code 2g}
 * @param jvmOptions further JVM options for the cluster
 * @param workDirectory where each cluster's log and temporary files go
 * @param startTimeout how long a cluster may take to answer before its start counts as failed
 * @param sparkConf the Spark settings each cluster starts with
 * @param connectTimeouts how long the engine waits on a cluster's Spark Connect server
 */
public record LocalClusterSettings(
        Path javaExecutable,
        String classpath,
        String master,
        String memory,
        List<String> jvmOptions,
        Path workDirectory,
        Duration startTimeout,
        Map<String, String> sparkConf,
        ConnectTimeouts connectTimeouts) {

    public LocalClusterSettings {
        requireNonNull(javaExecutable, "javaExecutable is null");
        requireNonNull(classpath, "classpath is null");
        requireNonNull(master, "master is null");
        requireNonNull(memory, "memory is null");
        jvmOptions = List.copyOf(jvmOptions);
        requireNonNull(workDirectory, "workDirectory is null");
        requireNonNull(startTimeout, "startTimeout is null");
        sparkConf = Map.copyOf(sparkConf);
        requireNonNull(connectTimeouts, "connectTimeouts is null");
    }
}
