package uk.nhs.stpgov.command.decision;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import uk.nhs.stpgov.command.common.DuplicateId;
import uk.nhs.stpgov.command.common.RuleViolation;
import uk.nhs.stpgov.command.decision.DecisionCommands.DeclineRatification;
import uk.nhs.stpgov.command.decision.DecisionCommands.RatifyDecision;
import uk.nhs.stpgov.command.decision.DecisionCommands.RecordDecision;
import uk.nhs.stpgov.command.decision.DecisionCommands.RescindDecision;
import uk.nhs.stpgov.command.registry.GovernanceRegistry;
import uk.nhs.stpgov.command.web.Created;
import uk.nhs.stpgov.command.web.CsvImport;
import uk.nhs.stpgov.command.web.ImportKind;
import uk.nhs.stpgov.command.web.Patterns;
import uk.nhs.stpgov.command.web.StoredEvents;
import uk.nhs.stpgov.events.Storable.MultiLine;
import uk.nhs.stpgov.events.DecisionOutcome;
import uk.nhs.stpgov.events.DecisionPosition;
import uk.nhs.stpgov.events.Position;
import uk.nhs.stpgov.events.ThemeCode;
import uk.nhs.stpgov.events.decision.DecisionRatificationDeclined;
import uk.nhs.stpgov.events.decision.DecisionRatified;
import uk.nhs.stpgov.events.decision.DecisionRecorded;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

@RestController
class DecisionCommandController {
    private final CommandGateway commands;
    private final CsvImport imports;
    private final GovernanceRegistry registry;
    private final StoredEvents stored;

    DecisionCommandController(CommandGateway commands, CsvImport imports, GovernanceRegistry registry,
                              StoredEvents stored) {
        this.commands = commands;
        this.imports = imports;
        this.registry = registry;
        this.stored = stored;
    }

    record PositionRequest(@NotBlank @Pattern(regexp = Patterns.ODS_CODE) String odsCode, @NotNull Position position) {
    }

    record DecisionRequest(@Pattern(regexp = Patterns.UUID) String id,
                           @Pattern(regexp = Patterns.REFERENCE) String reference,
                           @NotBlank @Size(max = Patterns.NAME) String title,
                           @NotNull ThemeCode theme,
                           @Pattern(regexp = Patterns.UUID) String forumId,
                           @Pattern(regexp = Patterns.UUID) String serviceChangeId,
                           @Size(max = 50) List<@NotNull @Pattern(regexp = Patterns.ODS_CODE) String> decidingOdsCodes,
                           @Size(max = 50) List<@NotNull @Valid PositionRequest> positions,
                           @NotNull DecisionOutcome outcome,
                           @MultiLine @Size(max = Patterns.TEXT) String rationale,
                           @NotNull LocalDate decidedOn,
                           @Pattern(regexp = Patterns.UUID) String supersedes) {
        @AssertTrue(message = "must name each body at most once")
        boolean isPositions() {
            return positions == null || positions.stream().filter(p -> p != null && p.odsCode() != null)
                    .map(PositionRequest::odsCode).distinct().count()
                    == positions.stream().filter(p -> p != null && p.odsCode() != null).count();
        }
    }

    @PostMapping("/api/partnerships/{partnershipId}/decisions")
    ResponseEntity<Created> record(@PathVariable String partnershipId, @Valid @RequestBody DecisionRequest request) {
        RecordDecision command = toCommand(partnershipId, request, Patterns.idOrNew(request.id()));
        commands.sendAndWait(command);
        return Created.at("/api/decisions/" + command.decisionId(), command.decisionId());
    }

    /**
     * A row of the decisions import: the decision, and the one it supersedes by id or by reference (a minute book
     * names decisions by reference; the JSON body takes the id).
     */
    record DecisionRow(@NotNull @Valid DecisionRequest decision, @Pattern(regexp = Patterns.REFERENCE) String supersedes) {
    }

