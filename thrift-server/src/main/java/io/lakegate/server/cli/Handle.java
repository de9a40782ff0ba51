package io.lakegate.server.cli;

import io.lakegate.common.LakegateException;
import java.nio.ByteBuffer;
import java.util.UUID;
import org.apache.hive.service.rpc.thrift.THandleIdentifier;

/** A session or operation handle: a random id, and a random secret so that handles cannot be guessed. */
record Handle(UUID guid, UUID secret) {
    private static final int UUID_BYTES = 16;

    static Handle random() {
        return new Handle(UUID.randomUUID(), UUID.randomUUID());
    }

    static Handle of(THandleIdentifier identifier, String what) {
        if (identifier == null || identifier.getGuid() == null || identifier.getSecret() == null
                || identifier.getGuid().length != UUID_BYTES || identifier.getSecret().length != UUID_BYTES) {
            throw new LakegateException(CliStates.INVALID_HANDLE, "Invalid " + what + " handle");
        }
        return new Handle(uuid(identifier.getGuid()), uuid(identifier.getSecret()));
    }

    THandleIdentifier toThrift() {
        return new THandleIdentifier(bytes(guid), bytes(secret));
    }

    private static UUID uuid(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        return new UUID(buffer.getLong(), buffer.getLong());
    }

    private static ByteBuffer bytes(UUID uuid) {
        return ByteBuffer.allocate(UUID_BYTES).putLong(uuid.getMostSignificantBits())
                .putLong(uuid.getLeastSignificantBits()).flip();
    }
}
