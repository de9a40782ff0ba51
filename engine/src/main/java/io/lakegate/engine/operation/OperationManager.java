package io.lakegate.engine.operation;

import static java.util.Objects.requireNonNull;

import io.lakegate.common.LakegateException;
import io.lakegate.common.SqlStates;
import io.lakegate.engine.Session;
import io.lakegate.engine.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sessions and operations of an engine: the limits on how many of them users hold, the threads that run
 * statements, the query timeouts, and the reaper that closes what has gone unused. The HiveServer2 server and
 * applications that embed the engine share it, so both get the same lifecycle.
 *
 * <p>Nothing that may wait for a cluster runs on the timer thread: timeouts and the reaper only move states and hand
 * the stopping and releasing to the background threads.
 */
public final class OperationManager implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OperationManager.class);
    private static final Duration MIN_SWEEP = Duration.ofMillis(100);
    private static final Duration MAX_SWEEP = Duration.ofMinutes(1);
    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(10);

    private final OperationLimits limits;
    private final Map<UUID, Operation> operations = new ConcurrentHashMap<>();
    private final Map<Session, Integer> operationsBySession = new HashMap<>();
    private final Map<String, Integer> operationsByUser = new HashMap<>();
    private final Map<String, Integer> sessionsByUser = new HashMap<>();
    private final Set<Session> sessions = ConcurrentHashMap.newKeySet();
    private int openSessions;
    private final ExecutorService statements;
    private final ScheduledExecutorService timer;
    /** Stops and releases, which may wait for a cluster: never on a caller's, an event loop's or the timer's thread. */
    private final ExecutorService background = Executors.newCachedThreadPool(daemon("lakegate-release"));

    public OperationManager(OperationLimits limits) {
        this.limits = requireNonNull(limits, "limits is null");
        this.statements = pool("lakegate-statement", limits.operationThreads());
        this.timer = Executors.newSingleThreadScheduledExecutor(daemon("lakegate-timer"));
        long sweepMillis = Math.max(MIN_SWEEP.toMillis(), Math.min(MAX_SWEEP.toMillis(),
                Math.min(limits.sessionIdleTimeout().toMillis(), limits.operationIdleTimeout().toMillis()) / 4));
        timer.scheduleWithFixedDelay(this::closeIdle, sweepMillis, sweepMillis, TimeUnit.MILLISECONDS);
    }

    /**
     * Counts a session that is about to open against the limits; throws with SQLSTATE 53300 when it would pass one.
     * The caller calls {@link #sessionOpened} or {@link #sessionAbandoned} after.
     */
    public synchronized void reserveSession(String user) {
        int ofUser = sessionsByUser.getOrDefault(user, 0);
        if (openSessions >= limits.maxSessions()) {
            throw new LakegateException(SqlStates.TOO_MANY, "The server has " + limits.maxSessions()
                    + " open sessions, as many as it allows; close one or try again later");
        }
        if (ofUser >= limits.maxSessionsPerUser()) {
            throw new LakegateException(SqlStates.TOO_MANY, "User " + user + " has " + limits.maxSessionsPerUser()
                    + " open sessions, as many as one user may; close one or try again later");
        }
        openSessions++;
        sessionsByUser.put(user, ofUser + 1);
    }

    /** A reserved session failed to open: its place is free again. */
    public synchronized void sessionAbandoned(String user) {
        openSessions--;
        sessionsByUser.computeIfPresent(user, (key, count) -> count == 1 ? null : count - 1);
    }

    /** A reserved session is open: the reaper closes it once it has gone unused for the idle timeout. */
    public void sessionOpened(Session session) {
        sessions.add(session);
    }

    /** A session closed: its operations close, and its place is free. */
    public void sessionClosed(Session session) {
        if (!sessions.remove(session)) {
            return;
        }
        sessionAbandoned(session.user());
        operations.values().stream().filter(operation -> operation.session() == session).toList()
                .forEach(Operation::close);
    }

    /** Sessions open now, in no particular order. */
    public List<Session> sessions() {
        return List.copyOf(sessions);
    }

    /**
     * Registers a new operation of an open session; throws with SQLSTATE 53300 when the session or its user holds as
     * many operations as they may. From here on it counts until it is closed.
     */
    public <T extends Operation> T register(T operation) {
        Session session = operation.session();
        synchronized (this) {
            int ofSession = operationsBySession.getOrDefault(session, 0);
            int ofUser = operationsByUser.getOrDefault(session.user(), 0);
            if (ofSession >= limits.maxOperationsPerSession()) {
                throw new LakegateException(SqlStates.TOO_MANY, "The session holds " + limits.maxOperationsPerSession()
                        + " open operations, as many as one session may; close some (statements, result sets)");
            }
            if (ofUser >= limits.maxOperationsPerUser()) {
                throw new LakegateException(SqlStates.TOO_MANY, "User " + session.user() + " holds "
                        + limits.maxOperationsPerUser() + " open operations, as many as one user may; close some");
            }
            operationsBySession.put(session, ofSession + 1);
            operationsByUser.put(session.user(), ofUser + 1);
        }
        operation.registeredWith(this);
        operations.put(operation.id(), operation);
        return operation;
    }

    /** The open operation with this id. */
    public Optional<Operation> find(UUID id) {
        return Optional.ofNullable(operations.get(id));
    }

    /** Operations open now. */
    public int openOperations() {
        return operations.size();
    }

    void closed(Operation operation) {
        if (operations.remove(operation.id(), operation)) {
            synchronized (this) {
                operationsBySession.computeIfPresent(operation.session(), (key, count) -> count == 1 ? null
                        : count - 1);
                operationsByUser.computeIfPresent(operation.session().user(), (key, count) -> count == 1 ? null
                        : count - 1);
            }
        }
    }

    /**
     * Starts a statement of a session as an operation. An asynchronous one returns at once, its work queued for the
     * statement threads; a synchronous one returns when its result is ready, and throws (closing the operation) when
     * the statement fails. A query timeout, if positive, runs until the statement's work on the cluster ends.
     */
    public QueryOperation submit(Session session, String sql, boolean async, Duration queryTimeout) {
        requireNonNull(sql, "sql is null");
        requireNonNull(queryTimeout, "queryTimeout is null");
        QueryOperation operation = register(new QueryOperation(session, sql));
        if (!queryTimeout.isZero() && !queryTimeout.isNegative()) {
            operation.limitTime(timer.schedule(operation::timeOut, queryTimeout.toNanos(), TimeUnit.NANOSECONDS));
        }
        if (async) {
            try {
                statements.execute(operation::run);
            } catch (RejectedExecutionException e) {
                operation.close();
                throw new LakegateException(SqlStates.INVALID_STATE, "The engine is stopping", e);
            }
        } else {
            operation.run();
            if (operation.state() == OperationState.ERROR) {
                operation.close();
                throw operation.failure().orElseThrow();
            }
        }
        return operation;
    }

    /** Runs work that may wait for a cluster (stopping, releasing) on the background threads. */
    void inBackground(Runnable work) {
        try {
            background.execute(() -> {
                try {
                    work.run();
                } catch (RuntimeException e) {
                    LOG.warn("Stopping or releasing failed", e);
                }
            });
        } catch (RejectedExecutionException e) {
            // The manager is closing: do the work here rather than leave it undone.
            work.run();
        }
    }

    /** Closes what has gone unused too long; a client that comes back finds its handle gone. */
    private void closeIdle() {
        try {
            long operationLimit = limits.operationIdleTimeout().toNanos();
            for (Operation operation : List.copyOf(operations.values())) {
                if (operation.idleNanos() > operationLimit) {
                    LOG.info("Operation {} of session {} closed: unused for {}", operation.id(),
                            operation.session().id(), limits.operationIdleTimeout());
                    operation.close();
                }
            }
            long sessionLimit = limits.sessionIdleTimeout().toNanos();
            // Operations have idle times of their own: a result an operation holds is not reaped on its own.
            Set<Statement> ofOperations = operations.values().stream()
                    .filter(QueryOperation.class::isInstance)
                    .map(operation -> ((QueryOperation) operation).statement())
                    .collect(Collectors.toSet());
            for (Session session : sessions()) {
                if (!session.isOpen()) {
                    continue;
                }
                if (session.idleNanos() > sessionLimit) {
                    LOG.info("Session {} of {} closed: unused for {}", session.id(), session.user(),
                            limits.sessionIdleTimeout());
                    inBackground(session::close);
                    continue;
                }
                for (Statement statement : session.statementsIdleFor(limits.operationIdleTimeout())) {
                    if (!ofOperations.contains(statement)) {
                        LOG.info("A result of session {} closed: unread for {}", session.id(),
                                limits.operationIdleTimeout());
                        inBackground(statement::close);
                    }
                }
            }
        } catch (RuntimeException e) {
            // A failure must not cancel the periodic task, or nothing idle would ever be closed again.
            LOG.warn("Closing idle sessions and operations failed", e);
        }
    }

    /** Stops the threads; the engine has closed every session (and so every operation) before. */
    @Override
    public void close() {
        statements.shutdownNow();
        timer.shutdownNow();
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

    private static ExecutorService pool(String name, int threads) {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), daemon(name));
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger counter = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, name + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
