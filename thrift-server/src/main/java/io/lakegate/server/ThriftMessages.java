package io.lakegate.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.apache.thrift.TConfiguration;
import org.apache.thrift.TException;
import org.apache.thrift.TProcessor;
import org.apache.thrift.protocol.TBinaryProtocol;
import org.apache.thrift.transport.TMemoryBuffer;
import org.apache.thrift.transport.TMemoryInputTransport;

/** One Thrift call in the binary protocol, from request bytes to answer bytes, the same on every transport. */
final class ThriftMessages {
    /** Answers are built in memory; their size is bounded by the fetch limits, not by Thrift's reader setting. */
    private static final TConfiguration THRIFT = TConfiguration.custom().setMaxMessageSize(Integer.MAX_VALUE).build();
    private static final int INITIAL_ANSWER_BYTES = 1024;

    private ThriftMessages() {}

    static ByteBuf answer(TProcessor processor, byte[] request) throws TException {
        TMemoryBuffer out = new TMemoryBuffer(THRIFT, INITIAL_ANSWER_BYTES);
        processor.process(new TBinaryProtocol(new TMemoryInputTransport(THRIFT, request)), new TBinaryProtocol(out));
        return Unpooled.wrappedBuffer(out.getArray(), 0, out.length());
    }
}
