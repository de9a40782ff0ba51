package io.lakegate.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class HttpAuthTokensTest {
    private final HttpAuthTokens tokens = new HttpAuthTokens(Duration.ofMinutes(5));

    @Test
    void aTokenStandsForItsUserAndNoOtherTokenDoes() {
        HttpAuthTokens.Issued alice = tokens.issue("alice");
        HttpAuthTokens.Issued bob = tokens.issue("bob");
        assertThat(alice.token()).isNotEqualTo(bob.token());
        assertThat(tokens.grant(alice.token())).map(HttpAuthTokens.Grant::user).contains("alice");
        assertThat(tokens.grant(bob.token())).map(HttpAuthTokens.Grant::user).contains("bob");
        assertThat(tokens.grant(alice.token() + "x")).isEmpty();
        assertThat(tokens.grant("")).isEmpty();
    }

    @Test
    void aTokenEndsWithTheLastSessionOpenedUnderIt() {
        HttpAuthTokens.Issued issued = tokens.issue("alice");
        issued.grant().sessionOpened();
        issued.grant().sessionOpened();
        issued.grant().sessionClosed();
        assertThat(tokens.grant(issued.token())).as("one session is still open").isPresent();
        issued.grant().sessionClosed();
        assertThat(tokens.grant(issued.token())).isEmpty();
    }

    @Test
    void anExpiredTokenIsRefusedAndDroppedWhenTheNextIsIssued() {
        HttpAuthTokens shortLived = new HttpAuthTokens(Duration.ofNanos(1));
        HttpAuthTokens.Issued first = shortLived.issue("alice");
        long issuedAt = System.nanoTime();
        while (System.nanoTime() - issuedAt < 1_000) {
            Thread.onSpinWait();
        }
        assertThat(shortLived.grant(first.token())).isEmpty();
        HttpAuthTokens.Issued second = shortLived.issue("bob");
        // Even a session ending later must not bring the dropped grant back or touch the new one.
        first.grant().sessionOpened();
        first.grant().sessionClosed();
        assertThat(shortLived.grant(first.token())).isEmpty();
        assertThat(second.grant().user()).isEqualTo("bob");
    }
}
