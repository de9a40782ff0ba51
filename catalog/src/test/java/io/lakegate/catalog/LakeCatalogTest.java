package io.lakegate.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.lakegate.common.LakegateException;
import io.lakegate.common.Settings;
import io.lakegate.common.SparkType;
import io.lakegate.common.SparkType.Kind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.Schema;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.apache.iceberg.types.Types;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The catalog as a Spark cluster leaves it: tables and views written with Iceberg's own JDBC catalog, from the same
 * properties the engine gives Spark, are read back through {@link LakeCatalog}.
 */
class LakeCatalogTest {
    private static final Schema ORDERS = new Schema(
            Types.NestedField.required(1, "id", Types.LongType.get(), "Order number"),
            Types.NestedField.optional(2, "paid", Types.BooleanType.get()),
            Types.NestedField.optional(3, "quantity", Types.IntegerType.get()),
            Types.NestedField.optional(4, "ratio", Types.FloatType.get()),
            Types.NestedField.optional(5, "amount", Types.DoubleType.get()),
            Types.NestedField.optional(6, "price", Types.DecimalType.of(38, 10)),
            Types.NestedField.optional(7, "day", Types.DateType.get()),
            Types.NestedField.optional(8, "placed_at", Types.TimestampType.withZone()),
            Types.NestedField.optional(9, "local_time", Types.TimestampType.withoutZone()),
            Types.NestedField.optional(10, "customer", Types.StringType.get(), "Customer's name"),
            Types.NestedField.optional(11, "token", Types.UUIDType.get()),
            Types.NestedField.optional(12, "hash", Types.FixedType.ofLength(16)),
            Types.NestedField.optional(13, "payload", Types.BinaryType.get()),
            Types.NestedField.optional(14, "tags", Types.ListType.ofOptional(17, Types.StringType.get())),
            Types.NestedField.optional(15, "counts",
                    Types.MapType.ofRequired(18, 19, Types.StringType.get(), Types.LongType.get())),
            Types.NestedField.required(16, "address", Types.StructType.of(
                    Types.NestedField.required(20, "a", Types.IntegerType.get()),
                    Types.NestedField.optional(21, "b", Types.StringType.get(), "Street"))),
            Types.NestedField.optional(22, "extra", Types.VariantType.get()));

    @TempDir
    Path dataDir;

    private CatalogConfig config;
    private JdbcCatalog spark;
    private LakeCatalog catalog;

    @BeforeEach
    void openCatalogs() {
        config = CatalogConfig.from(Settings.of(Map.of("lakegate.data.dir", dataDir.resolve("lake").toString())));
        catalog = LakeCatalog.open(config);
        spark = new JdbcCatalog();
        spark.setConf(new Configuration());
        spark.initialize(config.name(), config.icebergProperties());

        spark.createNamespace(Namespace.of("sales"));
        spark.createNamespace(Namespace.of("analytics"));
        spark.createNamespace(Namespace.of("analytics", "daily"));
        spark.createNamespace(Namespace.of("empty"));
        spark.buildTable(TableIdentifier.of("sales", "orders"), ORDERS)
                .withProperty("comment", "All orders")
                .withProperty("format-version", "3")
                .create();
        spark.buildView(TableIdentifier.of("sales", "big_orders"))
                .withSchema(new Schema(
                        Types.NestedField.required(1, "id", Types.LongType.get(), "Order number"),
                        Types.NestedField.optional(2, "amount", Types.DoubleType.get())))
                .withDefaultNamespace(Namespace.of("sales"))
                .withQuery("spark", "SELECT id, amount FROM orders WHERE amount > 100")
                .withProperty("comment", "Orders over 100")
                .create();
        spark.createTable(TableIdentifier.of("sales", "customers"),
                new Schema(Types.NestedField.required(1, "name", Types.StringType.get())));
        spark.createTable(TableIdentifier.of(Namespace.of("analytics", "daily"), "events"),
                new Schema(Types.NestedField.optional(1, "at", Types.TimestampType.withZone())));
    }

    @AfterEach
    void closeCatalogs() {
        catalog.close();
        spark.close();
    }