    /**
     * Columns as in the JSON body; {@code decidingOdsCodes} separated by spaces or semicolons, {@code positions} as
     * {@code ODS:POSITION} pairs ({@code RNN:SUPPORTS 01H:ABSTAINS}); {@code supersedes} the id or the reference of a
     * decision of the partnership (recorded before, or by an earlier-dated row of the file). A row whose decision is
     * already recorded (by its reference or id), the same in this partnership, is skipped; a reference or id already
     * taken otherwise refuses the row.
     */
    @PostMapping(path = "/api/partnerships/{partnershipId}/imports/decisions", consumes = "text/csv")
    ResponseEntity<?> importDecisions(@PathVariable String partnershipId, @RequestBody byte[] csv,
                                      @RequestParam(defaultValue = "false") boolean dryRun) {
        return imports.run(partnershipId, csv, dryRun, ImportKind.DECISIONS,
                row -> new DecisionRow(new DecisionRequest(row.text("id"), row.text("reference"), row.text("title"),
                        row.value("theme", ThemeCode.class), row.text("forumId"), row.text("serviceChangeId"),
                        row.list("decidingOdsCodes"), positions(row), row.value("outcome", DecisionOutcome.class),
                        row.multiLineText("rationale"), row.date("decidedOn"), null), row.text("supersedes")),
                decisionRow -> {
                    DecisionRequest request = withSupersedes(decisionRow.decision(),
                            supersededId(partnershipId, decisionRow.supersedes()));
                    String id = request.id() != null ? request.id() : CsvImport.derivedId(partnershipId, "decision",
                            request.reference(), request.title(), request.theme(), request.forumId(),
                            request.decidingOdsCodes(), request.outcome(), request.decidedOn());
                    return prepare(toCommand(partnershipId, request, id), request.id() != null);
                },
                // By decidedOn, so a decision is recorded before the later one that supersedes it, whatever the
                // file's order (a decision log is listed newest first).
                java.util.Comparator.comparing((DecisionRow row) -> row.decision().decidedOn(),
                        java.util.Comparator.nullsLast(java.util.Comparator.naturalOrder())));
    }

    /** An id as it is; otherwise the reference of a decision of the partnership, refused when none has it. */
    private String supersededId(String partnershipId, String idOrReference) {
        if (idOrReference == null || idOrReference.matches(Patterns.UUID)) {
            return idOrReference;
        }
        return registry.decisionWithReference(partnershipId, idOrReference).orElseThrow(() -> new RuleViolation(
                "No decision of " + partnershipId + " has the reference " + idOrReference + " to supersede"));
    }

    private static DecisionRequest withSupersedes(DecisionRequest r, String supersedes) {
        return new DecisionRequest(r.id(), r.reference(), r.title(), r.theme(), r.forumId(), r.serviceChangeId(),
                r.decidingOdsCodes(), r.positions(), r.outcome(), r.rationale(), r.decidedOn(), supersedes);
    }

    /**
     * The decision a row records, unless it is already recorded: the same decision again (same partnership, same
     * cells) is skipped; a reference another decision has is refused as the JSON endpoint refuses it, and an id
     * already taken by any other record as a duplicate id, each naming its column.
     */
    private CsvImport.Prepared prepare(RecordDecision row, boolean idGiven) {
        String partnershipId = row.partnershipId();
        Optional<DecisionRecorded> byReference = row.reference() == null ? Optional.empty()
                : registry.decisionWithReference(partnershipId, row.reference()).flatMap(stored::creation)
                .filter(DecisionRecorded.class::isInstance).map(DecisionRecorded.class::cast);
        if (byReference.isPresent()) {
            DecisionRecorded recorded = byReference.get();
            CsvImport.Differences differences = differences(recorded, row);
            if (idGiven) {
                differences.cell("id", recorded.decisionId(), row.decisionId());
            }
            if (differences.none()) {
                return CsvImport.Prepared.alreadyRecorded(recorded.decisionId());
            }
            throw differences.refuse(new RuleViolation("Reference " + row.reference() + " is already used by "
                            + "decision " + recorded.decisionId() + " of " + partnershipId + ", recorded with another "
                            + differences.columns() + "; an import adds decisions, it does not change them"),
                    "reference", "already the reference of decision " + recorded.decisionId() + ", recorded with "
                            + "another " + differences.columns());
        }
        Optional<Object> recorded = stored.creation(row.decisionId());
        if (recorded.isEmpty()) {
            return new CsvImport.Prepared(row, row.decisionId());
        }
        if (!(recorded.get() instanceof DecisionRecorded decision) || !decision.partnershipId().equals(partnershipId)) {
            throw new CsvImport.Differences().refuse(new DuplicateId("A record with id " + row.decisionId()
                    + " already exists; choose another id or omit it"), "id", "already the id of another record");
        }
        CsvImport.Differences differences = differences(decision, row);
        if (differences.none()) {
            return CsvImport.Prepared.alreadyRecorded(row.decisionId());
        }
        throw differences.refuse(new DuplicateId("Decision " + row.decisionId() + " is already recorded with another "
                        + differences.columns() + "; an import adds decisions, it does not change them"),
                idGiven ? "id" : null, "already the id of a decision with another " + differences.columns());
    }

