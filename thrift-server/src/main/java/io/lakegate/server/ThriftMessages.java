package io.lakegate.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.apache.thrift.TApplicationException;
import org.apache.thrift.TConfiguration;
import org.apache.thrift.TException;
import org.apache.thrift.TProcessor;
import org.apache.thrift.protocol.TBinaryProtocol;
import org.apache.thrift.protocol.TMessage;
import org.apache.thrift.protocol.TMessageType;
import org.apache.thrift.protocol.TProtocol;
import org.apache.thrift.transport.TMemoryBuffer;
import org.apache.thrift.transport.TMemoryInputTransport;

/** One Thrift call in the binary protocol, from request bytes to answer bytes, the same on every transport. */
final class ThriftMessages {
    /**
     * Answers are built in memory; their size is bounded by the fetch limits, not by Thrift's reader setting.
     * Requests are bounded before they get here, by the transport's request limit.
     */
    private static final TConfiguration THRIFT = TConfiguration.custom().setMaxMessageSize(Integer.MAX_VALUE).build();
    private static final int INITIAL_ANSWER_BYTES = 1024;

    private ThriftMessages() {}

    static ByteBuf answer(TProcessor processor, byte[] request) throws TException {
        TMemoryBuffer out = new TMemoryBuffer(THRIFT, INITIAL_ANSWER_BYTES);
        processor.process(reader(request, 0, request.length), new TBinaryProtocol(out));
        return Unpooled.wrappedBuffer(out.getArray(), 0, out.length());
    }

    /** A protocol that reads the given bytes. */
    static TProtocol reader(byte[] bytes, int offset, int length) throws TException {
        return new TBinaryProtocol(new TMemoryInputTransport(THRIFT, bytes, offset, length));
    }

    /** The answer that tells a client its call was malformed. */
    static ByteBuf protocolError(TMessage call, String reason) {
        try {
            TMemoryBuffer out = new TMemoryBuffer(THRIFT, INITIAL_ANSWER_BYTES);
            writeError(new TBinaryProtocol(out), call, TApplicationException.PROTOCOL_ERROR, reason);
            return Unpooled.wrappedBuffer(out.getArray(), 0, out.length());
        } catch (TException e) {
            throw new IllegalStateException("cannot write to memory", e);
        }
    }

    /** Answers a call with an error instead of its result, as Thrift's own processors do. */
    static void writeError(TProtocol out, TMessage call, int type, String reason) throws TException {
        out.writeMessageBegin(new TMessage(call.name, TMessageType.EXCEPTION, call.seqid));
        new TApplicationException(type, reason).write(out);
        out.writeMessageEnd();
        out.getTransport().flush();
    }
}