    @Test
    void createsTheDataDirectoryAndTheCatalogDatabase() {
        assertThat(dataDir.resolve("lake/catalog.db")).isRegularFile();
        assertThat(catalog.name()).isEqualTo("lakehouse");
    }

    @Test
    void listsEveryDatabaseSortedWithNestedOnesJoinedByDots() {
        assertThat(catalog.listDatabases()).containsExactly("analytics", "analytics.daily", "empty", "sales");
    }

    @Test
    void tellsWhetherADatabaseExists() {
        assertThat(catalog.databaseExists("sales")).isTrue();
        assertThat(catalog.databaseExists("analytics.daily")).isTrue();
        assertThat(catalog.databaseExists("empty")).isTrue();
        assertThat(catalog.databaseExists("marketing")).isFalse();
        assertThat(catalog.databaseExists("")).isFalse();
    }

    @Test
    void listsTablesAndViewsSortedByNameWithTheirComments() {
        assertThat(catalog.listTables("sales")).containsExactly(
                new TableInfo("sales", "big_orders", TableType.VIEW, Optional.of("Orders over 100")),
                new TableInfo("sales", "customers", TableType.TABLE, Optional.empty()),
                new TableInfo("sales", "orders", TableType.TABLE, Optional.of("All orders")));
        assertThat(catalog.listTables("analytics.daily")).containsExactly(
                new TableInfo("analytics.daily", "events", TableType.TABLE, Optional.empty()));
        assertThat(catalog.listTables("empty")).isEmpty();
    }

    @Test
    void findsOneTableOrView() {
        assertThat(catalog.table("sales", "orders"))
                .isEqualTo(new TableInfo("sales", "orders", TableType.TABLE, Optional.of("All orders")));
        assertThat(catalog.table("sales", "big_orders"))
                .isEqualTo(new TableInfo("sales", "big_orders", TableType.VIEW, Optional.of("Orders over 100")));
    }

    @Test
    void describesColumnsWithSparkTypesNullabilityCommentsAndPositions() {
        List<ColumnInfo> columns = catalog.columns("sales", "orders");

        assertThat(columns)
                .extracting(ColumnInfo::ordinalPosition, ColumnInfo::name, column -> column.type().sql(),
                        ColumnInfo::nullable, ColumnInfo::comment)
                .containsExactly(
                        tuple(1, "id", "bigint", false, Optional.of("Order number")),
                        tuple(2, "paid", "boolean", true, Optional.empty()),
                        tuple(3, "quantity", "int", true, Optional.empty()),
                        tuple(4, "ratio", "float", true, Optional.empty()),
                        tuple(5, "amount", "double", true, Optional.empty()),
                        tuple(6, "price", "decimal(38,10)", true, Optional.empty()),
                        tuple(7, "day", "date", true, Optional.empty()),
                        tuple(8, "placed_at", "timestamp", true, Optional.empty()),
                        tuple(9, "local_time", "timestamp_ntz", true, Optional.empty()),
                        tuple(10, "customer", "string", true, Optional.of("Customer's name")),
                        tuple(11, "token", "string", true, Optional.empty()),
                        tuple(12, "hash", "binary", true, Optional.empty()),
                        tuple(13, "payload", "binary", true, Optional.empty()),
                        tuple(14, "tags", "array<string>", true, Optional.empty()),
                        tuple(15, "counts", "map<string,bigint>", true, Optional.empty()),
                        tuple(16, "address", "struct<a:int,b:string>", false, Optional.empty()),
                        tuple(17, "extra", "variant", true, Optional.empty()));
        assertThat(columns.get(13).type()).isEqualTo(new SparkType.ArrayType(SparkType.of(Kind.STRING), true));
        assertThat(columns.get(14).type())
                .isEqualTo(new SparkType.MapType(SparkType.of(Kind.STRING), SparkType.of(Kind.BIGINT), false));
        assertThat(columns.get(15).type()).isEqualTo(new SparkType.StructType(List.of(
                new SparkType.Field("a", SparkType.of(Kind.INT), false),
                new SparkType.Field("b", SparkType.of(Kind.STRING), true, Optional.of("Street")))));
    }

