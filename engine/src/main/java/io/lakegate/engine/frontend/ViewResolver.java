package io.lakegate.engine.frontend;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/** Tells the front end which names are views, and what they are defined as. */
@FunctionalInterface
public interface ViewResolver {
    /** Knows no views: every name is a table. */
    ViewResolver NONE = name -> Optional.empty();

    /** The view's definition, or empty when the name is not a view. */
    Optional<ViewText> view(TableName name);

    /**
     * A view's query and the session state its names resolve in: the catalog and database current when it was made.
     */
    record ViewText(String sql, SessionContext context) {
        public ViewText {
            requireNonNull(sql, "sql is null");
            requireNonNull(context, "context is null");
        }
    }
}
