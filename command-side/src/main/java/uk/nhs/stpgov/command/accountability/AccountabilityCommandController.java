package uk.nhs.stpgov.command.accountability;

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
import uk.nhs.stpgov.command.accountability.AccountabilityCommands.AcceptAccountability;
import uk.nhs.stpgov.command.accountability.AccountabilityCommands.AssignAccountability;
import uk.nhs.stpgov.command.accountability.AccountabilityCommands.RelinquishAccountability;
import uk.nhs.stpgov.command.accountability.AccountabilityCommands.ReviewAccountability;
import uk.nhs.stpgov.command.accountability.AccountabilityCommands.TransferAccountability;
import uk.nhs.stpgov.command.common.DuplicateId;
import uk.nhs.stpgov.command.web.Created;
import uk.nhs.stpgov.command.web.CsvImport;
import uk.nhs.stpgov.command.web.ImportKind;
import uk.nhs.stpgov.command.web.Patterns;
import uk.nhs.stpgov.command.web.StoredEvents;
import uk.nhs.stpgov.events.Storable.MultiLine;
import uk.nhs.stpgov.events.RaciRole;
import uk.nhs.stpgov.events.Subject;
import uk.nhs.stpgov.events.SubjectType;
import uk.nhs.stpgov.events.ThemeCode;
import uk.nhs.stpgov.events.accountability.AccountabilityAssigned;

import java.time.LocalDate;
import java.util.Arrays;

@RestController
class AccountabilityCommandController {
    private final CommandGateway commands;
    private final CsvImport imports;
    private final StoredEvents stored;

    AccountabilityCommandController(CommandGateway commands, CsvImport imports, StoredEvents stored) {
        this.commands = commands;
        this.imports = imports;
        this.stored = stored;
    }

    record SubjectRequest(@NotNull SubjectType type, @NotBlank @Size(max = 64) String ref) {
        /** A theme subject names a theme code; a service change or decision subject names its id. */
        @AssertTrue(message = "must be a theme code for THEME subjects, otherwise a UUID")
        boolean isRef() {
            if (type == null || ref == null) {
                return true;
            }
            return type == SubjectType.THEME
                    ? Arrays.stream(ThemeCode.values()).anyMatch(code -> code.name().equals(ref))
                    : ref.matches(Patterns.UUID);
        }
    }

    record AssignmentRequest(@Pattern(regexp = Patterns.UUID) String id,
                             @NotNull @Valid SubjectRequest subject,
                             @NotNull RaciRole role,
                             @NotBlank @Pattern(regexp = Patterns.ODS_CODE) String odsCode,
                             @NotBlank @Size(max = Patterns.NAME) String post,
                             @Size(max = Patterns.NAME) String personName,
                             @NotNull LocalDate effectiveFrom,
                             LocalDate reviewBy,
                             Boolean joint) {
        @AssertTrue(message = "must not be before effectiveFrom")
        boolean isReviewBy() {
            return reviewBy == null || effectiveFrom == null || !reviewBy.isBefore(effectiveFrom);
        }
    }

    @PostMapping("/api/partnerships/{partnershipId}/accountabilities")
    ResponseEntity<Created> assign(@PathVariable String partnershipId, @Valid @RequestBody AssignmentRequest request) {
        AssignAccountability command = toCommand(partnershipId, request, Patterns.idOrNew(request.id()));
        commands.sendAndWait(command);
        return Created.at("/api/accountabilities/" + command.accountabilityId(), command.accountabilityId());
    }

    /**
     * Columns as in the JSON body, with the subject as {@code subjectType} and {@code subjectRef}. A row without an
     * id gets one from its content; a row whose assignment is already recorded, the same in this partnership, is
     * skipped; any other record under its id refuses the row, as the JSON endpoint refuses that id.
     */
    @PostMapping(path = "/api/partnerships/{partnershipId}/imports/accountabilities", consumes = "text/csv")
    ResponseEntity<?> importAccountabilities(@PathVariable String partnershipId, @RequestBody byte[] csv,
                                             @RequestParam(defaultValue = "false") boolean dryRun) {
        return imports.run(partnershipId, csv, dryRun, ImportKind.ACCOUNTABILITIES,
                row -> new AssignmentRequest(row.text("id"),
                        new SubjectRequest(row.value("subjectType", SubjectType.class), row.text("subjectRef")),
                        row.value("role", RaciRole.class), row.text("odsCode"), row.text("post"),
                        row.text("personName"), row.date("effectiveFrom"), row.date("reviewBy"), row.bool("joint")),
                request -> {
                    String id = request.id() != null ? request.id() : CsvImport.derivedId(partnershipId,
                            "accountability", request.subject().type(), request.subject().ref(), request.role(),
                            request.odsCode(), request.post(), request.personName(), request.effectiveFrom());
                    AssignAccountability command = toCommand(partnershipId, request, id);
                    return stored.creation(id).map(recorded -> reimport(command, recorded, request.id() != null))
                            .orElseGet(() -> new CsvImport.Prepared(command, id));
                });
    }

