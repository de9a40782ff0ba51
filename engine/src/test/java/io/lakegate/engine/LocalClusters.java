package io.lakegate.engine;

import io.lakegate.cluster.runtime.LocalClusterMain;
import java.util.List;

/** Finds local cluster processes the way an operator would: by their command line. */
final class LocalClusters {
    private LocalClusters() {}

    static List<ProcessHandle> below(ProcessHandle parent) {
        return parent.descendants()
                .filter(process -> process.info().commandLine()
                        .map(line -> line.contains(LocalClusterMain.class.getName()))
                        .orElse(false))
                .toList();
    }
}
