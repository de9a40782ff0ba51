package io.lakegate.server;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.apache.hive.service.rpc.thrift.TCLIService;
import org.apache.hive.service.rpc.thrift.TOperationHandle;
import org.apache.hive.service.rpc.thrift.TSessionHandle;
import org.apache.thrift.ProcessFunction;
import org.apache.thrift.TBase;
import org.apache.thrift.TException;
import org.apache.thrift.TFieldIdEnum;
import org.apache.thrift.TFieldRequirementType;
import org.apache.thrift.TUnion;
import org.apache.thrift.meta_data.EnumMetaData;
import org.apache.thrift.meta_data.FieldMetaData;
import org.apache.thrift.meta_data.FieldValueMetaData;
import org.apache.thrift.meta_data.ListMetaData;
import org.apache.thrift.meta_data.MapMetaData;
import org.apache.thrift.meta_data.SetMetaData;
import org.apache.thrift.meta_data.StructMetaData;
import org.apache.thrift.protocol.TBinaryProtocol;
import org.apache.thrift.protocol.TMessage;
import org.apache.thrift.protocol.TMessageType;
import org.apache.thrift.protocol.TType;
import org.apache.thrift.transport.TMemoryBuffer;

/**
 * Calls of every TCLIService function, as a client serializes them, made from the generated classes' metadata: the
 * processor's function table names the functions, each function's argument struct names its request, and the
 * request's field metadata says what to fill in. A function added to the service is fuzzed without a change here.
 * Fields get values a client might send or a hostile one would: empty, huge, odd characters, extreme numbers, and
 * handles of a real session and operation as well as unknown ones, so that calls reach the service's handlers.
 */
final class CallTemplates {
    private static final int[] INTS = {0, 1, -1, 7, 1000, Integer.MAX_VALUE, Integer.MIN_VALUE};
    private static final long[] LONGS = {0, 1, -1, Long.MAX_VALUE, Long.MIN_VALUE, 10_000_000_000L};
    private static final String[] STRINGS = {"", "default", "%", "_", "fuzz", "SELECT 1", "a\u0000b", "\ud800",
        "x".repeat(1000), "'; DROP TABLE t; --", "../../etc/passwd", "${env:HOME}", "set:hiveconf:x", "use:database",
        "\u00e9\u4e2d\ud83d\ude00"};
    /** Beyond this many nested structs only required fields are filled, so that no request grows without end. */
    private static final int MAX_DEPTH = 6;
    @SuppressWarnings("rawtypes")
    private static final Map<String, ProcessFunction<TCLIService.Iface, ? extends TBase>> FUNCTIONS = new TreeMap<>(
            new TCLIService.Processor<TCLIService.Iface>(null).getProcessMapView());

    private final Random random;
    private final TSessionHandle session;
    private final TOperationHandle operation;

    private CallTemplates(Random random, TSessionHandle session, TOperationHandle operation) {
        this.random = random;
        this.session = session;
        this.operation = operation;
    }

    /** The names of the functions the service has, in a fixed order. */
    static List<String> functions() {
        return List.copyOf(FUNCTIONS.keySet());
    }

