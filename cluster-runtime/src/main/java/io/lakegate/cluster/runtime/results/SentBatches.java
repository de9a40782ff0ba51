package io.lakegate.cluster.runtime.results;

/**
 * How many Arrow batches of one ExecutePlan call gRPC has taken for sending, so that the execution producing them can
 * wait while too many wait unsent in Spark's response buffer. Spark's sender takes a response only when the call is
 * ready (the client asked for more and the transport has room), so this count follows the reader's pace.
 */
final class SentBatches {
    private long sent;
    private boolean ended;

    synchronized void add() {
        sent++;
        notifyAll();
    }

    /** The call is over (completed, failed or cancelled): nobody will send what the execution still produces. */
    synchronized void end() {
        ended = true;
        notifyAll();
    }

    /**
     * Waits until fewer than {@code backlog} of the {@code produced} batches are unsent.
     *
     * @return false when the call ended first, so the rest of the result has nowhere to go
     */
    synchronized boolean awaitRoom(long produced, int backlog) throws InterruptedException {
        while (!ended && produced - sent >= backlog) {
            wait();
        }
        return !ended;
    }
}
