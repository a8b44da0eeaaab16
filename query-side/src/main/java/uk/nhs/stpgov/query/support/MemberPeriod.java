package uk.nhs.stpgov.query.support;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;
import uk.nhs.stpgov.events.MemberDays;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * One period of a body's membership of a partnership: from {@code joinedOn} to {@code withdrawnOn} (its last day; null
 * while it lasts), left by withdrawal ({@code withdrawReason}) or succession ({@code succeededBy}). A body that left
 * and was admitted again has several, as the command side's membership periods; {@code q_member} keeps the ones
 * before the latest in {@code earlier_periods} (JSON, oldest first) and the latest in its own columns.
 */
public record MemberPeriod(LocalDate joinedOn, LocalDate withdrawnOn, String withdrawReason, String succeededBy) {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<List<MemberPeriod>> LIST = new TypeReference<>() {
    };

    /** A member that day: joined on or before it, and its leaving day, if any, not before it (its last day). */
    public boolean covers(LocalDate day) {
        return MemberDays.covers(joinedOn, withdrawnOn, day);
    }

    /** The first day it is no longer a member by this period (null while it lasts). */
    public LocalDate goneFrom() {
        return withdrawnOn == null ? null : withdrawnOn.plusDays(1);
    }

    /** Every period of a {@code q_member} row, oldest first: its {@code earlier_periods} and its own columns. */
    public static List<MemberPeriod> of(ResultSet rs) throws SQLException {
        List<MemberPeriod> periods = new ArrayList<>(JSON.readValue(rs.getString("earlier_periods"), LIST));
        periods.add(new MemberPeriod(Sql.date(rs, "joined_on"), Sql.date(rs, "withdrawn_on"),
                rs.getString("withdraw_reason"), rs.getString("succeeded_by")));
        return List.copyOf(periods);
    }

    /**
     * The period that answers for {@code day} (periods oldest first): the latest that began on or before it, so a day
     * between two periods is judged on the one that ended; before the first, the first.
     */
    public static MemberPeriod on(List<MemberPeriod> periods, LocalDate day) {
        MemberPeriod answer = periods.get(0);
        for (MemberPeriod p : periods) {
            if (!p.joinedOn().isAfter(day)) {
                answer = p;
            }
        }
        return answer;
    }

    /** Whether any period covers {@code day}. */
    public static boolean anyCovers(List<MemberPeriod> periods, LocalDate day) {
        return periods.stream().anyMatch(p -> p.covers(day));
    }

    /** The SQL that turns a closed {@code q_member} row's latest period into JSON, to append to its earlier ones. */
    public static final String CLOSED_AS_JSON = " earlier_periods || jsonb_build_array(jsonb_build_object("
            + "'joinedOn', joined_on, 'withdrawnOn', withdrawn_on, 'withdrawReason', withdraw_reason, "
            + "'succeededBy', succeeded_by))";
}
