package io.lakegate.server.cli;

import io.lakegate.common.LakegateException;
import io.lakegate.common.SqlStates;
import java.nio.ByteBuffer;
import java.util.UUID;
import org.apache.hive.service.rpc.thrift.THandleIdentifier;

/**
 * A session or operation handle: an id, and a random secret so that handles cannot be guessed from ids (which appear
 * in logs).
 */
record Handle(UUID guid, UUID secret) {
    private static final int UUID_BYTES = 16;

    static Handle random() {
        return forId(UUID.randomUUID());
    }

    /** The handle of something that has an id of its own already (an engine operation or session). */
    static Handle forId(UUID id) {
        return new Handle(id, UUID.randomUUID());
    }

    static Handle of(THandleIdentifier identifier, String what) {
        if (identifier == null || identifier.getGuid() == null || identifier.getSecret() == null
                || identifier.getGuid().length != UUID_BYTES || identifier.getSecret().length != UUID_BYTES) {
            throw new LakegateException(SqlStates.INVALID_HANDLE, "Invalid " + what + " handle");
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
