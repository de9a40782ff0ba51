package io.lakegate.engine.example;

import io.lakegate.common.Settings;
import io.lakegate.engine.ColumnBatch;
import io.lakegate.engine.Engine;
import io.lakegate.engine.ResultColumn;
import io.lakegate.engine.Session;
import io.lakegate.engine.SessionSpec;
import io.lakegate.engine.StatementResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Lakegate embedded in a Java program: creates an Iceberg table, inserts rows and prints a query's result. Its data
 * directory comes from {@code lakegate.data.dir} as any setting does ({@code -D}, environment,
 * {@code conf/lakegate.properties}), {@code ./data} by default.
 */
public final class EmbeddedExample {
    private EmbeddedExample() {}

    public static void main(String[] args) {
        try (Engine engine = Engine.start(Settings.forProcess(Optional.of(Path.of("conf", "lakegate.properties"))));
                Session session = engine.openSession(SessionSpec.forUser(System.getProperty("user.name")))) {
            run(session, "CREATE TABLE IF NOT EXISTS example_trips "
                    + "(city STRING, distance_km DOUBLE, fare DECIMAL(8,2)) USING iceberg");
            run(session, "INSERT INTO example_trips VALUES "
                    + "('Lisbon', 3.2, 7.50), ('Lisbon', 11.0, 18.20), ('Porto', 5.4, 9.10), ('Faro', 22.5, 31.00)");
            print(session, "SELECT city, count(*) AS trips, round(avg(distance_km), 1) AS avg_km, sum(fare) AS fares "
                    + "FROM example_trips GROUP BY city ORDER BY fares DESC");
        }
    }

    private static void run(Session session, String sql) {
        try (StatementResult result = session.execute(sql)) {
            while (result.hasNext()) {
                result.next();
            }
        }
    }

    private static void print(Session session, String sql) {
        System.out.println(sql);
        try (StatementResult result = session.execute(sql)) {
            List<String> header = result.columns().stream().map(ResultColumn::name).toList();
            List<List<String>> rows = new ArrayList<>();
            while (result.hasNext()) {
                ColumnBatch batch = result.next();
                for (int row = 0; row < batch.rowCount(); row++) {
                    List<String> values = new ArrayList<>();
                    for (int column = 0; column < header.size(); column++) {
                        values.add(String.valueOf(batch.column(column).getObject(row)));
                    }
                    rows.add(values);
                }
            }
            int[] widths = new int[header.size()];
            for (int column = 0; column < header.size(); column++) {
                widths[column] = header.get(column).length();
                for (List<String> row : rows) {
                    widths[column] = Math.max(widths[column], row.get(column).length());
                }
            }
            System.out.println(line(header, widths));
            rows.forEach(row -> System.out.println(line(row, widths)));
            System.out.println("(" + rows.size() + " rows)");
        }
    }

    private static String line(List<String> values, int[] widths) {
        List<String> cells = new ArrayList<>();
        for (int column = 0; column < values.size(); column++) {
            cells.add(String.format("%-" + widths[column] + "s", values.get(column)));
        }
        return cells.stream().collect(Collectors.joining(" | "));
    }
}
