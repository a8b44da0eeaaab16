package uk.nhs.stpgov.command.web;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.DuplicateHeaderMode;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.caching.Cache;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import uk.nhs.stpgov.command.registry.GovernanceRegistry;
import uk.nhs.stpgov.events.Storable;

/**
 * Imports a CSV file of commands: every row is read and validated first, then all are sent in one transaction, so
 * either every row is written or none is. Errors name the row (1 = the first data row) and the column, and every
 * error of every row is told, not the first: each cell of each row is checked, and a dry run sends every row, each
 * under its own savepoint, so a refused row is set aside and the rows after it are judged too. A dry run then rolls
 * the transaction back ({@link DryRun}); a real import is such a rehearsal first, so a refused file has written
 * nothing, not even a global index. A row whose record is
 * already there (same id, given or derived from the row's content) is skipped when it says what was recorded, so
 * re-importing a file writes nothing new; saying otherwise, it is refused, as an import never changes a record.
 * An import into a partnership that does not exist is 404, as the JSON endpoints answer, before its file is read.
 */
@Component
public class CsvImport {
    private static final int MAX_ROWS = 5_000;

    private final Validator validator;
    private final CommandGateway commands;
    private final TransactionTemplate transaction;
    /** One row of a rehearsal: a savepoint, so a refused row's failed statements do not abort the transaction. */
    private final TransactionTemplate rowSavepoint;
    private final Cache aggregateCache;
    private final RefusalProblems problems;
    private final GovernanceRegistry registry;

    CsvImport(Validator validator, CommandGateway commands, PlatformTransactionManager transactionManager,
              @Qualifier("aggregateCache") Cache aggregateCache, RefusalProblems problems,
              GovernanceRegistry registry) {
        this.validator = validator;
        this.commands = commands;
        this.transaction = new TransactionTemplate(transactionManager);
        this.rowSavepoint = new TransactionTemplate(transactionManager);
        this.rowSavepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        this.aggregateCache = aggregateCache;
        this.problems = problems;
        this.registry = registry;
    }

    /** Reads one row into a request; conversion errors go to {@code row.error}. */
    public interface RowMapper<R> {
        R map(Row row);
    }

    /** {@code imported}: rows written (or, in a dry run, that would be); {@code skipped}: rows already recorded. */
    public record Imported(String id, int imported, int skipped, boolean dryRun, List<String> ids) {
    }

    /** A row's command and the id of the record it creates; no command when the row is already recorded. */
    public record Prepared(Object command, String id) {
        public static Prepared alreadyRecorded(String id) {
            return new Prepared(null, id);
        }
    }

    /**
     * Refuses the row being imported with {@code refusal}'s problem (the one the JSON endpoint answers), said of the
     * cells named (column → message); thrown while the rows are sent, so nothing of the file is written.
     */
    public static final class RowRefused extends RuntimeException {
        private final Map<String, String> cells;

        public RowRefused(RuntimeException refusal, Map<String, String> cells) {
            super(refusal.getMessage(), refusal);
            this.cells = new LinkedHashMap<>(cells);
        }

        List<Map<String, Object>> errors(long row, String detail) {
            if (cells.isEmpty()) {
                return List.of(error(row, null, detail));
            }
            return cells.entrySet().stream().map(cell -> error(row, cell.getKey(), cell.getValue())).toList();
        }
    }

    /**
     * Where a row differs from the record already stored under its id or key, column by column. A re-import says
     * the same and is skipped; a row that says otherwise would change the record, which an import never does.
     */
    public static final class Differences {
        private final Map<String, String> cells = new LinkedHashMap<>();

        public Differences cell(String column, Object stored, Object row) {
            if (!Objects.equals(stored, row)) {
                cells.put(column, "recorded as " + shown(stored) + ", this row says " + shown(row));
            }
            return this;
        }

        public boolean none() {
            return cells.isEmpty();
        }

        /** The differing columns, for a detail. */
        public String columns() {
            return String.join(", ", cells.keySet());
        }

