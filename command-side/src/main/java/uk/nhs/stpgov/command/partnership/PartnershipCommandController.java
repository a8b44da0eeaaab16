package uk.nhs.stpgov.command.partnership;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import uk.nhs.stpgov.command.partnership.PartnershipCommands.AdmitMember;
import uk.nhs.stpgov.command.partnership.PartnershipCommands.ChangeForumTerms;
import uk.nhs.stpgov.command.partnership.PartnershipCommands.ChangeStatus;
import uk.nhs.stpgov.command.partnership.PartnershipCommands.SucceedMember;
import uk.nhs.stpgov.command.common.RuleViolation;
import uk.nhs.stpgov.command.registry.GovernanceRegistry;
import uk.nhs.stpgov.command.web.CsvImport;
import uk.nhs.stpgov.command.web.ImportKind;
import uk.nhs.stpgov.command.partnership.PartnershipCommands.DelegateAuthority;
import uk.nhs.stpgov.command.partnership.PartnershipCommands.EstablishForum;
import uk.nhs.stpgov.command.partnership.PartnershipCommands.RegisterPartnership;
import uk.nhs.stpgov.command.partnership.PartnershipCommands.RevokeDelegation;
import uk.nhs.stpgov.command.partnership.PartnershipCommands.WithdrawMember;
import uk.nhs.stpgov.command.web.Created;
import uk.nhs.stpgov.command.web.PartnershipAccess;
import uk.nhs.stpgov.command.web.Patterns;
import uk.nhs.stpgov.command.web.StoredEvents;
import uk.nhs.stpgov.events.Storable.MultiLine;
import uk.nhs.stpgov.events.ForumKind;
import uk.nhs.stpgov.events.PartnershipStatus;
import uk.nhs.stpgov.events.Sector;
import uk.nhs.stpgov.events.ThemeCode;
import uk.nhs.stpgov.events.partnership.ForumEstablished;
import uk.nhs.stpgov.events.partnership.MemberAdmitted;
import uk.nhs.stpgov.events.partnership.MemberSucceeded;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

@RestController
@Validated
@RequestMapping("/api/partnerships")
class PartnershipCommandController {
    private final CommandGateway commands;
    private final CsvImport imports;
    private final GovernanceRegistry registry;
    private final PartnershipAccess access;
    private final StoredEvents stored;

    PartnershipCommandController(CommandGateway commands, CsvImport imports, GovernanceRegistry registry,
                                 PartnershipAccess access, StoredEvents stored) {
        this.commands = commands;
        this.imports = imports;
        this.registry = registry;
        this.access = access;
        this.stored = stored;
    }

    record RegisterRequest(@NotBlank @Pattern(regexp = Patterns.PARTNERSHIP_ID) String id,
                           @NotBlank @Size(max = Patterns.NAME) String name,
                           @NotBlank @Size(max = Patterns.NAME) String region) {
    }

    @PostMapping
    ResponseEntity<Created> register(@Valid @RequestBody RegisterRequest request) {
        // The URL rules cannot see the new id: a programme office may only register one of its own partnerships.
        access.requireWrite(request.id());
        commands.sendAndWait(new RegisterPartnership(request.id(), request.name().strip(), request.region().strip()));
        return Created.at("/api/partnerships/" + request.id(), request.id());
    }

    record AdmitRequest(@NotBlank @Pattern(regexp = Patterns.ODS_CODE) String odsCode,
                        @NotBlank @Size(max = Patterns.NAME) String name,
                        @NotNull Sector sector,
                        Boolean statutory,
                        @NotNull LocalDate joinedOn,
                        @PositiveOrZero Long expectedVersion) {
    }

    @PostMapping("/{partnershipId}/members")
    ResponseEntity<Created> admit(@PathVariable String partnershipId, @Valid @RequestBody AdmitRequest request) {
        commands.sendAndWait(admitCommand(partnershipId, request));
        return Created.at("/api/partnerships/" + partnershipId + "/members/" + request.odsCode(), request.odsCode());
    }

