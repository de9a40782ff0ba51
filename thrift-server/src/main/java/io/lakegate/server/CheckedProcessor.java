package io.lakegate.server;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.DecoderException;
import java.util.Map;
import org.apache.hive.service.rpc.thrift.TCLIService;
import org.apache.thrift.ProcessFunction;
import org.apache.thrift.TApplicationException;
import org.apache.thrift.TBase;
import org.apache.thrift.TException;
import org.apache.thrift.TFieldIdEnum;
import org.apache.thrift.TProcessor;
import org.apache.thrift.protocol.TMessage;
import org.apache.thrift.protocol.TMessageType;
import org.apache.thrift.protocol.TProtocol;
import org.apache.thrift.protocol.TProtocolException;
import org.apache.thrift.transport.TTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks each TCLIService call before the service sees it: that it is one well-formed message within the nesting
 * limit, a call of a function the service has, and that it carries its request. A malformed call is answered with a
 * Thrift protocol error (TApplicationException) and one short log line, so that the service only ever sees requests
 * it can act on, and a client's mistake never looks like a failure inside the server. A message whose header cannot
 * be read has no one to answer: that fails with a {@link TProtocolException}, and the transport closes.
 */
final class CheckedProcessor implements TProcessor {
    private static final Logger LOG = LoggerFactory.getLogger(CheckedProcessor.class);
    /** Every TCLIService function takes one argument, its request, with field id 1. */
    private static final short REQUEST_FIELD = 1;
    @SuppressWarnings("rawtypes")
    private static final Map<String, ProcessFunction<TCLIService.Iface, ? extends TBase>> FUNCTIONS =
            new TCLIService.Processor<TCLIService.Iface>(null).getProcessMapView();

    private final TProcessor service;
    private final String remoteAddress;
    private final int maxRequestBytes;

    CheckedProcessor(TProcessor service, String remoteAddress, int maxRequestBytes) {
        this.service = service;
        this.remoteAddress = remoteAddress;
        this.maxRequestBytes = maxRequestBytes;
    }

    /** Reads the call from an in-memory transport, which holds it whole. */
    @Override
    public void process(TProtocol in, TProtocol out) throws TException {
        TTransport transport = in.getTransport();
        byte[] bytes = transport.getBuffer();
        if (bytes == null) {
            throw new IllegalStateException("a checked call must be read from memory");
        }
        int offset = transport.getBufferPosition();
        int length = transport.getBytesRemainingInBuffer();
        ThriftMessageScanner scanner = new ThriftMessageScanner(maxRequestBytes);
        int end;
        try {
            end = scanner.scan(Unpooled.wrappedBuffer(bytes, offset, length));
        } catch (DecoderException e) {
            refuse(out, header(scanner, e.getMessage()), TApplicationException.PROTOCOL_ERROR, e.getMessage());
            return;
        }
        if (end < 0) {
            refuse(out, header(scanner, "truncated Thrift message header"),
                    TApplicationException.PROTOCOL_ERROR, "truncated Thrift message");
            return;
        }
        TMessage call = ThriftMessages.reader(bytes, offset, length).readMessageBegin();
        if (end < length) {
            refuse(out, call, TApplicationException.PROTOCOL_ERROR, (length - end)
                    + " bytes after the end of the Thrift message");
        } else if (call.type != TMessageType.CALL) {
            refuse(out, call, TApplicationException.INVALID_MESSAGE_TYPE, "message type " + call.type
                    + " is not a call");
        } else if (!FUNCTIONS.containsKey(call.name)) {
            refuse(out, call, TApplicationException.UNKNOWN_METHOD, "unknown function");
        } else {
            String malformed = argumentsProblem(bytes, offset, length, call.name);
            if (malformed != null) {
                refuse(out, call, TApplicationException.PROTOCOL_ERROR, malformed);
            } else {
                service.process(ThriftMessages.reader(bytes, offset, length), out);
            }
        }
    }

    /** The header of a malformed message, which the scanner read unless the problem lies in the header itself. */
    private static TMessage header(ThriftMessageScanner scanner, String problem) throws TProtocolException {
        return scanner.header().orElseThrow(() -> new TProtocolException(TProtocolException.INVALID_DATA, problem));
    }

    @SuppressWarnings("rawtypes")
    private static String argumentsProblem(byte[] bytes, int offset, int length, String function) {
        TBase arguments = FUNCTIONS.get(function).getEmptyArgsInstance();
        try {
            TProtocol in = ThriftMessages.reader(bytes, offset, length);
            in.readMessageBegin();
            arguments.read(in);
        } catch (TException | RuntimeException e) {
            return "malformed arguments: " + e.getMessage();
        }
        return hasRequest(arguments) ? null : "the call carries no request";
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static boolean hasRequest(TBase arguments) {
        TFieldIdEnum field = arguments.fieldForId(REQUEST_FIELD);
        return field != null && arguments.isSet(field);
    }

    private void refuse(TProtocol out, TMessage call, int type, String reason) throws TException {
        ClientFaults.log(LOG, "Refused a call from {} to {}: {}", remoteAddress, ClientFaults.quote(call.name),
                ClientFaults.quote(reason));
        ThriftMessages.writeError(out, call, type, reason);
    }
}
