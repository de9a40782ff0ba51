package io.lakegate.engine.frontend;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * Turns Calcite's line and column positions into offsets in the statement text. Calcite counts lines and columns from
 * 1, ends inclusive, and may have parsed only a slice of the statement that starts at {@code base}.
 */
final class TextPositions {
    private final int base;
    private final int[] lineStarts;

    TextPositions(String text, int base) {
        this.base = base;
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
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
