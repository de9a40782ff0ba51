package io.lakegate.engine;

import static java.util.Objects.requireNonNull;

import io.lakegate.common.SparkType;

/** One column of a statement's result. */
public record ResultColumn(String name, SparkType type, boolean nullable) {
    public ResultColumn {
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
    }
}
