package io.lakegate.engine.frontend;

import io.lakegate.engine.frontend.SqlTokens.Kind;
import io.lakegate.engine.frontend.SqlTokens.Token;
import java.util.ArrayList;
import java.util.List;

/**
 * The statement as Calcite is given it: the same length, every offset in place, and nothing in it that Calcite's lexer
 * would read otherwise than Spark's. Comments, hints and Spark's whitespace become spaces (line feeds stay, so that
 * Calcite's line numbers stay meaningful); a string or a back-quoted name whose content Calcite could read differently
 * (a backslash, a doubled quote, a control character) becomes a stand-in of the same length; an identifier that starts
 * with a digit or holds a path, and a table function's name, get letters Calcite takes for a name; Spark's operators
 * and functions that Calcite reads otherwise get stand-ins of the same meaning for the analysis ({@link
 * SparkSyntax}). The front end
 * reads every name from Spark's tokens at the place Calcite found it, never from this text.
 */
final class NeutralText {
    private NeutralText() {}

    static String of(String sql, List<Token> tokens, List<int[]> hiddenSpans, List<Construct> constructs) {
        char[] text = sql.toCharArray();
        List<int[]> hints = new ArrayList<>();
        List<int[]> strings = new ArrayList<>();
        int covered = 0;
        int inRunUntil = -1;
        for (int t = 0; t < tokens.size(); t++) {
            Token token = tokens.get(t);
            blankWhitespace(text, covered, token.start());
            covered = token.end();
            switch (token.kind()) {
                case COMMENT, UNCLOSED_COMMENT -> blank(text, token.start(), token.end());
                case STRING -> {
                    int last = lastOfAdjacentStrings(tokens, t);
                    if (t <= inRunUntil) {
                        continue;
                    }
                    if (last > t) {
                        inRunUntil = last;
                        // Spark joins adjacent strings into one; Calcite takes them only across lines.
                        strings.add(new int[] {token.start(), tokens.get(last).end()});
                    } else if (!isPlain(token.text(), 1, token.text().length() - 1) || token.isRawString()) {
                        standIn(text, token.start(), token.end(), '\'');
                    }
                }
                case QUOTED_NAME -> {
                    if (!isPlain(token.text(), 1, token.text().length() - 1)) {
                        standIn(text, token.start(), token.end(), '`');
                    }
                }
                case WORD -> {
                    for (int i = token.start(); i < token.end(); i++) {
                        if (i == token.start() ? !Character.isLetter(text[i]) : !Character.isLetterOrDigit(text[i])
                                && text[i] != '_') {
                            text[i] = 'x';
                        }
                    }
                }
                case HINT_START -> {
                    int end = t;
                    while (end < tokens.size() && tokens.get(end).kind() != Kind.HINT_END) {
                        end++;
                    }
                    if (end < tokens.size()) {
                        hints.add(new int[] {token.start(), tokens.get(end).end()});
                    }
                }
                default -> {
                    // Numbers and symbols read alike in both lexers, as far as table names go.
                }
            }
        }
        blankWhitespace(text, covered, text.length);
        SparkSyntax.standIns(text, SqlTokens.significant(tokens));
        // A table function's name may be a word Calcite reserves (range): any name reads alike to it.
        for (Construct construct : constructs) {
            if (construct.kind() == Construct.Kind.TABLE_FUNCTION) {
                for (int i = construct.start(); i < construct.end(); i++) {
                    if (text[i] != '.' && text[i] != '`' && !Character.isWhitespace(text[i])) {
                        text[i] = 'x';
                    }
                }
            }
        }
        for (int[] span : strings) {
            standIn(text, span[0], span[1], '\'');
        }
        for (List<int[]> spans : List.of(hints, hiddenSpans)) {
            for (int[] span : spans) {
                blank(text, span[0], span[1]);
            }
        }
        return new String(text);
    }

    /** The index of the last string in the run of strings, with only comments between them, that starts at i. */
    private static int lastOfAdjacentStrings(List<Token> tokens, int first) {
        int last = first;
        for (int i = first + 1; i < tokens.size(); i++) {
            Kind kind = tokens.get(i).kind();
            if (kind == Kind.STRING) {
                last = i;
            } else if (kind != Kind.COMMENT) {
                break;
            }
        }
        return last;
    }

    /** Content without anything two lexers could disagree on: quotes, backslashes, control characters. */
    private static boolean isPlain(String token, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = token.charAt(i);
            if (c == '\\' || c == '\'' || c == '"' || c == '`' || c < ' ' || (c != ' ' && SqlTokens.isWhitespace(c))
                    || Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    private static void standIn(char[] text, int start, int end, char quote) {
        text[start] = quote;
        for (int i = start + 1; i < end - 1; i++) {
            text[i] = 'x';
        }
        text[end - 1] = quote;
    }

    private static void blank(char[] text, int start, int end) {
        for (int i = start; i < end; i++) {
            if (text[i] != '\n') {
                text[i] = ' ';
            }
        }
    }

    private static void blankWhitespace(char[] text, int start, int end) {
        for (int i = start; i < end; i++) {
            if (text[i] != '\n' && SqlTokens.isWhitespace(text[i])) {
                text[i] = ' ';
            }
        }
    }
}