    /** Lists compared as sets: the same bodies in another order are the same decision. */
    private static CsvImport.Differences differences(DecisionRecorded recorded, RecordDecision row) {
        return new CsvImport.Differences()
                .cell("reference", recorded.reference(), row.reference())
                .cell("title", recorded.title(), row.title())
                .cell("theme", recorded.theme(), row.theme())
                .cell("forumId", recorded.forumId(), row.forumId())
                .cell("serviceChangeId", recorded.serviceChangeId(), row.serviceChangeId())
                .cell("decidingOdsCodes", new HashSet<>(recorded.decidingOdsCodes()),
                        new HashSet<>(row.decidingOdsCodes()))
                .cell("positions", positions(recorded.positions()), positions(row.positions()))
                .cell("outcome", recorded.outcome(), row.outcome())
                .cell("rationale", recorded.rationale(), row.rationale())
                .cell("decidedOn", recorded.decidedOn(), row.decidedOn())
                .cell("supersedes", recorded.supersedes(), row.supersedes());
    }

    private static Set<String> positions(List<DecisionPosition> positions) {
        Set<String> pairs = new HashSet<>();
        positions.forEach(p -> pairs.add(p.odsCode() + ":" + p.position()));
        return pairs;
    }

    private static List<PositionRequest> positions(CsvImport.Row row) {
        List<PositionRequest> positions = new ArrayList<>();
        for (String pair : row.list("positions")) {
            int colon = pair.indexOf(':');
            Position position = null;
            try {
                position = colon < 0 ? null : Position.valueOf(pair.substring(colon + 1));
            } catch (IllegalArgumentException e) {
                // reported below, like a missing position
            }
            if (position == null) {
                row.reject("positions", "'" + pair + "' is not ODS:POSITION with POSITION one of "
                        + List.of(Position.values()));
                return null;
            }
            positions.add(new PositionRequest(pair.substring(0, colon), position));
        }
        return positions;
    }

    private static RecordDecision toCommand(String partnershipId, DecisionRequest request, String id) {
        List<String> deciding = request.decidingOdsCodes() == null ? List.of()
                : request.decidingOdsCodes().stream().distinct().toList();
        List<DecisionPosition> positions = request.positions() == null ? List.of() : request.positions().stream()
                .map(p -> new DecisionPosition(p.odsCode(), p.position())).toList();
        return new RecordDecision(id, partnershipId, request.title().strip(), request.theme(), request.forumId(),
                request.serviceChangeId(), deciding, request.outcome(), request.rationale(), request.decidedOn(),
                request.supersedes(), request.reference(), positions);
    }

    /** A ratification, or with {@code declined: true} a refusal to ratify (then {@code reason} is required). */
    record RatificationRequest(@NotBlank @Pattern(regexp = Patterns.ODS_CODE) String odsCode,
                               @NotNull LocalDate ratifiedOn,
                               Boolean declined,
                               @MultiLine @Size(max = Patterns.TEXT) String reason,
                               @PositiveOrZero Long expectedVersion) {
        @AssertTrue(message = "is required when the ratification is declined")
        boolean isReason() {
            return !Boolean.TRUE.equals(declined) || reason != null && !reason.isBlank();
        }
    }

    @PostMapping("/api/decisions/{decisionId}/ratifications")
    ResponseEntity<Created> ratify(@PathVariable String decisionId, @Valid @RequestBody RatificationRequest request) {
        commands.sendAndWait(ratificationCommand(decisionId, request));
        return Created.ok(decisionId);
    }

    private static Object ratificationCommand(String decisionId, RatificationRequest request) {
        return Boolean.TRUE.equals(request.declined())
                ? new DeclineRatification(decisionId, request.odsCode(), request.ratifiedOn(), request.reason().strip(),
                request.expectedVersion())
                : new RatifyDecision(decisionId, request.odsCode(), request.ratifiedOn(), request.expectedVersion());
    }

    record RatificationRow(@Pattern(regexp = Patterns.UUID) String decisionId,
                           @Pattern(regexp = Patterns.REFERENCE) String decisionReference,
                           @NotNull @Valid RatificationRequest ratification) {
        @AssertTrue(message = "a row names its decision by decisionId or decisionReference")
        boolean isDecision() {
            return decisionId != null || decisionReference != null;
        }
    }

