package io.lakegate.engine.frontend;

import io.lakegate.engine.frontend.SqlTokens.Token;
import java.util.List;
import java.util.Set;

/**
 * The significant tokens of one statement, with the ways the readers of Spark's statement headers step through them.
 * A statement that ends where a header needs another token is unreadable, not an index out of bounds.
 */
record StatementTokens(List<Token> list) {
    /** The words a query starts with. */
    static final Set<String> QUERY_STARTS = Set.of("SELECT", "WITH", "VALUES", "TABLE", "FROM");

    boolean isEmpty() {
        return list.isEmpty();
    }

    int size() {
        return list.size();
    }

    Token get(int index) {
        return list.get(index);
    }

    /** The token at {@code index}; the statement is unreadable if it ends before. */
    Token token(int index) {
        if (index >= list.size()) {
            throw new Unreadable("the statement ends too early");
        }
        return list.get(index);
    }

    /** Whether the token at {@code index} is there and is the word {@code word}. */
    boolean isWord(int index, String word) {
        return index < list.size() && list.get(index).isWord(word);
    }

    int skipIfNotExists(int index) {
        if (token(index).isWord("IF") && token(index + 1).isWord("NOT") && token(index + 2).isWord("EXISTS")) {
            return index + 3;
        }
        return index;
    }

    int skipIfExists(int index) {
        if (token(index).isWord("IF") && token(index + 1).isWord("EXISTS")) {
            return index + 2;
        }
        return index;
    }

    /** Skips [AS] alias, unless the next word is {@code stop}; returns the index after it. */
    int skipAlias(int index, String stop) {
        int next = index;
        if (next < list.size() && list.get(next).isWord("AS")) {
            next++;
        }
        if (next < list.size() && !list.get(next).isWord(stop)
                && (list.get(next).kind() == SqlTokens.Kind.WORD
                        || list.get(next).kind() == SqlTokens.Kind.QUOTED_NAME)) {
            return next + 1;
        }
        return index;
    }

    int closingParenthesis(int open) {
        int depth = list.get(open).depth();
        for (int i = open + 1; i < list.size(); i++) {
            if (list.get(i).isSymbol(")") && list.get(i).depth() == depth) {
                return i;
            }
        }
        throw new Unreadable("unbalanced parentheses");
    }

    /** The first token of the query that follows a statement header (partition spec, column list, BY NAME). */
    int queryStart(int from) {
        for (int i = from; i < list.size(); i++) {
            Token token = list.get(i);
            if (token.depth() == 0 && (QUERY_STARTS.contains(token.upper()) || isParenthesizedQuery(i))) {
                return i;
            }
        }
        throw new Unreadable("no query found after the statement's target");
    }

    boolean isParenthesizedQuery(int index) {
        int next = index;
        while (next < list.size() && list.get(next).isSymbol("(")) {
            next++;
        }
        return next > index && next < list.size() && QUERY_STARTS.contains(list.get(next).upper());
    }

    /** The index of the token that starts at {@code offset}, or the number of tokens when none does. */
    int firstAt(int offset) {
        int low = 0;
        int high = list.size() - 1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            int tokenStart = list.get(middle).start();
            if (tokenStart == offset) {
                return middle;
            } else if (tokenStart < offset) {
                low = middle + 1;
            } else {
                high = middle - 1;
            }
        }
        return list.size();
    }
}
