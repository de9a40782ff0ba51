package io.lakegate.cluster.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.TimeUnit;

/**
 * The entry point of a local cluster's JVM: runs Spark's Connect server, and exits when the engine that started it
 * goes away.
 *
 * <p>The engine keeps this process's standard input open and never writes to it. The operating system closes that
 * pipe when the engine's process ends, however it ends (a {@code kill -9} included), so end of input is the signal to
 * leave: no cluster outlives its engine.
 */
public final class LocalClusterMain {
    static final String SPARK_CONNECT_SERVER = "org.apache.spark.sql.connect.service.SparkConnectServer";
    private static final long SHUTDOWN_GRACE_SECONDS = 20;

    private LocalClusterMain() {}

    public static void main(String[] args) throws Exception {
        Thread watchdog = new Thread(() -> exitAtEndOf(System.in), "lakegate-parent-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        // Spark stays off the compile classpath of Lakegate's modules; it is only on this process's classpath.
        Class.forName(SPARK_CONNECT_SERVER).getMethod("main", String[].class).invoke(null, (Object) args);
    }

    private static void exitAtEndOf(InputStream parentPipe) {
        try {
            while (parentPipe.read() != -1) {
                // The engine never writes; anything read is ignored.
            }
        } catch (IOException e) {
            // A broken pipe means the same as end of input: the engine is gone.
        }
        System.err.println("Lakegate engine process has gone away; stopping this local cluster");
        Thread halter = new Thread(LocalClusterMain::haltAfterGrace, "lakegate-shutdown-deadline");
        halter.setDaemon(true);
        halter.start();
        // exit, not halt: Spark's shutdown hooks stop the SparkContext and remove its temporary directories.
        System.exit(0);
    }

    private static void haltAfterGrace() {
        try {
            TimeUnit.SECONDS.sleep(SHUTDOWN_GRACE_SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Runtime.getRuntime().halt(1);
    }
}