    /**
     * A row whose id is taken: the same assignment again (same partnership, same cells) is skipped; another
     * partnership's record, another kind of record or other cells would make the import change a record, so the
     * row is refused as a duplicate id, naming the {@code id} column when the row gave it.
     */
    private static CsvImport.Prepared reimport(AssignAccountability row, Object recorded, boolean idGiven) {
        String id = row.accountabilityId();
        String idColumn = idGiven ? "id" : null;
        if (!(recorded instanceof AccountabilityAssigned assigned)
                || !assigned.partnershipId().equals(row.partnershipId())) {
            String detail = "A record with id " + id + " already exists; choose another id or omit it";
            throw new CsvImport.Differences().refuse(new DuplicateId(detail), "id",
                    "already the id of another record");
        }
        CsvImport.Differences differences = new CsvImport.Differences()
                .cell("subjectType", assigned.subject().type(), row.subject().type())
                .cell("subjectRef", assigned.subject().ref(), row.subject().ref())
                .cell("role", assigned.role(), row.role())
                .cell("odsCode", assigned.odsCode(), row.odsCode())
                .cell("post", assigned.post(), row.post())
                .cell("personName", assigned.personName(), row.personName())
                .cell("effectiveFrom", assigned.effectiveFrom(), row.effectiveFrom())
                .cell("reviewBy", assigned.reviewBy(), row.reviewBy())
                .cell("joint", assigned.joint(), row.joint());
        if (differences.none()) {
            return CsvImport.Prepared.alreadyRecorded(id);
        }
        String detail = "Accountability " + id + " is already recorded with another " + differences.columns()
                + "; an import adds assignments, it does not change them (transfer, review or relinquish it instead)";
        throw differences.refuse(new DuplicateId(detail), idColumn,
                "already the id of an assignment with another " + differences.columns());
    }

    private static AssignAccountability toCommand(String partnershipId, AssignmentRequest request, String id) {
        return new AssignAccountability(id, partnershipId,
                new Subject(request.subject().type(), request.subject().ref()), request.role(), request.odsCode(),
                request.post().strip(), blankToNull(request.personName()), request.effectiveFrom(),
                request.reviewBy(), Boolean.TRUE.equals(request.joint()));
    }

    record AcceptanceRequest(@NotNull LocalDate on,
                             @PositiveOrZero Long expectedVersion) {
    }

    @PostMapping("/api/accountabilities/{accountabilityId}/acceptance")
    ResponseEntity<Created> accept(@PathVariable String accountabilityId,
                                   @Valid @RequestBody AcceptanceRequest request) {
        commands.sendAndWait(new AcceptAccountability(accountabilityId, request.on(), request.expectedVersion()));
        return Created.ok(accountabilityId);
    }

    record RelinquishmentRequest(@NotNull LocalDate on, @NotBlank @MultiLine @Size(max = Patterns.TEXT) String reason,
                                 @PositiveOrZero Long expectedVersion) {
    }

    @PostMapping("/api/accountabilities/{accountabilityId}/relinquishment")
    ResponseEntity<Created> relinquish(@PathVariable String accountabilityId,
                                       @Valid @RequestBody RelinquishmentRequest request) {
        commands.sendAndWait(new RelinquishAccountability(accountabilityId, request.on(), request.reason(),
                request.expectedVersion()));
        return Created.ok(accountabilityId);
    }

    record TransferRequest(@NotBlank @Pattern(regexp = Patterns.ODS_CODE) String odsCode,
                           @NotBlank @Size(max = Patterns.NAME) String post,
                           @Size(max = Patterns.NAME) String personName,
                           @NotNull LocalDate on,
                           @PositiveOrZero Long expectedVersion) {
    }

    @PostMapping("/api/accountabilities/{accountabilityId}/transfer")
    ResponseEntity<Created> transfer(@PathVariable String accountabilityId,
                                     @Valid @RequestBody TransferRequest request) {
        commands.sendAndWait(new TransferAccountability(accountabilityId, request.odsCode(), request.post().strip(),
                blankToNull(request.personName()), request.on(), null, request.expectedVersion()));
        return Created.ok(accountabilityId);
    }

    record ReviewRequest(@NotNull LocalDate on, LocalDate nextReviewBy,
                         @NotBlank @MultiLine @Size(max = Patterns.TEXT) String note,
                         @PositiveOrZero Long expectedVersion) {
        @AssertTrue(message = "must be after on")
        boolean isNextReviewBy() {
            return nextReviewBy == null || on == null || nextReviewBy.isAfter(on);
        }
    }

    /** A review clears an overdue review; {@code nextReviewBy} sets the next one. */
    @PostMapping("/api/accountabilities/{accountabilityId}/review")
    ResponseEntity<Created> review(@PathVariable String accountabilityId, @Valid @RequestBody ReviewRequest request) {
        commands.sendAndWait(new ReviewAccountability(accountabilityId, request.on(), request.nextReviewBy(),
                request.note().strip(), request.expectedVersion()));
        return Created.ok(accountabilityId);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
