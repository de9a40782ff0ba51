package io.lakegate.engine.samples;

import static java.util.Objects.requireNonNull;

import io.lakegate.engine.Session;
import io.lakegate.engine.StatementResult;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * Loads generated rows into Iceberg tables through a session: the rows are written as a '|'-separated file that Spark
 * reads with the table's schema and copies into Iceberg. Meant for benchmark data made by a generator, whose text
 * holds no '|' and no line breaks.
 */
public final class DelimitedLoad {
    /** How the files mark a null: generators never produce it as a value. */
    private static final String NULL_MARKER = "\\N";

    private final Session session;
    private final Path directory;

    /** @param directory where the files go; the caller removes it when done */
    public DelimitedLoad(Session session, Path directory) {
        this.session = requireNonNull(session, "session is null");
        this.directory = requireNonNull(directory, "directory is null");
    }

    /**
     * Writes the rows, then creates (or replaces) {@code database.table} from them.
     *
     * @param columns the table's columns as Spark SQL definitions ({@code o_totalprice decimal(12,2)})
     * @param rows fills the file: each list it hands over is one row's values as text, null for a null
     */
    public void load(String database, String table, List<String> columns, Consumer<Consumer<List<String>>> rows) {
        Path file = write(directory.resolve(database).resolve(table + ".tbl"), rows);
        String source = database + "_" + table + "_file";
        // quote '' turns quoting off: the generated text has no separators, but some of it has double quotes.
        run("CREATE OR REPLACE TEMPORARY VIEW " + source + " (" + String.join(", ", columns) + ") USING csv "
                + "OPTIONS (path '" + file.toUri() + "', sep '|', quote '', nullValue '"
                + NULL_MARKER.replace("\\", "\\\\") + "')");
        run("CREATE OR REPLACE TABLE " + database + "." + table + " USING iceberg AS SELECT * FROM " + source);
        run("DROP VIEW " + source);
    }

    /** Runs a statement whose result is of no interest. */
    public void run(String sql) {
        try (StatementResult result = session.execute(sql)) {
            while (result.hasNext()) {
                result.next();
            }
        }
    }

    private static Path write(Path file, Consumer<Consumer<List<String>>> rows) {
        try {
            Files.createDirectories(file.getParent());
            try (BufferedWriter writer = Files.newBufferedWriter(file)) {
                rows.accept(row -> {
                    try {
                        writer.write(String.join("|",
                                row.stream().map(value -> value == null ? NULL_MARKER : value).toList()));
                        writer.newLine();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the data file " + file, e);
        }
        return file;
    }
}
