package uk.nhs.stpgov.query.accountabilitymap;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;
import uk.nhs.stpgov.events.RaciRole;
import uk.nhs.stpgov.events.SubjectType;
import uk.nhs.stpgov.events.ThemeCode;
import uk.nhs.stpgov.query.accountabilitymap.AccountabilityMap.Entry;
import uk.nhs.stpgov.query.accountabilitymap.AccountabilityMap.Holder;
import uk.nhs.stpgov.query.accountabilitymap.AccountabilityMap.Subject;
import uk.nhs.stpgov.query.accountabilitymap.AccountabilityMap.Summary;
import uk.nhs.stpgov.query.accountabilitymap.MapRows.Key;
import uk.nhs.stpgov.query.accountabilitymap.MapRows.StoredHolder;
import uk.nhs.stpgov.query.accountabilitymap.MapRows.SubjectRow;
import uk.nhs.stpgov.query.answers.PartnershipVersions;
import uk.nhs.stpgov.query.gaps.Gap;
import uk.nhs.stpgov.query.gaps.GapKind;
import uk.nhs.stpgov.query.support.Cursor;
import uk.nhs.stpgov.query.support.Paging.Page;
import uk.nhs.stpgov.query.web.NotFound;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static uk.nhs.stpgov.query.support.Sql.date;
import static uk.nhs.stpgov.query.support.Sql.list;
import static uk.nhs.stpgov.query.support.Sql.ts;

/**
 * The reads of the map read model. A current answer ({@code asOf} null) reads only open rows, a page at a time in
 * {@code sort_key} order, and the counts kept by the projection; an answer as of an earlier instant reads the
 * versions valid then, in the same order, and the counts' recorded history. Date-dependent gaps are judged on
 * {@code on}.
 */
@Component
public class MapReader {
    static final String COLUMNS = "partnership_id, subject_type, subject_ref, sort_key, title, theme, themes, "
            + "ods_codes, holders::text AS holders, gaps::text AS gaps, exists_from, exists_until";
    /** On the map on {@code :on}: a subject that exists that day (MapRows.SubjectRow#existsOn). */
    private static final String EXISTS_ON = " AND (exists_from IS NULL OR exists_from <= :on) "
            + "AND (exists_until IS NULL OR exists_until > :on) ";
    private static final String CURRENT = " valid_to IS NULL ";
    /** Valid at {@code :t}, both ends bounded in the index q_map_subject_as_of (V91), which also gives page order. */
    private static final String AS_OF = " valid_from <= :t AND coalesce(valid_to, 'infinity'::timestamptz) > :t ";

    private final JdbcClient jdbc;
    private final PartnershipVersions versions;
    /**
     * Rows as read, by their partnership's version and id. A row's content never changes once written (a newer
     * version is a new row), and the version key retires every kept row of a partnership when its read models
     * change or are rebuilt, so a kept row is always the row the table holds under that id.
     */
    private final Cache<RowKey, SubjectRow> kept;

    private record RowKey(String partnershipId, long version, long id) {
    }

    /**
     * A kept row's entry as the API writes it, for the last day asked about: most answers are judged on today, and
     * an entry depends only on its row and the day. Held as long as the row object is kept (identity, weak keys).
     */
    private final Cache<SubjectRow, Rendered> rendered = Caffeine.newBuilder().weakKeys().build();
    private final JsonMapper json;

    private record Rendered(LocalDate on, byte[] json) {
    }

    /** A page of the map as the API writes it, and the cursor of the next page. */
    public record Written(byte[] json, String next) {
    }

    MapReader(JdbcClient jdbc, PartnershipVersions versions, JsonMapper json,
              @Value("${stpgov.map-row-cache-size:10000}") long keptRows) {
        this.jdbc = jdbc;
        this.versions = versions;
        this.json = json;
        this.kept = Caffeine.newBuilder().maximumSize(keptRows).build();
    }

    /** Which subjects: all when every field is null. */
    public record Filter(ThemeCode theme, SubjectType subjectType, GapKind gapKind) {
    }

    /** 404 unless the partnership was registered by {@code asOf} (null: now); its themes are always in its map. */
    public void requireExists(String partnershipId, Instant asOf) {
        boolean exists = jdbc.sql("SELECT EXISTS (SELECT 1 FROM q_map_subject WHERE partnership_id = :p AND"
                        + (asOf == null ? CURRENT : AS_OF) + ")")
                .param("p", partnershipId).param("t", asOf == null ? null : ts(asOf)).query(Boolean.class).single();
        if (!exists) {
            throw new NotFound("partnership", partnershipId);
        }
    }