    private static AdmitMember admitCommand(String partnershipId, AdmitRequest request) {
        boolean statutory = request.statutory() != null ? request.statutory() : request.sector().statutoryByDefault();
        return new AdmitMember(partnershipId, request.odsCode(), request.name().strip(), request.sector(), statutory,
                request.joinedOn(), request.expectedVersion());
    }

    /**
     * Columns as in the JSON body. A row whose body already joined on that date, with the same name, sector and
     * (when the row says) statutory, is skipped; the same body and date with other cells are refused.
     */
    @PostMapping(path = "/{partnershipId}/imports/members", consumes = "text/csv")
    ResponseEntity<?> importMembers(@PathVariable String partnershipId, @RequestBody byte[] csv,
                                    @RequestParam(defaultValue = "false") boolean dryRun) {
        StoredEvents.Lookup partnership = stored.lookup(partnershipId);
        return imports.run(partnershipId, csv, dryRun, ImportKind.MEMBERS,
                row -> new AdmitRequest(row.text("odsCode"), row.text("name"), row.value("sector", Sector.class),
                        row.bool("statutory"), row.date("joinedOn"), null),
                request -> {
                    AdmitMember command = admitCommand(partnershipId, request);
                    boolean joinedThatDay = registry.memberships(partnershipId, request.odsCode()).stream()
                            .anyMatch(m -> m.joinedOn().equals(request.joinedOn()));
                    return joinedThatDay ? reimportedMember(command, request.statutory() != null, partnership)
                            : new CsvImport.Prepared(command, request.odsCode());
                });
    }

    /** The body joined that day, admitted or as a successor; the row says the same, or is refused naming the cells. */
    private static CsvImport.Prepared reimportedMember(AdmitMember row, boolean statutoryGiven,
                                                       StoredEvents.Lookup partnership) {
        String ods = row.odsCode();
        Optional<MemberAdmitted> recorded = partnership.find(MemberAdmitted.class,
                        m -> m.odsCode().equals(ods) && m.joinedOn().equals(row.joinedOn()))
                .or(() -> partnership.find(MemberSucceeded.class, m -> m.successorOdsCode().equals(ods)
                                && m.on().equals(row.joinedOn()) && !m.successorWasMember())
                        .map(m -> new MemberAdmitted(m.partnershipId(), ods, m.successorName(), m.sector(),
                                m.statutory(), m.on())));
        if (recorded.isEmpty()) {
            // Not found as recorded: the aggregate judges the row, as it would a new admission.
            return new CsvImport.Prepared(row, ods);
        }
        CsvImport.Differences differences = new CsvImport.Differences()
                .cell("name", recorded.get().name(), row.name())
                .cell("sector", recorded.get().sector(), row.sector());
        if (statutoryGiven) {
            differences.cell("statutory", recorded.get().statutory(), row.statutory());
        }
        if (differences.none()) {
            return CsvImport.Prepared.alreadyRecorded(ods);
        }
        throw differences.refuse(new RuleViolation(ods + " is already recorded as joining " + row.partnershipId()
                + " on " + row.joinedOn() + " with another " + differences.columns()
                + "; an import adds members, it does not change them"), null, null);
    }

    record WithdrawalRequest(@NotNull LocalDate on, @NotBlank @MultiLine @Size(max = Patterns.TEXT) String reason,
                             @PositiveOrZero Long expectedVersion) {
    }

    @PostMapping("/{partnershipId}/members/{odsCode}/withdrawal")
    ResponseEntity<Created> withdraw(@PathVariable String partnershipId, @PathVariable String odsCode,
                                     @Valid @RequestBody WithdrawalRequest request) {
        commands.sendAndWait(new WithdrawMember(partnershipId, odsCode, request.on(), request.reason(),
                request.expectedVersion()));
        return Created.ok(odsCode);
    }

    record SuccessionRequest(@NotBlank @Pattern(regexp = Patterns.ODS_CODE) String successorOdsCode,
                             @NotBlank @Size(max = Patterns.NAME) String successorName,
                             @NotNull Sector sector,
                             Boolean statutory,
                             @NotNull LocalDate on,
                             @NotBlank @MultiLine @Size(max = Patterns.TEXT) String reason,
                             @PositiveOrZero Long expectedVersion) {
    }

