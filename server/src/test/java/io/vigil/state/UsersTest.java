package io.vigil.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UsersTest {
    @TempDir
    Path dir;

    @Test
    void generatesTheAdminPasswordOnceAppendsItToCredentialsAndStoresOnlyAHash() throws Exception {
        Files.writeString(dir.resolve("credentials"), "VIGIL_API_TOKEN=vga_x\n");
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        Users users = Users.open(dir, Map.of(), new PrintStream(console, true, StandardCharsets.UTF_8));

        String credentials = Files.readString(dir.resolve("credentials"));
        assertThat(credentials).startsWith("VIGIL_API_TOKEN=vga_x\n").contains(Users.PASSWORD_ENV + "=");
        String password = credentials.lines().filter(l -> l.startsWith(Users.PASSWORD_ENV)).findFirst().orElseThrow()
                .substring(Users.PASSWORD_ENV.length() + 1);
        assertThat(console.toString(StandardCharsets.UTF_8)).contains(password);
        assertThat(users.authenticate("admin", password)).get().extracting(Users.User::role).isEqualTo(Users.Role.ADMIN);
        assertThat(users.authenticate("admin", password + "x")).isEmpty();
        assertThat(users.authenticate("nobody", password)).isEmpty();
        String stored = Files.readString(dir.resolve("state/users.json"));
        assertThat(stored).doesNotContain(password).contains("$2a$12$");

        ByteArrayOutputStream again = new ByteArrayOutputStream();
        Users reopened = Users.open(dir, Map.of(), new PrintStream(again, true, StandardCharsets.UTF_8));
        assertThat(again.size()).as("printed once only").isZero();
        assertThat(reopened.authenticate("admin", password)).isPresent();
    }

    @Test
    void takesTheAdminPasswordFromTheEnvironmentWithoutWritingIt() throws Exception {
        Users users = Users.open(dir, Map.of(Users.PASSWORD_ENV, "from the environment"), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        assertThat(users.authenticate("admin", "from the environment")).isPresent();
        assertThat(dir.resolve("credentials")).doesNotExist();
    }
}
