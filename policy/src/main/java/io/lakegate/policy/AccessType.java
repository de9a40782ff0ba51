package io.lakegate.policy;

import java.util.Locale;

/** The access types of Ranger's {@code hive} service definition. */
public enum AccessType {
    SELECT,
    UPDATE,
    CREATE,
    DROP,
    ALTER,
    INDEX,
    LOCK,
    READ,
    WRITE,
    ALL;

    /** The name in Ranger's policies: {@code select}, {@code update}, ... */
    public String rangerName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
