package uk.nhs.stpgov.query.partnership;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import uk.nhs.stpgov.events.themes.ThemeCatalog;
import uk.nhs.stpgov.query.partnership.PartnershipRows.Delegation;
import uk.nhs.stpgov.query.partnership.PartnershipRows.Forum;
import uk.nhs.stpgov.query.partnership.PartnershipRows.Member;
import uk.nhs.stpgov.query.support.MemberPeriod;
import uk.nhs.stpgov.query.web.NotFound;
import uk.nhs.stpgov.query.web.QueryContext;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

@RestController
class PartnershipQueryController {
    private final PartnershipReader partnerships;
    private final QueryContext context;
    private final ThemeCatalog themes;

    PartnershipQueryController(PartnershipReader partnerships, QueryContext context, ThemeCatalog themes) {
        this.partnerships = partnerships;
        this.context = context;
        this.themes = themes;
    }

    record Summary(String id, String name, String region, Instant registeredAt) {
    }

    /** Every theme says where its grouping and questions come from, so no reader takes them for HFMA's own. */
    static final String THEMES_SOURCE = "The tracker's own reading of HFMA's STP governance briefing: the ten-theme "
            + "grouping and these questions are ours, as HFMA's own list was not available.";

    record ThemeView(String code, String title, List<ThemeCatalog.Question> questions, String source) {
    }

    /**
     * As recorded by {@code asOf} (null: now), judged on the business day {@code on}: {@code name} and {@code status}
     * (STP, ICS or STATUTORY_ICS, from {@code statusOn}, null while it is as registered) in force that day, each
     * member {@code current} that day, the forums established by then with their terms that day, each delegation
     * {@code inForce} that day. Every member and delegation recorded is listed.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Detail(String id, String name, String region, Instant registeredAt, Instant asOf, LocalDate on,
                  List<MemberView> members, List<ForumView> forums, List<DelegationView> delegations, String status,
                  // null while as registered, said as null as the answer's other optional fields are
                  @JsonInclude(JsonInclude.Include.ALWAYS) LocalDate statusOn) {
    }

    /**
     * {@code withdrawnOn}: its last day as a member (it withdrew, or {@code succeededBy} took its place). These fields
     * are those of the period of membership answering for {@code on} (the latest that began by then; before it joined,
     * the first), {@code periods} every one, oldest first: a body that left and was admitted again has several.
     */
    record MemberView(String odsCode, String name, String sector, boolean statutory, LocalDate joinedOn,
                      LocalDate withdrawnOn, String withdrawReason, String succeededBy, boolean current,
                      List<MemberPeriod> periods) {
    }

    /** {@code termsOn}: the day the members and remit in force apply from (null: since it was established). */
    record ForumView(String id, String name, String kind, List<String> memberOdsCodes, List<String> themes,
                     Instant recordedAt, LocalDate termsOn) {
    }

    /** A delegation carried over by a succession names the predecessor and the delegation it replaces. */
    record DelegationView(String id, String forumId, String fromOdsCode, List<String> themes, LocalDate effectiveFrom,
                          LocalDate effectiveTo, LocalDate revokedOn, String revokeReason, boolean inForce,
                          String succeededFrom, String previousDelegationId) {
    }

    /** The ten themes with their questions and their source; a list, as every list answer is (DESIGN §4). */
    @GetMapping("/api/themes")
    List<ThemeView> themes() {
        return themes.themes().stream().map(t -> new ThemeView(t.code().name(), t.title(), t.questions(),
                THEMES_SOURCE)).toList();
    }

    @GetMapping("/api/partnerships")
    List<Summary> partnerships(@RequestParam(required = false) Long minPosition) {
        context.awaitPosition(minPosition);
        return partnerships.partnerships(context.on(null)).stream()
                .filter(p -> context.mayRead(p.id()))
                .map(p -> new Summary(p.id(), p.name(), p.region(), p.registeredAt()))
                .toList();
    }

