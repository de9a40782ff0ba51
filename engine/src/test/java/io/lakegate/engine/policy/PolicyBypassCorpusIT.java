package io.lakegate.engine.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakegate.engine.frontend.corpus.ResultTable;
import io.lakegate.engine.policy.BypassCase.Kind;
import io.lakegate.engine.policy.BypassRunner.Answer;
import io.lakegate.engine.policy.BypassRunner.CorpusMistake;
import io.lakegate.engine.policy.PolicedEngine.Policed;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The policy bypass corpus ({@code policy/bypass/*.sql}, read by {@link BypassCorpus}): statements that try to reach
 * protected rows, raw values or denied columns, each run as its restricted user against what it must get, and each
 * shown to matter: run by {@code admin}, whom nothing restricts, it gets something else (a control is exempt). No
 * answer and no error message of a restricted user may hold a raw value ({@link BypassFixture#MARKERS}). The corpus
 * runs twice: with the gateway's checks and rewrite, and with them off, where the cluster's own check must refuse what
 * would leak.
 * Set {@code -Dlakegate.bypass.cases=<regex>} to run only the cases whose names match.
 */
@ExtendWith(PolicedEngine.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PolicyBypassCorpusIT {
    private static final Logger LOG = LoggerFactory.getLogger(PolicyBypassCorpusIT.class);
    private static final String ADMIN = "admin";
    private static final String LEAK = "LEAK of raw value ";
    private static final String MISTAKE = "corpus mistake: ";

    private enum Mode {
        GATEWAY("gateway and cluster"),
        CLUSTER_ONLY("cluster alone, gateway rewrite off");

        private final String description;

        Mode(String description) {
            this.description = description;
        }
    }

    private Policed policed;
    private BypassFixture fixture;
    private BypassRunner runner;
    private List<BypassCase> cases;
    /** Why a case cannot show a difference from an unenforced gateway, by case name; absent when it can. */
    private final Map<String, Optional<String>> proofs = new LinkedHashMap<>();
    private final Map<String, Answer> references = new HashMap<>();

    @BeforeAll
    void buildFixtureAndProveEachCase(Policed policed) {
        this.policed = policed;
        fixture = new BypassFixture(policed);
        fixture.writePolicies();
        fixture.build();
        runner = new BypassRunner(policed.engine(), fixture);
        Pattern selected = Pattern.compile(System.getProperty("lakegate.bypass.cases", ".*"));
        cases = BypassCorpus.all().stream().filter(c -> selected.matcher(c.name()).find())
                .sorted(Comparator.comparing(BypassCase::destructive)).toList();
        for (BypassCase bypassCase : cases) {
            proofs.put(bypassCase.name(), prove(bypassCase));
            if (bypassCase.destructive() && !bypassCase.control()) {
                rebuild();
            }
        }
    }

    @Test
    @Order(1)
    void theGatewayLetsNothingThrough() {
        runCorpus(Mode.GATEWAY);
    }

    @Test
    @Order(2)
    void theClusterAloneLetsNothingThrough() {
        AccessControl access = policed.engine().access();
        // Statements reach the cluster as the user wrote them; only the cluster's own check stands.
        access.gatewayAnalysis(false);
        try {
            runCorpus(Mode.CLUSTER_ONLY);
        } finally {
            access.gatewayAnalysis(true);
        }
    }

    private void runCorpus(Mode mode) {
        List<String> failures = new ArrayList<>();
        for (BypassCase bypassCase : cases) {
            String label = bypassCase.name() + " [" + bypassCase.source() + ", " + bypassCase.user() + "]: ";
            Optional<String> proof = proofs.get(bypassCase.name()).map(reason -> "not shown to matter: " + reason);
            proof.or(() -> judge(bypassCase, mode)).ifPresent(reason -> failures.add(label + reason));
        }
        int passed = cases.size() - failures.size();
        StringBuilder report = new StringBuilder("Policy bypass corpus, " + mode.description + ":\n");
        failures.forEach(failure -> report.append("FAILED ").append(failure).append('\n'));
        String summary = passed + " passed, " + failures.size() + " failed";
        System.out.println(report);
        System.out.println(summary);
        LOG.info("{}{}", report, summary);
        assertThat(failures).as("%s (%s)\n%s", summary, mode.description, report).isEmpty();
    }

    /** Why the user's run of the case fails its expectation, if it does. */
    private Optional<String> judge(BypassCase bypassCase, Mode mode) {
        Answer answer;
        try {
            answer = runner.run(bypassCase, bypassCase.user());
        } catch (CorpusMistake e) {
            return Optional.of(MISTAKE + e.getMessage());
        }
        if (bypassCase.destructive() && answer.succeeded() > 0) {
            // A destructive statement that was not refused has changed the fixture the next cases need.
            rebuild();
        }
        Optional<String> leak = BypassFixture.leak(answer.seen(), fixture.expand(bypassCase.ownText()));
        if (leak.isPresent()) {
            return Optional.of(LEAK + leak.get() + ": " + BypassRunner.abbreviate(answer.seen()));
        }
        Kind kind = bypassCase.expectation().kind();
        if (answer.refused()) {
            return kind.mayBeRefused || mode == Mode.CLUSTER_ONLY ? Optional.empty()
                    : Optional.of("expected " + bypassCase.expectation() + " but was " + answer.describe());
        }
        ResultTable table = answer.table().orElseThrow();
        return switch (kind) {
            case REFUSED -> Optional.of("answered instead of being refused: " + BypassRunner.preview(table));
            case SAME_AS, REFUSED_OR_SAME_AS -> {
                Answer reference = reference(bypassCase);
                if (reference.refused()) {
                    yield Optional.of("corpus mistake: the reference fails for admin: " + reference.describe());
                }
                yield table.difference(reference.table().orElseThrow(), false)
                        .map(difference -> "answer differs from the reference: " + difference + "; answer "
                                + BypassRunner.preview(table));
            }
            case ROWS, REFUSED_OR_ROWS -> differsFromRows(table, bypassCase.expectation().rows())
                    .map(difference -> "answer differs from the expected rows: " + difference);
            case REFUSED_OR_SHOWS -> answer.seen().contains(bypassCase.expectation().text().orElseThrow())
                    ? Optional.empty()
                    : Optional.of("answer does not show " + bypassCase.expectation().text().get() + ": "
                            + BypassRunner.preview(table));
            case REFUSED_OR_HIDES -> answer.seen().contains(bypassCase.expectation().text().orElseThrow())
                    ? Optional.of("answer shows " + bypassCase.expectation().text().get() + ": "
                            + BypassRunner.preview(table))
                    : Optional.empty();
            case NO_RAW -> Optional.empty();
        };
    }

    /**
     * Why the case would not fail on a gateway that enforced nothing, if it would not: the administrator's run gets
     * what the case expects of a restricted user. Empty for controls.
     */
    private Optional<String> prove(BypassCase bypassCase) {
        if (bypassCase.control()) {
            return Optional.empty();
        }
        Answer admin;
        try {
            admin = runner.run(bypassCase, ADMIN);
        } catch (CorpusMistake e) {
            return Optional.of("corpus mistake: " + e.getMessage());
        }
        boolean rawInAnswer = BypassFixture.leak(admin.seen(), fixture.expand(bypassCase.ownText())).isPresent();
        Kind kind = bypassCase.expectation().kind();
        if (kind == Kind.NO_RAW) {
            return rawInAnswer ? Optional.empty()
                    : Optional.of("admin's answer holds no raw value either: " + admin.describe());
        }
        if (admin.refused()) {
            if (rawInAnswer || (bypassCase.adminFails() && !kind.mayBeRefused)) {
                return Optional.empty();
            }
            return Optional.of(bypassCase.adminFails() ? "admin-fails is for cases the user must answer"
                    : "admin is refused too, so the case shows nothing: " + admin.describe());
        }
        if (bypassCase.adminFails()) {
            return Optional.of("admin's run was to fail on raw values but answered: " + admin.describe());
        }
        ResultTable table = admin.table().orElseThrow();
        return switch (kind) {
            case REFUSED -> !table.columns().isEmpty() && table.rows().isEmpty()
                    ? Optional.of("admin's answer is empty, so a refusal shows nothing")
                    : Optional.empty();
            case SAME_AS, REFUSED_OR_SAME_AS -> {
                Answer reference = reference(bypassCase);
                if (reference.refused()) {
                    yield Optional.of("corpus mistake: the reference fails for admin: " + reference.describe());
                }
                yield table.difference(reference.table().orElseThrow(), false).isPresent() ? Optional.empty()
                        : Optional.of("admin's answer equals the reference: " + BypassRunner.preview(table));
            }
            case ROWS, REFUSED_OR_ROWS -> differsFromRows(table, bypassCase.expectation().rows()).isPresent()
                    ? Optional.empty()
                    : Optional.of("admin's answer equals the expected rows");
            case REFUSED_OR_SHOWS -> admin.seen().contains(bypassCase.expectation().text().orElseThrow())
                    ? Optional.of("admin's answer shows " + bypassCase.expectation().text().get() + " too")
                    : Optional.empty();
            case REFUSED_OR_HIDES -> admin.seen().contains(bypassCase.expectation().text().orElseThrow())
                    ? Optional.empty()
                    : Optional.of("admin's answer does not show " + bypassCase.expectation().text().get() + " either");
            case NO_RAW -> throw new IllegalStateException("handled above");
        };
    }

    /** Builds the fixture again; references that show file names or positions are read anew. */
    private void rebuild() {
        fixture.build();
        references.clear();
    }

    private Answer reference(BypassCase bypassCase) {
        String query = fixture.expand(bypassCase.expectation().query().orElseThrow());
        return references.computeIfAbsent(query, runner::reference);
    }

    private static Optional<String> differsFromRows(ResultTable table, List<List<String>> expected) {
        Comparator<List<String>> byText = Comparator.comparing(row -> String.join("\u0001", row));
        List<List<String>> actual = table.rows().stream().sorted(byText).toList();
        List<List<String>> wanted = expected.stream().sorted(byText).toList();
        return actual.equals(wanted) ? Optional.empty()
                : Optional.of(actual + " instead of " + wanted);
    }
}
