package uk.nhs.stpgov.query.web;

import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.http.HttpHeaders;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * CSV exports: RFC 4180 quoting, UTF-8, a header row, and no cell a spreadsheet would run as a formula. Rows are
 * written to the response as they are read, so an export is never cut and never held whole in memory.
 */
public final class Csv {
    private Csv() {
    }

    public static Writer stream(HttpServletResponse response, String filename, List<String> header) throws IOException {
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + filename + "\"");
        CSVPrinter printer = new CSVPrinter(new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8),
                CSVFormat.RFC4180.builder().setHeader(header.toArray(String[]::new)).get());
        return new Writer(printer);
    }

    /** Writes rows to the response; closing it flushes what is left. */
    public static final class Writer implements AutoCloseable {
        private final CSVPrinter printer;

        private Writer(CSVPrinter printer) {
            this.printer = printer;
        }

        public void row(List<?> cells) {
            try {
                printer.printRecord(cells.stream().map(Csv::cell).toList());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() throws IOException {
            printer.flush();
        }
    }

    /** Cells starting with = + - @ (or tab/CR) are prefixed with a quote so spreadsheets show them as text. */
    static String cell(Object value) {
        if (value == null) {
            return "";
        }
        String text = value.toString();
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            return "'" + text;
        }
        return text;
    }
}
