package io.lakegate.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakegate.common.LakegateException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UsersFileTest {
    @TempDir
    Path dir;

    @Test
    void readsGroupsCommentsAndBlankLines() throws IOException {
        Path file = dir.resolve("users");
        Files.writeString(file, """
                # who is in which group

                alice: analysts, finance   # two groups
                  bob :auditors
                carol:
                alice: readers
                """);
        UsersFile users = UsersFile.open(file);
        assertThat(users.groups("alice")).containsExactlyInAnyOrder("analysts", "finance", "readers");
        assertThat(users.groups("bob")).containsExactly("auditors");
        assertThat(users.groups("carol")).isEmpty();
        assertThat(users.groups("dave")).isEmpty();
    }

    @Test
    void badLinesAreNamedByNumber() throws IOException {
        Path file = dir.resolve("users");
        Files.writeString(file, "alice: analysts\n\nbob auditors\n");
        assertThatThrownBy(() -> UsersFile.open(file)).isInstanceOf(LakegateException.class)
                .hasMessageContaining("Line 3 of the users file").hasMessageContaining("bob auditors");
        Files.writeString(file, "alice: analysts,, finance\n");
        assertThatThrownBy(() -> UsersFile.open(file)).hasMessageContaining("Line 1 ");
        assertThatThrownBy(() -> UsersFile.open(dir.resolve("missing"))).isInstanceOf(LakegateException.class)
                .hasMessageContaining("does not exist");
    }

    @Test
    void changesAreSeenAndABadVersionKeepsTheLastGood() throws IOException {
        Path file = dir.resolve("users");
        Files.writeString(file, "alice: analysts\n");
        UsersFile users = UsersFile.open(file);
        assertThat(users.groups("alice")).containsExactly("analysts");
        Files.writeString(file, "alice: auditors\nbob: analysts\n");
        assertThat(users.groups("alice")).containsExactly("auditors");
        assertThat(users.groups("bob")).containsExactly("analysts");
        Files.writeString(file, "alice auditors\n");
        assertThat(users.groups("alice")).containsExactly("auditors");
        assertThat(users.groups("bob")).containsExactly("analysts");
    }
}
