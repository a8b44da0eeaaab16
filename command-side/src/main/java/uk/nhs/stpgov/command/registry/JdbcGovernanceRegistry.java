package uk.nhs.stpgov.command.registry;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import uk.nhs.stpgov.events.DecisionStatus;
import uk.nhs.stpgov.events.Subject;
import uk.nhs.stpgov.events.ThemeCode;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

@Component
class JdbcGovernanceRegistry implements GovernanceRegistry, RecordOwners {
    private final JdbcClient jdbc;

    JdbcGovernanceRegistry(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean partnershipExists(String partnershipId) {
        return jdbc.sql("SELECT count(*) FROM cmd_partnership WHERE partnership_id = ?")
                .param(partnershipId).query(Integer.class).single() > 0;
    }

    @Override
    public Optional<Member> member(String partnershipId, String odsCode) {
        return jdbc.sql("SELECT ods_code, statutory, current FROM cmd_member WHERE partnership_id = ? AND ods_code = ?")
                .params(partnershipId, odsCode)
                .query((rs, n) -> new Member(rs.getString(1), rs.getBoolean(2), rs.getBoolean(3)))
                .optional();
    }

    @Override
    public boolean forumExists(String partnershipId, String forumId) {
        return jdbc.sql("SELECT count(*) FROM cmd_forum WHERE partnership_id = ? AND forum_id = ?")
                .params(partnershipId, forumId).query(Integer.class).single() > 0;
    }

    @Override
    public Optional<SubjectRecord> serviceChange(String partnershipId, String serviceChangeId) {
        return subject("SERVICE_CHANGE", partnershipId, serviceChangeId);
    }

    @Override
    public Optional<SubjectRecord> decision(String partnershipId, String decisionId) {
        return subject("DECISION", partnershipId, decisionId);
    }

    private Optional<SubjectRecord> subject(String type, String partnershipId, String id) {
        return jdbc.sql("SELECT subject_id, themes, status FROM cmd_subject "
                        + "WHERE subject_type = ? AND partnership_id = ? AND subject_id = ?")
                .params(type, partnershipId, id)
                .query((rs, n) -> new SubjectRecord(rs.getString(1), themes(rs.getString(2)),
                        rs.getString(3) == null ? null : DecisionStatus.valueOf(rs.getString(3))))
                .optional();
    }

    @Override
    public List<Holder> accountableHolders(String partnershipId, Subject subject) {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))")
                .param(partnershipId + "|" + subject).query().singleRow();
        return jdbc.sql("SELECT accountability_id, ods_code, post, person_name FROM cmd_accountable "
                        + "WHERE partnership_id = ? AND subject_type = ? AND subject_ref = ? ORDER BY accountability_id")
                .params(partnershipId, subject.type().name(), subject.ref())
                .query((rs, n) -> new Holder(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)))
                .list();
    }

    @Override
    public Optional<String> partnershipOf(Kind kind, String id) {
        return switch (kind) {
            case SERVICE_CHANGE, DECISION -> jdbc.sql("SELECT partnership_id FROM cmd_subject "
                            + "WHERE subject_type = ? AND subject_id = ?")
                    .params(kind.name(), id).query(String.class).optional();
            case ACCOUNTABILITY -> jdbc.sql("SELECT partnership_id FROM cmd_accountability WHERE accountability_id = ?")
                    .param(id).query(String.class).optional();
        };
    }

    static Set<ThemeCode> themes(String csv) {
        return csv == null || csv.isEmpty() ? Set.of()
                : Arrays.stream(csv.split(",")).map(ThemeCode::valueOf).collect(Collectors.toUnmodifiableSet());
    }
}
