package io.lakegate.engine.frontend;

/** What a statement does, as far as the gateway needs to know: the policy checks and the session depend on it. */
public enum StatementType {
    QUERY(Category.QUERY),
    INSERT(Category.DML),
    MERGE(Category.DML),
    UPDATE(Category.DML),
    DELETE(Category.DML),
    CREATE_TABLE(Category.DDL),
    CREATE_TABLE_AS_SELECT(Category.DDL),
    CREATE_VIEW(Category.DDL),
    CREATE_DATABASE(Category.DDL),
    DROP(Category.DDL),
    ALTER(Category.DDL),
    TRUNCATE(Category.DDL),
    USE(Category.SESSION),
    SET(Category.SESSION),
    RESET(Category.SESSION),
    SHOW(Category.METADATA),
    DESCRIBE(Category.METADATA),
    EXPLAIN(Category.EXPLAIN),
    CACHE(Category.OTHER),
    UNCACHE(Category.OTHER),
    REFRESH(Category.OTHER),
    ANALYZE(Category.OTHER),
    CALL(Category.OTHER),
    OTHER(Category.OTHER);

    /** The families of statements. */
    public enum Category {
        QUERY,
        DML,
        DDL,
        SESSION,
        METADATA,
        EXPLAIN,
        OTHER
    }

    private final Category category;

    StatementType(Category category) {
        this.category = category;
    }

    public Category category() {
        return category;
    }
}