        /** Refuses the row, naming {@code column} (the id or key, if the row gave it) and then each differing cell. */
        public RowRefused refuse(RuntimeException refusal, String column, String message) {
            Map<String, String> named = new LinkedHashMap<>();
            if (column != null) {
                named.put(column, message);
            }
            cells.forEach(named::putIfAbsent);
            return new RowRefused(refusal, named);
        }

        private static String shown(Object value) {
            if (value == null || value instanceof Collection<?> c && c.isEmpty()) {
                return "nothing";
            }
            // Lists are compared as sets: shown sorted, so the same bodies read the same.
            return value instanceof Collection<?> c
                    ? "'" + c.stream().map(String::valueOf).sorted().collect(Collectors.joining(" ")) + "'"
                    : "'" + value + "'";
        }
    }

    /** An id for a row without one, derived from what the row says, so the same row always gets the same id. */
    public static String derivedId(String partnershipId, String kind, Object... values) {
        StringBuilder key = new StringBuilder(partnershipId).append('|').append(kind);
        for (Object value : values) {
            key.append('|').append(value);
        }
        return java.util.UUID.nameUUIDFromBytes(key.toString().getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    /** {@code csv}: the file's bytes, read here as UTF-8 (never by the web layer, which would replace bad bytes). */
    public <R> ResponseEntity<?> run(String partnershipId, byte[] csv, boolean dryRun, ImportKind kind,
                                     RowMapper<R> mapper, Function<R, Prepared> toCommand) {
        return run(partnershipId, csv, dryRun, kind, mapper, toCommand, null);
    }

    /**
     * As {@link #run(String, byte[], boolean, ImportKind, RowMapper, Function)}, sending the rows in {@code order}
     * (stable; null: as the file lists them), so a file may list its rows in any order (a decision log newest first,
     * a supersession before the decision it supersedes); a refusal still names the row of the file.
     */
    public <R> ResponseEntity<?> run(String partnershipId, byte[] csv, boolean dryRun, ImportKind kind,
                                     RowMapper<R> mapper, Function<R, Prepared> toCommand,
                                     java.util.Comparator<R> order) {
        // Each row would be refused otherwise, each kind in its own words (a ratification: no such decision).
        registry.requirePartnership(partnershipId);
        List<Map<String, Object>> errors = new ArrayList<>();
        List<Object> toSend = new ArrayList<>();
        List<Long> rowNumbers = new ArrayList<>();
        List<Map<String, Object>> cellsOfRows = new ArrayList<>();
        long rowsRead = -1;
        String text;
        try {
            text = utf8(csv);
        } catch (NotUtf8 e) {
            return problem(HttpStatus.BAD_REQUEST, e.getMessage(), List.of(e.error()));
        }
        try (CSVParser parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true)
                .setDuplicateHeaderMode(DuplicateHeaderMode.ALLOW_ALL).setAllowMissingColumnNames(true)
                .setIgnoreEmptyLines(true).setTrim(true).get().parse(new StringReader(text))) {
            List<String> header = parser.getHeaderNames();
            rowsRead = 0;
            List<Map<String, Object>> headerErrors = headerErrors(header);
            if (!headerErrors.isEmpty()) {
                return problem(HttpStatus.BAD_REQUEST, "The header row names a column twice or holds unreadable text",
                        headerErrors);
            }
            List<String> missing = kind.required().stream().filter(c -> !parser.getHeaderMap().containsKey(c))
                    .toList();
            List<Map<String, Object>> unknown = unknownColumns(header, kind);
            if (!missing.isEmpty() || !unknown.isEmpty()) {
                List<Map<String, Object>> columnErrors = new ArrayList<>();
                List<String> said = new ArrayList<>();
                if (!missing.isEmpty()) {
                    columnErrors.add(error(0, String.join(",", missing), "required column missing"));
                    said.add("lacks the columns " + missing);
                }
                if (!unknown.isEmpty()) {
                    columnErrors.addAll(unknown);
                    said.add("names " + unknown.stream().map(e -> "'" + e.get("column") + "'")
                            .collect(Collectors.joining(", ")) + ", which the " + kind.path() + " import does not read");
                }
                ResponseEntity<ProblemDetail> refused = problem(HttpStatus.BAD_REQUEST, "The header row "
                        + String.join(" and ", said) + "; its header is " + kind.header() + " (GET /api/imports/"
                        + kind.path() + "/template.csv); nothing was imported", columnErrors);
                refused.getBody().setProperty("expectedHeader", kind.header());
                return refused;
            }
            for (CSVRecord record : parser) {
                rowsRead = record.getRecordNumber();
                if (record.getRecordNumber() > MAX_ROWS) {
                    return problem(HttpStatus.CONTENT_TOO_LARGE, "At most " + MAX_ROWS + " rows per import", List.of());
                }
                if (record.stream().allMatch(String::isEmpty)) {
                    // A row of empty cells, as a spreadsheet saves the rows below its data (",,,,"): no row at all.
                    continue;
                }
                if (unnamedCellsTold(record, header, errors)) {
                    continue;
                }
                if (record.size() > header.size()) {
                    // Without this, the extra cells would be dropped and the row imported as if it were whole.
                    errors.add(error(record.getRecordNumber(), "column " + (header.size() + 1), "the row has "
                            + record.size() + " cells but the header names " + header.size() + " columns"));
                    continue;
                }
                Row row = new Row(record, errors);
                R request = mapper.map(row);
                // Validated even when a cell could not be read, so the row's other errors are told too; a cell
                // already refused is not refused again ("must not be null" for the date that was not a date).
                for (ConstraintViolation<R> violation : validator.validate(request)) {
                    String column = columnOf(violation.getPropertyPath().toString(), kind.columns());
                    if (!row.failed(column)) {
                        errors.add(error(row.number(), column, message(violation)));
                    }
                }
                toSend.add(request);
                rowNumbers.add(record.getRecordNumber());
                cellsOfRows.add(row.cells());
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            return notCsv(text, rowsRead, e);
        } catch (IllegalArgumentException | IllegalStateException e) {
            // commons-csv's own sentences about a header (a column with no name), without a class name.
            return problem(HttpStatus.BAD_REQUEST, "The file is not well-formed CSV with a header row: "
                    + e.getMessage(), List.of(error(Math.max(rowsRead + 1, 0), null, e.getMessage())));
        }
        if (!errors.isEmpty()) {
            return problem(HttpStatus.BAD_REQUEST, errors.size() + " error(s); nothing was imported", errors);
        }
        if (toSend.isEmpty()) {
            return problem(HttpStatus.BAD_REQUEST, "The file has a header row but no data rows", List.of());
        }
        List<Integer> sendOrder = new ArrayList<>(java.util.stream.IntStream.range(0, toSend.size()).boxed().toList());
        if (order != null) {
            @SuppressWarnings("unchecked")
            java.util.Comparator<Integer> byRow = (a, b) -> order.compare((R) toSend.get(a), (R) toSend.get(b));
            sendOrder.sort(byRow);
        }
        Rows rows = new Rows(sendOrder, toSend, rowNumbers, cellsOfRows);
        // Every import is rehearsed first (a dry run is only that): a file refused at row k would otherwise have
        // drawn k - 1 global indexes and rolled them back, each a gap every streaming processor's token carries.
        Pass pass = rehearse(rows, toCommand);
        if (pass.refusals.isEmpty() && !dryRun) {
            pass = write(rows, toCommand);
        }
        if (!pass.refusals.isEmpty()) {
            return refused(pass.refusals);
        }
        // The ids in the file's order, whatever order the rows were sent in.
        List<String> ids = java.util.Arrays.stream(pass.written).filter(Objects::nonNull).toList();
        return ResponseEntity.ok(new Imported(partnershipId, ids.size(), pass.skipped, dryRun, ids));
    }

    /** The rows to send: their order of sending, their requests, row numbers and cells, by index in the file. */
    private record Rows(List<Integer> order, List<Object> requests, List<Long> numbers,
                        List<Map<String, Object>> cells) {
    }

    /** One pass over the rows: the id each wrote (null: none), the rows skipped as recorded already, the refusals. */
    private static final class Pass {
        final String[] written;
        final List<Refusal> refusals = new ArrayList<>();
        int skipped;
        /** The index of the row being sent, -1 before the first. */
        int at = -1;

        Pass(int rows) {
            written = new String[rows];
        }
    }

    /**
     * Sends every row inside a transaction then rolled back ({@link DryRun}), each under its own savepoint, so a
     * refused row is set aside and the rows after it are judged too.
     */
    private <R> Pass rehearse(Rows rows, Function<R, Prepared> toCommand) {
        Pass pass = new Pass(rows.requests().size());
        try {
            // Rolled back, it leaves the shared cache as it was: what it kept is not evicted.
            transaction.executeWithoutResult(status -> TransactionAggregates.keep(new HashSet<>(), () -> {
                DryRun.rehearse(() -> {
                    for (int index : rows.order()) {
                        pass.at = index;
                        try {
                            // A refused row rolls back to its savepoint, so the rows after it are still judged.
                            rowSavepoint.executeWithoutResult(row -> send(rows, index, toCommand, pass));
                        } catch (RuntimeException e) {
                            Refusal refusal = refusalAt(e, rows, index);
                            pass.refusals.add(refusal);
                            if (!refusal.ofTheRow()) {
                                // Not the row's fault (the store failed): nothing more can be judged.
                                throw new Abandoned();
                            }
                        }
                    }
                    return null;
                });
                status.setRollbackOnly();
            }));
        } catch (Abandoned e) {
            // The refusals collected so far are the answer.
        } catch (RuntimeException e) {
            pass.refusals.clear();
            pass.refusals.add(refusalAt(e, rows, pass.at));
        }
        return pass;
    }

    /** Sends every row in one transaction: all are written, or none (the refusal that stopped it). */
    private <R> Pass write(Rows rows, Function<R, Prepared> toCommand) {
        Pass pass = new Pass(rows.requests().size());
        Set<Object> kept = new HashSet<>();
        try {
            transaction.executeWithoutResult(status -> TransactionAggregates.keep(kept, () -> {
                for (int index : rows.order()) {
                    pass.at = index;
                    send(rows, index, toCommand, pass);
                }
            }));
        } catch (RuntimeException e) {
            pass.refusals.add(refusalAt(e, rows, pass.at));
        } finally {
            // What the shared cache holds of them predates the import's events, if it wrote them.
            kept.forEach(aggregateCache::remove);
        }
        return pass;
    }

    @SuppressWarnings("unchecked")
    private <R> void send(Rows rows, int index, Function<R, Prepared> toCommand, Pass pass) {
        Prepared prepared = toCommand.apply((R) rows.requests().get(index));
        if (prepared.command() == null) {
            pass.skipped++;
            return;
        }
        commands.sendAndWait(prepared.command());
        pass.written[index] = prepared.id();
    }

    /** The refusal of the row at {@code index} (-1: before any row was sent). */
    private Refusal refusalAt(RuntimeException e, Rows rows, int index) {
        return index < 0 ? refusal(e, 0, Map.of()) : refusal(e, rows.numbers().get(index), rows.cells().get(index));
    }

    /** A rehearsal given up: a failure that is not a refusal of its row, after which no row can be judged. */
    private static final class Abandoned extends RuntimeException {
        Abandoned() {
            super(null, null, false, false);
        }
    }

    /** A refused row: its problem, as the JSON endpoint answers it, and its errors by column. */
    private record Refusal(long row, ProblemDetail problem, List<Map<String, Object>> errors) {
        /** A refusal of what the row says (4xx), not a failure of the store or the application (5xx). */
        boolean ofTheRow() {
            return problem.getStatus() < 500;
        }
    }

    /**
     * {@code cells}: the row's non-empty cells by column, each a list of its words, so a refusal that names no
     * column is placed by its sentence ({@link RefusedRules}): a rule about a body goes to the column that names it.
     */
    private Refusal refusal(RuntimeException e, long row, Map<String, Object> cells) {
        // The same problem the JSON endpoint answers for this refusal, said of the row; never the raw exception.
        ProblemDetail problem = problems.problemFor(e);
        RowRefused named = refusedCells(e);
        List<Map<String, Object>> errors = named != null ? named.errors(row, problem.getDetail())
                : List.of(error(row, RefusedRules.field(problem.getDetail(), cells, null), problem.getDetail()));
        String reason = String.valueOf(problem.getType());
        errors.forEach(error -> error.put("reason", reason));
        return new Refusal(row, problem, errors);
    }

    /**
     * The problem of a file whose rows were refused: the first refused row's status and reason, and every refused
     * row's errors, each with its own reason. {@code refusals}: in the order the rows were sent.
     */
    private ResponseEntity<?> refused(List<Refusal> refusals) {
        List<Refusal> byRow = refusals.stream().sorted(java.util.Comparator.comparingLong(Refusal::row)).toList();
        Refusal first = byRow.get(0);
        String detail;
        if (byRow.size() == 1) {
            detail = "Row " + first.row() + " was refused, so nothing was imported: " + first.problem().getDetail();
        } else {
            List<String> rows = byRow.stream().map(r -> String.valueOf(r.row())).toList();
            String listed = rows.size() <= 10
                    ? String.join(", ", rows.subList(0, rows.size() - 1)) + " and " + rows.get(rows.size() - 1)
                    : String.join(", ", rows.subList(0, 10)) + " and " + (rows.size() - 10) + " more";
            detail = "Rows " + listed + " were refused, so nothing was imported (each row's refusal is in errors). "
                    + "Row " + first.row() + ": " + first.problem().getDetail();
        }
        ProblemDetail problem = problems.of(HttpStatus.valueOf(first.problem().getStatus()),
                "import-refused", "Import refused", detail);
        problem.setProperty("reason", first.problem().getType());
        problem.setProperty("errors", byRow.stream().flatMap(r -> r.errors().stream()).toList());
        return ResponseEntity.status(problem.getStatus()).body(problem);
    }

    /**
     * The file's text, decoded strictly as UTF-8: a byte that is not UTF-8 (a file saved as Windows-1252 or Latin-1,
     * say, with an en dash 0x96 or an accented letter) is refused, naming where it is, rather than read as a
     * replacement character and stored. A UTF-8 byte order mark (Excel's "CSV UTF-8") is dropped, as it would
     * otherwise join the first column's name.
     */
    static String utf8(byte[] bytes) throws NotUtf8 {
        int start = bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB
                && (bytes[2] & 0xFF) == 0xBF ? 3 : 0;
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
        // UTF-8 never decodes to more chars than it has bytes.
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        String text = out.flip().toString();
        if (result.isError()) {
            throw NotUtf8.after(text, bytes[in.position()] & 0xFF);
        }
        return text;
    }

    /** A file that is not UTF-8, and where its first byte that is not. */
    static final class NotUtf8 extends Exception {
        private final transient Map<String, Object> error;

        private NotUtf8(String detail, Map<String, Object> error) {
            super(detail);
            this.error = error;
        }

        /** {@code before}: the file's text up to {@code badByte}, the first byte that is not UTF-8. */
        static NotUtf8 after(String before, int badByte) {
            Place place = Place.at(before);
            String where = place.row() == 0 ? "the header row" : "row " + place.row() + ", column " + place.column();
            return new NotUtf8(String.format("The file is not UTF-8: %s holds the byte 0x%02X, which is not UTF-8 "
                            + "(the file was probably saved as Windows-1252 or another older encoding). Save it as "
                            + "\"CSV UTF-8 (Comma delimited)\" (in Excel: Save As, CSV UTF-8) and import it again; "
                            + "nothing was imported", where, badByte),
                    CsvImport.error(place.row(), place.column(), String.format("byte 0x%02X is not UTF-8: save "
                            + "the file as \"CSV UTF-8\" and import it again", badByte)));
        }

        Map<String, Object> error() {
            return error;
        }
    }

    /**
     * Where the end of {@code text} falls: the row (0 = the header, 1 = the first data row; blank lines are not
     * rows, as the parser skips them) and the column by the header's name, read the way the parser reads quotes
     * (a quote opens a quoted cell only as its first character; inside one, two quotes are one).
     */
    record Place(long row, String column) {
        static Place at(String text) {
            Scan scan = Scan.of(text);
            return scan.place(text, scan.row, scan.cell);
        }

        /** Where the quoted cell that is still open at the end of {@code text} starts, if one is. */
        static Optional<Place> unclosedQuote(String text) {
            Scan scan = Scan.of(text);
            return scan.quoted ? Optional.of(scan.place(text, scan.openedRow, scan.openedCell)) : Optional.empty();
        }
    }

    /** The text read as the parser reads it, to its end. */
    private static final class Scan {
        long row;
        int cell;
        int headerEnd = -1;
        boolean quoted;
        long openedRow;
        int openedCell;

        static Scan of(String text) {
            Scan scan = new Scan();
            boolean content = false;
            boolean cellStart = true;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (scan.quoted) {
                    if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        i++;
                    } else if (c == '"') {
                        scan.quoted = false;
                    }
                } else if (c == '"' && cellStart) {
                    scan.quoted = true;
                    scan.openedRow = scan.row;
                    scan.openedCell = scan.cell;
                    content = true;
                    cellStart = false;
                } else if (c == '\n' || c == '\r') {
                    if (content) {
                        scan.headerEnd = scan.row == 0 ? i : scan.headerEnd;
                        scan.row++;
                    }
                    scan.cell = 0;
                    content = false;
                    cellStart = true;
                } else {
                    cellStart = c == ',';
                    scan.cell += c == ',' ? 1 : 0;
                    content = true;
                }
            }
            return scan;
        }

        /** {@code cell} of {@code row}, the column named by the header (once the header is whole). */
        Place place(String text, long row, int cell) {
            if (row == 0 || headerEnd < 0) {
                return new Place(row, "column " + (cell + 1));
            }
            List<String> header = List.of();
            try (CSVParser parser = CSVFormat.RFC4180.builder().setTrim(true).get()
                    .parse(new StringReader(text.substring(0, headerEnd)))) {
                header = parser.getRecords().get(0).toList();
            } catch (IOException | RuntimeException unreadable) {
                // the header's own errors are reported once the file is readable
            }
            return new Place(row, cell < header.size() ? header.get(cell) : "column " + (cell + 1));
        }
    }