    /**
     * Columns {@code decisionId} or {@code decisionReference}, then as in the JSON body. A body that has already
     * answered the decision the same way, on the same day (and for the same reason), is skipped; one that answered
     * otherwise is refused, as a second answer is.
     */
    @PostMapping(path = "/api/partnerships/{partnershipId}/imports/ratifications", consumes = "text/csv")
    ResponseEntity<?> importRatifications(@PathVariable String partnershipId, @RequestBody byte[] csv,
                                          @RequestParam(defaultValue = "false") boolean dryRun) {
        return imports.run(partnershipId, csv, dryRun, ImportKind.RATIFICATIONS,
                row -> new RatificationRow(row.text("decisionId"), row.text("decisionReference"),
                        new RatificationRequest(row.text("odsCode"), row.date("ratifiedOn"), row.bool("declined"),
                                row.multiLineText("reason"), null)),
                request -> {
                    String byReference = request.decisionReference() == null ? null
                            : registry.decisionWithReference(partnershipId, request.decisionReference())
                            .orElseThrow(() -> new RuleViolation("No decision of " + partnershipId
                                    + " has the reference " + request.decisionReference()));
                    String decisionId = request.decisionId() != null ? request.decisionId() : byReference;
                    if (byReference != null && !byReference.equalsIgnoreCase(decisionId)) {
                        // A row that names two decisions is refused, not read as either (the id had won unsaid).
                        throw new RuleViolation("Reference " + request.decisionReference() + " names decision "
                                + byReference + ", not decision " + decisionId + " of the row's decisionId");
                    }
                    if (registry.decision(partnershipId, decisionId).isEmpty()) {
                        throw new RuleViolation("Decision " + decisionId + " is not a decision of " + partnershipId);
                    }
                    RatificationRequest answer = request.ratification();
                    String wanted = Boolean.TRUE.equals(answer.declined()) ? "DECLINED" : "RATIFIED";
                    String state = registry.decidingBodyState(decisionId, answer.odsCode()).orElse("");
                    return state.equals(wanted) ? reimportedAnswer(decisionId, answer)
                            : new CsvImport.Prepared(ratificationCommand(decisionId, answer), decisionId);
                });
    }

    /** The body has answered this way already: skipped if on the same day for the same reason, else refused. */
    private CsvImport.Prepared reimportedAnswer(String decisionId, RatificationRequest row) {
        String ods = row.odsCode();
        CsvImport.Differences differences = new CsvImport.Differences();
        Optional<LocalDate> answeredOn;
        if (Boolean.TRUE.equals(row.declined())) {
            Optional<DecisionRatificationDeclined> declined = stored.lookup(decisionId)
                    .find(DecisionRatificationDeclined.class, d -> d.odsCode().equals(ods));
            declined.ifPresent(d -> differences.cell("ratifiedOn", d.on(), row.ratifiedOn())
                    .cell("reason", d.reason(), row.reason().strip()));
            answeredOn = declined.map(DecisionRatificationDeclined::on);
        } else {
            Optional<DecisionRatified> ratified = stored.lookup(decisionId)
                    .find(DecisionRatified.class, r -> r.odsCode().equals(ods));
            ratified.ifPresent(r -> differences.cell("ratifiedOn", r.ratifiedOn(), row.ratifiedOn()));
            answeredOn = ratified.map(DecisionRatified::ratifiedOn);
        }
        if (differences.none()) {
            return CsvImport.Prepared.alreadyRecorded(decisionId);
        }
        throw differences.refuse(new RuleViolation(ods + " has already answered decision " + decisionId + ": "
                + (Boolean.TRUE.equals(row.declined()) ? "DECLINED" : "RATIFIED") + " on " + answeredOn.orElseThrow()
                + ", with another " + differences.columns() + " than this row's"), null, null);
    }

    record RescissionRequest(@NotBlank @MultiLine @Size(max = Patterns.TEXT) String reason, @NotNull LocalDate on,
                             @PositiveOrZero Long expectedVersion) {
    }

    @PostMapping("/api/decisions/{decisionId}/rescission")
    ResponseEntity<Created> rescind(@PathVariable String decisionId, @Valid @RequestBody RescissionRequest request) {
        commands.sendAndWait(new RescindDecision(decisionId, request.reason(), request.on(),
                request.expectedVersion()));
        return Created.ok(decisionId);
    }
}
