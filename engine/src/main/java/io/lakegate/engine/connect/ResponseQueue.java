package io.lakegate.engine.connect;

import static java.util.Objects.requireNonNull;

import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.spark.connect.proto.ExecutePlanRequest;
import org.apache.spark.connect.proto.ExecutePlanResponse;

/**
 * The events of a statement's call as its {@link ExecutionStream} pulls them. The call asks for responses while the
 * batches received and those asked for stay within the stream's {@link ExecutionStream.Prefetch}: at the start, each
 * time a response that is not a batch arrives, and each time the reader takes a batch. The size of a batch asked for
 * is guessed as that of the largest one seen so far; until one is seen, only one response is asked for at a time.
 * gRPC lets a call ask from any thread.
 */
final class ResponseQueue implements ClientResponseObserver<ExecutePlanRequest, ExecutePlanResponse> {
    /** What the call delivers, in order. */
    sealed interface Event {
        record Response(ExecutePlanResponse response) implements Event {}

        record Completed() implements Event {}

        record Failed(RuntimeException failure) implements Event {}
    }

    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final ExecutionStream.Prefetch prefetch;
    private volatile ClientCallStreamObserver<ExecutePlanRequest> requests;
    private int asked;
    private int queuedBatches;
    private long queuedBytes;
    private long largestBatch;
    private boolean dropped;
    private boolean ended;

    ResponseQueue(ExecutionStream.Prefetch prefetch) {
        this.prefetch = requireNonNull(prefetch, "prefetch is null");
    }

    @Override
    public void beforeStart(ClientCallStreamObserver<ExecutePlanRequest> requestStream) {
        requests = requestStream;
        synchronized (this) {
            asked = 1;
        }
        requestStream.disableAutoRequestWithInitial(1);
    }

    @Override
    public void onNext(ExecutePlanResponse response) {
        synchronized (this) {
            asked--;
            if (dropped) {
                return;
            }
            if (response.hasArrowBatch()) {
                long bytes = response.getArrowBatch().getData().size();
                queuedBatches++;
                queuedBytes += bytes;
                largestBatch = Math.max(largestBatch, bytes);
            }
            events.add(new Event.Response(response));
            notifyAll();
        }
        askForMore();
    }

    @Override
    public void onError(Throwable failure) {
        end(new Event.Failed(
                failure instanceof RuntimeException runtime ? runtime : new IllegalStateException(failure)));
    }

    @Override
    public void onCompleted() {
        end(new Event.Completed());
    }

    private synchronized void end(Event last) {
        events.add(last);
        ended = true;
        notifyAll();
    }

    /** The next event, if one arrives within the time; a batch taken lets the server send the next. */
    Optional<Event> poll(long nanos) throws InterruptedException {
        Event event = events.poll(nanos, TimeUnit.NANOSECONDS);
        if (event instanceof Event.Response next && next.response().hasArrowBatch()) {
            synchronized (this) {
                queuedBatches--;
                queuedBytes -= next.response().getArrowBatch().getData().size();
            }
            askForMore();
        }
        return Optional.ofNullable(event);
    }

    /**
     * Waits until a batch, or the call's end, has arrived and not been taken, or the time is up; returns whether one
     * has. Progress reports do not count: after one the reader would still wait for the next batch.
     */
    synchronized boolean awaitBatchOrEnd(long nanos) throws InterruptedException {
        long deadline = System.nanoTime() + nanos;
        long left = nanos;
        while (queuedBatches == 0 && !ended && left > 0) {
            TimeUnit.NANOSECONDS.timedWait(this, left);
            left = deadline - System.nanoTime();
        }
        return queuedBatches > 0 || ended;
    }

    /** Forgets what waits, so that a closed stream keeps no batch alive; later responses are dropped as they come. */
    synchronized void drop() {
        dropped = true;
        events.clear();
        queuedBatches = 0;
        queuedBytes = 0;
    }

    synchronized int queuedBatches() {
        return queuedBatches;
    }

    synchronized long queuedBytes() {
        return queuedBytes;
    }

    private void askForMore() {
        int more = 0;
        synchronized (this) {
            while (!dropped && mayAsk()) {
                asked++;
                more++;
            }
        }
        if (more > 0) {
            requests.request(more);
        }
    }

    private boolean mayAsk() {
        if (queuedBatches + asked >= prefetch.batches()) {
            return false;
        }
        if (asked == 0 && queuedBatches == 0) {
            return true;
        }
        return largestBatch > 0 && queuedBytes + (asked + 1) * largestBatch <= prefetch.bytes();
    }
}
