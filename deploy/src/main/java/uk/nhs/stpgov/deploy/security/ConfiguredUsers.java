package uk.nhs.stpgov.deploy.security;

import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The configured users, and for any other name a decoy with the password encoding of one of them (picked by the
 * name) and a random password nobody knows. A sign-in as an unknown user thus costs what a wrong password for a
 * known user costs, so its timing does not tell whether a name exists; Spring's own defence compares unknown users
 * against bcrypt, which is slower than a {noop} user.
 */
final class ConfiguredUsers implements UserDetailsService {
    private static final Pattern BCRYPT_COST = Pattern.compile("^\\{bcrypt}\\$2[aby]?\\$(\\d\\d)\\$");

    private final InMemoryUserDetailsManager users;
    private final List<String> decoyPasswords = new ArrayList<>();

    ConfiguredUsers(List<UserDetails> configured) {
        this.users = new InMemoryUserDetailsManager(configured);
        String secret = randomSecret();
        PasswordEncoder encoders = PasswordEncoderFactories.createDelegatingPasswordEncoder();
        for (UserDetails user : configured) {
            decoyPasswords.add(decoyPassword(user.getPassword(), secret, encoders));
        }
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        try {
            // Only the lookup: exposed as the manager, Spring would "upgrade" a {noop} password to bcrypt after the
            // first sign-in, and every later request would pay a bcrypt check (about 70 ms here).
            return users.loadUserByUsername(username);
        } catch (UsernameNotFoundException unknown) {
            if (decoyPasswords.isEmpty()) {
                throw unknown;
            }
            String password = decoyPasswords.get(Math.floorMod(username.hashCode(), decoyPasswords.size()));
            return User.withUsername(username).password(password).authorities(List.of()).build();
        }
    }

    /** The same encoding (and bcrypt cost) as {@code encoded}, of a secret no client can know. */
    static String decoyPassword(String encoded, String secret, PasswordEncoder encoders) {
        if (encoded.startsWith("{noop}")) {
            return "{noop}" + secret;
        }
        Matcher bcrypt = BCRYPT_COST.matcher(encoded);
        if (bcrypt.find()) {
            return "{bcrypt}" + new BCryptPasswordEncoder(Integer.parseInt(bcrypt.group(1))).encode(secret);
        }
        return encoders.encode(secret);
    }

    private static String randomSecret() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }
}
