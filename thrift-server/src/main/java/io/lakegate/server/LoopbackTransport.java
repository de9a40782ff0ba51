package io.lakegate.server;

import io.netty.buffer.ByteBuf;
import java.io.ByteArrayOutputStream;
import org.apache.thrift.TConfiguration;
import org.apache.thrift.TException;
import org.apache.thrift.TProcessor;
import org.apache.thrift.transport.TTransport;
import org.apache.thrift.transport.TTransportException;

/**
 * A client transport whose server is a processor in this JVM: each flushed call is answered by
 * {@link ThriftMessages#answer}, as the network transports answer theirs, so a client on it runs the server's own
 * decode, call and encode code.
 */
final class LoopbackTransport extends TTransport {
    private final TProcessor processor;
    private final ByteArrayOutputStream call = new ByteArrayOutputStream();
    private ByteBuf answer;

    LoopbackTransport(TProcessor processor) {
        this.processor = processor;
    }

    @Override
    public boolean isOpen() {
        return true;
    }

    @Override
    public void open() {}

    @Override
    public void close() {
        releaseAnswer();
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
        call.write(bytes, offset, length);
    }

    @Override
    public void flush() throws TTransportException {
        releaseAnswer();
        try {
            answer = ThriftMessages.answer(processor, call.toByteArray());
        } catch (TException e) {
            throw new TTransportException(e);
        } finally {
            call.reset();
        }
    }

    @Override
    public int read(byte[] bytes, int offset, int length) throws TTransportException {
        if (answer == null || !answer.isReadable()) {
            throw new TTransportException(TTransportException.END_OF_FILE, "No answer to read");
        }
        int count = Math.min(length, answer.readableBytes());
        answer.readBytes(bytes, offset, count);
        return count;
    }

    @Override
    public TConfiguration getConfiguration() {
        return TConfiguration.DEFAULT;
    }

    @Override
    public void updateKnownMessageSize(long size) {}

    @Override
    public void checkReadBytesAvailable(long numBytes) {}

    private void releaseAnswer() {
        if (answer != null) {
            answer.release();
            answer = null;
        }
    }
}
