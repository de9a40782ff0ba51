package io.lakegate.engine.policy;

import io.lakegate.common.LakegateException;
import io.lakegate.common.SqlStates;
import io.lakegate.engine.frontend.Analysis;
import io.lakegate.engine.frontend.Construct;
import java.util.Locale;
import java.util.Set;

/**
 * What a restricted user may do with the forms of Spark SQL that reach data other than through a table's name, or
 * run SQL the text does not show (POLICY-SEMANTICS.md): the front end reports them, and these rules decide.
 */
final class SpecialForms {
    /** Table-valued functions that make rows from their arguments and read no table. */
    private static final Set<String> FUNCTIONS_READING_NO_TABLE = Set.of("range", "explode", "explode_outer",
            "inline", "inline_outer", "posexplode", "posexplode_outer", "stack", "json_tuple", "variant_explode",
            "variant_explode_outer");

    private SpecialForms() {}

    /**
     * Refuses the statement when one of its forms, or one of the views it reads, is not allowed for the user.
     *
     * @param readsProtected whether the statement reads a table with a row filter, mask or column restriction
     */
    static void check(Analysis analysis, boolean readsProtected, String user) {
        for (Construct construct : analysis.allConstructs()) {
            String refusal = switch (construct.kind()) {
                case TABLE_FUNCTION -> FUNCTIONS_READING_NO_TABLE.contains(construct.detail().toLowerCase(Locale.ROOT))
                        ? null : "the table function " + construct.detail();
                case FILE_PATH, FILE_OPTIONS -> "direct access to files";
                case FILE_METADATA -> readsProtected ? "file information" + detail(construct)
                        + " over tables with row filters, masks or column restrictions" : null;
                case DYNAMIC_SQL -> "dynamic SQL" + detail(construct);
                case USER_FUNCTION -> "creating functions";
                case REFLECTION -> "calling Java methods" + detail(construct);
                case GLOBAL_TEMP_VIEW -> "global temporary views";
                case MULTIPLE_STATEMENTS -> "several statements in one call";
                case FROM_FIRST, FROM_VALUES, TABLESAMPLE, PIVOT, UNPIVOT, TIME_TRAVEL, METADATA_TABLE, CACHE_AS,
                        REGEX_COLUMN, HINT -> null;
            };
            if (refusal != null) {
                throw new LakegateException(SqlStates.ACCESS_DENIED, "Permission denied: " + refusal
                        + " is not allowed for " + user + " while access policies apply to them");
            }
        }
    }

    private static String detail(Construct construct) {
        return construct.detail().isEmpty() ? "" : " (" + construct.detail() + ")";
    }
}