    @Test
    void givesTheSparkDefinitionOfAViewAndNothingForATable() {
        assertThat(catalog.view("sales", "big_orders")).contains(new ViewDefinition(
                "SELECT id, amount FROM orders WHERE amount > 100", Optional.empty(), "sales"));
        assertThat(catalog.view("sales", "orders")).isEmpty();
        assertThat(catalog.view("sales", "nothing")).isEmpty();
    }

    @Test
    void describesTheColumnsOfAView() {
        assertThat(catalog.columns("sales", "big_orders")).containsExactly(
                new ColumnInfo("id", SparkType.of(Kind.BIGINT), false, Optional.of("Order number"), 1),
                new ColumnInfo("amount", SparkType.of(Kind.DOUBLE), true, Optional.empty(), 2));
    }

    @Test
    void refusesToDescribeAColumnSparkCannotRead() {
        spark.createTable(TableIdentifier.of("sales", "shifts"), new Schema(
                Types.NestedField.required(1, "id", Types.LongType.get()),
                Types.NestedField.optional(2, "starts", Types.TimeType.get())));

        assertThat(catalog.listTables("sales")).extracting(TableInfo::name).contains("shifts");
        assertThatThrownBy(() -> catalog.columns("sales", "shifts"))
                .isInstanceOfSatisfying(LakegateException.class, e -> assertThat(e.sqlState()).isEqualTo("0A000"))
                .hasMessage("Cannot describe column starts of sales.shifts: Spark cannot read the Iceberg type time");
    }

    @Test
    void anUnknownDatabaseHasNoTables() {
        assertThatThrownBy(() -> catalog.listTables("marketing"))
                .isInstanceOfSatisfying(NoSuchDatabaseException.class,
                        e -> assertThat(e.sqlState()).isEqualTo("42704"))
                .hasMessage("[SCHEMA_NOT_FOUND] The schema `marketing` cannot be found.");
    }

    @Test
    void anUnknownTableIsNotFound() {
        assertThatThrownBy(() -> catalog.table("sales", "returns"))
                .isInstanceOfSatisfying(NoSuchTableException.class, e -> assertThat(e.sqlState()).isEqualTo("42P01"))
                .hasMessage("[TABLE_OR_VIEW_NOT_FOUND] The table or view `sales`.`returns` cannot be found.");
        assertThatThrownBy(() -> catalog.columns("sales", "returns"))
                .isInstanceOf(NoSuchTableException.class)
                .hasMessage("[TABLE_OR_VIEW_NOT_FOUND] The table or view `sales`.`returns` cannot be found.");
    }

    @Test
    void aTableInAnUnknownDatabaseIsNotFound() {
        assertThatThrownBy(() -> catalog.table("marketing", "orders"))
                .isInstanceOf(NoSuchTableException.class)
                .hasMessage("[TABLE_OR_VIEW_NOT_FOUND] The table or view `marketing`.`orders` cannot be found.");
        assertThatThrownBy(() -> catalog.columns("marketing", "orders"))
                .isInstanceOf(NoSuchTableException.class)
                .hasMessage("[TABLE_OR_VIEW_NOT_FOUND] The table or view `marketing`.`orders` cannot be found.");
    }

    @Test
    void seesWhatSparkCommitsAfterwardsAtOnce() {
        spark.dropTable(TableIdentifier.of("sales", "customers"));
        spark.buildTable(TableIdentifier.of("sales", "returns"), ORDERS).withProperty("format-version", "3").create();
        spark.loadTable(TableIdentifier.of("sales", "orders")).updateProperties().set("comment", "Every order")
                .commit();

        assertThat(catalog.listTables("sales")).extracting(TableInfo::name, TableInfo::comment).containsExactly(
                tuple("big_orders", Optional.of("Orders over 100")),
                tuple("orders", Optional.of("Every order")),
                tuple("returns", Optional.empty()));
    }

