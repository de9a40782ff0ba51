package io.lakegate.server;

import io.lakegate.catalog.CatalogConfig;
import io.lakegate.common.Settings;
import io.lakegate.engine.Engine;
import io.lakegate.engine.EngineConfigKeys;
import io.lakegate.engine.Session;
import io.lakegate.engine.SessionSpec;
import io.lakegate.engine.StatementResult;
import io.trino.tpch.TpchColumn;
import io.trino.tpch.TpchColumnType;
import io.trino.tpch.TpchEntity;
import io.trino.tpch.TpchTable;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
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
    private static final String USER = "lakegate";

    private final Session session;
    private final Path loadDirectory;
    private final List<String> created = new ArrayList<>();

    private SamplesDatabase(Session session, Path loadDirectory) {
        this.session = session;
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
        try (Session session = engine.openSession(SessionSpec.forUser(USER))) {
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
        run("CREATE NAMESPACE " + DATABASE);
        created.add(DATABASE);
        for (TpchTable<?> table : TpchTable.getTables()) {
            load(table);
        }
    }

    private <E extends TpchEntity> void load(TpchTable<E> table) {
        List<TpchColumn<E>> columns = table.getColumns();
        Path file = loadDirectory.resolve(table.getTableName() + ".tbl");
        write(table, columns, file);
        String view = DATABASE + "_" + table.getTableName() + "_load";
        String schema = columns.stream()
                .map(column -> column.getColumnName() + " " + sparkType(column.getType()))
                .collect(Collectors.joining(", "));
        // quote '' turns quoting off: the generated text has no '|', but some of it has double quotes.
        run("CREATE OR REPLACE TEMPORARY VIEW " + view + " (" + schema + ") USING csv OPTIONS (path '"
                + file.toUri() + "', sep '|', quote '')");
        String name = DATABASE + "." + table.getTableName();
        run("CREATE TABLE " + name + " USING iceberg AS SELECT * FROM " + view);
        created.add(0, name);
        run("DROP VIEW " + view);
    }

    private static <E extends TpchEntity> void write(TpchTable<E> table, List<TpchColumn<E>> columns, Path file) {
        try {
            Files.createDirectories(file.getParent());
            try (BufferedWriter writer = Files.newBufferedWriter(file)) {
                for (E row : table.createGenerator(SCALE, 1, 1)) {
                    writer.write(columns.stream().map(column -> value(column, row)).collect(Collectors.joining("|")));
                    writer.newLine();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the sample data to " + file, e);
        }
    }

    private static <E extends TpchEntity> String value(TpchColumn<E> column, E row) {
        return switch (column.getType().getBase()) {
            case IDENTIFIER -> Long.toString(column.getIdentifier(row));
            case INTEGER -> Integer.toString(column.getInteger(row));
            case DATE -> LocalDate.ofEpochDay(column.getDate(row)).toString();
            // Money and quantities: the generator keeps them exactly, in hundredths.
            case DOUBLE -> BigDecimal.valueOf(column.getIdentifier(row), 2).toPlainString();
            case VARCHAR -> column.getString(row);
        };
    }

    private static String sparkType(TpchColumnType type) {
        return switch (type.getBase()) {
            case IDENTIFIER -> "bigint";
            case INTEGER -> "int";
            case DATE -> "date";
            // The specification's DECIMAL, as Trino maps it.
            case DOUBLE -> "decimal(12,2)";
            case VARCHAR -> "string";
        };
    }

    /** Tables first, newest first, then the database itself. */
    private void dropCreated() {
        for (String name : created) {
            try {
                run(name.equals(DATABASE) ? "DROP NAMESPACE IF EXISTS " + name : "DROP TABLE IF EXISTS " + name);
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

    private void run(String sql) {
        try (StatementResult result = session.execute(sql)) {
            while (result.hasNext()) {
                result.next();
            }
        }
    }
}
