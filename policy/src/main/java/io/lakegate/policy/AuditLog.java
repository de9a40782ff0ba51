package io.lakegate.policy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lakegate.common.LakegateException;
import io.lakegate.common.SqlStates;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.format.DateTimeFormatter;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit log: one JSON object per line, appended. Each line is written whole by one write to a file opened for
 * appending, so lines of concurrent writers (threads, or other gateways on the same file) do not interleave, and it
 * reaches the operating system before {@link #write} returns.
 */
final class AuditLog implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path path;
    private final FileChannel channel;

    private AuditLog(Path path, FileChannel channel) {
        this.path = path;
        this.channel = channel;
    }

    static AuditLog open(Path path) {
        try {
            Path parent = path.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            return new AuditLog(path, FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND));
        } catch (IOException e) {
            throw new LakegateException(SqlStates.INVALID_PARAMETER_VALUE,
                    "The audit log " + path + " (lakegate.policy.audit.path) cannot be opened: " + e.getMessage(), e);
        }
    }

    static String line(AuditEvent event) {
        ObjectNode node = JSON.createObjectNode();
        node.put("time", DateTimeFormatter.ISO_INSTANT.format(event.time()));
        node.put("user", event.principal().user());
        new TreeSet<>(event.principal().groups()).forEach(node.putArray("groups")::add);
        node.put("clientAddress", event.principal().clientAddress().orElse(null));
        event.principal().actingAccount().ifPresent(account -> node.put("actingAccount", account));
        node.put("sessionId", event.sessionId());
        node.put("statementId", event.statementId());
        node.put("resource", event.resource().toString());
        node.put("accessType", event.accessType().rangerName());
        node.put("result", event.allowed() ? "allowed" : "denied");
        if (event.policyId().isPresent()) {
            node.put("policyId", event.policyId().getAsLong());
        } else {
            node.putNull("policyId");
        }
        event.applied().ifPresent(applied -> node.put("applied", applied));
        event.statement().ifPresent(statement -> node.put("statement", statement));
        return node.toString() + "\n";
    }

    void write(AuditEvent event) {
        ByteBuffer bytes = ByteBuffer.wrap(line(event).getBytes(StandardCharsets.UTF_8));
        try {
            synchronized (this) {
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
            }
        } catch (IOException e) {
            // Fail closed: a decision that cannot be recorded is not one the gateway acts on.
            LOG.error("The audit log {} cannot be written", path, e);
            throw new LakegateException(SqlStates.INTERNAL_ERROR, "The statement is refused because the audit log "
                    + "cannot be written; an administrator finds the details in the server log", e);
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // Nothing is left to write; the descriptor goes with the process.
        }
    }
}
