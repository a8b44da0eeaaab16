package uk.nhs.stpgov.command.web;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

import java.util.OptionalLong;

/**
 * Read-your-writes: every command answer carries {@code X-Event-Position}, a global event position at or after the
 * events it wrote. A client passes it back as {@code ?minPosition=} and the query waits until the projections
 * have got that far. CSV imports are commands too. The position is the one the append itself reported (the
 * global index of the request's last event); only a command that appended nothing reads the store's head.
 */
@RestControllerAdvice
public class EventPositionHeader implements ResponseBodyAdvice<Object> {
    public static final String HEADER = "X-Event-Position";

    private final JdbcClient jdbc;
    private final ObjectProvider<AppendedPositions> appended;

    EventPositionHeader(JdbcClient jdbc, ObjectProvider<AppendedPositions> appended) {
        this.jdbc = jdbc;
        this.appended = appended;
    }

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType contentType,
                                   Class<? extends HttpMessageConverter<?>> converterType, ServerHttpRequest request,
                                   ServerHttpResponse response) {
        if (body instanceof Created || body instanceof CsvImport.Imported) {
            AppendedPositions positions = appended.getIfAvailable();
            OptionalLong own = positions == null ? OptionalLong.empty() : positions.ofCurrentRequest();
            long position = own.isPresent() ? own.getAsLong()
                    : jdbc.sql("SELECT coalesce(max(globalindex), 0) FROM domainevententry").query(Long.class).single();
            response.getHeaders().set(HEADER, Long.toString(position));
        }
        return body;
    }
}
