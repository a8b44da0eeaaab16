package uk.nhs.stpgov.command.web;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The five CSV imports: each one's columns (its template's header, in order), the ones a file must have, and the
 * template's example row. One list serves the template and the import, so a file may name exactly the template's
 * columns and no other. The example rows tell one story: imported in this order into a new partnership, each one is
 * valid (its bodies were members on its day, the ratification's decision exists).
 */
public enum ImportKind {
    MEMBERS("members", List.of("odsCode", "name", "sector", "statutory", "joinedOn"),
            List.of("odsCode", "name", "sector", "joinedOn"),
            "01H,NHS North Cumbria CCG,CCG,true,2016-03-01"),
    FORUMS("forums", List.of("id", "name", "kind", "memberOdsCodes", "themes", "establishedOn"),
            List.of("name", "kind", "memberOdsCodes", "themes"),
            ",North Cumbria Partnership Board,PARTNERSHIP_BOARD,01H,DECISIONS FINANCE RISK,2016-05-05"),
    DECISIONS("decisions", List.of("id", "reference", "title", "theme", "forumId", "serviceChangeId",
            "decidingOdsCodes", "positions", "outcome", "rationale", "decidedOn", "supersedes"),
            List.of("title", "theme", "outcome", "decidedOn"),
            ",JC/2017/007,Agree the system control total for 2017/18,FINANCE,,,01H,01H:SUPPORTS,"
                    + "APPROVED,Within the financial envelope,2017-03-30,"),
    RATIFICATIONS("ratifications", List.of("decisionId", "decisionReference", "odsCode", "ratifiedOn", "declined",
            "reason"),
            List.of("odsCode", "ratifiedOn"),
            ",JC/2017/007,01H,2017-04-12,false,"),
    ACCOUNTABILITIES("accountabilities", List.of("id", "subjectType", "subjectRef", "role", "odsCode", "post",
            "personName", "effectiveFrom", "reviewBy", "joint"),
            List.of("subjectType", "subjectRef", "role", "odsCode", "post", "effectiveFrom"),
            ",THEME,FINANCE,ACCOUNTABLE,01H,Chief Finance Officer,Siobhan O'Neill,2017-04-01,2018-03-31,false");

    private final String path;
    private final List<String> columns;
    private final List<String> required;
    private final String example;

    ImportKind(String path, List<String> columns, List<String> required, String example) {
        this.path = path;
        this.columns = columns;
        this.required = required;
        this.example = example;
    }

    /** As in the URL: {@code /imports/{path}}. */
    public String path() {
        return path;
    }

    public List<String> columns() {
        return columns;
    }

    public List<String> required() {
        return required;
    }

    /** The header row, as the template has it. */
    public String header() {
        return String.join(",", columns);
    }

    public String template() {
        return header() + "\n" + example + "\n";
    }

    public static Optional<ImportKind> named(String path) {
        return Arrays.stream(values()).filter(kind -> kind.path.equals(path)).findFirst();
    }
}
