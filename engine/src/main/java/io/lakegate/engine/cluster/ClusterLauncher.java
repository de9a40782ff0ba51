package io.lakegate.engine.cluster;

/** Starts clusters of one kind: local child processes, or Kubernetes pods. */
public interface ClusterLauncher {
    /**
     * Starts a cluster and returns once it answers Spark Connect requests.
     *
     * @throws io.lakegate.common.LakegateException with SQLSTATE 08001 and the cause, when it cannot be started
     */
    Cluster launch(String clusterId);
}
