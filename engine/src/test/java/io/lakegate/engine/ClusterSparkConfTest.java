package io.lakegate.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakegate.catalog.CatalogConfig;
import io.lakegate.common.Settings;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * A local cluster splits ranges into many partitions, so a paced result's first partition is small; and new sessions
 * start in the catalog's default database, so they need no USE.
 */
class ClusterSparkConfTest {
    private static final String LEAF_PARALLELISM = "spark.sql.leafNodeDefaultParallelism";

    @Test
    void eightRangePartitionsPerCoreOfTheLocalMaster() {
        assertThat(conf(Map.of("lakegate.cluster.local.master", "local[2]"))).containsEntry(LEAF_PARALLELISM, "16");
        assertThat(conf(Map.of("lakegate.cluster.local.master", "local[3,2]"))).containsEntry(LEAF_PARALLELISM, "24");
        assertThat(conf(Map.of("lakegate.cluster.local.master", "local"))).containsEntry(LEAF_PARALLELISM, "8");
        assertThat(conf(Map.of())).containsEntry(LEAF_PARALLELISM,
                String.valueOf(8 * Runtime.getRuntime().availableProcessors()));
    }

    @Test
    void theOperatorsSettingWins() {
        assertThat(conf(Map.of("lakegate.cluster.local.master", "local[2]", LEAF_PARALLELISM, "3")))
                .containsEntry(LEAF_PARALLELISM, "3");
    }

    @Test
    void aMasterOfUnknownCoresKeepsSparksDefault() {
        assertThat(Engine.localCores("local-cluster[2,1,1024]")).isEqualTo(OptionalInt.empty());
        assertThat(conf(Map.of("lakegate.cluster.local.master", "spark://host:7077")))
                .doesNotContainKey(LEAF_PARALLELISM);
    }

    @Test
    void newSessionsStartInTheDefaultDatabase() {
        assertThat(conf(Map.of("lakegate.catalog.default-database", "sales")))
                .containsEntry("spark.sql.catalog.lakehouse.default-namespace", "sales");
    }

    @Test
    void sparkSessionsKeepNoTablesBetweenStatements() {
        assertThat(conf(Map.of())).containsEntry("spark.sql.catalog.lakehouse.cache-enabled", "false");
    }

    private static Map<String, String> conf(Map<String, String> values) {
        Settings settings = Settings.of(values);
        return Engine.clusterSparkConf(settings, CatalogConfig.from(settings));
    }
}
