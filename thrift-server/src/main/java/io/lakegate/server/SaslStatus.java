package io.lakegate.server;

import java.util.Optional;

/** The status byte that starts every SASL negotiation message of Thrift's TSaslTransport. */
enum SaslStatus {
    START(1),
    OK(2),
    BAD(3),
    ERROR(4),
    COMPLETE(5);

    private final int code;

    SaslStatus(int code) {
        this.code = code;
    }

    int code() {
        return code;
    }

    static Optional<SaslStatus> of(int code) {
        for (SaslStatus status : values()) {
            if (status.code == code) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }
}
