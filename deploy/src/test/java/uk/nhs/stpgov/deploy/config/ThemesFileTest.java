package uk.nhs.stpgov.deploy.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.DefaultResourceLoader;
import uk.nhs.stpgov.events.ThemeCode;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code stpgov.themes-file} takes a path as README writes it, or a resource location (a bare path stopped the start). */
class ThemesFileTest {
    private final ReferenceDataConfiguration configuration = new ReferenceDataConfiguration();

    @Test
    void aPathOrAFileLocationReplacesTheBuiltInThemes(@TempDir Path dir) throws IOException {
        String builtIn;
        try (InputStream in = getClass().getResourceAsStream("/themes.yml")) {
            builtIn = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String title = configuration.themeCatalog("classpath:themes.yml", new DefaultResourceLoader())
                .title(ThemeCode.RISK);
        Path file = dir.resolve("themes.yml");
        Files.writeString(file, builtIn.replace(title, "Risk, shared"));

        for (String location : new String[]{file.toString(), "file:" + file}) {
            assertThat(configuration.themeCatalog(location, new DefaultResourceLoader()).title(ThemeCode.RISK))
                    .as(location).isEqualTo("Risk, shared");
        }
        assertThatThrownBy(() -> configuration.themeCatalog(dir.resolve("missing.yml").toString(),
                new DefaultResourceLoader())).hasMessageContaining("no file at");
    }
}
