package io.lakegate.server;

import io.lakegate.catalog.CatalogConfig;
import io.lakegate.common.Settings;
import io.lakegate.engine.Engine;
import io.lakegate.engine.EngineConfigKeys;
import io.lakegate.engine.Session;
import io.lakegate.engine.samples.DelimitedLoad;
import io.lakegate.engine.samples.TpchTables;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code samples} database a new server creates, so that there is something to query from the first minute: the
 * eight TPC-H tables at scale 0.01 (lineitem has about 60,000 rows), generated here and loaded through the engine.
 */
final class SamplesDatabase {
    static final String DATABASE = "samples";
    private static final Logger LOG = LoggerFactory.getLogger(SamplesDatabase.class);
    private static final double SCALE = 0.01;

    private final DelimitedLoad load;
    private final Path loadDirectory;
    private final List<String> created = new ArrayList<>();

    private SamplesDatabase(Session session, Path loadDirectory) {
        this.load = new DelimitedLoad(session, loadDirectory);
        this.loadDirectory = loadDirectory;
    }

    /**
     * Creates the database when the catalog has none of that name. A load that fails leaves no partial database
     * behind, so the next start tries again; the server runs on either way.
     */
    static void createIfAbsent(Engine engine, Settings settings) {
        if (engine.catalog().databaseExists(DATABASE)) {
            return;
        }
        Path workDirectory = settings.find(EngineConfigKeys.WORK_DIR)
                .orElse(CatalogConfig.from(settings).dataDir().resolve("work"));
        long start = System.nanoTime();
        try (Session session = engine.openInternalSession()) {
            SamplesDatabase samples = new SamplesDatabase(session, workDirectory.resolve("samples-load"));
            try {
                samples.load();
                LOG.info("Created the {} database (TPC-H at scale {}) in {} ms", DATABASE, SCALE,
                        (System.nanoTime() - start) / 1_000_000);
            } catch (RuntimeException e) {
                LOG.warn("Could not create the {} database; the next start tries again", DATABASE, e);
                samples.dropCreated();
            } finally {
                samples.deleteLoadDirectory();
            }
        }
    }

    private void load() {
        created.add(DATABASE);
        TpchTables.load(load, DATABASE, SCALE, table -> created.add(0, table));
    }

    /** Tables first, newest first, then the database itself. */
    private void dropCreated() {
        for (String name : created) {
            try {
                load.run(name.equals(DATABASE) ? "DROP NAMESPACE IF EXISTS " + name : "DROP TABLE IF EXISTS " + name);
            } catch (RuntimeException e) {
                LOG.warn("Could not drop {} after the failed load", name, e);
            }
        }
    }

    private void deleteLoadDirectory() {
        if (!Files.exists(loadDirectory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(loadDirectory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            LOG.warn("Could not delete {}", loadDirectory, e);
        }
    }
}
