package io.lakegate.engine.policy;

import io.lakegate.common.Settings;
import io.lakegate.engine.Engine;
import io.lakegate.engine.SharedEngine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One engine with Ranger policies from a file, shared by the policy test classes of a test JVM: {@code
 * @ExtendWith(PolicedEngine.class)} and a {@link Policed} argument. The users file puts alice in {@code analysts},
 * bob in {@code owners}, dave in {@code staff} and erin in {@code analysts} and {@code writers}; carol is in no group
 * but Ranger's {@code public}; {@code admin} is an administrator.
 */
public final class PolicedEngine implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(PolicedEngine.class);
    private static final Path DATA_DIR = Path.of("target", "policy-it-data").toAbsolutePath();

    /** The engine and the files its policies come from. */
    public record Policed(Engine engine, RangerPolicyFile policies, Path auditLog) implements AutoCloseable {
        @Override
        public void close() {
            engine.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Policed.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(Policed.class, key -> start(),
                Policed.class);
    }

    private static Policed start() {
        SharedEngine.deleteRecursively(DATA_DIR);
        try {
            Files.createDirectories(DATA_DIR);
            Path users = DATA_DIR.resolve("users");
            Files.writeString(users, """
                    # user: groups
                    alice: analysts
                    bob: owners
                    dave: staff
                    erin: analysts, writers
                    """);
            Path policyFile = DATA_DIR.resolve("policies.json");
            RangerPolicyFile policies = new RangerPolicyFile(policyFile);
            policies.write();
            Path auditLog = DATA_DIR.resolve("audit.jsonl");
            Map<String, String> settings = new HashMap<>(SharedEngine.clusterSettings(DATA_DIR));
            settings.putAll(Map.of(
                    "lakegate.policy.file", policyFile.toString(),
                    "lakegate.policy.users-file", users.toString(),
                    "lakegate.policy.admin-users", "admin",
                    "lakegate.policy.audit.path", auditLog.toString()));
            Engine engine = Engine.start(Settings.of(settings));
            engine.warmUp();
            return new Policed(engine, policies, auditLog);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
