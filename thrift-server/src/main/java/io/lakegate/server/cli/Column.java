package io.lakegate.server.cli;

import static java.util.Objects.requireNonNull;

import io.lakegate.common.SparkType;
import java.util.Optional;
import org.apache.hive.service.rpc.thrift.TColumnDesc;

/** A column of an operation's result, as GetResultSetMetadata describes it. */
record Column(String name, SparkType type, Optional<String> comment) {
    Column {
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
        requireNonNull(comment, "comment is null");
    }

    static Column of(String name, SparkType.Kind kind) {
        return new Column(name, SparkType.of(kind), Optional.empty());
    }

    TColumnDesc toThrift(int position) {
        TColumnDesc desc = new TColumnDesc(name, HiveTypes.typeDesc(type), position);
        comment.ifPresent(desc::setComment);
        return desc;
    }
}
