package uk.nhs.stpgov.deploy.security;

import org.junit.jupiter.api.Test;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** An unknown user is checked like a known one with a wrong password: same encoding, same bcrypt cost. */
class ConfiguredUsersTest {
    private final PasswordEncoder encoders = PasswordEncoderFactories.createDelegatingPasswordEncoder();

    @Test
    void anUnknownUserGetsADecoyWithTheEncodingOfAConfiguredUser() {
        UserDetails bcrypt = User.withUsername("audit")
                .password("{bcrypt}$2a$06$TcGuu.lTdkODv.8rYt2m8.hxtAO4en0NT9GGxYcZPOxOIDEc3ny4q").roles("AUDITOR").build();
        ConfiguredUsers users = new ConfiguredUsers(List.of(bcrypt));

        UserDetails decoy = users.loadUserByUsername("nobody");

        assertThat(decoy.getPassword()).startsWith("{bcrypt}$2a$06$");
        assertThat(decoy.getAuthorities()).isEmpty();
        assertThat(encoders.matches("", decoy.getPassword())).isFalse();
        assertThat(users.loadUserByUsername("audit").getPassword()).isEqualTo(bcrypt.getPassword());
    }

    @Test
    void plainPasswordsGetAPlainDecoy() {
        UserDetails plain = User.withUsername("admin").password("{noop}admin-pw").roles("ADMIN").build();
        ConfiguredUsers users = new ConfiguredUsers(List.of(plain));

        String decoy = users.loadUserByUsername("admin2").getPassword();

        assertThat(decoy).startsWith("{noop}").isNotEqualTo("{noop}admin-pw");
        assertThat(encoders.matches("admin-pw", decoy)).isFalse();
    }
}
