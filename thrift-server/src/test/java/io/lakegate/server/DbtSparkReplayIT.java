package io.lakegate.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakegate.server.PyHiveClient.Result;
import io.lakegate.server.SharedServer.RunningServer;
import java.util.List;
import java.util.Map;
import org.apache.thrift.TException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A small dbt project's statements exactly as dbt-spark (method thrift) sends them through PyHive: each led by its
 * query comment, some ending in {@code ;}; seeds, a table and a view model, incremental models (append,
 * insert_overwrite, merge) run twice, a snapshot run twice with a change between, schema tests; and a second session
 * that stays open and reads the models after each run.
 */
@ExtendWith(SharedServer.class)
class DbtSparkReplayIT {
    private static final String SCHEMA = "dbt_replay";
    /** What dbt-spark sends in OpenSession's configuration: bare keys, ANSI mode forced off. */
    private static final Map<String, String> CONFIGURATION = Map.of("spark.sql.ansi.enabled", "false",
            "spark.sql.session.timeZone", "UTC");

    @Test
    void aDbtProjectRunsTwiceAndALongLivedSessionSeesEachRun(RunningServer server) throws TException {
        int port = server.server().address().getPort();
        try (PyHiveClient dbt = new PyHiveClient(port, "raw", CONFIGURATION);
                PyHiveClient reader = new PyHiveClient(port, "raw", CONFIGURATION)) {
            assertThat(dbt.execute("SELECT current_timezone()").rows()).containsExactly(List.of("UTC"));
            assertThat(dbt.execute(node("run", "drop schema if exists " + SCHEMA + " cascade")).rows()).isEmpty();
            // dbt first lists the schema it is about to create: the marker tells it the schema is empty.
            assertThatThrownBy(() -> dbt.execute(node("list", "show table extended in " + SCHEMA + " like '*'")))
                    .hasMessageContaining("[SCHEMA_NOT_FOUND]");
            assertThat(dbt.execute(node("list", "show databases")).rows()).extracting(row -> row.get(0))
                    .contains("default").doesNotContain(SCHEMA);
            dbt.execute(node("create", "create schema if not exists " + SCHEMA));

            seed(dbt, "(cast(1 as bigint),cast('placed' as string),cast(5.0 as double)),"
                    + "(cast(2 as bigint),cast('shipped' as string),cast(20.0 as double))");
            run(dbt, 1);
            assertThat(reader.execute("select count(*), sum(amount) from " + SCHEMA + ".orders").rows())
                    .containsExactly(List.of("2", "25.0"));
            assertThat(reader.execute("select id, status from " + SCHEMA + ".snap where dbt_valid_to is null "
                    + "order by id").rows()).containsExactly(List.of("1", "placed"), List.of("2", "shipped"));

            // The seed changes between the runs: dbt drops and re-creates it.
            seed(dbt, "(cast(1 as bigint),cast('returned' as string),cast(5.0 as double)),"
                    + "(cast(2 as bigint),cast('shipped' as string),cast(20.0 as double)),"
                    + "(cast(3 as bigint),cast('placed' as string),cast(40.0 as double))");
            run(dbt, 2);
            assertThat(reader.execute("select count(*), sum(amount) from " + SCHEMA + ".orders").rows())
                    .containsExactly(List.of("3", "65.0"));
            assertThat(reader.execute("select id from " + SCHEMA + ".big_orders order by id").rows())
                    .containsExactly(List.of("2"), List.of("3"));
            assertThat(reader.execute("select id, status from " + SCHEMA + ".inc_append order by id, status").rows())
                    .containsExactly(List.of("1", "placed"), List.of("2", "shipped"), List.of("3", "placed"));
            assertThat(reader.execute("select status, count(*) from " + SCHEMA + ".inc_over group by status "
                    + "order by status").rows())
                    .containsExactly(List.of("placed", "1"), List.of("returned", "1"), List.of("shipped", "1"));
            assertThat(reader.execute("select id, status from " + SCHEMA + ".inc_merge order by id").rows())
                    .containsExactly(List.of("1", "returned"), List.of("2", "shipped"), List.of("3", "placed"));
            assertThat(reader.execute("select id, status, dbt_valid_to is null from " + SCHEMA + ".snap "
                    + "order by id, dbt_valid_to is null").rows()).containsExactly(List.of("1", "placed", "false"),
                    List.of("1", "returned", "true"), List.of("2", "shipped", "true"),
                    List.of("3", "placed", "true"));

            listingsAsDbtParsesThem(dbt);
            dbt.execute(node("cleanup", "drop schema if exists " + SCHEMA + " cascade"));
        }
    }

