package uk.nhs.stpgov.command.web;

import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * Read-your-writes: every command answer carries {@code X-Event-Position}, a global event position at or after the
 * events it wrote. A client passes it back as {@code ?minPosition=} and the query waits until the projections
 * have got that far. CSV imports are commands too.
 */
@RestControllerAdvice
class EventPositionHeader implements ResponseBodyAdvice<Object> {
    static final String HEADER = "X-Event-Position";

    private final JdbcClient jdbc;

    EventPositionHeader(JdbcClient jdbc) {
        this.jdbc = jdbc;
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
            long position = jdbc.sql("SELECT coalesce(max(globalindex), 0) FROM domainevententry")
                    .query(Long.class).single();
            response.getHeaders().set(HEADER, Long.toString(position));
        }
        return body;
    }
}