    /** {@code perFunction} calls of each function, each with its own values. */
    static List<byte[]> generate(Random random, TSessionHandle session, TOperationHandle operation, int perFunction) {
        CallTemplates templates = new CallTemplates(random, session, operation);
        List<byte[]> calls = new ArrayList<>();
        FUNCTIONS.forEach((name, function) -> {
            for (int i = 0; i < perFunction; i++) {
                calls.add(templates.call(name, function.getEmptyArgsInstance()));
            }
        });
        return calls;
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private byte[] call(String name, TBase arguments) {
        // Every TCLIService function takes one argument, its request, with field id 1.
        TFieldIdEnum requestField = arguments.fieldForId(1);
        StructMetaData request = (StructMetaData) FieldMetaData.getStructMetaDataMap(arguments.getClass())
                .get(requestField).valueMetaData;
        arguments.setFieldValue(requestField, struct(request.structClass, 0));
        try {
            TMemoryBuffer buffer = new TMemoryBuffer(256);
            TBinaryProtocol out = new TBinaryProtocol(buffer);
            out.writeMessageBegin(new TMessage(name, TMessageType.CALL, random.nextInt(1000)));
            arguments.write(out);
            out.writeMessageEnd();
            return Arrays.copyOf(buffer.getArray(), buffer.length());
        } catch (TException e) {
            throw new IllegalStateException("cannot serialize a call of " + name, e);
        }
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private Object struct(Class<? extends TBase> type, int depth) {
        // Half the calls name the real session or operation and go as deep as the service goes, into the catalog;
        // the others stop at its handle check, which is cheaper, so that the fuzzer gets through more inputs.
        if (type == TSessionHandle.class && random.nextBoolean()) {
            return session.deepCopy();
        }
        if (type == TOperationHandle.class && random.nextBoolean()) {
            return operation.deepCopy();
        }
        TBase value;
        try {
            value = type.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot make a " + type.getName(), e);
        }
        List<Map.Entry<? extends TFieldIdEnum, FieldMetaData>> fields =
                new ArrayList<>(FieldMetaData.getStructMetaDataMap(type).entrySet());
        if (value instanceof TUnion) {
            // A union holds exactly one of its fields.
            fields = List.of(fields.get(random.nextInt(fields.size())));
        }
        for (Map.Entry<? extends TFieldIdEnum, FieldMetaData> field : fields) {
            boolean required = field.getValue().requirementType == TFieldRequirementType.REQUIRED
                    || value instanceof TUnion;
            if (required || (depth < MAX_DEPTH && random.nextInt(3) > 0)) {
                value.setFieldValue(field.getKey(), value(field.getValue().valueMetaData, depth + 1));
            }
        }
        return value;
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private Object value(FieldValueMetaData meta, int depth) {
        if (meta instanceof StructMetaData struct) {
            return struct(struct.structClass, depth);
        }
        if (meta instanceof EnumMetaData enumeration) {
            Object[] constants = enumeration.enumClass.getEnumConstants();
            return constants[random.nextInt(constants.length)];
        }
        if (meta instanceof ListMetaData list) {
            List<Object> values = new ArrayList<>();
            for (int i = elements(depth); i > 0; i--) {
                values.add(value(list.elemMetaData, depth + 1));
            }
            return values;
        }
        if (meta instanceof SetMetaData set) {
            Set<Object> values = new HashSet<>();
            for (int i = elements(depth); i > 0; i--) {
                values.add(value(set.elemMetaData, depth + 1));
            }
            return values;
        }
        if (meta instanceof MapMetaData map) {
            Map<Object, Object> values = new HashMap<>();
            for (int i = elements(depth); i > 0; i--) {
                values.put(value(map.keyMetaData, depth + 1), value(map.valueMetaData, depth + 1));
            }
            return values;
        }
        return switch (meta.type) {
            case TType.BOOL -> random.nextBoolean();
            case TType.BYTE -> (byte) INTS[random.nextInt(INTS.length)];
            case TType.I16 -> (short) INTS[random.nextInt(INTS.length)];
            case TType.I32 -> INTS[random.nextInt(INTS.length)];
            case TType.I64 -> LONGS[random.nextInt(LONGS.length)];
            case TType.DOUBLE -> random.nextBoolean() ? Double.NaN : random.nextGaussian();
            case TType.STRING -> meta.isBinary() ? ByteBuffer.wrap(binary()) : string();
            default -> throw new IllegalStateException("no value for Thrift type " + meta.type);
        };
    }

    private int elements(int depth) {
        return depth < MAX_DEPTH ? random.nextInt(4) : 0;
    }

    private String string() {
        return STRINGS[random.nextInt(STRINGS.length)];
    }

    private byte[] binary() {
        byte[] bytes = random.nextInt(4) == 0 ? string().getBytes(StandardCharsets.UTF_8)
                : new byte[random.nextInt(64)];
        if (bytes.length > 0 && random.nextBoolean()) {
            random.nextBytes(bytes);
        }
        return bytes;
    }
}
