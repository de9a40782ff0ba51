package io.lakegate.engine;

import io.lakegate.engine.cluster.LocalClusterLauncher;
import java.util.List;

/** Finds local cluster processes the way an operator would: by the marker on their command line. */
final class LocalClusters {
    private LocalClusters() {}

    static List<ProcessHandle> below(ProcessHandle parent) {
        return parent.descendants()
                .filter(process -> process.info().commandLine()
                        .map(line -> line.contains("-D" + LocalClusterLauncher.CLUSTER_ID_PROPERTY + "="))
                        .orElse(false))
                .toList();
    }
}
