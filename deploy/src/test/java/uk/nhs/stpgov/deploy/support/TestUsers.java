package uk.nhs.stpgov.deploy.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The users every test application starts with, one per role, and their passwords for {@link Api}. Two programme
 * offices have partnerships of their own so tests can show one cannot touch the other's.
 */
public final class TestUsers {
    public static final String ADMIN = "admin";
    public static final String OFFICE_NC = "office-nc";
    public static final String OFFICE_KENT = "office-kent";
    public static final String AUDITOR = "audit";
    public static final String READER = "reader";

    /** username → {password as configured, plain password, roles, partnerships}. */
    private static final Map<String, String[]> USERS = new LinkedHashMap<>();

    static {
        USERS.put(ADMIN, new String[]{"{noop}admin-pw", "admin-pw", "ADMIN", ""});
        USERS.put(OFFICE_NC, new String[]{"{noop}nc-pw", "nc-pw", "PROGRAMME_OFFICE", "north-cumbria,north-cumbria-2"});
        USERS.put(OFFICE_KENT, new String[]{"{noop}kent-pw", "kent-pw", "PROGRAMME_OFFICE", "kent-medway"});
        // bcrypt of "audit-pw" (cost 4, cheap for tests): proves encoded passwords work.
        USERS.put(AUDITOR, new String[]{"{bcrypt}$2a$04$TcGuu.lTdkODv.8rYt2m8.hxtAO4en0NT9GGxYcZPOxOIDEc3ny4q",
                "audit-pw", "AUDITOR", ""});
        USERS.put(READER, new String[]{"{noop}reader-pw", "reader-pw", "READER", ""});
    }

    private TestUsers() {
    }

    public static String password(String username) {
        String[] user = USERS.get(username);
        if (user == null) {
            throw new IllegalArgumentException("No test user " + username);
        }
        return user[1];
    }

    /** {@code key=value} pairs configuring the users. */
    public static List<String> properties() {
        List<String> properties = new ArrayList<>();
        int i = 0;
        for (Map.Entry<String, String[]> user : USERS.entrySet()) {
            String prefix = "stpgov.security.users[" + i++ + "].";
            properties.add(prefix + "username=" + user.getKey());
            properties.add(prefix + "password=" + user.getValue()[0]);
            properties.add(prefix + "roles=" + user.getValue()[2]);
            if (!user.getValue()[3].isEmpty()) {
                properties.add(prefix + "partnerships=" + user.getValue()[3]);
            }
        }
        return properties;
    }

    /** The same as {@code --key=value} command-line arguments. */
    public static List<String> arguments() {
        return properties().stream().map(p -> "--" + p).toList();
    }
}
