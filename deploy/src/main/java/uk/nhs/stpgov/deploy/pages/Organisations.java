package uk.nhs.stpgov.deploy.pages;

import java.util.Comparator;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A partnership's organisations by ODS code (name by code), and its forums by id, for showing names rather than
 * codes. It keeps the one
 * pattern that finds its codes in the API's sentences, compiled when first asked for, so a page that explains many
 * gaps compiles it once, not once per sentence.
 */
final class Organisations extends java.util.LinkedHashMap<String, String> {
    private transient Pattern codes;
    private transient int compiledFor = -1;

    Organisations() {
    }

    Organisations(Map<String, String> names) {
        super(names);
    }

    /** Every code as a whole word, longest first (a code inside another code or word stays as it is). */
    Pattern codes() {
        // Codes are only added (another holder's organisation in the matrix's columns): a new size means new codes.
        if (codes == null || compiledFor != size()) {
            codes = compile(keySet());
            compiledFor = size();
        }
        return codes;
    }

    static Pattern compile(Set<String> odsCodes) {
        return Pattern.compile("(?<![A-Za-z0-9])(" + odsCodes.stream().sorted(Comparator.comparing(String::length)
                .reversed()).map(Pattern::quote).collect(Collectors.joining("|")) + ")(?![A-Za-z0-9])");
    }
}