    /** The successor joins on {@code on} and takes over what the member held; answers the successor's code. */
    @PostMapping("/{partnershipId}/members/{odsCode}/succession")
    ResponseEntity<Created> succeed(@PathVariable String partnershipId, @PathVariable String odsCode,
                                    @Valid @RequestBody SuccessionRequest request) {
        boolean statutory = request.statutory() != null ? request.statutory() : request.sector().statutoryByDefault();
        commands.sendAndWait(new SucceedMember(partnershipId, odsCode, request.successorOdsCode(),
                request.successorName().strip(), request.sector(), statutory, request.on(), request.reason().strip(),
                request.expectedVersion()));
        return Created.ok(request.successorOdsCode());
    }

    record StatusRequest(@NotNull PartnershipStatus status,
                         @Size(min = 1, max = Patterns.NAME) String name,
                         @NotNull LocalDate on,
                         @PositiveOrZero Long expectedVersion) {
    }

    @PostMapping("/{partnershipId}/status")
    ResponseEntity<Created> status(@PathVariable String partnershipId, @Valid @RequestBody StatusRequest request) {
        commands.sendAndWait(new ChangeStatus(partnershipId, request.status(),
                request.name() == null || request.name().isBlank() ? null : request.name().strip(), request.on(),
                request.expectedVersion()));
        return Created.ok(partnershipId);
    }

    /**
     * {@code establishedOn} (optional) is the day members are checked on; without it they are checked as of today
     * and the forum's first terms count from any date.
     */
    record ForumRequest(@Pattern(regexp = Patterns.UUID) String id,
                        @NotBlank @Size(max = Patterns.NAME) String name,
                        @NotNull ForumKind kind,
                        @NotNull @Size(max = 100) List<@NotNull @Pattern(regexp = Patterns.ODS_CODE) String> memberOdsCodes,
                        @NotNull Set<@NotNull ThemeCode> themes,
                        LocalDate establishedOn,
                        @PositiveOrZero Long expectedVersion) {
    }

    @PostMapping("/{partnershipId}/forums")
    ResponseEntity<Created> establish(@PathVariable String partnershipId, @Valid @RequestBody ForumRequest request) {
        EstablishForum command = forumCommand(partnershipId, request, Patterns.idOrNew(request.id()));
        commands.sendAndWait(command);
        return Created.at("/api/partnerships/" + partnershipId + "/forums/" + command.forumId(), command.forumId());
    }

    private EstablishForum forumCommand(String partnershipId, ForumRequest request, String forumId) {
        return new EstablishForum(partnershipId, forumId, request.name().strip(), request.kind(),
                request.memberOdsCodes().stream().distinct().toList(), request.themes(),
                request.establishedOn(),
                request.expectedVersion());
    }

    /**
     * Columns as in the JSON body, lists separated by spaces or semicolons; a row without id gets one from its
     * content. A row whose forum is already established with the same cells is skipped; another forum under its id
     * is refused, as the JSON endpoint refuses that id.
     */
    @PostMapping(path = "/{partnershipId}/imports/forums", consumes = "text/csv")
    ResponseEntity<?> importForums(@PathVariable String partnershipId, @RequestBody byte[] csv,
                                   @RequestParam(defaultValue = "false") boolean dryRun) {
        StoredEvents.Lookup partnership = stored.lookup(partnershipId);
        return imports.run(partnershipId, csv, dryRun, ImportKind.FORUMS,
                row -> new ForumRequest(row.text("id"), row.text("name"), row.value("kind", ForumKind.class),
                        row.list("memberOdsCodes"), row.values("themes", ThemeCode.class), row.date("establishedOn"),
                        null),
                request -> {
                    String id = request.id() != null ? request.id() : CsvImport.derivedId(partnershipId, "forum",
                            request.name(), request.kind(), request.memberOdsCodes(), new java.util.TreeSet<>(
                                    request.themes()), request.establishedOn());
                    EstablishForum command = forumCommand(partnershipId, request, id);
                    return registry.forumExists(partnershipId, id)
                            ? reimportedForum(command, request.id() != null, partnership)
                            : new CsvImport.Prepared(command, id);
                });
    }

