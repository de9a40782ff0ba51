package io.lakegate.cluster.runtime.results;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.spark.connect.proto.ExecutePlanRequest;
import org.apache.spark.connect.proto.ExecutePlanResponse;
import org.apache.spark.connect.proto.SparkConnectServiceGrpc;
import org.sparkproject.connect.grpc.ForwardingServerCall.SimpleForwardingServerCall;
import org.sparkproject.connect.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import org.sparkproject.connect.grpc.Metadata;
import org.sparkproject.connect.grpc.ServerCall;
import org.sparkproject.connect.grpc.ServerCallHandler;
import org.sparkproject.connect.grpc.ServerInterceptor;

/**
 * Holds each ExecutePlan call's responses back until the transport takes them, and counts the Arrow batches it sent, by
 * operation id, for {@link PacedResults}. Spark's response buffer ({@code ExecuteResponseObserver}) keeps every
 * response the execution produces until its sender takes it, and offers no bound of its own; and the sender of a
 * call that is not reattachable hands every response to gRPC at once, without flow control, so that gRPC's transport
 * would queue them all in direct memory instead. Here a response goes to gRPC only once the call is ready (the client
 * asked for more and the transport has room), so the sender, and through the count the execution, keep the reader's
 * pace.
 *
 * <p>Registered through {@code spark.connect.grpc.interceptor.classes}. The operation id comes with the request,
 * which gRPC delivers before the call's half-close, where Spark starts the execution; the count is dropped when the
 * call ends, and a producer waiting on it is woken.
 */
public final class ResultPacing implements ServerInterceptor {
    private static final String EXECUTE_PLAN = SparkConnectServiceGrpc.getExecutePlanMethod().getFullMethodName();
    private static final Map<String, SentBatches> CALLS = new ConcurrentHashMap<>();
    private static final long FIRST_PAUSE_NANOS = TimeUnit.MICROSECONDS.toNanos(50);
    /**
     * Nearly every batch of a fast reader waits for the transport, and the sender notices the call is ready only when
     * its pause ends: measured at 10 ms, about a millisecond idle per batch (10 M rows, 1,000 batches, ~1 s of ~12 s).
     */
    private static final long LONGEST_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    /** The sent batches of the running ExecutePlan call of an operation, if one runs. */
    static Optional<SentBatches> sentBatchesOf(String operationId) {
        return Optional.ofNullable(CALLS.get(operationId));
    }

    /**
     * Waits until the call can send, or is cancelled. The call's ready callbacks cannot tell: Spark sends a call's
     * responses from within its half-close callback, and gRPC delivers a call's callbacks one after the other, so
     * readiness is polled, at growing intervals while the reader is slow.
     */
    private static void awaitTransport(ServerCall<?, ?> call) {
        long pause = FIRST_PAUSE_NANOS;
        while (!call.isReady() && !call.isCancelled()) {
            LockSupport.parkNanos(pause);
            if (Thread.interrupted()) {
                // Spark interrupts a sender it is done with; the response then has nowhere to go.
                Thread.currentThread().interrupt();
                return;
            }
            pause = Math.min(2 * pause, LONGEST_PAUSE_NANOS);
        }
    }

    @Override
    public <Q, A> ServerCall.Listener<Q> interceptCall(
            ServerCall<Q, A> call, Metadata headers, ServerCallHandler<Q, A> next) {
        if (!EXECUTE_PLAN.equals(call.getMethodDescriptor().getFullMethodName())) {
            return next.startCall(call, headers);
        }
        SentBatches sent = new SentBatches();
        ServerCall<Q, A> counting = new SimpleForwardingServerCall<>(call) {
            @Override
            public void sendMessage(A message) {
                awaitTransport(call);
                super.sendMessage(message);
                // Only batches: Spark's sender also sends progress reports of its own, which the execution never made.
                if (message instanceof ExecutePlanResponse response && response.hasArrowBatch()) {
                    sent.add();
                }
            }
        };
        return new SimpleForwardingServerCallListener<>(next.startCall(counting, headers)) {
            private String operationId;

            @Override
            public void onMessage(Q message) {
                if (operationId == null && message instanceof ExecutePlanRequest request
                        && !request.getOperationId().isEmpty()) {
                    operationId = request.getOperationId();
                    CALLS.put(operationId, sent);
                }
                super.onMessage(message);
            }

            @Override
            public void onCancel() {
                forget();
                super.onCancel();
            }

            @Override
            public void onComplete() {
                forget();
                super.onComplete();
            }

            private void forget() {
                sent.end();
                if (operationId != null) {
                    CALLS.remove(operationId, sent);
                }
            }
        };
    }
}
