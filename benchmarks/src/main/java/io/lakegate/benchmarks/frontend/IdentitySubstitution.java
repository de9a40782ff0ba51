package io.lakegate.benchmarks.frontend;

import io.lakegate.engine.frontend.TableReference;
import java.util.Optional;

/**
 * The replacement a policy rewrite makes most often, at no cost of its own: every table a statement reads becomes a
 * subquery over the same table, known by the same name.
 */
public final class IdentitySubstitution {
    private IdentitySubstitution() {}

    /** The replacement text for a reference: none for a write, an identity subquery for a read. */
    public static Optional<String> of(TableReference reference) {
        if (reference.access() != TableReference.Access.READ) {
            return Optional.empty();
        }
        String subquery = "(SELECT * FROM " + reference.table().quoted() + ")";
        // An alias follows the name in the text and keeps applying to the subquery; without one, the subquery needs
        // the name the rest of the statement knows the table by.
        return Optional.of(reference.alias().isPresent() ? subquery
                : subquery + " AS `" + reference.visibleName().replace("`", "``") + "`");
    }
}
