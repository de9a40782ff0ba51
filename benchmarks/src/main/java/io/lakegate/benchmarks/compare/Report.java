package io.lakegate.benchmarks.compare;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The run's figures as a table of Lakegate's figure, the others', and the ratios Lakegate ÷ Spark's Thrift server,
 * ÷ raw Spark Connect and ÷ the client's limit; and all of them, as measured, as JSON.
 */
final class Report {
    static final String LAKEGATE = "lakegate";
    static final String STS = "sts";
    static final String RAW = "raw-connect";
    static final String LIMIT = "client-limit";
    private static final List<String> SERVERS = List.of(LAKEGATE, STS, RAW, LIMIT);

    private final Map<String, Object> results;

    Report(Map<String, Object> results) {
        this.results = results;
    }

    /** One line of the table: where its figure is in each server's results. */
    private record Line(String label, List<String> path) {}

    String table(List<Long> rows) {
        List<Line> lines = new ArrayList<>();
        lines.add(new Line("first SELECT 1 after ready, connection included (ms, cold)",
                List.of("coldFirstSelectOneMs")));
        lines.add(new Line("new connection + SELECT 1 p50 (ms, warm)", List.of("selectOne", "connectedP50Ms")));
        lines.add(new Line("SELECT 1 p50 (ms, warm)", List.of("selectOne", "p50Ms")));
        lines.add(new Line("SELECT 1 p90 (ms, warm)", List.of("selectOne", "p90Ms")));
        lines.add(new Line("BI mix, 20 statements (ms, cold)", List.of("biMixCold", "totalMs")));
        lines.add(new Line("BI mix, 20 statements (ms, warm)", List.of("biMixWarm", "totalMs")));
        String smallest = Long.toString(rows.get(0));
        lines.add(new Line("range " + smallest + " rows/s (cold)", List.of("rangeCold", "rowsPerSecond")));
        lines.add(new Line("range " + smallest + " first row (ms, cold)", List.of("rangeCold", "firstRowMs")));
        for (long n : rows) {
            String key = Long.toString(n);
            lines.add(new Line("range " + key + " rows/s", List.of("range", key, "rowsPerSecond")));
            lines.add(new Line("range " + key + " first row (ms)", List.of("range", key, "firstRowMs")));
            lines.add(new Line("range " + key + " gateway heap after GC (MiB)",
                    List.of("range", key, "gatewayHeapAfterGcMib")));
            lines.add(new Line("range " + key + " gateway RSS (MiB)", List.of("range", key, "gatewayRssMib")));
            lines.add(new Line("range " + key + " cluster driver heap after GC (MiB)",
                    List.of("range", key, "clusterHeapAfterGcMib")));
        }
        lines.add(new Line("range " + smallest + " rows/s, no fetchSize in the URL",
                List.of("rangeNoFetchSize", "rowsPerSecond")));
        lines.add(new Line("concurrent clients, aggregate rows/s", List.of("concurrent", "rowsPerSecond")));
        lines.add(new Line("concurrent clients, errors", List.of("concurrent", "errors")));

        StringBuilder table = new StringBuilder();
        table.append("| measure | Lakegate | STS 3.5.4 | raw Connect | client limit | ÷ STS | ÷ raw | ÷ limit |\n");
        table.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Line line : lines) {
            Optional<Double> lakegate = figure(LAKEGATE, line.path());
            table.append("| ").append(line.label());
            for (String server : SERVERS) {
                table.append(" | ").append(figure(server, line.path()).map(Report::format).orElse("–"));
            }
            for (String other : SERVERS.subList(1, SERVERS.size())) {
                Optional<Double> theirs = figure(other, line.path());
                table.append(" | ").append(lakegate.isPresent() && theirs.isPresent() && theirs.get() != 0
                        ? String.format(Locale.ROOT, "%.2f", lakegate.get() / theirs.get()) : "–");
            }
            table.append(" |\n");
        }
        return table.toString();
    }

    private Optional<Double> figure(String server, List<String> path) {
        Object node = results.get(server);
        for (String key : path) {
            if (!(node instanceof Map<?, ?> map)) {
                return Optional.empty();
            }
            node = map.get(key);
        }
        // A range that did not complete has no rate to compare.
        return node instanceof Number number ? Optional.of(number.doubleValue()) : Optional.empty();
    }

    private static String format(double value) {
        if (value == Math.rint(value)) {
            return String.format(Locale.ROOT, "%,d", (long) value);
        }
        return Math.abs(value) >= 100 ? String.format(Locale.ROOT, "%,.0f", value)
                : String.format(Locale.ROOT, "%.1f", value);
    }

    void writeJson(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        StringBuilder json = new StringBuilder();
        json(results, json, "");
        Files.writeString(file, json.append('\n').toString());
    }

    private static void json(Object value, StringBuilder out, String indent) {
        if (value instanceof Map<?, ?> map) {
            out.append("{");
            String separator = "\n";
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                out.append(separator).append(indent).append("  ");
                string(entry.getKey().toString(), out);
                out.append(": ");
                json(entry.getValue(), out, indent + "  ");
                separator = ",\n";
            }
            out.append(map.isEmpty() ? "}" : "\n" + indent + "}");
        } else if (value instanceof List<?> list) {
            out.append("[");
            for (int index = 0; index < list.size(); index++) {
                out.append(index == 0 ? "" : ", ");
                json(list.get(index), out, indent);
            }
            out.append("]");
        } else if (value instanceof Double number) {
            out.append(number.isNaN() || number.isInfinite() ? "null"
                    : String.format(Locale.ROOT, "%.3f", number));
        } else if (value instanceof Number || value instanceof Boolean) {
            out.append(value);
        } else if (value == null) {
            out.append("null");
        } else {
            string(value.toString(), out);
        }
    }

    private static void string(String text, StringBuilder out) {
        out.append('"');
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
