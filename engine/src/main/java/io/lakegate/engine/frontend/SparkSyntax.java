package io.lakegate.engine.frontend;

import io.lakegate.engine.frontend.SqlTokens.Kind;
import io.lakegate.engine.frontend.SqlTokens.Token;
import java.util.List;
import java.util.Set;

/**
 * Spark SQL's operators, literals and functions that Calcite reads otherwise or not at all, given same-length
 * stand-ins in the neutral text that use the same columns and name the same tables: {@code a == b} becomes {@code a
 * =  b}, {@code !x} becomes {@code -x}, {@code a DIV b} becomes {@code a  /  b}, {@code a REGEXP b} becomes {@code a
 * RLIKE  b}, a number's type suffix ({@code 1.5D}, {@code 2BD}) becomes digits, and a function that Calcite reserves
 * as a keyword ({@code exists(array, x -> ...)}, {@code any(x)}, {@code window(...)}, {@code uuid()}) gets a name of
 * its own. The analysis only reads names from the text, so a stand-in that would compute something else does not
 * matter; one that Calcite then cannot parse is a refusal, never a table missed.
 */
final class SparkSyntax {
    /** Keywords of Calcite that are also Spark function names, read as the function before a parenthesis. */
    private static final Set<String> KEYWORD_FUNCTIONS = Set.of("EXISTS", "ANY", "WINDOW", "UUID");
    /** Words after which {@code ANY (} is Spark's quantified pattern ({@code LIKE ANY ('a%', 'b%')}). */
    private static final Set<String> PATTERN_WORDS = Set.of("LIKE", "ILIKE", "RLIKE", "REGEXP");
    /** Words that end no operand: a word operator after one of them is a column's name. */
    private static final Set<String> NO_OPERAND = Set.of("SELECT", "WHERE", "HAVING", "BY", "AND", "OR", "ON",
            "WHEN", "THEN", "ELSE", "CASE", "DISTINCT", "ALL", "AS", "SET");

    private SparkSyntax() {}

    /** Writes the stand-ins into {@code text}; {@code tokens} are the tokens Spark reads, in order. */
    static void standIns(char[] text, List<Token> tokens) {
        for (int i = 0; i < tokens.size(); i++) {
            Token token = tokens.get(i);
            if (token.isSymbol("==")) {
                text[token.start() + 1] = ' ';
            } else if (token.isSymbol("!")) {
                text[token.start()] = '-';
            } else if (token.kind() == Kind.NUMBER) {
                for (int c = token.end() - 1; c > token.start() && Character.isLetter(text[c]); c--) {
                    text[c] = '0';
                }
            } else if (isInfix(tokens, i, "DIV")) {
                replace(text, token, " / ");
            } else if (isInfix(tokens, i, "REGEXP")) {
                replace(text, token, "RLIKE ");
            } else if (isKeywordFunction(tokens, i)) {
                text[token.start()] = 'x';
            }
        }
    }

    /** A word used as an infix operator: an operand ends before it and one starts after it. */
    private static boolean isInfix(List<Token> tokens, int index, String word) {
        if (!tokens.get(index).isWord(word) || index == 0 || index + 1 >= tokens.size()) {
            return false;
        }
        Token before = tokens.get(index - 1);
        Token after = tokens.get(index + 1);
        boolean operandEnds = before.isName() && !NO_OPERAND.contains(before.upper()) || before.kind() == Kind.NUMBER || before.kind() == Kind.STRING
                || before.isSymbol(")") || before.isSymbol("]");
        boolean operandStarts = after.isName() || after.kind() == Kind.NUMBER || after.kind() == Kind.STRING
                || after.isSymbol("(") || after.isSymbol("-") || after.isSymbol("+");
        return operandEnds && operandStarts;
    }

    /**
     * A Spark function whose name Calcite reserves: the keyword before {@code (}, unless a query follows the
     * parentheses (then Spark reads the predicate, {@code EXISTS (SELECT ...)}) or a pattern word precedes it.
     */
    private static boolean isKeywordFunction(List<Token> tokens, int index) {
        Token token = tokens.get(index);
        if (token.kind() != Kind.WORD || !KEYWORD_FUNCTIONS.contains(token.upper())
                || index + 1 >= tokens.size() || !tokens.get(index + 1).isSymbol("(")) {
            return false;
        }
        if (index > 0 && PATTERN_WORDS.contains(tokens.get(index - 1).upper())) {
            return false;
        }
        int next = index + 1;
        while (next < tokens.size() && tokens.get(next).isSymbol("(")) {
            next++;
        }
        return next < tokens.size() && !StatementTokens.QUERY_STARTS.contains(tokens.get(next).upper());
    }

    private static void replace(char[] text, Token token, String standIn) {
        for (int i = 0; i < standIn.length(); i++) {
            text[token.start() + i] = standIn.charAt(i);
        }
    }
}
