package io.lakegate.server.cli;

import static java.util.Objects.requireNonNull;

import io.lakegate.common.LakegateException;
import io.lakegate.engine.Engine;
import io.lakegate.engine.Session;
import io.lakegate.engine.SessionSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hive.service.rpc.thrift.TCLIService;
import org.apache.hive.service.rpc.thrift.TOperationHandle;
import org.apache.hive.service.rpc.thrift.TProtocolVersion;
import org.apache.hive.service.rpc.thrift.TSessionHandle;
import org.apache.thrift.TProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TCLIService handler over an engine: the sessions and operations of every connection, and the threads that run
 * statements. Transports get a {@link TProcessor} per connection from {@link #processor}.
 */
public final class CliService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CliService.class);
    private static final Duration MIN_SWEEP = Duration.ofMillis(100);
    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(10);
    private static final Duration MAX_SWEEP = Duration.ofMinutes(1);

    private final Engine engine;
    private final CliLimits limits;
    private final ServerInfo info = ServerInfo.fromBuild();
    private final Map<Handle, ServerSession> sessions = new ConcurrentHashMap<>();
    /** Sessions open or being opened: a slot is taken before the engine opens one, so the limit holds. */
    private final AtomicInteger openSessions = new AtomicInteger();
    private final Map<Handle, Operation> operations = new ConcurrentHashMap<>();
    private final ExecutorService statements;
    private final ScheduledExecutorService timeouts;
    /** Stops and releases, which may wait for a cluster: never on a caller's, an event loop's or the timer's thread. */
    private final ExecutorService background = Executors.newCachedThreadPool(daemon("lakegate-release"));

    public CliService(Engine engine, CliLimits limits) {
        this.engine = requireNonNull(engine, "engine is null");
        this.limits = requireNonNull(limits, "limits is null");
        this.statements = pool("lakegate-statement", limits.operationThreads());
        this.timeouts = Executors.newSingleThreadScheduledExecutor(daemon("lakegate-timeouts"));
        long sweepMillis = Math.max(MIN_SWEEP.toMillis(), Math.min(MAX_SWEEP.toMillis(),
                Math.min(limits.sessionIdleTimeout().toMillis(), limits.operationIdleTimeout().toMillis()) / 4));
        timeouts.scheduleWithFixedDelay(this::closeIdle, sweepMillis, sweepMillis, TimeUnit.MILLISECONDS);
    }

    /** Closes what clients have left unused too long; a client that comes back finds an invalid handle. */
    private void closeIdle() {
        try {
            long operationLimit = limits.operationIdleTimeout().toNanos();
            for (Operation operation : List.copyOf(operations.values())) {
                if (operation.idleNanos() > operationLimit) {
                    LOG.info("Operation {} of session {} closed: unused for {}", operation.handle().guid(),
                            operation.session().handle().guid(), limits.operationIdleTimeout());
                    operation.close();
                }
            }
            long sessionLimit = limits.sessionIdleTimeout().toNanos();
            for (ServerSession session : List.copyOf(sessions.values())) {
                if (session.idleNanos() > sessionLimit) {
                    LOG.info("Session {} of {} closed: unused for {}", session.handle().guid(), session.user(),
                            limits.sessionIdleTimeout());
                    inBackground(session::close);
                }
            }
        } catch (RuntimeException e) {
            // A failure must not cancel the periodic task, or nothing idle would ever be closed again.
            LOG.warn("Closing idle sessions and operations failed", e);
        }
    }

    /** The Thrift processor that answers one connection's calls. */
    public TProcessor processor(ClientConnection connection) {
        return new TCLIService.Processor<>(new CliCalls(this, requireNonNull(connection, "connection is null")));
    }

    /** Closes every session, which cancels their statements, and stops the statement threads. */
    @Override
    public void close() {
        List.copyOf(sessions.values()).forEach(ServerSession::close);
        statements.shutdownNow();
        timeouts.shutdownNow();
        background.shutdown();
        try {
            if (!background.awaitTermination(SHUTDOWN_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("Releasing operations took longer than {}; stopping the rest", SHUTDOWN_WAIT);
                background.shutdownNow();
            }
        } catch (InterruptedException e) {
            background.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    void inBackground(Runnable work) {
        try {
            background.execute(() -> {
                try {
                    work.run();
                } catch (RuntimeException e) {
                    LOG.warn("Stopping or releasing an operation failed", e);
                }
            });
        } catch (RejectedExecutionException e) {
            // The service is closing: do the work here rather than leave it undone.
            work.run();
        }
    }

    ServerInfo info() {
        return info;
    }

    CliLimits limits() {
        return limits;
    }

    ExecutorService statements() {
        return statements;
    }

    ScheduledExecutorService timeouts() {
        return timeouts;
    }

    ServerSession openSession(SessionSpec spec, TProtocolVersion protocol, ClientConnection connection) {
        if (openSessions.incrementAndGet() > limits.maxSessions()) {
            openSessions.decrementAndGet();
            throw new LakegateException(CliStates.TOO_MANY_SESSIONS, "The server has " + limits.maxSessions()
                    + " open sessions, as many as it allows; close one or try again later");
        }
        Session engineSession;
        try {
            engineSession = engine.openSession(spec);
        } catch (RuntimeException e) {
            openSessions.decrementAndGet();
            throw e;
        }
        ServerSession session = new ServerSession(engineSession, protocol, connection, this);
        sessions.put(session.handle(), session);
        connection.opened(session);
        return session;
    }

    ServerSession session(TSessionHandle handle) {
        ServerSession session = handle == null ? null
                : sessions.get(Handle.of(handle.getSessionId(), "session"));
        if (session == null) {
            throw new LakegateException(CliStates.INVALID_HANDLE, "Invalid session handle: the session does not "
                    + "exist or was closed");
        }
        session.used();
        return session;
    }

    Operation operation(TOperationHandle handle) {
        Operation operation = handle == null ? null
                : operations.get(Handle.of(handle.getOperationId(), "operation"));
        if (operation == null) {
            throw new LakegateException(CliStates.INVALID_HANDLE, "Invalid operation handle: the operation does not "
                    + "exist or was closed");
        }
        operation.used();
        return operation;
    }

    /** Removes a closing session; false when it was already gone, so that it closes once. */
    boolean closed(ServerSession session) {
        if (!sessions.remove(session.handle(), session)) {
            return false;
        }
        openSessions.decrementAndGet();
        return true;
    }

    void registered(Operation operation) {
        operations.put(operation.handle(), operation);
    }

    void forgotten(Operation operation) {
        operations.remove(operation.handle(), operation);
    }

    private static ExecutorService pool(String name, int threads) {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), daemon(name));
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger counter = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, name + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
