package io.lakegate.server;

import io.lakegate.server.cli.CliService;
import io.lakegate.server.cli.ClientConnection;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import java.util.concurrent.Executor;

/**
 * The binary transport's pipeline. It starts with a detector that tells SASL from NOSASL by the first byte and puts
 * the matching framing in its place; the call handler stays last and sees whole Thrift messages either way.
 */
final class BinaryChannelInitializer extends ChannelInitializer<SocketChannel> {
    static final String DETECTOR = "detector";
    static final String CALLS = "calls";

    private final int maxFrameBytes;
    private final CliService service;
    private final Executor workers;

    BinaryChannelInitializer(int maxFrameBytes, CliService service, Executor workers) {
        this.maxFrameBytes = maxFrameBytes;
        this.service = service;
        this.workers = workers;
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        ClientConnection connection = new ClientConnection(String.valueOf(channel.remoteAddress()));
        channel.pipeline()
                .addLast(DETECTOR, new TransportDetector(maxFrameBytes, connection))
                .addLast(CALLS, new ThriftCallHandler(service.processor(connection), connection, workers));
    }
}