    @GetMapping("/api/partnerships/{partnershipId}")
    Detail partnership(@PathVariable String partnershipId, @RequestParam(required = false) String asOf,
                       @RequestParam(required = false) String on,
                       @RequestParam(required = false) Long minPosition) {
        context.readable(partnershipId, minPosition);
        Instant at = context.pastInstant(asOf);
        LocalDate day = context.on(on);
        PartnershipReader.Detail record = partnerships.detail(partnershipId, at, day);
        return new Detail(partnershipId, record.partnership().name(), record.partnership().region(),
                record.partnership().registeredAt(), at, day,
                record.members().stream().map(m -> member(m, day)).toList(),
                record.forums().stream().map(PartnershipQueryController::forum).toList(),
                record.delegations().stream().map(d -> delegation(d, day, record.members().stream()
                        .filter(m -> m.odsCode().equals(d.fromOdsCode())).findFirst().orElse(null))).toList(),
                record.partnership().status(),
                record.partnership().statusOn());
    }

    /**
     * One member, as it appears among the partnership's {@code members} (the same fields), with the same {@code asOf}
     * and {@code on}: where {@code POST …/members} points its Location. 404 for a body that was never a member (by
     * {@code asOf}); the partnership's access rule applies.
     */
    @GetMapping("/api/partnerships/{partnershipId}/members/{odsCode}")
    MemberView member(@PathVariable String partnershipId, @PathVariable String odsCode,
                      @RequestParam(required = false) String asOf, @RequestParam(required = false) String on,
                      @RequestParam(required = false) Long minPosition) {
        context.readable(partnershipId, minPosition);
        Instant at = context.pastInstant(asOf);
        LocalDate day = context.on(on);
        return partnerships.member(partnershipId, odsCode, at).map(m -> member(m, day))
                .orElseThrow(() -> new NotFound("member of " + partnershipId, odsCode));
    }

    /**
     * One forum, as it appears among the partnership's {@code forums} (its terms in force on {@code on}), with the
     * same {@code asOf} and {@code on}: where {@code POST …/forums} points its Location. 404 for a forum not
     * established by then, as the partnership leaves it out; the partnership's access rule applies.
     */
    @GetMapping("/api/partnerships/{partnershipId}/forums/{forumId}")
    ForumView forum(@PathVariable String partnershipId, @PathVariable String forumId,
                    @RequestParam(required = false) String asOf, @RequestParam(required = false) String on,
                    @RequestParam(required = false) Long minPosition) {
        context.readable(partnershipId, minPosition);
        Instant at = context.pastInstant(asOf);
        LocalDate day = context.on(on);
        return partnerships.forum(partnershipId, forumId, at, day).map(PartnershipQueryController::forum)
                .orElseThrow(() -> new NotFound("forum of " + partnershipId
                        + (on == null || on.isBlank() ? "" : " established by " + day), forumId));
    }

    /**
     * One delegation of a forum, as it appears among the partnership's {@code delegations} ({@code inForce} on
     * {@code on}), with the same {@code asOf} and {@code on}: where {@code POST …/delegations} points its Location.
     * 404 for a delegation the forum never had (by {@code asOf}); the partnership's access rule applies.
     */
    @GetMapping("/api/partnerships/{partnershipId}/forums/{forumId}/delegations/{delegationId}")
    DelegationView delegation(@PathVariable String partnershipId, @PathVariable String forumId,
                              @PathVariable String delegationId, @RequestParam(required = false) String asOf,
                              @RequestParam(required = false) String on,
                              @RequestParam(required = false) Long minPosition) {
        context.readable(partnershipId, minPosition);
        Instant at = context.pastInstant(asOf);
        LocalDate day = context.on(on);
        return partnerships.delegation(partnershipId, forumId, delegationId, at)
                .map(found -> delegation(found.delegation(), day, found.from()))
                .orElseThrow(() -> new NotFound("delegation of forum " + forumId + " of " + partnershipId,
                        delegationId));
    }

    private static MemberView member(Member member, LocalDate day) {
        Member m = member.on(day);
        return new MemberView(m.odsCode(), m.name(), m.sector(), m.statutory(), m.joinedOn(), m.withdrawnOn(),
                m.withdrawReason(), m.succeededBy(), m.memberOn(day), m.periods());
    }

    private static ForumView forum(Forum f) {
        return new ForumView(f.id(), f.name(), f.kind(), f.memberOdsCodes(), f.themes(), f.recordedAt(), f.termsOn());
    }

    private static DelegationView delegation(Delegation d, LocalDate day, Member from) {
        return new DelegationView(d.id(), d.forumId(), d.fromOdsCode(), d.themes(), d.effectiveFrom(), d.effectiveTo(),
                d.revokedOn(), d.revokeReason(), d.inForceOn(day, from), d.succeededFrom(), d.previousDelegationId());
    }

}
