package io.lakegate.engine.frontend.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakegate.engine.frontend.Analysis;
import io.lakegate.engine.frontend.FrontEnd;
import io.lakegate.engine.frontend.SessionContext;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Without a cluster: the front end understands every TPC-H and TPC-DS query, reports none of them as a form to decide
 * (they are plain SQL), and each reference it finds spans a name of word characters and dots as written.
 */
class CorpusFrontEndTest {
    @Test
    void everyCorpusQueryIsUnderstoodWithPlainReferences() {
        FrontEnd frontEnd = new FrontEnd();
        for (CorpusQuery query : Corpus.all()) {
            Analysis analysis = frontEnd.analyze(query.sql(),
                    new SessionContext("lakehouse", query.database(), Set.of()));
            assertThat(analysis.isUnderstood()).as("%s: %s", query.name(), analysis.parseFailure()).isTrue();
            assertThat(analysis.tablesRead()).as(query.name()).isNotEmpty();
            assertThat(analysis.constructs()).as("%s: %s", query.name(), analysis.constructs().stream()
                    .map(construct -> query.sql().substring(Math.max(0, construct.start() - 80), construct.end()))
                    .toList()).isEmpty();
            assertThat(analysis.references()).as(query.name()).allSatisfy(reference -> assertThat(
                    query.sql().substring(reference.start(), reference.end())).matches("[A-Za-z0-9_.]+"));
        }
    }
}