    /** One page of the map and the summary of the whole map, read in one snapshot. */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public AccountabilityMap map(String partnershipId, Instant asOf, Instant now, LocalDate on, Filter filter,
                                 String after, int limit) {
        Page<SubjectRow> page = page(partnershipId, asOf, on, filter, after, limit);
        return new AccountabilityMap(partnershipId, asOf == null ? now : asOf, on, summary(partnershipId, asOf, on),
                page.rows().stream().map(row -> entry(row, on)).toList(), page.next());
    }

    /**
     * The same page as {@link #map}, written as the API writes it: the entries of kept rows are written once per
     * day asked about and copied into every answer after that.
     */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public Written json(String partnershipId, Instant asOf, LocalDate on, Filter filter, String after, int limit) {
        Summary summary = summary(partnershipId, asOf, on);
        if (asOf != null && summary.subjects() == 0) {
            // Every registered partnership's map has its ten themes: none then means not registered by then.
            throw new NotFound("partnership", partnershipId);
        }
        Page<SubjectRow> page = page(partnershipId, asOf, on, filter, after, limit);
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024 + page.rows().size() * 1024);
        out.writeBytes(("{\"partnershipId\":" + json.writeValueAsString(partnershipId) + ",\"asOf\":"
                + json.writeValueAsString(asOf) + ",\"on\":" + json.writeValueAsString(on) + ",\"summary\":"
                + json.writeValueAsString(summary) + ",\"subjects\":[").getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < page.rows().size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.writeBytes(written(page.rows().get(i), on));
        }
        out.writeBytes(("],\"next\":" + json.writeValueAsString(page.next()) + "}").getBytes(StandardCharsets.UTF_8));
        return new Written(out.toByteArray(), page.next());
    }

    private byte[] written(SubjectRow row, LocalDate on) {
        Rendered known = rendered.getIfPresent(row);
        if (known != null && known.on().equals(on)) {
            return known.json();
        }
        byte[] entry = json.writeValueAsBytes(entry(row, on));
        rendered.put(row, new Rendered(on, entry));
        return entry;
    }

    /** Every subject of the map, page after page, for exports that are never cut. */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public void each(String partnershipId, Instant asOf, LocalDate on, Filter filter, Consumer<Entry> sink) {
        String after = null;
        do {
            Page<SubjectRow> page = page(partnershipId, asOf, on, filter, after, 1000);
            page.rows().forEach(row -> sink.accept(entry(row, on)));
            after = page.next();
        } while (after != null);
    }

    /** What a gaps cursor pages: the partnerships asked about (null: every one) and the filters. */
    private static String gapsScope(List<String> partnershipIds, GapKind kind, ThemeCode theme) {
        return (partnershipIds == null ? "*" : new java.util.TreeSet<>(partnershipIds)) + "|" + kind + "|" + theme;
    }

    /**
     * The gaps shown on {@code on}, a page at a time, across the partnerships given (null: every one), in the
     * order of their subjects. The cursor names the subject and how many of its gaps were already answered.
     */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public Page<Gap> gaps(List<String> partnershipIds, Instant asOf, LocalDate on, GapKind kind, ThemeCode theme,
                          String after, int limit) {
        List<String> cursor = after == null ? List.of("", "", "0")
                : Cursor.decode(Cursor.Kind.GAPS, gapsScope(partnershipIds, kind, theme), after, 3);
        String atPartnership = cursor.get(0);
        String atKey = cursor.get(1);
        int skip = parseSkip(cursor.get(2), after);
        List<Gap> page = new ArrayList<>();
        while (true) {
            List<SubjectRow> rows = gapRows(partnershipIds, asOf, kind, theme, atPartnership, atKey, limit + 1);
            for (SubjectRow row : rows) {
                boolean atCursor = row.partnershipId().equals(atPartnership) && row.sortKey().equals(atKey);
                List<Gap> gaps = gaps(row, on).stream().filter(g -> kind == null || g.kind() == kind).toList();
                for (int i = atCursor ? skip : 0; i < gaps.size(); i++) {
                    if (page.size() == limit) {
                        return new Page<>(page, Cursor.encode(Cursor.Kind.GAPS, gapsScope(partnershipIds, kind,
                                theme), row.partnershipId(), row.sortKey(), String.valueOf(i)));
                    }
                    page.add(gaps.get(i));
                }
                atPartnership = row.partnershipId();
                atKey = row.sortKey();
                skip = Integer.MAX_VALUE;
            }
            if (rows.size() < limit + 1) {
                return new Page<>(page, null);
            }
        }
    }

    private static int parseSkip(String skip, String after) {
        try {
            return Integer.parseInt(skip);
        } catch (NumberFormatException e) {
            throw Cursor.refused(after);
        }
    }

    private List<SubjectRow> gapRows(List<String> partnershipIds, Instant asOf, GapKind kind, ThemeCode theme,
                                     String atPartnership, String atKey, int n) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM q_map_subject WHERE")
                .append(asOf == null ? CURRENT : AS_OF).append("AND gap_kinds <> '{}' ")
                .append("AND (partnership_id, sort_key) >= (:ap, :ak) ");
        Map<String, Object> params = new HashMap<>();
        params.put("ap", atPartnership);
        params.put("ak", atKey);
        if (partnershipIds != null) {
            sql.append("AND partnership_id IN (:ps) ");
            params.put("ps", partnershipIds.isEmpty() ? List.of("") : partnershipIds);
        }
        if (kind != null) {
            sql.append("AND :kind = ANY(gap_kinds) ");
            params.put("kind", kind.name());
        }
        if (theme != null) {
            sql.append("AND :theme = ANY(themes) ");
            params.put("theme", theme.name());
        }
        sql.append("ORDER BY partnership_id, sort_key LIMIT :n");
        params.put("n", n);
        if (asOf != null) {
            params.put("t", ts(asOf));
        }
        return jdbc.sql(sql.toString()).params(params).query(MapReader::row).list();
    }

    Page<SubjectRow> page(String partnershipId, Instant asOf, LocalDate on, Filter filter, String after, int limit) {
        String afterKey = after == null ? ""
                : Cursor.decode(Cursor.Kind.MAP, partnershipId + "|" + filter, after, 1).get(0);
        List<SubjectRow> rows = new ArrayList<>();
        boolean more;
        // With a gap kind, a row may hold only windows outside the day asked about: read on until the page is full.
        do {
            List<SubjectRow> batch = select(partnershipId, asOf, on, filter, afterKey, limit + 1 - rows.size());
            more = batch.size() == limit + 1 - rows.size();
            for (SubjectRow row : batch) {
                afterKey = row.sortKey();
                if (filter.gapKind() == null || row.windows().stream()
                        .anyMatch(w -> w.kind() == filter.gapKind() && w.showsOn(on))) {
                    rows.add(row);
                }
            }
        } while (more && rows.size() <= limit);
        if (rows.size() > limit) {
            rows = rows.subList(0, limit);
            return new Page<>(rows, Cursor.encode(Cursor.Kind.MAP, partnershipId + "|" + filter,
                    rows.get(limit - 1).sortKey()));
        }
        return new Page<>(rows, null);
    }

    private List<SubjectRow> select(String partnershipId, Instant asOf, LocalDate on, Filter filter, String afterKey,
                                    int n) {
        StringBuilder sql = new StringBuilder("SELECT id FROM q_map_subject WHERE partnership_id = :p AND")
                .append(asOf == null ? CURRENT : AS_OF).append("AND sort_key > :after ").append(EXISTS_ON);
        Map<String, Object> params = new HashMap<>();
        params.put("p", partnershipId);
        params.put("after", afterKey);
        params.put("on", on);
        if (asOf != null) {
            params.put("t", ts(asOf));
        }
        if (filter.theme() != null) {
            sql.append("AND :theme = ANY(themes) ");
            params.put("theme", filter.theme().name());
        }
        if (filter.subjectType() != null) {
            sql.append("AND subject_type = :type ");
            params.put("type", filter.subjectType().name());
        }
        if (filter.gapKind() != null) {
            sql.append("AND :kind = ANY(gap_kinds) ");
            params.put("kind", filter.gapKind().name());
        }
        sql.append("ORDER BY sort_key LIMIT :n");
        params.put("n", n);
        return rows(partnershipId, jdbc.sql(sql.toString()).params(params).query(Long.class).list());
    }

    /**
     * The rows with these ids, in the same order: from memory under the partnership's current version where they are
     * kept, the others read in one statement and kept.
     */
    private List<SubjectRow> rows(String partnershipId, List<Long> ids) {
        long version = versions.of(partnershipId);
        Map<Long, SubjectRow> found = new HashMap<>();
        List<Long> missing = new ArrayList<>();
        for (Long id : ids) {
            SubjectRow known = kept.getIfPresent(new RowKey(partnershipId, version, id));
            if (known == null) {
                missing.add(id);
            } else {
                found.put(id, known);
            }
        }
        if (!missing.isEmpty()) {
            jdbc.sql("SELECT id, " + COLUMNS + " FROM q_map_subject WHERE id = ANY(:ids)")
                    .param("ids", missing.toArray(Long[]::new))
                    .query((rs, n) -> {
                        SubjectRow row = row(rs, n);
                        found.put(rs.getLong("id"), row);
                        kept.put(new RowKey(partnershipId, version, rs.getLong("id")), row);
                        return row;
                    }).list();
        }
        return ids.stream().map(found::get).toList();
    }

    /**
     * Counts of the whole map on {@code on}. Now: the projection's totals less the changes dated after {@code on}
     * (only future-dated ones, for today). As of an earlier instant: the same from the counts' recorded history.
     */
    Summary summary(String partnershipId, Instant asOf, LocalDate on) {
        Map<String, Long> counts = new HashMap<>();
        if (asOf == null) {
            jdbc.sql("""
                            SELECT kind, sum(n) FROM (
                                SELECT kind, n FROM q_map_total WHERE partnership_id = :p
                                UNION ALL
                                SELECT kind, -n FROM q_map_count WHERE partnership_id = :p AND day > :on) c
                            GROUP BY kind""")
                    .param("p", partnershipId).param("on", on)
                    .query((rs, n) -> counts.put(rs.getString(1), rs.getLong(2)) == null).list();
        } else {
            // As of an earlier instant: the totals recorded last by then, less the changes recorded by then and dated
            // after `on` (a few rows, however large the map was then).
            jdbc.sql("SELECT totals::text FROM q_map_total_change WHERE partnership_id = :p AND recorded_at <= :t "
                            + "ORDER BY recorded_at DESC LIMIT 1")
                    .param("p", partnershipId).param("t", ts(asOf)).query(String.class).optional()
                    .ifPresent(totals -> counts.putAll(MapSubjects.JSON.readValue(totals, MapSubjects.TOTALS)));
            jdbc.sql("SELECT kind, sum(n) FROM q_map_count_change WHERE partnership_id = :p AND day > :on "
                            + "AND recorded_at <= :t GROUP BY kind")
                    .param("p", partnershipId).param("on", on).param("t", ts(asOf))
                    .query((rs, n) -> counts.merge(rs.getString(1), -rs.getLong(2), Long::sum)).list();
        }
        Map<String, Long> gaps = new LinkedHashMap<>();
        for (GapKind kind : GapKind.values()) {
            long n = counts.getOrDefault(kind.name(), 0L);
            if (n != 0) {
                gaps.put(kind.name(), n);
            }
        }
        return new Summary(counts.getOrDefault(MapSubjects.SUBJECTS, 0L), counts.getOrDefault(MapSubjects.WITH_GAPS, 0L),
                gaps);
    }

    static SubjectRow row(ResultSet rs, int n) throws SQLException {
        return new SubjectRow(rs.getString("partnership_id"), new Key(rs.getString("subject_type"),
                rs.getString("subject_ref")), rs.getString("sort_key"), rs.getString("title"), rs.getString("theme"),
                list(rs, "themes"), list(rs, "ods_codes"),
                MapSubjects.JSON.readValue(rs.getString("holders"), MapSubjects.HOLDERS),
                MapSubjects.JSON.readValue(rs.getString("gaps"), MapSubjects.WINDOWS),
                date(rs, "exists_from"), date(rs, "exists_until"));
    }

    /** The gaps the row shows on {@code on}. */
    static List<Gap> gaps(SubjectRow row, LocalDate on) {
        Gap.SubjectRef subject = new Gap.SubjectRef(row.key().type(), row.key().ref(), row.title());
        return row.windows().stream().filter(w -> w.showsOn(on))
                .map(w -> new Gap(row.partnershipId(), w.kind(), subject, w.detail(), w.since(), w.accountabilityId()))
                .toList();
    }

    static Entry entry(SubjectRow row, LocalDate on) {
        List<StoredHolder> holding = row.holders().stream().filter(h -> h.holdsOn(on)).toList();
        return new Entry(new Subject(row.key().type(), row.key().ref(), row.title(), row.theme(), row.themes()),
                holders(holding, RaciRole.ACCOUNTABLE, on), holders(holding, RaciRole.RESPONSIBLE, on),
                holders(holding, RaciRole.CONSULTED, on), holders(holding, RaciRole.INFORMED, on),
                row.holders().stream().filter(h -> h.pendingOn(on)).map(h -> holder(h, on)).toList(),
                gaps(row, on));
    }

    private static List<Holder> holders(List<StoredHolder> holding, RaciRole role, LocalDate on) {
        return holding.stream().filter(h -> h.role() == role).map(h -> holder(h, on)).toList();
    }

    private static Holder holder(StoredHolder h, LocalDate on) {
        // As it stood that day: an acceptance dated later had not happened yet (as the list and the record say).
        boolean accepted = h.acceptedOn() != null && !h.acceptedOn().isAfter(on);
        return new Holder(h.accountabilityId(), h.role().name(), h.odsCode(), h.organisation(), h.post(),
                h.personName(), h.effectiveFrom(), h.reviewBy(), accepted, accepted ? h.acceptedOn() : null, h.joint(),
                h.succeededFrom());
    }
}
