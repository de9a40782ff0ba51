package io.lakegate.engine.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakegate.cluster.runtime.LocalClusterMain;
import io.lakegate.common.LakegateException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalClusterLauncherTest {
    @Test
    void secretSettingsTravelThroughTheEnvironmentUnchanged() {
        Map<String, String> conf = new LinkedHashMap<>();
        conf.put("spark.sql.catalog.lakehouse.uri", "jdbc:postgresql://db/lake?user=u&password=p=w#1");
        conf.put("spark.sql.catalog.lakehouse.jdbc.password", "s3cr:et\\ \u00e9");
        conf.put("spark.hadoop.fs.s3a.access.key", "AKIA");
        conf.put("spark.hadoop.fs.s3a.secret.key", "shh");
        conf.put("spark.sql.catalog.lakehouse.warehouse", "/data/warehouse");
        conf.put("spark.sql.shuffle.partitions", "4");

        Map<String, String> secrets = LocalClusterLauncher.secretEntries(conf);

        assertThat(secrets).containsOnlyKeys("spark.sql.catalog.lakehouse.uri",
                "spark.sql.catalog.lakehouse.jdbc.password", "spark.hadoop.fs.s3a.access.key",
                "spark.hadoop.fs.s3a.secret.key");
        assertThat(LocalClusterMain.secretSettings(LocalClusterLauncher.propertiesText(secrets))).isEqualTo(secrets);
    }

    @Test
    void noSecretsMeansAnEmptyEnvironmentEntry() {
        assertThat(LocalClusterMain.secretSettings(LocalClusterLauncher.propertiesText(Map.of()))).isEmpty();
        assertThat(LocalClusterMain.secretSettings(null)).isEmpty();
    }

    @Test
    void aFailedStartTellsTheClientWhatFailedButNotWhereTheLogIsOrWhatItSays(@TempDir Path work) throws IOException {
        Path log = work.resolve("cluster-7.log");
        Files.writeString(log, "Exception in thread \"main\" java.nio.file.AccessDeniedException: /srv/lake/spark-tmp\n"
                + "\tat java.base/sun.nio.fs.UnixException.translateToIOException(UnixException.java:90)\n");

        LakegateException failure = LocalClusterLauncher.startFailure("cluster-7", log, "its JVM exited with code 1");

        assertThat(failure.sqlState()).isEqualTo("08001");
        assertThat(failure.getMessage())
                .contains("cluster-7", "failed to start", "exited with code 1", "server log", "tries again")
                .doesNotContain(work.toString(), "/srv/lake", "Exception", "UnixException");
    }
}
