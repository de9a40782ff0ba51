package io.lakegate.benchmarks.compare;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Where and when the run happened, for the table's caption: figures from a busy machine are not comparable. */
final class Machine {
    private Machine() {}

    static Map<String, Object> describe(Instant started, Options options) {
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("started", started.toString());
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("memory", firstLine(Path.of("/proc/meminfo")));
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        machine.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        machine.put("loadAverageAtStart", loadAverage());
        machine.put("options", options.describe());
        return machine;
    }

    /** The 1, 5 and 15 minute load averages. */
    static String loadAverage() {
        String[] fields = firstLine(Path.of("/proc/loadavg")).split("\\s+");
        return fields[0] + " " + fields[1] + " " + fields[2];
    }

    private static String firstLine(Path file) {
        try {
            return Files.readAllLines(file).get(0).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
