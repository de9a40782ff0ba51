package io.lakegate.server;

import io.netty.channel.Channel;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connections one transport holds, in all and per client address. A connection beyond either cap is closed as
 * soon as it is accepted, with a log line, so that one client cannot take every connection the server can hold.
 */
final class ConnectionLimits {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionLimits.class);

    private final String transport;
    private final int maxConnections;
    private final int maxPerAddress;
    private final AtomicInteger connections = new AtomicInteger();
    private final Map<Object, Integer> perAddress = new ConcurrentHashMap<>();

    ConnectionLimits(String transport, TransportLimits limits) {
        this.transport = transport;
        this.maxConnections = limits.maxConnections();
        this.maxPerAddress = limits.maxConnectionsPerAddress();
    }

    /** Counts the connection until it closes; false, and nothing counted, when a cap is reached. */
    boolean admit(Channel channel) {
        Object address = host(channel.remoteAddress());
        if (connections.incrementAndGet() > maxConnections) {
            connections.decrementAndGet();
            refuse(channel, maxConnections + " connections, as many as it accepts");
            return false;
        }
        boolean[] admitted = {false};
        perAddress.compute(address, (key, count) -> {
            int current = count == null ? 0 : count;
            admitted[0] = current < maxPerAddress;
            return admitted[0] ? current + 1 : count;
        });
        if (!admitted[0]) {
            connections.decrementAndGet();
            refuse(channel, maxPerAddress + " connections from that address, as many as it accepts from one");
            return false;
        }
        channel.closeFuture().addListener(closed -> release(address));
        return true;
    }

    private void release(Object address) {
        perAddress.computeIfPresent(address, (key, count) -> count == 1 ? null : count - 1);
        connections.decrementAndGet();
    }

    private void refuse(Channel channel, String reason) {
        ClientFaults.log(LOG, "Refused a connection from {}: the {} transport has {}", channel.remoteAddress(),
                transport, reason);
    }

    /** Connections from one host count together, whatever their ports. */
    private static Object host(SocketAddress address) {
        if (address instanceof InetSocketAddress inet) {
            return inet.getAddress() != null ? inet.getAddress() : inet.getHostString();
        }
        return String.valueOf(address);
    }
}