    private static void seed(PyHiveClient dbt, String values) throws TException {
        dbt.execute(node("seed.p.raw_orders", "drop table if exists " + SCHEMA + ".raw_orders"));
        dbt.execute(node("seed.p.raw_orders", "create table " + SCHEMA + ".raw_orders (`id` bigint, `status` string, "
                + "`amount` double)\n    using iceberg"));
        // Seed inserts go out through add_query: no comment.
        dbt.execute("insert into " + SCHEMA + ".raw_orders values\n" + values);
    }

    /** One {@code dbt run} (the first creates the incremental models, later ones add to them), then the tests. */
    private static void run(PyHiveClient dbt, int run) throws TException {
        String raw = SCHEMA + ".raw_orders";
        dbt.execute(node("model.p.orders", "\n  \n    create or replace table " + SCHEMA + ".orders\n    using iceberg"
                + "\n    as\n      select id, status, amount from " + raw));
        dbt.execute(node("model.p.big_orders", "create or replace view " + SCHEMA + ".big_orders\n  \n  as\n"
                + "    select * from " + SCHEMA + ".orders where amount > 10\n"));
        if (run == 1) {
            dbt.execute(node("model.p.inc_append", "create or replace table " + SCHEMA + ".inc_append using iceberg "
                    + "as select id, status from " + raw));
            dbt.execute(node("model.p.inc_over", "create or replace table " + SCHEMA + ".inc_over using iceberg "
                    + "partitioned by (status) as select id, status from " + raw));
            dbt.execute(node("model.p.inc_merge", "create or replace table " + SCHEMA + ".inc_merge using iceberg "
                    + "as select id, status from " + raw));
            dbt.execute(node("snapshot.p.snap", "create or replace table " + SCHEMA + ".snap using iceberg as "
                    + "select *, md5(coalesce(cast(id as string ), '') || '|' || coalesce(cast(status as string ), "
                    + "'')) as dbt_scd_id, to_timestamp('2026-01-01 00:00:00') as dbt_updated_at, "
                    + "to_timestamp('2026-01-01 00:00:00') as dbt_valid_from, cast(null as timestamp) as dbt_valid_to "
                    + "from (select id, status from " + raw + ") sbq"));
        } else {
            incremental(dbt, "inc_append", "select id, status from " + raw + " where id > 2",
                    "insert into table " + SCHEMA + ".inc_append\n select `id`, `status` from inc_append__dbt_tmp");
            dbt.execute(node("model.p.inc_over", "set spark.sql.sources.partitionOverwriteMode = DYNAMIC"));
            incremental(dbt, "inc_over", "select id, status from " + raw + " where status in ('returned', 'placed')",
                    "insert overwrite " + SCHEMA + ".inc_over select `id`, `status` from inc_over__dbt_tmp");
            incremental(dbt, "inc_merge", "select id, status from " + raw,
                    "merge into " + SCHEMA + ".inc_merge as DBT_INTERNAL_DEST\n using inc_merge__dbt_tmp as "
                            + "DBT_INTERNAL_SOURCE\n on DBT_INTERNAL_SOURCE.id = DBT_INTERNAL_DEST.id\n when matched "
                            + "then update set *\n when not matched then insert *");
            snapshotAgain(dbt);
        }
        Result unique = dbt.execute(node("test.p.unique_orders_id", "select\n      count(*) as failures,\n      "
                + "count(*) != 0 as should_warn,\n      count(*) != 0 as should_error\n    from (\n      select id "
                + "from " + SCHEMA + ".orders group by id having count(*) > 1\n    ) dbt_internal_test"));
        assertThat(unique.columns()).containsExactly("failures", "should_warn", "should_error");
        assertThat(unique.rows()).containsExactly(List.of("0", "false", "false"));
    }

    /** A later run of an incremental model: a temporary view, the target's columns, then the strategy's SQL. */
    private static void incremental(PyHiveClient dbt, String model, String sql, String strategy) throws TException {
        dbt.execute(node("model.p." + model, "create or replace temporary view " + model + "__dbt_tmp as\n  " + sql));
        Result columns = dbt.execute(node("model.p." + model, "describe extended " + SCHEMA + "." + model));
        assertThat(columns.columns()).containsExactly("col_name", "data_type", "comment");
        assertThat(columns.rows()).extracting(row -> row.get(0)).startsWith("id", "status");
        dbt.execute(node("model.p." + model, strategy + ";"));
    }

