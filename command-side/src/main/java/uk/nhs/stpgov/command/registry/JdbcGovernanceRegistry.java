package uk.nhs.stpgov.command.registry;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import uk.nhs.stpgov.events.DecisionStatus;
import uk.nhs.stpgov.events.Subject;
import uk.nhs.stpgov.events.ThemeCode;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

@Component
class JdbcGovernanceRegistry implements GovernanceRegistry, RecordOwners {
    private final JdbcClient jdbc;
    /**
     * Partnerships and forums known to exist. Neither is ever removed, so once committed the answer never changes
     * and most commands skip two lookups; only existence is kept (a missing one is looked up each time).
     */
    private final Set<String> known = ConcurrentHashMap.newKeySet();
    /** The kinds of act a succession passes on, as an SQL list of literals. */
    private static final String PASSED_ON = Arrays.stream(MemberAct.Kind.values())
            .filter(MemberAct.Kind::passesOnSuccession).map(kind -> "'" + kind.name() + "'")
            .collect(Collectors.joining(", ", "(", ")"));
    /** The transaction resource that holds the memberships read in it. */
    private static final Object MEMBERSHIPS = JdbcGovernanceRegistry.class.getName() + ".memberships";

    JdbcGovernanceRegistry(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean partnershipExists(String partnershipId) {
        return known("partnership|" + partnershipId, () -> jdbc.sql("SELECT count(*) FROM cmd_partnership "
                + "WHERE partnership_id = ?").param(partnershipId).query(Integer.class).single() > 0);
    }

    /**
     * Read once per transaction: a command's rules ask for the bodies it names, and the succession policy that
     * runs after its events in the same transaction asks again. A membership written in the transaction
     * ({@link #forgetMemberships}) is read afresh.
     */
    @Override
    public List<Membership> memberships(String partnershipId, String odsCode) {
        Map<String, List<Membership>> read = readInThisTransaction();
        String key = partnershipId + "|" + odsCode;
        List<Membership> known = read == null ? null : read.get(key);
        if (known != null) {
            return known;
        }
        List<Membership> periods = jdbc.sql("SELECT ods_code, statutory, joined_on, left_on, left_by, successor "
                        + "FROM cmd_membership WHERE partnership_id = ? AND ods_code = ? ORDER BY joined_on")
                .params(partnershipId, odsCode)
                .query((rs, n) -> new Membership(rs.getString(1), rs.getBoolean(2),
                        rs.getObject(3, LocalDate.class), rs.getObject(4, LocalDate.class), rs.getString(5),
                        rs.getString(6)))
                .list();
        if (read != null) {
            read.put(key, periods);
        }
        return periods;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, List<Membership>> readInThisTransaction() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return null;
        }
        Map<String, List<Membership>> read = (Map<String, List<Membership>>)
                TransactionSynchronizationManager.getResource(MEMBERSHIPS);
        if (read == null) {
            Map<String, List<Membership>> fresh = new HashMap<>();
            TransactionSynchronizationManager.bindResource(MEMBERSHIPS, fresh);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(MEMBERSHIPS);
                }
            });
            read = fresh;
        }
        return read;
    }

    /** The registry has written a membership in this transaction: what was read before no longer holds. */
    static void forgetMemberships() {
        Object read = TransactionSynchronizationManager.getResource(MEMBERSHIPS);
        if (read instanceof Map<?, ?> memberships) {
            memberships.clear();
        }
    }

    @Override
    public boolean forumExists(String partnershipId, String forumId) {
        return known("forum|" + partnershipId + "|" + forumId, () -> jdbc.sql("SELECT count(*) FROM cmd_forum "
                + "WHERE partnership_id = ? AND forum_id = ?").params(partnershipId, forumId)
                .query(Integer.class).single() > 0);
    }

    /**
     * Whether the record exists, from memory once it is known to. A record seen inside a transaction (perhaps its
     * own, not yet committed) is kept only when that transaction commits: a rolled-back one never existed.
     */
    private boolean known(String key, BooleanSupplier lookup) {
        if (known.contains(key)) {
            return true;
        }
        boolean exists = lookup.getAsBoolean();
        if (exists) {
            if (TransactionSynchronizationManager.isSynchronizationActive()) {
                TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                    @Override
                    public void afterCommit() {
                        known.add(key);
                    }
                });
            } else {
                known.add(key);
            }
        }
        return exists;
    }

    @Override
    public Optional<SubjectRecord> serviceChange(String partnershipId, String serviceChangeId) {
        return subject("SERVICE_CHANGE", partnershipId, serviceChangeId);
    }

    @Override
    public Optional<SubjectRecord> decision(String partnershipId, String decisionId) {
        return subject("DECISION", partnershipId, decisionId);
    }

    @Override
    public Optional<String> decisionWithReference(String partnershipId, String reference) {
        return jdbc.sql("SELECT subject_id FROM cmd_subject WHERE subject_type = 'DECISION' AND partnership_id = ? "
                        + "AND reference = ?")
                .params(partnershipId, reference).query(String.class).optional();
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
        return jdbc.sql("SELECT accountability_id, ods_code, post, person_name, effective_from, ends_on "
                        + "FROM cmd_accountability WHERE partnership_id = ? AND subject_type = ? AND subject_ref = ? "
                        + "AND role = 'ACCOUNTABLE' ORDER BY effective_from, accountability_id")
                .params(partnershipId, subject.type().name(), subject.ref())
                .query((rs, n) -> new Holder(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getObject(5, LocalDate.class), rs.getObject(6, LocalDate.class)))
                .list();
    }

    @Override
    public List<Held> accountabilitiesHeldBy(String partnershipId, String odsCode, LocalDate on) {
        return jdbc.sql("SELECT accountability_id, post, person_name, effective_from FROM cmd_accountability "
                        + "WHERE partnership_id = ? AND ods_code = ? AND (ends_on IS NULL OR ends_on > ?) "
                        + "ORDER BY accountability_id")
                .params(partnershipId, odsCode, on)
                .query((rs, n) -> new Held(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getObject(4, LocalDate.class)))
                .list();
    }

    @Override
    public List<String> pendingRatificationsOf(String partnershipId, String odsCode) {
        return jdbc.sql("SELECT b.decision_id FROM cmd_decision_body b JOIN cmd_subject s "
                        + "ON s.subject_type = 'DECISION' AND s.subject_id = b.decision_id "
                        + "WHERE b.partnership_id = ? AND b.ods_code = ? AND b.state = 'PENDING' "
                        + "AND s.status = 'ACTIVE' AND s.outcome IN ('APPROVED', 'REJECTED') ORDER BY b.decision_id")
                .params(partnershipId, odsCode).query(String.class).list();
    }

    @Override
    public Set<String> boundByDelegation(String partnershipId, String forumId, ThemeCode theme,
                                         Collection<String> odsCodes, LocalDate day) {
        if (forumId == null || odsCodes.isEmpty()) {
            return Set.of();
        }
        return Set.copyOf(jdbc.sql("SELECT DISTINCT from_ods_code FROM cmd_delegation WHERE partnership_id = ? "
                        + "AND forum_id = ? AND from_ods_code = ANY(?) AND ? = ANY(string_to_array(themes, ',')) "
                        + "AND effective_from <= ? AND (effective_to IS NULL OR effective_to >= ?) "
                        + "AND (revoked_on IS NULL OR revoked_on > ?)")
                .params(partnershipId, forumId, odsCodes.toArray(String[]::new), theme.name(), day, day, day)
                .query(String.class).list());
    }

    @Override
    public List<Owed> owedUnderDelegation(String partnershipId, String delegationId, LocalDate from) {
        return jdbc.sql("SELECT b.decision_id, b.ods_code, s.decided_on FROM cmd_delegation d "
                        + "JOIN cmd_decision_body b ON b.partnership_id = d.partnership_id "
                        + "AND b.ods_code = d.from_ods_code AND b.state = 'PENDING' AND b.succeeded_from IS NULL "
                        + "JOIN cmd_subject s ON s.subject_type = 'DECISION' AND s.subject_id = b.decision_id "
                        + "AND s.forum_id = d.forum_id AND s.decided_on >= ? "
                        + "AND s.themes = ANY(string_to_array(d.themes, ',')) "
                        + "AND s.status = 'ACTIVE' AND s.outcome IN ('APPROVED', 'REJECTED') "
                        + "WHERE d.partnership_id = ? AND d.delegation_id = ? ORDER BY s.decided_on, b.decision_id")
                .params(from, partnershipId, delegationId)
                .query((rs, n) -> new Owed(rs.getString(1), rs.getString(2), rs.getObject(3, LocalDate.class)))
                .list();
    }

    @Override
    public Optional<String> decidingBodyState(String decisionId, String odsCode) {
        return jdbc.sql("SELECT state FROM cmd_decision_body WHERE decision_id = ? AND ods_code = ?")
                .params(decisionId, odsCode).query(String.class).optional();
    }

    /**
     * The acts of the first such day (the primary key serves both reads), then the first of them by kind: a body's
     * acts after a day are few compared with its history, but only one day's are read.
     */
    @Override
    public Optional<MemberAct> firstActAfter(String partnershipId, String odsCode, LocalDate day,
                                             boolean ownActsOnly) {
        return jdbc.sql("SELECT a.acted_on, a.act, a.record_id, s.reference FROM cmd_member_act a "
                        + "LEFT JOIN cmd_subject s ON a.act IN ('DECIDED', 'POSITION', 'RATIFIED', 'DECLINED') "
                        + "AND s.subject_type = 'DECISION' AND s.subject_id = a.record_id "
                        + "WHERE a.partnership_id = ? AND a.ods_code = ?" + ownActs(ownActsOnly, "a.act")
                        + " AND a.acted_on = (SELECT min(acted_on) FROM cmd_member_act WHERE partnership_id = ? "
                        + "AND ods_code = ? AND acted_on > ?" + ownActs(ownActsOnly, "act") + ")")
                .params(partnershipId, odsCode, partnershipId, odsCode, day)
                .query((rs, n) -> new MemberAct(rs.getObject(1, LocalDate.class),
                        MemberAct.Kind.valueOf(rs.getString(2)), rs.getString(3), rs.getString(4)))
                .list().stream().min(MemberAct.FIRST);
    }

    private static String ownActs(boolean ownActsOnly, String column) {
        return ownActsOnly ? " AND " + column + " NOT IN " + PASSED_ON : "";
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
