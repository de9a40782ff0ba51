package io.lakegate.engine.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakegate.cluster.runtime.Approval;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ExecutionApprovalTest {
    @Test
    void theClusterReadsWhatTheGatewaySent() {
        ExecutionApproval sent = ExecutionApproval.restricted(Set.of("Lakehouse.DB.T", "lakehouse.db.v"),
                Set.of("lakehouse.db.sink"), Set.of("lakehouse.db.t"), Set.of("lakehouse.db.v"));
        // Spark Connect prefixes the operation tags it turns into job tags.
        Approval read = Approval.fromTag("SparkConnect_OperationTag_User_u_Session_s_Tag_" + sent.tag()).orElseThrow();
        assertThat(read.unrestricted()).isFalse();
        assertThat(read.nonce()).isEqualTo(sent.nonce()).hasSize(16);
        assertThat(read.nonceAlias()).isEqualTo(sent.nonceAlias()).startsWith("__lakegate_");
        assertThat(read.read()).containsExactlyInAnyOrder("lakehouse.db.t", "lakehouse.db.v");
        assertThat(read.written()).containsExactly("lakehouse.db.sink");
        assertThat(read.protectedTables()).containsExactly("lakehouse.db.t");
        assertThat(read.described()).containsExactly("lakehouse.db.v");
        assertThat(sent.tag()).doesNotContain(",");
    }

    @Test
    void unrestrictedTravelsToo() {
        assertThat(Approval.fromTag(ExecutionApproval.unrestrictedApproval().tag()).orElseThrow().unrestricted())
                .isTrue();
    }

    @Test
    void eachExecutionHasItsOwnNonce() {
        assertThat(ExecutionApproval.restricted(Set.of(), Set.of(), Set.of(), Set.of()).nonce())
                .isNotEqualTo(ExecutionApproval.restricted(Set.of(), Set.of(), Set.of(), Set.of()).nonce());
    }

    @Test
    void otherTagsHoldNoApprovalAndBrokenOnesFail() {
        assertThat(Approval.fromTag("some-tag")).isEmpty();
        assertThatThrownBy(() -> Approval.fromTag(Approval.TAG_PREFIX + "!!!"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theNonceStaysOutOfLogs() {
        ExecutionApproval approval = ExecutionApproval.restricted(Set.of("a.b.c"), Set.of(), Set.of(), Set.of());
        assertThat(approval.toString()).doesNotContain(approval.nonce());
    }
}
