package uk.nhs.stpgov.query.answers;

import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.AbstractHttpMessageConverter;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import uk.nhs.stpgov.query.answers.AnswerCache.WithField;

import java.io.IOException;
import java.util.List;

/** Writes a kept answer with a field set straight from its slices, with its Content-Length; never reads one. */
class WithFieldConverter extends AbstractHttpMessageConverter<WithField> {
    WithFieldConverter() {
        super(MediaType.APPLICATION_JSON);
    }

    @Override
    protected boolean supports(Class<?> type) {
        return WithField.class.isAssignableFrom(type);
    }

    @Override
    protected boolean canRead(MediaType mediaType) {
        return false;
    }

    @Override
    protected WithField readInternal(Class<? extends WithField> type, HttpInputMessage input) {
        throw new HttpMessageNotReadableException("A kept answer is never read from a request", input);
    }

    @Override
    protected Long getContentLength(WithField answer, MediaType contentType) {
        return (long) answer.length();
    }

    @Override
    protected void writeInternal(WithField answer, HttpOutputMessage output) throws IOException {
        answer.writeTo(output.getBody());
    }

    /**
     * Puts the converter first in the list Spring MVC has configured (so the JSON converter, which would write the
     * record's fields, never sees one), leaving every other converter as it was.
     */
    @Configuration(proxyBeanMethods = false)
    static class Registration implements WebMvcConfigurer {
        @Override
        public void extendMessageConverters(List<HttpMessageConverter<?>> converters) {
            converters.add(0, new WithFieldConverter());
        }
    }
}
