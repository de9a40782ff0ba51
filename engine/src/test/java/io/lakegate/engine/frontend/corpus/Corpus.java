package io.lakegate.engine.frontend.corpus;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import net.hydromatic.tpcds.query.Query;

/**
 * The 22 TPC-H queries of the tpch jar and the 99 TPC-DS query templates of the hydromatic library, made into Spark
 * SQL by the few textual rewrites below, all of them here.
 */
final class Corpus {
    /** Statements of a query file end with a semicolon at the end of a line (TPC-H's header comment has some too). */
    private static final Pattern STATEMENT_END = Pattern.compile(";\\s*(?:\\n|$)");

    /** Trino's typed decimal literal, {@code decimal '0.06'} (TPC-H Q6): Spark reads {@code 0.06} as that decimal. */
    private static final List<Rewrite> TPCH_TO_SPARK = List.of(new Rewrite("(?i)decimal '([0-9.]+)'", "$1"));

    /**
     * The hydromatic library fills in the templates' random parameters but leaves others as they were; these rewrites
     * finish the job with fixed values and turn the templates' dialect into Spark's.
     */
    private static final List<Rewrite> TPCDS_TO_SPARK = List.of(
            // Definitions written "Define" are not recognised as such and stay in the text.
            new Rewrite("(?im)^\\s*define\\s.*$\\n?", ""),
            // Unevaluated dates, date([YEAR]+"-08-01",[YEAR]+"-08-30",sales) or bare: a day of 2000, which the data
            // covers.
            new Rewrite("date\\(\\[YEAR\\]\\+\"-([0-9]+-[0-9]+)\"[^)]*\\)", "2000-$1"),
            new Rewrite("'\\[[A-Z]*DATE\\]'", "'2000-02-01'"),
            // Unquoted picks from the county distribution are time zone offsets: -5, that of the data's stores.
            new Rewrite("(?<!')\\b(?:dist|distmember)\\(fips_county[^)]*\\)", "-5"),
            // Other unquoted parameters are numbers (months, ids, prices, row counts). Quoted ones stay strings that
            // match nothing, which keeps the query valid.
            new Rewrite("(?<!')\\[[A-Za-z_]+(?:\\.[0-9]+)?\\](?!')", "1"),
            // Double quotes delimit names in the templates' dialects and strings in Spark.
            new Rewrite("\"([^\"\\n]*)\"", "`$1`"),
            // Day arithmetic, d + 30 days.
            new Rewrite("([+-])\\s*([0-9]+)\\s+days\\b", "$1 interval $2 days"),
            // Query 30 names a column that the schema calls c_last_review_date_sk.
            new Rewrite("\\bc_last_review_date\\b", "c_last_review_date_sk"));

    private Corpus() {}

    static List<CorpusQuery> all() {
        List<CorpusQuery> queries = new ArrayList<>(tpch());
        queries.addAll(tpcds());
        return queries;
    }

    /** TPC-H Q15 is a view and a query on it: the view is the query's setup. */
    static List<CorpusQuery> tpch() {
        List<CorpusQuery> queries = new ArrayList<>();
        for (int number = 1; number <= 22; number++) {
            List<String> statements = statements(
                    Rewrite.applyAll(TPCH_TO_SPARK, resource("io/trino/tpch/queries/q" + number + ".sql")));
            queries.add(new CorpusQuery("tpch/q" + number, "tpch", statements.subList(0, statements.size() - 1),
                    statements.get(statements.size() - 1)));
        }
        return queries;
    }

    /** Templates 14, 23, 24 and 39 hold two queries each, which become, for example, q14a and q14b. */
    static List<CorpusQuery> tpcds() {
        List<CorpusQuery> queries = new ArrayList<>();
        for (Query query : Query.values()) {
            // One seed per query, so that every run checks the same text.
            List<String> statements = statements(Rewrite.applyAll(TPCDS_TO_SPARK, query.sql(new Random(query.id))));
            for (int i = 0; i < statements.size(); i++) {
                String suffix = statements.size() == 1 ? "" : String.valueOf((char) ('a' + i));
                queries.add(new CorpusQuery("tpcds/q" + query.id + suffix, "tpcds", List.of(), statements.get(i)));
            }
        }
        return queries;
    }

    private static List<String> statements(String text) {
        return Arrays.stream(STATEMENT_END.split(text)).map(String::strip).filter(sql -> !sql.isEmpty()).toList();
    }

    private static String resource(String name) {
        try (InputStream in = Corpus.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("No resource " + name + " on the test classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A textual change by regular expression. */
    private record Rewrite(Pattern pattern, String replacement) {
        Rewrite(String regex, String replacement) {
            this(Pattern.compile(regex), replacement);
        }

        static String applyAll(List<Rewrite> rewrites, String sql) {
            String text = sql;
            for (Rewrite rewrite : rewrites) {
                text = rewrite.pattern.matcher(text).replaceAll(rewrite.replacement);
            }
            return text;
        }
    }
}
