package io.lakegate.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakegate.server.auth.Identity;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class HttpAuthTokensTest {
    private static final byte[] SECRET = "a secret of at least thirty-two characters".getBytes(StandardCharsets.UTF_8);
    private static final Identity ALICE = new Identity("alice", Set.of("analysts", "finance"));

    private final MutableClock clock = new MutableClock();
    private final HttpAuthTokens tokens = new HttpAuthTokens(Duration.ofMinutes(5), SECRET, clock);

    @Test
    void aTokenStandsForItsIdentityAndNoOtherTokenDoes() {
        HttpAuthTokens.Issued alice = tokens.issue(ALICE).orElseThrow();
        HttpAuthTokens.Issued bob = tokens.issue(Identity.of("bob")).orElseThrow();
        assertThat(alice.token()).isNotEqualTo(bob.token());
        assertThat(tokens.grant(alice.token())).map(HttpAuthTokens.Grant::identity).contains(ALICE);
        assertThat(tokens.grant(bob.token())).map(HttpAuthTokens.Grant::identity).contains(Identity.of("bob"));
        assertThat(tokens.grant(alice.token() + "x")).isEmpty();
        assertThat(tokens.grant("")).isEmpty();
        assertThat(tokens.grant(".")).isEmpty();
        assertThat(tokens.grant("not base64!.x")).isEmpty();
    }

    @Test
    void anotherGatewayWithTheSameSecretAcceptsTheTokenAndOneWithAnotherSecretDoesNot() {
        String token = tokens.issue(ALICE).orElseThrow().token();
        HttpAuthTokens sameSecret = new HttpAuthTokens(Duration.ofMinutes(5), SECRET, clock);
        assertThat(sameSecret.grant(token)).map(HttpAuthTokens.Grant::identity).contains(ALICE);
        HttpAuthTokens changedSecret = new HttpAuthTokens(Duration.ofMinutes(5),
                "another secret of at least thirty-two chars".getBytes(StandardCharsets.UTF_8), clock);
        assertThat(changedSecret.grant(token)).isEmpty();
    }

    @Test
    void aForgedPayloadIsRefused() {
        String token = tokens.issue(Identity.of("bob")).orElseThrow().token();
        String signature = token.substring(token.indexOf('.'));
        String forged = tokens.issue(new Identity("bob", Set.of("admins"))).orElseThrow().token();
        // bob's signature on a payload naming other groups
        String spliced = forged.substring(0, forged.indexOf('.')) + signature;
        HttpAuthTokens fresh = new HttpAuthTokens(Duration.ofMinutes(5), SECRET, clock);
        assertThat(fresh.grant(spliced)).isEmpty();
        String unsigned = Base64.getUrlEncoder().withoutPadding().encodeToString("alice".getBytes()) + ".";
        assertThat(fresh.grant(unsigned)).isEmpty();
    }

    @Test
    void aTokenEndsWithTheLastSessionOpenedUnderIt() {
        HttpAuthTokens.Issued issued = tokens.issue(ALICE).orElseThrow();
        issued.grant().sessionOpened();
        issued.grant().sessionOpened();
        issued.grant().sessionClosed();
        assertThat(tokens.grant(issued.token())).as("one session is still open").isPresent();
        issued.grant().sessionClosed();
        assertThat(tokens.grant(issued.token())).isEmpty();
    }

    @Test
    void anExpiredTokenIsRefusedHereAndElsewhere() {
        HttpAuthTokens.Issued issued = tokens.issue(ALICE).orElseThrow();
        clock.advance(Duration.ofMinutes(5));
        assertThat(tokens.grant(issued.token())).isEmpty();
        assertThat(new HttpAuthTokens(Duration.ofMinutes(5), SECRET, clock).grant(issued.token())).isEmpty();
    }

    @Test
    void anIdentityTooLargeForACookieGetsNone() {
        Set<String> groups = IntStream.range(0, 500).mapToObj(i -> "group-with-a-long-name-" + i)
                .collect(Collectors.toSet());
        assertThat(tokens.issue(new Identity("alice", groups))).isEmpty();
    }

    private static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-12-02T00:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