    /** The snapshot's later run: a staging view in the current database, merged into the snapshot, then dropped. */
    private static void snapshotAgain(PyHiveClient dbt) throws TException {
        String hash = "md5(coalesce(cast(id as string ), '') || '|' || coalesce(cast(status as string ), ''))";
        dbt.execute(node("snapshot.p.snap", "create or replace view snap__dbt_tmp as\n with snapshot_query as (select "
                + "id, status from " + SCHEMA + ".raw_orders), snapshotted_data as (select *, id as dbt_unique_key "
                + "from " + SCHEMA + ".snap where dbt_valid_to is null), insertions_source_data as (select *, "
                + hash + " as dbt_scd_id, to_timestamp('2026-02-01 00:00:00') as dbt_updated_at, "
                + "to_timestamp('2026-02-01 00:00:00') as dbt_valid_from, cast(null as timestamp) as dbt_valid_to, "
                + "id as dbt_unique_key from snapshot_query), updates_source_data as (select *, " + hash
                + " as new_scd_id, to_timestamp('2026-02-01 00:00:00') as dbt_valid_to, id as dbt_unique_key from "
                + "snapshot_query), insertions as (select 'insert' as dbt_change_type, source_data.id, "
                + "source_data.status, source_data.dbt_scd_id, source_data.dbt_updated_at, source_data.dbt_valid_from, "
                + "source_data.dbt_valid_to from insertions_source_data as source_data left outer join "
                + "snapshotted_data on snapshotted_data.dbt_unique_key = source_data.dbt_unique_key where "
                + "snapshotted_data.dbt_unique_key is null or snapshotted_data.dbt_scd_id != source_data.dbt_scd_id), "
                + "updates as (select 'update' as dbt_change_type, source_data.id, source_data.status, "
                + "snapshotted_data.dbt_scd_id, to_timestamp('2026-02-01 00:00:00') as dbt_updated_at, "
                + "snapshotted_data.dbt_valid_from, source_data.dbt_valid_to from updates_source_data as source_data "
                + "join snapshotted_data on snapshotted_data.dbt_unique_key = source_data.dbt_unique_key where "
                + "snapshotted_data.dbt_scd_id != source_data.new_scd_id) select * from insertions union all "
                + "select * from updates"));
        assertThat(dbt.execute(node("snapshot.p.snap", "describe extended snap__dbt_tmp")).rows())
                .extracting(row -> row.get(0)).startsWith("dbt_change_type", "id");
        dbt.execute(node("snapshot.p.snap", "merge into " + SCHEMA + ".snap as DBT_INTERNAL_DEST\n using "
                + "snap__dbt_tmp as DBT_INTERNAL_SOURCE\n on DBT_INTERNAL_SOURCE.dbt_scd_id = "
                + "DBT_INTERNAL_DEST.dbt_scd_id\n when matched\n and DBT_INTERNAL_DEST.dbt_valid_to is null\n and "
                + "DBT_INTERNAL_SOURCE.dbt_change_type in ('update', 'delete')\n then update\n set dbt_valid_to = "
                + "DBT_INTERNAL_SOURCE.dbt_valid_to\n when not matched\n and DBT_INTERNAL_SOURCE.dbt_change_type = "
                + "'insert'\n then insert (id, status, dbt_scd_id, dbt_updated_at, dbt_valid_from, dbt_valid_to) "
                + "values (DBT_INTERNAL_SOURCE.id, DBT_INTERNAL_SOURCE.status, DBT_INTERNAL_SOURCE.dbt_scd_id, "
                + "DBT_INTERNAL_SOURCE.dbt_updated_at, DBT_INTERNAL_SOURCE.dbt_valid_from, "
                + "DBT_INTERNAL_SOURCE.dbt_valid_to)\n;"));
        dbt.execute(node("snapshot.p.snap", "drop view if exists snap__dbt_tmp"));
    }

    /** The listings dbt-spark reads relations and columns from, with the shapes and lines its parsers expect. */
    private static void listingsAsDbtParsesThem(PyHiveClient dbt) throws TException {
        Result extended = dbt.execute(node("list", "show table extended in " + SCHEMA + " like '*'"));
        assertThat(extended.columns()).hasSize(4);
        Map<String, String> information = new java.util.HashMap<>();
        extended.rows().forEach(row -> information.put(row.get(1), row.get(3)));
        assertThat(information.get("orders")).contains("Provider: iceberg").doesNotContain("Type: VIEW")
                .containsPattern("(?m)^ \\|-- id: long \\(nullable = true\\)");
        // Spark 4.1 lists the catalog's tables here, not its views: dbt then finds a view model missing and creates
        // it again with CREATE OR REPLACE VIEW, which is what it would have run anyway.
        assertThat(information).doesNotContainKey("big_orders");
        Result tables = dbt.execute(node("list", "show tables in " + SCHEMA + " like '*'"));
        assertThat(tables.columns()).hasSize(3);
        assertThat(tables.rows()).extracting(row -> row.get(1))
                .contains("orders", "inc_append", "inc_over", "inc_merge", "snap", "raw_orders");
    }

    private static String node(String node, String sql) {
        return "/* {\"app\": \"dbt\", \"dbt_version\": \"1.10.0\", \"profile_name\": \"lake\", \"target_name\": "
                + "\"dev\", \"node_id\": \"" + node + "\"} */\n" + sql;
    }
}
