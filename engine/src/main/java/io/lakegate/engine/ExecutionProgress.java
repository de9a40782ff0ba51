package io.lakegate.engine;

import java.util.List;

/**
 * How far a running statement has got, as its cluster last reported: Spark's stages and their tasks. Clusters report
 * every couple of seconds while a statement runs ({@code spark.connect.progress.reportInterval}).
 *
 * @param runningTasks tasks running now, across all stages
 */
public record ExecutionProgress(List<Stage> stages, long runningTasks) {
    public ExecutionProgress {
        stages = List.copyOf(stages);
    }

    /** One Spark stage of the statement. */
    public record Stage(long id, long tasks, long completedTasks, long inputBytesRead, boolean done) {}

    /** Completed tasks over all tasks known so far, from 0 to 1; 0 while no stage has been planned. */
    public double completedFraction() {
        long tasks = stages.stream().mapToLong(Stage::tasks).sum();
        return tasks == 0 ? 0 : (double) stages.stream().mapToLong(Stage::completedTasks).sum() / tasks;
    }
}
