package io.lakegate.engine;

import io.lakegate.common.Settings;
import java.util.Map;

/** Runs an engine with a live cluster until it is killed; {@link OrphanIT} does the killing. */
public final class OrphanProbe {
    static final String READY = "ORPHAN-PROBE-READY";

    private OrphanProbe() {}

    public static void main(String[] args) throws Exception {
        Engine engine = Engine.start(Settings.of(Map.of(
                "lakegate.data.dir", args[0],
                "lakegate.cluster.local.master", "local[1]",
                "lakegate.cluster.local.memory", "512m")));
        try (Session session = engine.openSession(SessionSpec.forUser("probe"));
                StatementResult result = session.execute("SELECT 1")) {
            result.hasNext();
        }
        System.out.println(READY);
        System.out.flush();
        Thread.currentThread().join();
    }
}
