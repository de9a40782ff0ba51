package io.lakegate.server.tls;

import io.lakegate.common.ConfigKey;
import java.util.List;

/** The keys of TLS on both transports ({@code lakegate.server.tls.*}). */
public final class TlsConfigKeys {
    /** Every key, in the order the documentation lists them. */
    public static final List<ConfigKey<?>> ALL = List.of();

    private TlsConfigKeys() {}
}
