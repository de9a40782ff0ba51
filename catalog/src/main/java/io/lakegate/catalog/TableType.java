package io.lakegate.catalog;

/** What a catalog entry is. */
public enum TableType {
    /** An Iceberg table. */
    TABLE,
    /** An Iceberg view. */
    VIEW
}
