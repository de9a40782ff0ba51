package io.lakegate.server.tls;

import static io.lakegate.server.tls.TlsFiles.invalid;

import io.lakegate.common.Settings;
import io.lakegate.server.tls.TlsFiles.KeyAndChain;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server side of TLS, shared by both transports: the context built from the configured files, and a handler per
 * new connection. A new connection first checks, at most once per reload-interval, whether the files changed; if so
 * they are read again, and connections from then on get the new certificate while open ones keep theirs. Files that
 * cannot be used (half written, a key that does not fit the certificate) leave the previous context in place, with a
 * warning, until they change again. The check runs on the network thread of the connection that makes it: a few file
 * stamps, and rarely a reload of small files, cost less than a thread of its own would.
 */
public final class ServerTls {
    private static final Logger LOG = LoggerFactory.getLogger(ServerTls.class);

    private final TlsSettings settings;
    private final LongSupplier nanoClock;
    private final AtomicLong nextCheck;
    private volatile Loaded loaded;
    /** The files as the last check saw them, used or not, so that a broken file is warned about once. */
    private volatile List<FileStamp> seen;

    private record Loaded(SslContext context, X509Certificate certificate) {}

    /** A file's modification time and size; a file that cannot be read has neither. */
    private record FileStamp(Optional<FileTime> modified, long size) {}

    ServerTls(TlsSettings settings, LongSupplier nanoClock) {
        this.settings = settings;
        this.nanoClock = nanoClock;
        this.seen = stamps(settings.files());
        this.loaded = load(settings);
        this.nextCheck = new AtomicLong(nanoClock.getAsLong() + settings.reloadInterval().toNanos());
        LOG.info("TLS on with the certificate {} (valid until {}), protocols {}, client certificates {}",
                subject(loaded.certificate()), loaded.certificate().getNotAfter().toInstant(), settings.protocols(),
                settings.clientAuth());
    }

    /**
     * TLS as the settings configure it, its files read and checked; empty when TLS is off.
     *
     * @throws io.lakegate.common.LakegateException naming the key at fault when a file is missing or unusable, or
     *     the settings do not fit together; the server must not start then
     */
    public static Optional<ServerTls> fromSettings(Settings settings) {
        return TlsSettings.from(settings).map(tls -> new ServerTls(tls, System::nanoTime));
    }

    /**
     * The first handler of a new connection's pipeline.
     *
     * @param handshakeTimeout how long the client has for the handshake; zero when a deadline of the caller's own
     *     covers it
     */
    public SslHandler newHandler(ByteBufAllocator allocator, Duration handshakeTimeout) {
        reloadIfDue();
        SslHandler handler = loaded.context().newHandler(allocator);
        handler.setHandshakeTimeout(handshakeTimeout.toNanos(), TimeUnit.NANOSECONDS);
        return handler;
    }

    private void reloadIfDue() {
        long interval = settings.reloadInterval().toNanos();
        long due = nextCheck.get();
        long now = nanoClock.getAsLong();
        // One connection checks; those that arrive meanwhile use the context in place rather than wait.
        if (interval == 0 || now - due < 0 || !nextCheck.compareAndSet(due, now + interval)) {
            return;
        }
        List<FileStamp> stamps = stamps(settings.files());
        if (stamps.equals(seen)) {
            return;
        }
        seen = stamps;
        try {
            loaded = load(settings);
            LOG.info("TLS files changed: new connections get the certificate {} (valid until {})",
                    subject(loaded.certificate()), loaded.certificate().getNotAfter().toInstant());
        } catch (RuntimeException e) {
            LOG.warn("TLS files changed but cannot be used, so new connections keep the certificate {}: {}",
                    subject(loaded.certificate()), e.getMessage());
        }
    }

    private static Loaded load(TlsSettings settings) {
        KeyAndChain pair = settings.readKeyAndChain();
        SslContextBuilder builder = SslContextBuilder.forServer(pair.key(), pair.chain())
                .sslProvider(SslProvider.JDK)
                .protocols(settings.protocols())
                .clientAuth(settings.clientAuth());
        settings.readTrustCertificates().ifPresent(builder::trustManager);
        try {
            return new Loaded(builder.build(), pair.certificate());
        } catch (SSLException | IllegalArgumentException e) {
            throw invalid("Cannot set up TLS with " + subject(pair.certificate()) + ": " + e.getMessage(), e);
        }
    }

    private static List<FileStamp> stamps(List<Path> files) {
        List<FileStamp> stamps = new ArrayList<>();
        for (Path file : files) {
            try {
                BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
                stamps.add(new FileStamp(Optional.of(attributes.lastModifiedTime()), attributes.size()));
            } catch (IOException e) {
                stamps.add(new FileStamp(Optional.empty(), -1));
            }
        }
        return stamps;
    }

    private static String subject(X509Certificate certificate) {
        return certificate.getSubjectX500Principal().getName();
    }
}