    /** Lists compared as sets: the same members in another order are the same forum. */
    private static CsvImport.Prepared reimportedForum(EstablishForum row, boolean idGiven,
                                                      StoredEvents.Lookup partnership) {
        Optional<ForumEstablished> recorded = partnership.find(ForumEstablished.class,
                f -> f.forumId().equals(row.forumId()));
        if (recorded.isEmpty()) {
            return new CsvImport.Prepared(row, row.forumId());
        }
        ForumEstablished forum = recorded.get();
        CsvImport.Differences differences = new CsvImport.Differences()
                .cell("name", forum.name(), row.name())
                .cell("kind", forum.kind(), row.kind())
                .cell("memberOdsCodes", new HashSet<>(forum.memberOdsCodes()), new HashSet<>(row.memberOdsCodes()))
                .cell("themes", new HashSet<>(forum.themes()), new HashSet<>(row.themes()))
                .cell("establishedOn", forum.establishedOn(), row.establishedOn());
        if (differences.none()) {
            return CsvImport.Prepared.alreadyRecorded(row.forumId());
        }
        throw differences.refuse(new RuleViolation("Forum " + row.forumId() + " already exists in "
                        + row.partnershipId() + ", established with another " + differences.columns()
                        + "; an import adds forums, it does not change them (change its terms instead)"),
                idGiven ? "id" : null, "already the id of a forum with another " + differences.columns());
    }

    record TermsRequest(@NotNull @Size(max = 100) List<@NotNull @Pattern(regexp = Patterns.ODS_CODE) String> memberOdsCodes,
                        @NotNull Set<@NotNull ThemeCode> themes,
                        @NotNull LocalDate on,
                        @PositiveOrZero Long expectedVersion) {
    }

    @PostMapping("/{partnershipId}/forums/{forumId}/terms")
    ResponseEntity<Created> terms(@PathVariable String partnershipId, @PathVariable String forumId,
                                  @Valid @RequestBody TermsRequest request) {
        commands.sendAndWait(new ChangeForumTerms(partnershipId, forumId,
                request.memberOdsCodes().stream().distinct().toList(), request.themes(), request.on(),
                request.expectedVersion()));
        return Created.ok(forumId);
    }

    record DelegationRequest(@Pattern(regexp = Patterns.UUID) String id,
                             @NotBlank @Pattern(regexp = Patterns.ODS_CODE) String fromOdsCode,
                             @NotEmpty Set<@NotNull ThemeCode> themes,
                             @NotNull LocalDate effectiveFrom,
                             LocalDate effectiveTo,
                             @PositiveOrZero Long expectedVersion) {
        @AssertTrue(message = "must not be before effectiveFrom")
        boolean isEffectiveTo() {
            return effectiveTo == null || effectiveFrom == null || !effectiveTo.isBefore(effectiveFrom);
        }
    }

    @PostMapping("/{partnershipId}/forums/{forumId}/delegations")
    ResponseEntity<Created> delegate(@PathVariable String partnershipId, @PathVariable String forumId,
                                     @Valid @RequestBody DelegationRequest request) {
        String delegationId = Patterns.idOrNew(request.id());
        commands.sendAndWait(new DelegateAuthority(partnershipId, forumId, delegationId, request.fromOdsCode(),
                request.themes(), request.effectiveFrom(), request.effectiveTo(), request.expectedVersion()));
        return Created.at("/api/partnerships/" + partnershipId + "/forums/" + forumId + "/delegations/"
                + delegationId, delegationId);
    }

    record RevocationRequest(@NotNull LocalDate on, @NotBlank @MultiLine @Size(max = Patterns.TEXT) String reason,
                             @PositiveOrZero Long expectedVersion) {
    }

    @PostMapping("/{partnershipId}/forums/{forumId}/delegations/{delegationId}/revocation")
    ResponseEntity<Created> revoke(@PathVariable String partnershipId, @PathVariable String forumId,
                                   @PathVariable String delegationId, @Valid @RequestBody RevocationRequest request) {
        commands.sendAndWait(new RevokeDelegation(partnershipId, forumId, delegationId, request.on(),
                request.reason(), request.expectedVersion()));
        return Created.ok(delegationId);
    }
}
