package io.lakegate.engine.policy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Writes policies in Ranger Admin's download format ({@code ServicePolicies}), as an export from a real Ranger would
 * hold them, for tests that need a policy file. Each write is a new policy version, replaced atomically.
 */
final class RangerPolicyFile {
    static final String SERVICE = "lakegate";

    private final Path file;
    private final List<String> policies = new ArrayList<>();
    private long version;
    private int nextId = 1;

    RangerPolicyFile(Path file) {
        this.file = file;
    }

    /** An access policy that allows {@code accesses} on database/table/column to the groups. */
    RangerPolicyFile allow(String database, String table, String column, List<String> groups, String... accesses) {
        return access(database, table, column, groups, List.of(), accesses);
    }

    /** An access policy with allow items for the groups and deny items for the denied groups. */
    RangerPolicyFile access(String database, String table, String column, List<String> groups,
            List<String> deniedGroups, String... accesses) {
        String items = item(groups, accesses, "");
        String denies = deniedGroups.isEmpty() ? "" : item(deniedGroups, accesses, "");
        policies.add(policy(0, resources(database, table, column), "\"policyItems\":[" + items + "],"
                + "\"denyPolicyItems\":[" + denies + "]"));
        return this;
    }

    /** A row-filter policy on a table for the groups. */
    RangerPolicyFile rowFilter(String database, String table, List<String> groups, String filter) {
        String item = item(groups, new String[] {"select"}, ",\"rowFilterInfo\":{\"filterExpr\":" + json(filter)
                + "}");
        policies.add(policy(2, resources(database, table, null), "\"rowFilterPolicyItems\":[" + item + "]"));
        return this;
    }

    /** A data-mask policy on one column for the groups. */
    RangerPolicyFile mask(String database, String table, String column, List<String> groups, String type,
            String valueExpr) {
        String item = item(groups, new String[] {"select"}, ",\"dataMaskInfo\":{\"dataMaskType\":" + json(type)
                + (valueExpr == null ? "" : ",\"valueExpr\":" + json(valueExpr)) + "}");
        policies.add(policy(1, resources(database, table, column), "\"dataMaskPolicyItems\":[" + item + "]"));
        return this;
    }

    RangerPolicyFile clear() {
        policies.clear();
        return this;
    }

    /** Writes the file, replacing the one before in one step. */
    void write() {
        version++;
        String text = "{\"serviceName\":\"" + SERVICE + "\",\"serviceId\":1,\"policyVersion\":" + version
                + ",\"policyUpdateTime\":" + System.currentTimeMillis() + ",\"policies\":["
                + String.join(",", policies) + "]}";
        try {
            Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(temporary, text, StandardCharsets.UTF_8);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String policy(int type, String resources, String items) {
        int id = nextId++;
        return "{\"id\":" + id + ",\"guid\":\"policy-" + id + "\",\"isEnabled\":true,\"version\":1,\"service\":\""
                + SERVICE + "\",\"name\":\"policy " + id + "\",\"policyType\":" + type
                + ",\"policyPriority\":0,\"isAuditEnabled\":true,\"resources\":" + resources + "," + items + "}";
    }

    private static String resources(String database, String table, String column) {
        StringBuilder text = new StringBuilder("{\"database\":" + values(database) + ",\"table\":" + values(table));
        if (column != null) {
            text.append(",\"column\":").append(values(column));
        }
        return text.append('}').toString();
    }

    private static String values(String value) {
        return "{\"values\":[" + json(value) + "],\"isExcludes\":false,\"isRecursive\":false}";
    }

    private static String item(List<String> groups, String[] accesses, String extra) {
        String accessList = List.of(accesses).stream()
                .map(access -> "{\"type\":" + json(access) + ",\"isAllowed\":true}")
                .collect(Collectors.joining(","));
        String groupList = groups.stream().map(RangerPolicyFile::json).collect(Collectors.joining(","));
        return "{\"accesses\":[" + accessList + "],\"users\":[],\"groups\":[" + groupList
                + "],\"roles\":[],\"conditions\":[],\"delegateAdmin\":false" + extra + "}";
    }

    static String json(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                default -> out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
