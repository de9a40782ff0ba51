package io.lakegate.cluster.runtime;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * What the gateway approved for one execution, as the cluster's plan check reads it, and its wire form: a Spark
 * Connect operation tag of the {@code ExecutePlanRequest}. Pure Java, so that the gateway (which has no Spark on its
 * classpath) and the cluster share one encoding.
 *
 * <p>Why an operation tag: Spark Connect turns each tag of the request into a job tag of the execution thread (a
 * thread-local property) before it parses or analyses the plan, so the plan check sees it at analysis time. SQL has
 * no way to read or set job tags, and only the gateway, which holds the cluster's token, can send requests. A
 * session setting instead would be readable with {@code SET} and settable by a user's statement.
 *
 * <p>The tag is {@value #TAG_PREFIX} followed by the base64url text of lines: {@code v1}, then {@code unrestricted},
 * or {@code nonce <n>} and one {@code read <table>}, {@code written <table>}, {@code protected <table>}, {@code
 * described <table>} line for each fully qualified, lower-case name. base64url has no comma (which Spark forbids in tags) and no colon, so the last
 * colon of a job tag that holds the prefix starts the payload, whatever Spark writes before it.
 *
 * @param unrestricted true when nothing is checked (admins, or a user without policies)
 * @param nonce random per execution; the gateway's rewrite aliases each protected table {@link #nonceAlias()}
 * @param read the tables and views the gateway approved for reading
 * @param written the tables the gateway approved as write targets
 * @param protectedTables the tables with a row filter, a mask or a column restriction for the user
 * @param described the tables and views whose description (DESCRIBE, SHOW CREATE TABLE, SHOW COLUMNS, ...) the
 *     gateway approved: readable, with no column the user may not read
 */
public record Approval(
        boolean unrestricted, String nonce, Set<String> read, Set<String> written, Set<String> protectedTables,
        Set<String> described) {
    /** Marks the job tag that carries an approval. */
    public static final String TAG_PREFIX = "lakegate-approval:";
    /** The prefix of the alias that the gateway's rewrite gives each protected table. */
    public static final String NONCE_ALIAS_PREFIX = "__lakegate_";
    private static final String VERSION = "v1";
    private static final Pattern NONCE = Pattern.compile("[0-9a-z]{8,64}");

    public Approval {
        requireNonNull(nonce, "nonce is null");
        read = normalized(read);
        written = normalized(written);
        protectedTables = normalized(protectedTables);
        described = normalized(described);
        if (!unrestricted && !NONCE.matcher(nonce).matches()) {
            throw new IllegalArgumentException("A restricted approval needs a nonce of 8 to 64 lower-case letters "
                    + "and digits");
        }
    }

    public static Approval unrestrictedApproval() {
        return new Approval(true, "", Set.of(), Set.of(), Set.of(), Set.of());
    }

    /** The alias, {@code __lakegate_<nonce>}, under which a protected table may be read. */
    public String nonceAlias() {
        return NONCE_ALIAS_PREFIX + nonce;
    }

    /** The operation tag that carries this approval. */
    public String toTag() {
        StringBuilder text = new StringBuilder(VERSION).append('\n');
        if (unrestricted) {
            text.append("unrestricted\n");
        } else {
            text.append("nonce ").append(nonce).append('\n');
            read.forEach(name -> text.append("read ").append(name).append('\n'));
            written.forEach(name -> text.append("written ").append(name).append('\n'));
            protectedTables.forEach(name -> text.append("protected ").append(name).append('\n'));
            described.forEach(name -> text.append("described ").append(name).append('\n'));
        }
        return TAG_PREFIX + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(text.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The approval in a tag, or in a job tag that ends with one (Spark prefixes the operation tags it makes job tags
     * of); empty when the text holds no approval.
     *
     * @throws IllegalArgumentException when the text holds an approval that does not decode
     */
    public static Optional<Approval> fromTag(String tag) {
        int prefix = tag.lastIndexOf(TAG_PREFIX);
        if (prefix < 0) {
            return Optional.empty();
        }
        String text;
        try {
            text = new String(Base64.getUrlDecoder().decode(tag.substring(prefix + TAG_PREFIX.length())),
                    StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("The approval is not base64url", e);
        }
        String[] lines = text.split("\n");
        if (lines.length < 2 || !lines[0].equals(VERSION)) {
            throw new IllegalArgumentException("The approval is not of version " + VERSION);
        }
        if (lines.length == 2 && lines[1].equals("unrestricted")) {
            return Optional.of(unrestrictedApproval());
        }
        String nonce = null;
        Set<String> read = new TreeSet<>();
        Set<String> written = new TreeSet<>();
        Set<String> protectedTables = new TreeSet<>();
        Set<String> described = new TreeSet<>();
        for (int i = 1; i < lines.length; i++) {
            int space = lines[i].indexOf(' ');
            if (space < 0) {
                throw new IllegalArgumentException("The approval has a line without a value");
            }
            String value = lines[i].substring(space + 1);
            switch (lines[i].substring(0, space)) {
                case "nonce" -> nonce = value;
                case "read" -> read.add(value);
                case "written" -> written.add(value);
                case "protected" -> protectedTables.add(value);
                case "described" -> described.add(value);
                default -> throw new IllegalArgumentException("The approval has an unknown line");
            }
        }
        if (nonce == null) {
            throw new IllegalArgumentException("The approval has no nonce");
        }
        return Optional.of(new Approval(false, nonce, read, written, protectedTables, described));
    }

    private static Set<String> normalized(Set<String> names) {
        Set<String> result = new TreeSet<>();
        for (String name : names) {
            if (name.isBlank() || name.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("Not a table name: '" + name + "'");
            }
            result.add(name.toLowerCase(Locale.ROOT));
        }
        return Set.copyOf(result);
    }
}
