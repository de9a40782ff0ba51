package io.lakegate.engine.policy;

import io.lakegate.engine.Results;
import io.lakegate.engine.Session;
import io.lakegate.engine.SessionSpec;
import io.lakegate.engine.StatementResult;
import io.lakegate.engine.frontend.corpus.ResultTable;
import io.lakegate.engine.policy.PolicedEngine.Policed;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The data and policies of the bypass corpus, made by the administrator: {@code policy/bypass-fixture.sql} and the
 * policies below; and the facts about them that cases name as {@code {{NAME}}} placeholders (snapshot ids and times,
 * file paths), read again whenever the fixture is built again.
 */
final class BypassFixture {
    private static final List<String> ANALYSTS = List.of("analysts");
    private static final List<String> OWNERS = List.of("owners");
    private static final List<String> BOTH = List.of("analysts", "owners");
    /** Values no restricted user may ever see: hidden rows, raw masked values, the denied column, the catalog's URL. */
    static final List<String> MARKERS = List.of("SECRET", "7770004", "987654321", "555666777", "987654", "246813",
            "1980-05-17", "1966-06-06", "987.654", "555.666", "jdbc:sqlite");
    private static final Pattern STATEMENT_END = Pattern.compile(";\\s*(?:\\n|$)");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([A-Z_]+)}}");

    private final Policed policed;
    private final AtomicInteger scratch = new AtomicInteger();
    private Map<String, String> facts = Map.of();
    private int builds;

    BypassFixture(Policed policed) {
        this.policed = policed;
    }

    void writePolicies() {
        policed.policies().clear()
                .allow("vault", "*", "*", BOTH, "select")
                .access("vault", "locked", "*", List.of(), BOTH, "select")
                .access("vault", "accounts", "secret", List.of(), BOTH, "select")
                .allow("vault_open", "*", "*", BOTH, "select", "update", "create", "drop", "alter")
                .rowFilter("vault", "accounts", ANALYSTS, "region = 'EU'")
                .rowFilter("vault", "accounts", OWNERS, "owner = current_user()")
                .mask("vault", "accounts", "id", ANALYSTS, "MASK_NONE", null)
                .mask("vault", "accounts", "name", ANALYSTS, "MASK", null)
                .mask("vault", "accounts", "phone", ANALYSTS, "MASK_SHOW_LAST_4", null)
                .mask("vault", "accounts", "card", ANALYSTS, "MASK_SHOW_FIRST_4", null)
                .mask("vault", "accounts", "email", ANALYSTS, "MASK_HASH", null)
                .mask("vault", "accounts", "balance", ANALYSTS, "MASK_NULL", null)
                .mask("vault", "accounts", "pin", ANALYSTS, "MASK", null)
                .mask("vault", "accounts", "born", ANALYSTS, "MASK_DATE_SHOW_YEAR", null)
                .mask("vault", "accounts", "score", ANALYSTS, "CUSTOM", "round({col})")
                .mask("vault", "accounts", "card", OWNERS, "MASK_NULL", null)
                .mask("vault", "accounts", "email", OWNERS, "MASK", null)
                .write();
    }

    /** Makes (or makes again) the tables and views, and reads the facts placeholders stand for. */
    void build() {
        builds++;
        try (Session admin = policed.engine().openSession(SessionSpec.forUser("admin"))) {
            for (String statement : statements(resource("policy/bypass-fixture.sql"))) {
                Results.drain(admin.execute(statement));
            }
        }
        facts = readFacts();
        try (Session admin = policed.engine().openSession(SessionSpec.forUser("admin"))) {
            // A table of the session catalog over the protected table's files, as an administrator might leave one.
            Results.drain(admin.execute("DROP TABLE IF EXISTS spark_catalog.default.acc_files"));
            Results.drain(admin.execute(expand("CREATE TABLE spark_catalog.default.acc_files USING parquet "
                    + "LOCATION '{{ACCOUNTS_DATA}}'")));
        }
    }

    int builds() {
        return builds;
    }

    /** The text with its placeholders filled in. */
    String expand(String text) {
        Matcher matcher = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1);
            String value = switch (name) {
                case "CR" -> "\r";
                case "LF" -> "\n";
                case "TAB" -> "\t";
                case "SCRATCH" -> scratchDirectory();
                default -> {
                    String fact = facts.get(name);
                    if (fact == null) {
                        throw new IllegalStateException("Unknown placeholder {{" + name + "}}");
                    }
                    yield fact;
                }
            };
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    /** The first marker the text holds that the case did not write itself. */
    static Optional<String> leak(String seen, String ownText) {
        return MARKERS.stream().filter(marker -> seen.contains(marker) && !ownText.contains(marker)).findFirst();
    }

    ResultTable adminQuery(String sql) {
        try (Session admin = policed.engine().openSession(SessionSpec.forUser("admin"));
                StatementResult result = admin.execute(sql)) {
            return ResultTable.read(result);
        }
    }

    private Map<String, String> readFacts() {
        Map<String, String> read = new HashMap<>();
        List<List<String>> snapshots = adminQuery("SELECT snapshot_id, date_format(committed_at, "
                + "'yyyy-MM-dd HH:mm:ss.SSS'), unix_millis(committed_at) FROM vault.accounts.snapshots "
                + "ORDER BY committed_at").rows();
        read.put("FIRST_SNAPSHOT", snapshots.get(0).get(0));
        read.put("FIRST_SNAPSHOT_TIME", snapshots.get(0).get(1));
        read.put("FIRST_SNAPSHOT_MILLIS", snapshots.get(0).get(2));
        read.put("LAST_SNAPSHOT", snapshots.get(snapshots.size() - 1).get(0));
        String file = adminQuery("SELECT file_path FROM vault.accounts.files ORDER BY file_path LIMIT 1").rows()
                .get(0).get(0);
        Path path = file.startsWith("file:") ? Path.of(URI.create(file)) : Path.of(file);
        Path location = path.getParent().getParent();
        Path warehouse = location.getParent().getParent();
        read.put("ACCOUNTS_FILE", path.toString());
        read.put("ACCOUNTS_DATA", path.getParent().toString());
        read.put("ACCOUNTS_LOCATION", location.toString());
        read.put("WAREHOUSE", warehouse.toString());
        read.put("CATALOG_URI", "jdbc:sqlite:" + warehouse.getParent().resolve("catalog.db"));
        String metadata = adminQuery("SELECT file FROM vault.accounts.metadata_log_entries ORDER BY timestamp DESC "
                + "LIMIT 1").rows().get(0).get(0);
        read.put("ACCOUNTS_METADATA", metadata.startsWith("file:") ? Path.of(URI.create(metadata)).toString()
                : metadata);
        String ledgerFile = adminQuery("SELECT file_path FROM vault.ledger.files LIMIT 1").rows().get(0).get(0);
        read.put("LEDGER_FILE", (ledgerFile.startsWith("file:") ? Path.of(URI.create(ledgerFile))
                : Path.of(ledgerFile)).toString());
        return Map.copyOf(read);
    }

    /** A fresh directory for statements that write files, under the engine's data directory. */
    private String scratchDirectory() {
        Path root = Path.of(facts.get("WAREHOUSE")).getParent().resolve("bypass-scratch");
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return root.resolve("out-" + scratch.incrementAndGet()).toString();
    }

    static List<String> statements(String text) {
        String withoutComments = Arrays.stream(text.split("\n")).filter(line -> !line.startsWith("--"))
                .reduce("", (all, line) -> all + line + "\n");
        return Arrays.stream(STATEMENT_END.split(withoutComments)).map(String::strip).filter(sql -> !sql.isEmpty())
                .toList();
    }

    private static String resource(String name) {
        try (InputStream in = BypassFixture.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("No resource " + name + " on the test class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