    /**
     * A file the parser could not read, said without the parser's words: a quoted cell never closed (the parser
     * reads to the end of the file looking for its closing quote) names where it opens; anything else, the row
     * being read. {@code rowsRead}: -1 while the header was read.
     */
    private ResponseEntity<ProblemDetail> notCsv(String text, long rowsRead, Exception e) {
        Optional<Place> open = Place.unclosedQuote(text);
        if (open.isPresent()) {
            Place place = open.get();
            String where = place.row() == 0 ? "the header row" : "row " + place.row();
            return problem(HttpStatus.BAD_REQUEST, "The file is not well-formed CSV: " + where + ", column "
                            + place.column()
                            + ", opens a quoted cell (\") that is never closed, so the rest of the file would be read "
                            + "as that cell. Close the quote (a quote inside a quoted cell is written twice, \"\"); "
                            + "nothing was imported",
                    List.of(error(place.row(), place.column(), "this quoted cell is never closed")));
        }
        long row = rowsRead + 1;
        String why = String.valueOf(e.getMessage()).contains("invalid char between encapsulated token and delimiter")
                ? "a quoted cell is followed by other text before the next comma (a quote inside a quoted cell is "
                + "written twice, \"\")"
                : "it cannot be read as comma-separated cells";
        return problem(HttpStatus.BAD_REQUEST, "The file is not well-formed CSV: "
                        + (row == 0 ? "the header row" : "row " + row) + " is unreadable: " + why
                        + "; nothing was imported", List.of(error(row, null, why)));
    }