    @Test
    void readingWaitsForAnotherProcessToFinishWriting() throws Exception {
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try (Connection writer = DriverManager.getConnection(config.uri());
                Statement statement = writer.createStatement()) {
            // A committing writer holds the exclusive lock; a reader without a busy timeout would fail at once.
            statement.execute("BEGIN EXCLUSIVE");
            CompletableFuture<List<TableInfo>> listing =
                    CompletableFuture.supplyAsync(() -> catalog.listTables("sales"), executor);

            assertThat(listing).as("listing while another process writes")
                    .failsWithin(Duration.ofMillis(500))
                    .withThrowableThat().isInstanceOf(TimeoutException.class);

            statement.execute("COMMIT");
            assertThat(listing).succeedsWithin(Duration.ofSeconds(10)).asInstanceOf(InstanceOfAssertFactories.LIST)
                    .hasSize(3);
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void readingLeavesNoLockThatWouldBlockAWriter() throws Exception {
        catalog.listDatabases();
        catalog.listTables("sales");
        catalog.table("sales", "big_orders");
        catalog.columns("sales", "orders");

        Properties noWaiting = new Properties();
        noWaiting.setProperty("busy_timeout", "0");
        try (Connection writer = DriverManager.getConnection(config.uri(), noWaiting);
                Statement statement = writer.createStatement()) {
            statement.execute("BEGIN EXCLUSIVE");
            statement.execute("COMMIT");
        }
    }

    @Test
    void manyCatalogsCanOpenANewDatabaseAtOnce() throws Exception {
        CatalogConfig fresh = CatalogConfig.from(
                Settings.of(Map.of("lakegate.data.dir", dataDir.resolve("fresh").toString())));
        int count = 8;
        ExecutorService executor = Executors.newFixedThreadPool(count);
        CyclicBarrier start = new CyclicBarrier(count);
        List<LakeCatalog> opened = new CopyOnWriteArrayList<>();
        try {
            List<Future<LakeCatalog>> opening = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                opening.add(executor.submit(() -> {
                    start.await();
                    LakeCatalog lakeCatalog = LakeCatalog.open(fresh);
                    opened.add(lakeCatalog);
                    return lakeCatalog;
                }));
            }
            for (Future<LakeCatalog> future : opening) {
                assertThat(future).succeedsWithin(Duration.ofSeconds(60))
                        .satisfies(lakeCatalog -> assertThat(lakeCatalog.listDatabases()).isEmpty());
            }
        } finally {
            executor.shutdownNow();
            assertThat(executor.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
            opened.forEach(LakeCatalog::close);
        }
    }

    @Test
    void failingToConnectIsAConnectionFailureThatHidesPasswords() {
        CatalogConfig unreachable = CatalogConfig.from(Settings.of(Map.of(
                "lakegate.catalog.uri", "jdbc:postgresql://127.0.0.1:1/iceberg?password=inUrl",
                "lakegate.catalog.user", "iceberg",
                "lakegate.catalog.password", "s3cr3t",
                "lakegate.data.dir", dataDir.toString())));

        assertThatThrownBy(() -> LakeCatalog.open(unreachable))
                .isInstanceOfSatisfying(LakegateException.class, e -> {
                    assertThat(e.sqlState()).isEqualTo("08006");
                    assertThat(e.getCause()).as("a cause whose message shows the URL's password").isNull();
                })
                .hasMessageStartingWith("Cannot open the Iceberg catalog at "
                        + "jdbc:postgresql://127.0.0.1:1/iceberg?password=***: ")
                .message().doesNotContain("inUrl", "s3cr3t");
    }

    @Test
    void failingToOpenTheSqliteFileIsAConnectionFailure() throws Exception {
        Path notADirectory = Files.createFile(dataDir.resolve("file"));
        CatalogConfig blocked = CatalogConfig.from(Settings.of(Map.of(
                "lakegate.catalog.uri", "jdbc:sqlite:" + notADirectory.resolve("catalog.db"))));

        assertThatThrownBy(() -> LakeCatalog.open(blocked))
                .isInstanceOfSatisfying(LakegateException.class, e -> assertThat(e.sqlState()).isEqualTo("08006"))
                .hasMessageStartingWith("Cannot open the Iceberg catalog at jdbc:sqlite:" + notADirectory);
    }
}
