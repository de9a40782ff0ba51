package io.lakegate.engine;

import static java.util.Objects.requireNonNull;

import io.lakegate.engine.connect.ConnectSession;
import io.lakegate.engine.connect.ExecutionApproval;
import io.lakegate.engine.connect.ExecutionStream;
import java.util.Optional;
import java.util.UUID;
import org.apache.arrow.memory.BufferAllocator;

/** A catalog and a database in it, where unqualified names resolve. */
record Namespace(String catalog, String database) {
    Namespace {
        requireNonNull(catalog, "catalog is null");
        requireNonNull(database, "database is null");
    }

    /** Where a Spark Connect session resolves names now: Spark knows best, it resolved the names. */
    static Optional<Namespace> current(ConnectSession connect, BufferAllocator allocator) {
        Optional<Namespace> current = Optional.empty();
        try (ExecutionStream stream = connect.execute("SELECT current_catalog(), current_database()",
                UUID.randomUUID().toString(), ExecutionApproval.unrestrictedApproval(), allocator)) {
            if (stream.nextBatch()) {
                current = Optional.of(new Namespace(stream.batch().getVector(0).getObject(0).toString(),
                        stream.batch().getVector(1).getObject(0).toString()));
            }
            while (stream.nextBatch()) {
                // Read to the end so the call finishes normally.
            }
        }
        return current;
    }
}