    /**
     * The column a violation of the request is about: its field when that is a column ({@code decidingOdsCodes[1]}
     * is a cell of {@code decidingOdsCodes}), {@code subject.type} the column {@code subjectType}, a nested request's
     * field ({@code ratification.odsCode}) its own column; else the path as it is.
     */
    static String columnOf(String path, Collection<String> columns) {
        String[] parts = path.replaceAll("\\.?<[^>]*>", "").replaceAll("\\[[^]]*]", "").split("\\.");
        StringBuilder joined = new StringBuilder(parts[0]);
        for (int i = 1; i < parts.length; i++) {
            joined.append(parts[i].isEmpty() ? "" : Character.toUpperCase(parts[i].charAt(0)) + parts[i].substring(1));
        }
        for (String candidate : List.of(String.join(".", parts), joined.toString(), parts[0],
                parts[parts.length - 1])) {
            if (columns.contains(candidate)) {
                return candidate;
            }
        }
        return path;
    }

    /** A list cell's bad value is named, as the cell holds several ({@code 'rr8' must match ...}). */
    private static String message(ConstraintViolation<?> violation) {
        return violation.getPropertyPath().toString().contains("[")
                && violation.getInvalidValue() instanceof String value
                ? "'" + value + "' " + violation.getMessage() : violation.getMessage();
    }

