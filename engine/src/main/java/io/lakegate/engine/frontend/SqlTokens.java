package io.lakegate.engine.frontend;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Spark 4.1's lexer ({@code SqlBaseLexer.g4}), rule for rule where the front end depends on it: a statement is split
 * into exactly the tokens Spark's parser sees, at the same offsets, so that no comment, string or name can hide a
 * table from the analysis while Spark reads it. Like Spark's {@code UpperCaseCharStream}, letters match keywords and
 * literal suffixes case-insensitively.
 *
 * <p>Where the grammar chooses between rules, the longest match wins and, at equal length, the rule listed first:
 * {@code 1L} is a number but {@code 1a} an identifier, {@code 1.5a} is {@code 1}, {@code .}, {@code 5a}. Bracketed
 * comments nest unless the inner one opens a hint ({@code /*+}); a hint is not a comment but tokens the parser reads
 * between {@link Kind#HINT_START} and {@link Kind#HINT_END}. A {@code --} comment ends at a carriage return or a line
 * feed, unless a backslash right before the line feed continues it. Strings take backslash escapes, except raw ones
 * ({@code r'…'}); a back-quoted name has no escape but a doubled back quote. A quote that opens nothing is
 * {@link Kind#UNRECOGNIZED}, as is any character Spark's lexer does not know ({@code $}, {@code @}, ...).
 */
final class SqlTokens {
    /** Token kinds that matter to the front end. */
    enum Kind {
        /** An unquoted identifier or keyword (Spark's keywords are identifiers to the lexer). */
        WORD,
        QUOTED_NAME,
        /** A single- or double-quoted string, or a raw one. */
        STRING,
        NUMBER,
        SYMBOL,
        /** {@code /*+}: a hint starts; the tokens up to {@link #HINT_END} are the hint's. */
        HINT_START,
        /** {@code *}{@code /} outside a comment. */
        HINT_END,
        /** A {@code --} or bracketed comment; hidden from Spark's parser. */
        COMMENT,
        /** A bracketed comment that runs to the end of the text, which Spark refuses. */
        UNCLOSED_COMMENT,
        /** A character no rule of Spark's lexer accepts; Spark's parser refuses the statement. */
        UNRECOGNIZED
    }

    /**
     * One token; {@code depth} is the number of parentheses open before it, so top-level structure is depth 0.
     */
    record Token(Kind kind, String text, int start, int end, int depth) {
        boolean isWord(String word) {
            return kind == Kind.WORD && text.equalsIgnoreCase(word);
        }

        boolean isSymbol(String symbol) {
            return kind == Kind.SYMBOL && text.equals(symbol);
        }

        boolean isName() {
            return kind == Kind.WORD || kind == Kind.QUOTED_NAME;
        }

        /** Comments are hidden from Spark's parser; every other token is read. */
        boolean isHidden() {
            return kind == Kind.COMMENT || kind == Kind.UNCLOSED_COMMENT;
        }

        /** The name this token stands for: a back-quoted name without its quotes, a word as written. */
        String name() {
            return kind == Kind.QUOTED_NAME ? text.substring(1, text.length() - 1).replace("``", "`") : text;
        }

        /** A raw string ({@code r'…'}), whose backslashes are characters. */
        boolean isRawString() {
            return kind == Kind.STRING && (text.charAt(0) == 'r' || text.charAt(0) == 'R');
        }

        String upper() {
            return text.toUpperCase(Locale.ROOT);
        }
    }

    /** Operators of more than one character, longest first where one is a prefix of another. */
    private static final String[] OPERATORS = {
        "<=>", "/*+", "==", "<>", "!=", "<=", "!>", ">=", "!<", "<<", "||", "|>", "::", "->", "=>", "*/"
    };
    private static final String SINGLE_SYMBOLS = ";(),.[]!=<>+-*/%~&|^:?";

    private final String sql;
    private final List<Token> tokens = new ArrayList<>();
    private int depth;
    /** Spark's {@code complex_type_level_counter}: inside {@code ARRAY<}, {@code >>} is two closing brackets. */
    private int complexTypeLevel;

    private SqlTokens(String sql) {
        this.sql = sql;
    }

    /** Every token of the text, comments included, in order. */
    static List<Token> of(String sql) {
        SqlTokens lexer = new SqlTokens(sql);
        lexer.run();
        return lexer.tokens;
    }

    /** The tokens Spark's parser reads: all but comments. */
    static List<Token> significant(List<Token> tokens) {
        return tokens.stream().filter(token -> !token.isHidden()).toList();
    }

    /**
     * The significant tokens of a statement without its trailing semicolons, for the readers of single statement
     * shapes; empty when its text holds what they do not read (a hint, an unclosed comment, a character Spark's lexer
     * refuses).
     */
    static Optional<List<Token>> plainStatement(String sql) {
        List<Token> all = of(sql);
        if (all.stream().anyMatch(token -> token.kind() == Kind.UNRECOGNIZED || token.kind() == Kind.UNCLOSED_COMMENT
                || token.kind() == Kind.HINT_START)) {
            return Optional.empty();
        }
        List<Token> tokens = new ArrayList<>(significant(all));
        while (!tokens.isEmpty() && tokens.get(tokens.size() - 1).isSymbol(";")) {
            tokens.remove(tokens.size() - 1);
        }
        return Optional.of(tokens);
    }

    /** Adds the parts of the dotted name that starts at {@code index} to {@code parts}; returns the index after it. */
    static int dottedName(List<Token> tokens, int index, List<String> parts) {
        int next = index;
        while (next < tokens.size() && tokens.get(next).isName()) {
            parts.add(tokens.get(next).name());
            next++;
            if (next < tokens.size() && tokens.get(next).isSymbol(".")) {
                next++;
            } else {
                break;
            }
        }
        return next;
    }

    /** Spark's whitespace: exactly the characters of the lexer's {@code WS} rule. */
    static boolean isWhitespace(int c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == 0x0B || c == 0x00A0
                || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x202F || c == 0x205F
                || c == 0x3000;
    }

    private void run() {
        int i = 0;
        int length = sql.length();
        while (i < length) {
            int c = sql.codePointAt(i);
            if (isWhitespace(c)) {
                i++;
            } else if (sql.startsWith("--", i)) {
                i = add(Kind.COMMENT, i, endOfSimpleComment(i));
            } else if (sql.startsWith("/*", i) && !sql.startsWith("/*+", i)) {
                i = bracketedComment(i);
            } else if (c == '\'' || c == '"') {
                int end = endOfString(i + 1, c, true);
                i = end < 0 ? add(Kind.UNRECOGNIZED, i, i + 1) : add(Kind.STRING, i, end);
            } else if ((c == 'r' || c == 'R') && i + 1 < length
                    && (sql.charAt(i + 1) == '\'' || sql.charAt(i + 1) == '"')
                    && endOfString(i + 2, sql.charAt(i + 1), false) > 0) {
                i = add(Kind.STRING, i, endOfString(i + 2, sql.charAt(i + 1), false));
            } else if (c == '`') {
                int end = endOfQuotedName(i);
                i = end < 0 ? add(Kind.UNRECOGNIZED, i, i + 1) : add(Kind.QUOTED_NAME, i, end);
            } else if (isIdentifierChar(c) || (c == '.' && i + 1 < length && isDigit(sql.charAt(i + 1)))) {
                i = wordOrNumber(i);
            } else {
                i = symbol(i, c);
            }
        }
    }

    private int add(Kind kind, int start, int end) {
        String text = sql.substring(start, end);
        if (kind == Kind.SYMBOL && text.equals(")")) {
            depth = Math.max(0, depth - 1);
        }
        tokens.add(new Token(kind, text, start, end, depth));
        if (kind == Kind.SYMBOL && text.equals("(")) {
            depth++;
        }
        if (kind == Kind.WORD && (text.equalsIgnoreCase("ARRAY") || text.equalsIgnoreCase("MAP")
                || text.equalsIgnoreCase("STRUCT"))) {
            complexTypeLevel++;
        } else if (kind == Kind.SYMBOL && text.equals(">") && complexTypeLevel > 0) {
            complexTypeLevel--;
        }
        return end;
    }

    /** {@code '--' ('\\\n' | ~[\r\n])* '\r'? '\n'?}. */
    private int endOfSimpleComment(int from) {
        int i = from + 2;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == '\\' && i + 1 < sql.length() && sql.charAt(i + 1) == '\n') {
                i += 2;
            } else if (c == '\r' || c == '\n') {
                break;
            } else {
                i++;
            }
        }
        if (i < sql.length() && sql.charAt(i) == '\r') {
            i++;
        }
        if (i < sql.length() && sql.charAt(i) == '\n') {
            i++;
        }
        return i;
    }

    /** {@code '/*' (BRACKETED_COMMENT | .)*? ('*' '/' | EOF)}, where a nested comment is no hint. */
    private int bracketedComment(int from) {
        int nesting = 1;
        int i = from + 2;
        while (i < sql.length()) {
            if (sql.startsWith("*/", i)) {
                i += 2;
                if (--nesting == 0) {
                    return add(Kind.COMMENT, from, i);
                }
            } else if (sql.startsWith("/*", i) && !sql.startsWith("/*+", i)) {
                nesting++;
                i += 2;
            } else {
                i++;
            }
        }
        return add(Kind.UNCLOSED_COMMENT, from, sql.length());
    }

    /**
     * The end of a string whose content starts at {@code from}, or -1 when it is not closed. In Spark 4.1 a quoted
     * string (not a raw one) also takes a doubled quote inside it; where one runs into the end of the text, the string
     * closed at the last quote that could close it, as with back-quoted names.
     */
    private int endOfString(int from, int quote, boolean escapes) {
        int lastClose = -1;
        int i = from;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (escapes && c == '\\') {
                if (i + 1 >= sql.length()) {
                    return lastClose;
                }
                i += 2;
            } else if (c == quote) {
                lastClose = i + 1;
                if (escapes && i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i += 2;
                } else {
                    return lastClose;
                }
            } else {
                i++;
            }
        }
        return lastClose;
    }

    /**
     * {@code '`' (~'`' | '``')* '`'}: the end of the longest such token, or -1 when there is none. Each back quote
     * reached between characters of the name may close it; where a doubled one runs into the end of the text, the
     * name closed at the last back quote that could close it, as the lexer's longest match does.
     */
    private int endOfQuotedName(int from) {
        int lastClose = -1;
        int i = from + 1;
        while (i < sql.length()) {
            if (sql.charAt(i) == '`') {
                lastClose = i + 1;
                if (i + 1 < sql.length() && sql.charAt(i + 1) == '`') {
                    i += 2;
                } else {
                    return lastClose;
                }
            } else {
                i++;
            }
        }
        return lastClose;
    }

    /**
     * An identifier ({@code (UNICODE_LETTER | DIGIT | '_')+}, or letters followed by {@code ://} and a path) or a
     * number, whichever is longer; a number wins at equal length, its rules being listed first.
     */
    private int wordOrNumber(int from) {
        int word = from;
        while (word < sql.length() && isIdentifierChar(sql.codePointAt(word))) {
            word += Character.charCount(sql.codePointAt(word));
        }
        int uri = uriEnd(from);
        int number = numberEnd(from);
        if (number > from && number >= Math.max(word, uri)) {
            return add(Kind.NUMBER, from, number);
        }
        if (Math.max(word, uri) > from) {
            return add(Kind.WORD, from, Math.max(word, uri));
        }
        return symbol(from, sql.codePointAt(from));
    }

    /** {@code UNICODE_LETTER+ '://' (UNICODE_LETTER | DIGIT | [_/\-.?=&#%])+}, or {@code from} when none. */
    private int uriEnd(int from) {
        int i = from;
        while (i < sql.length() && isLetter(sql.codePointAt(i))) {
            i += Character.charCount(sql.codePointAt(i));
        }
        if (i == from || !sql.startsWith("://", i)) {
            return from;
        }
        int start = i + 3;
        int end = start;
        while (end < sql.length()
                && (isIdentifierChar(sql.codePointAt(end)) || "/-.?=&#%".indexOf(sql.charAt(end)) >= 0)) {
            end += Character.charCount(sql.codePointAt(end));
        }
        return end > start ? end : from;
    }

    /**
     * The longest numeric literal at {@code from}, or {@code from}: integers with an optional {@code L}, {@code S},
     * {@code Y} suffix, and decimals and exponents with an optional {@code F}, {@code D} or {@code BD}; a literal
     * with a decimal point counts only when no letter, digit or underscore follows it ({@code isValidDecimal}).
     */
    private int numberEnd(int from) {
        int best = from;
        int integerEnd = digits(from);
        if (integerEnd > from) {
            best = integerEnd;
            if (integerEnd < sql.length() && "LSY".indexOf(upper(integerEnd)) >= 0) {
                best = integerEnd + 1;
            }
            best = Math.max(best, withExponentAndSuffix(integerEnd, false));
        }
        int decimalEnd = -1;
        if (integerEnd > from && integerEnd < sql.length() && sql.charAt(integerEnd) == '.') {
            decimalEnd = digits(integerEnd + 1);
        } else if (integerEnd == from && sql.charAt(from) == '.') {
            decimalEnd = digits(from + 1);
        }
        if (decimalEnd > 0) {
            if (isValidDecimal(decimalEnd)) {
                best = Math.max(best, decimalEnd);
            }
            best = Math.max(best, withExponentAndSuffix(decimalEnd, true));
        }
        return best;
    }

    /** After digits ending at {@code end}: the longest of EXPONENT, EXPONENT? 'F' | 'D' | 'BD'. */
    private int withExponentAndSuffix(int end, boolean decimal) {
        int best = -1;
        int exponent = exponentEnd(end);
        if (exponent > end && (!decimal || isValidDecimal(exponent))) {
            best = exponent;
        }
        for (int base : exponent > end ? new int[] {end, exponent} : new int[] {end}) {
            if (base < sql.length() && (upper(base) == 'F' || upper(base) == 'D')
                    && (!decimal || isValidDecimal(base + 1))) {
                best = Math.max(best, base + 1);
            }
            if (base + 1 < sql.length() && upper(base) == 'B' && upper(base + 1) == 'D'
                    && (!decimal || isValidDecimal(base + 2))) {
                best = Math.max(best, base + 2);
            }
        }
        return best;
    }

    /** {@code 'E' [+-]? DIGIT+} at {@code from}: its end, or {@code from} when there is none. */
    private int exponentEnd(int from) {
        if (from >= sql.length() || upper(from) != 'E') {
            return from;
        }
        int i = from + 1;
        if (i < sql.length() && (sql.charAt(i) == '+' || sql.charAt(i) == '-')) {
            i++;
        }
        int end = digits(i);
        return end > i ? end : from;
    }

    private int digits(int from) {
        int i = from;
        while (i < sql.length() && isDigit(sql.charAt(i))) {
            i++;
        }
        return i;
    }

    /** Spark's {@code isValidDecimal}: the next character, upper-cased, is no letter A-Z, digit or underscore. */
    private boolean isValidDecimal(int next) {
        if (next >= sql.length()) {
            return true;
        }
        int c = Character.toUpperCase(sql.codePointAt(next));
        return !((c >= 'A' && c <= 'Z') || isDigit(c) || c == '_');
    }

    private int upper(int index) {
        return Character.toUpperCase(sql.codePointAt(index));
    }

    private int symbol(int from, int c) {
        if (complexTypeLevel == 0 && sql.startsWith(">>", from)) {
            return add(Kind.SYMBOL, from, from + (sql.startsWith(">>>", from) ? 3 : 2));
        }
        for (String operator : OPERATORS) {
            if (sql.startsWith(operator, from)) {
                Kind kind = operator.equals("/*+") ? Kind.HINT_START
                        : operator.equals("*/") ? Kind.HINT_END : Kind.SYMBOL;
                return add(kind, from, from + operator.length());
            }
        }
        int width = Character.charCount(c);
        return add(SINGLE_SYMBOLS.indexOf(c) >= 0 ? Kind.SYMBOL : Kind.UNRECOGNIZED, from, from + width);
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    /** {@code [\p{L}]} of the upper-cased character, as Spark's stream hands it to the lexer. */
    private static boolean isLetter(int c) {
        return Character.isLetter(Character.toUpperCase(c));
    }

    private static boolean isIdentifierChar(int c) {
        return isLetter(c) || isDigit(c) || c == '_';
    }
}
