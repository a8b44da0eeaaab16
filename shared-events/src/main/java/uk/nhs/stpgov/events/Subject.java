package uk.nhs.stpgov.events;

import java.util.Objects;

/** What an accountability is for: a theme (ref = theme code), a service change or a decision (ref = its id). */
public record Subject(SubjectType type, String ref) {
    public Subject {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(ref, "ref");
    }

    public static Subject theme(ThemeCode theme) {
        return new Subject(SubjectType.THEME, theme.name());
    }

    @Override
    public String toString() {
        return type + ":" + ref;
    }
}