    private static RowRefused refusedCells(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof RowRefused refused) {
                return refused;
            }
        }
        return null;
    }

    /**
     * Columns the import does not read: their values would be lost without a word (a misspelt {@code Statutory}
     * left the sector's default in force). Column names are matched exactly, as the rows are read.
     */
    static List<Map<String, Object>> unknownColumns(List<String> header, ImportKind kind) {
        List<Map<String, Object>> errors = new ArrayList<>();
        for (String name : header) {
            if (kind.columns().contains(name) || name.isEmpty()) {
                // A column with no name is judged by its cells (unnamedCellsTold): spreadsheets save empty ones.
                continue;
            }
            Optional<String> meant = kind.columns().stream().filter(column -> column.equalsIgnoreCase(name))
                    .findFirst();
            errors.add(error(0, name, "not a column of this import" + meant.map(m -> " (did you mean '" + m
                    + "'? names are case-sensitive)").orElse("") + "; its columns are " + kind.header()));
        }
        return errors;
    }

    /**
     * A cell with a value under a column the header does not name would be lost without a word; the empty columns a
     * spreadsheet saves after its data (a header ending ",,,") are read as nothing. Whether the row was told.
     */
    private static boolean unnamedCellsTold(CSVRecord record, List<String> header, List<Map<String, Object>> errors) {
        boolean told = false;
        for (int i = 0; i < Math.min(header.size(), record.size()); i++) {
            if (header.get(i).isEmpty() && !record.get(i).isEmpty()) {
                errors.add(error(record.getRecordNumber(), "column " + (i + 1), "holds '" + record.get(i)
                        + "' but the header row names no column there; name it or leave the cells empty"));
                told = true;
            }
        }
        return told;
    }

    private static List<Map<String, Object>> headerErrors(List<String> header) {
        List<Map<String, Object>> errors = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String name : header) {
            Optional<String> unreadable = Storable.textProblem(name, false);
            if (unreadable.isPresent()) {
                errors.add(error(0, name, "the column name " + unreadable.get()));
            } else if (!name.isEmpty() && !seen.add(name)) {
                errors.add(error(0, name, "the header names this column twice"));
            }
        }
        return errors;
    }

    private ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail,
                                                  List<Map<String, Object>> errors) {
        ProblemDetail problem = problems.of(status, "invalid-import", "Invalid import", detail);
        problem.setProperty("errors", errors);
        return ResponseEntity.status(status).body(problem);
    }

    static Map<String, Object> error(long row, String column, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("row", row);
        if (column != null) {
            error.put("column", column);
        }
        error.put("message", message);
        return error;
    }

    /** One data row, with typed readers that record conversion errors instead of throwing. */
    public static final class Row {
        private final CSVRecord record;
        private final List<Map<String, Object>> errors;
        private final Set<String> failed = new HashSet<>();

        Row(CSVRecord record, List<Map<String, Object>> errors) {
            this.record = record;
            this.errors = errors;
        }

        long number() {
            return record.getRecordNumber();
        }

        /** Whether a cell of {@code column} could not be read (its error is told already). */
        boolean failed(String column) {
            return failed.contains(column);
        }

        /**
         * The row's non-empty cells by column, each as its words (a list cell's codes, {@code RR8:SUPPORTS} as
         * {@code RR8} and {@code SUPPORTS}), for placing a refusal that names an organisation ({@link RefusedRules}).
         */
        Map<String, Object> cells() {
            Map<String, Object> cells = new LinkedHashMap<>();
            // toMap keeps the header's order, so the first column naming the organisation is the one said.
            record.toMap().forEach((column, value) -> {
                if (value != null && !value.isBlank()) {
                    cells.put(column, Arrays.stream(value.split("[\\s,;:]+")).filter(w -> !w.isEmpty()).toList());
                }
            });
            return cells;
        }

        /** A single-line cell: no line breaks or other control characters. */
        public String text(String column) {
            return storable(column, false);
        }

        /** A cell that may hold several lines (a rationale, a reason). */
        public String multiLineText(String column) {
            return storable(column, true);
        }

        private String storable(String column, boolean multiLine) {
            if (!record.isMapped(column) || !record.isSet(column)) {
                return null;
            }
            String value = record.get(column);
            Optional<String> problem = Storable.textProblem(value, multiLine);
            if (problem.isPresent()) {
                return fail(column, problem.get());
            }
            return value.isEmpty() ? null : value;
        }

        public LocalDate date(String column) {
            String value = text(column);
            try {
                LocalDate date = value == null ? null : LocalDate.parse(value);
                Optional<String> outOfRange = Storable.dateProblem(date);
                return outOfRange.isPresent() ? fail(column, outOfRange.get()) : date;
            } catch (DateTimeParseException e) {
                return fail(column, "must be a date (YYYY-MM-DD), not '" + value + "'");
            }
        }

        public <E extends Enum<E>> E value(String column, Class<E> type) {
            String value = text(column);
            try {
                return value == null ? null : Enum.valueOf(type, value);
            } catch (IllegalArgumentException e) {
                return fail(column, "must be one of " + Arrays.toString(type.getEnumConstants()));
            }
        }

        public Boolean bool(String column) {
            String value = text(column);
            if (value == null) {
                return null;
            }
            if (Set.of("true", "yes", "1").contains(value.toLowerCase())) {
                return true;
            }
            if (Set.of("false", "no", "0").contains(value.toLowerCase())) {
                return false;
            }
            return fail(column, "must be true or false");
        }

        /** A list in one cell, separated by spaces, commas or semicolons. */
        public List<String> list(String column) {
            String value = text(column);
            return value == null ? List.of() : Arrays.stream(value.split("[\\s,;]+")).filter(s -> !s.isEmpty()).toList();
        }

        /** Enum values in one cell, separated like {@link #list}. */
        public <E extends Enum<E>> Set<E> values(String column, Class<E> type) {
            Set<E> values = new java.util.TreeSet<>();
            for (String value : list(column)) {
                try {
                    values.add(Enum.valueOf(type, value));
                } catch (IllegalArgumentException e) {
                    return fail(column, "'" + value + "' is not one of " + Arrays.toString(type.getEnumConstants()));
                }
            }
            return values;
        }

        /** Records an error found by the caller's own reading of a cell. */
        public void reject(String column, String message) {
            fail(column, message);
        }

        private <T> T fail(String column, String message) {
            failed.add(column);
            errors.add(error(number(), column, message));
            return null;
        }
    }
}
