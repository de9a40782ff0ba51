package io.lakegate.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakegate.common.LakegateException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PasswordFileTest {
    @TempDir
    Path directory;

    @Test
    void theToolWritesHashesThatTheFileChecksAndNeverThePassword() throws IOException {
        Path users = directory.resolve("users.passwd");
        PasswordFileTool.write(users, "alice", PasswordHashes.encoder(PasswordHashes.BCRYPT).encode("s3cret!"));
        PasswordFileTool.write(users, "bob", PasswordHashes.encoder(PasswordHashes.PBKDF2).encode("hunter2"));
        String contents = Files.readString(users);
        assertThat(contents).contains("alice:{bcrypt}$2a$12$", "bob:{pbkdf2}").doesNotContain("s3cret!", "hunter2");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(users))).isEqualTo("rw-------");

        PasswordFile file = PasswordFile.open(users);
        assertThat(file.authenticate("alice", "s3cret!")).contains(Identity.of("alice"));
        assertThat(file.authenticate("bob", "hunter2")).contains(Identity.of("bob"));
        assertThat(file.authenticate("alice", "hunter2")).isEmpty();
        assertThat(file.authenticate("alice", "")).isEmpty();
        assertThat(file.authenticate("carol", "s3cret!")).isEmpty();
    }

    @Test
    void aChangedPasswordTakesEffectWithoutARestart() throws IOException {
        Path users = directory.resolve("users.passwd");
        PasswordFileTool.write(users, "alice", PasswordHashes.encoder(PasswordHashes.BCRYPT).encode("old"));
        PasswordFile file = PasswordFile.open(users);
        assertThat(file.authenticate("alice", "old")).isPresent();

        assertThat(PasswordFileTool.write(users, "alice", PasswordHashes.encoder(PasswordHashes.BCRYPT).encode("new")))
                .as("alice was there already").isFalse();
        assertThat(Files.readAllLines(users)).hasSize(1);
        assertThat(file.authenticate("alice", "old")).isEmpty();
        assertThat(file.authenticate("alice", "new")).isPresent();
    }

    @Test
    void aLineThatIsNoSaltedHashIsRefusedWithoutShowingIt() throws IOException {
        for (String line : List.of("alice:plaintext-password", "alice:{noop}plaintext-password", "alice",
                "al ice:{bcrypt}$2a$12$abc", ":{bcrypt}$2a$12$abc")) {
            Path users = Files.writeString(directory.resolve("bad"), "# users\n" + line + "\n");
            assertThatThrownBy(() -> PasswordFile.open(users), line)
                    .isInstanceOf(LakegateException.class)
                    .hasMessageContaining("Line 2 of the users file")
                    .message().doesNotContain("plaintext-password");
        }
    }

    @Test
    void aDamagedHashMatchesNothing() throws IOException {
        Path users = Files.writeString(directory.resolve("users"), "alice:{bcrypt}not-a-bcrypt-hash\n");
        assertThat(PasswordFile.open(users).authenticate("alice", "not-a-bcrypt-hash")).isEmpty();
    }

    @Test
    void theToolReadsThePasswordFromStandardInputAndRefusesBadArguments() throws IOException {
        Path users = directory.resolve("conf").resolve("users.passwd");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        var stdin = System.in;
        try {
            System.setIn(new java.io.ByteArrayInputStream("from-stdin\n".getBytes(StandardCharsets.UTF_8)));
            assertThat(PasswordFileTool.run(List.of(users.toString(), "carol"), print(out), print(err))).isZero();
        } finally {
            System.setIn(stdin);
        }
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Added carol");
        assertThat(PasswordFile.open(users).authenticate("carol", "from-stdin")).isPresent();

        assertThat(PasswordFileTool.run(List.of(users.toString()), print(out), print(err))).isEqualTo(2);
        assertThat(PasswordFileTool.run(List.of(users.toString(), "a:b"), print(out), print(err))).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage: lakegate-passwd", "no spaces, ':' or '#'");
    }

    private static PrintStream print(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }
}
