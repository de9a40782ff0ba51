package io.lakegate.engine.frontend;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DropNamespaceTest {
    @Test
    void readsTheNameAndWhetherItCascades() {
        assertThat(DropNamespace.parse("/* {\"app\": \"dbt\"} */\ndrop schema if exists analytics cascade;"))
                .contains(new DropNamespace(List.of("analytics"), true));
        assertThat(DropNamespace.parse("DROP DATABASE lakehouse.`sales data` RESTRICT"))
                .contains(new DropNamespace(List.of("lakehouse", "sales data"), false));
        assertThat(DropNamespace.parse("DROP NAMESPACE a.b")).contains(new DropNamespace(List.of("a", "b"), false));
    }

    @Test
    void anythingElseIsNoNamespaceDrop() {
        assertThat(List.of("DROP TABLE t", "DROP SCHEMA", "DROP SCHEMA s CASCADE extra", "DROP SCHEMA s /*+ x */",
                "SELECT 1", "DROP DATABASE IF EXISTS")).allMatch(sql -> DropNamespace.parse(sql).equals(
                        Optional.empty()));
    }
}
