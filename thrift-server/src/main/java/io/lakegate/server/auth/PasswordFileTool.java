package io.lakegate.server.auth;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code bin/lakegate-passwd}: adds a user to the FILE authentication's users file, or changes a user's password. The
 * password is read from the terminal without echo (twice), or from standard input's first line when that is no
 * terminal, so scripts never put it on a command line. The file is replaced in one rename and readable by its owner
 * alone; a running server picks the change up.
 */
public final class PasswordFileTool {
    private static final String USAGE = "usage: lakegate-passwd [--pbkdf2] <users-file> <user>";

    private PasswordFileTool() {}

    public static void main(String[] args) {
        System.exit(run(List.of(args), System.out, System.err));
    }

    public static int run(List<String> args, PrintStream out, PrintStream err) {
        List<String> positional = new ArrayList<>(args);
        boolean pbkdf2 = positional.remove("--pbkdf2");
        if (positional.size() != 2 || positional.stream().anyMatch(arg -> arg.startsWith("-"))) {
            err.println(USAGE);
            return 2;
        }
        Path file = Path.of(positional.get(0));
        String user = positional.get(1);
        if (!PasswordFile.USER.matcher(user).matches()) {
            err.println("lakegate-passwd: a user name has no spaces, ':' or '#', and at most 256 characters");
            return 2;
        }
        try {
            char[] password = readPassword(user);
            if (password.length == 0) {
                err.println("lakegate-passwd: the password is empty; nothing was changed");
                return 1;
            }
            String hash = PasswordHashes.encoder(pbkdf2 ? PasswordHashes.PBKDF2 : PasswordHashes.BCRYPT)
                    .encode(new String(password));
            Arrays.fill(password, '\0');
            boolean added = write(file, user, hash);
            out.println((added ? "Added " : "Changed the password of ") + user + " in " + file);
            return 0;
        } catch (IOException | IllegalStateException e) {
            err.println("lakegate-passwd: " + e.getMessage());
            return 1;
        }
    }

    private static char[] readPassword(String user) throws IOException {
        Console console = System.console();
        if (console == null) {
            String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            return line == null ? new char[0] : line.toCharArray();
        }
        char[] first = console.readPassword("Password for %s: ", user);
        char[] second = console.readPassword("Again: ");
        if (first == null || !Arrays.equals(first, second)) {
            throw new IllegalStateException("the passwords differ; nothing was changed");
        }
        Arrays.fill(second, '\0');
        return first;
    }

    /** Replaces the user's line, or adds one; true when the user is new. */
    static boolean write(Path file, String user, String hash) throws IOException {
        List<String> lines = Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
        List<String> kept = new ArrayList<>();
        boolean replaced = false;
        for (String line : lines) {
            if (line.strip().startsWith(user + ":")) {
                if (!replaced) {
                    kept.add(user + ":" + hash);
                }
                replaced = true;
            } else {
                kept.add(line);
            }
        }
        if (!replaced) {
            kept.add(user + ":" + hash);
        }
        Path absolute = file.toAbsolutePath();
        Files.createDirectories(absolute.getParent());
        Path temporary = Files.createTempFile(absolute.getParent(), ".lakegate-passwd", ".tmp");
        try {
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
            }
            Files.write(temporary, kept, StandardCharsets.UTF_8);
            try {
                Files.move(temporary, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
        return !replaced;
    }
}
