package io.lakegate.engine.frontend;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * Turns Calcite's line and column positions into offsets in the statement text. Calcite counts lines and columns from
 * 1, ends inclusive, and may have parsed only a slice of the statement that starts at {@code base}. Its lines end as
 * JavaCC's character stream ends them: at a line feed, at a carriage return, and once at a carriage return and line
 * feed together; the front end's copy for Calcite has no carriage returns outside its stand-ins, but the count
 * follows the same rule so offsets stay exact whatever the text holds.
 */
final class TextPositions {
    private final int base;
    private final int[] lineStarts;

    TextPositions(String text, int base) {
        this.base = base;
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || (c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n'))) {
                starts.add(i + 1);
            }
        }
        this.lineStarts = starts.stream().mapToInt(Integer::intValue).toArray();
    }

    int start(SqlParserPos position) {
        return base + lineStarts[position.getLineNum() - 1] + position.getColumnNum() - 1;
    }

    int end(SqlParserPos position) {
        return base + lineStarts[position.getEndLineNum() - 1] + position.getEndColumnNum();
    }
}
