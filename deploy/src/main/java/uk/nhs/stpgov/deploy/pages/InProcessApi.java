package uk.nhs.stpgov.deploy.pages;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.MethodParameter;
import org.springframework.core.convert.ConversionService;
import org.springframework.core.convert.TypeDescriptor;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.PathContainer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ValueConstants;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.pattern.PathPattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.json.JsonMapper;
import uk.nhs.stpgov.command.web.RefusalProblems;
import uk.nhs.stpgov.deploy.web.FieldMessages;
import uk.nhs.stpgov.query.answers.AnswerCache;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.HashSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The pages' way into both sides: the API's own handler methods, called in this process (no HTTP to itself), bound
 * as Spring MVC would bind a request (path variables, converted parameters, the body read by the API's JSON mapper
 * and checked by Bean Validation), so a form and the API obey the same rules and say the same when they refuse.
 * Answers come back as the JSON the API would send, as plain maps and lists: the pages depend on the REST contract
 * (DESIGN §4), not on either side's internals. Access rules that the API's chain decides by URL are decided for
 * the pages by their own chain (PageSecurityConfiguration) on the pages' URLs.
 */
@Component
class InProcessApi {
    private static final DefaultParameterNameDiscoverer NAMES = new DefaultParameterNameDiscoverer();
    /**
     * Reads answers back: plain JSON. The API's mapper reads requests, refusing what the record must not store (a
     * line break where a field is one line), and an answer's text is already stored: a rationale's lines read back
     * as map values would be judged single-line fields and refused, so every page showing one answered 500.
     */
    private static final JsonMapper ANSWERS = JsonMapper.builder().build();
    private static final Pattern NEXT = Pattern.compile("<([^>]*)>\\s*;\\s*rel=\"next\"");

    private final RequestMappingHandlerMapping mappings;
    private final JsonMapper json;
    private final Validator validator;
    private final ConversionService conversion;
    private final RefusalProblems commandErrors;
    private final JdbcClient jdbc;

    InProcessApi(@Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings, JsonMapper json,
                 Validator validator, @Qualifier("mvcConversionService") ConversionService conversion,
                 RefusalProblems commandErrors, JdbcClient jdbc) {
        this.mappings = mappings;
        this.json = json;
        this.validator = validator;
        this.conversion = conversion;
        this.commandErrors = commandErrors;
        this.jdbc = jdbc;
    }

    /** A refused command: the API's problem, with its field errors. */
    static final class Refused extends RuntimeException {
        private final Map<String, Object> problem;

        Refused(Map<String, Object> problem) {
            super(String.valueOf(problem.get("detail")));
            this.problem = problem;
        }

        Map<String, Object> problem() {
            return problem;
        }
    }

    /** A command's answer: its JSON body and the event position to read after it (read-your-writes). */
    record Written(Map<String, Object> body, long position) {
        String id() {
            return String.valueOf(body.get("id"));
        }
    }

    /** A query's answer as the API's JSON (a map, or a list for list answers). Query failures are thrown as they are. */
    Object get(String path, Map<String, String> parameters) {
        Bound call = bind(RequestMethod.GET, path, parameters, null, false);
        return tree(unwrap(invoke(call)));
    }

    /**
     * A download as the API answers it: the API's handler streams it (CSV with its headers) into the page's own
     * response, as it would into its own; a handler that answers a value instead has it returned.
     */
    ResponseEntity<?> download(String path, Map<String, String> parameters, HttpServletResponse response) {
        Object answer = invoke(bind(RequestMethod.GET, path, parameters, null, false, response));
        if (answer == null) {
            return null; // written to the response
        }
        return answer instanceof ResponseEntity<?> entity ? entity : ResponseEntity.ok(answer);
    }

    /** One page of a list that grows with history (DESIGN §4): its rows, and the cursor of the next page or null. */
    record Listed(List<Map<String, Object>> rows, String next) {
    }

    /** A paged list: the cursor is the {@code after} of the answer's {@code Link: <…>; rel="next"}, as a client reads it. */
    @SuppressWarnings("unchecked")
    Listed getPage(String path, Map<String, String> parameters) {
        Object answer = invoke(bind(RequestMethod.GET, path, parameters, null, false));
        String link = answer instanceof ResponseEntity<?> entity ? entity.getHeaders().getFirst(HttpHeaders.LINK) : null;
        return new Listed((List<Map<String, Object>>) tree(unwrap(answer)), nextCursor(link));
    }

    static String nextCursor(String link) {
        Matcher next = link == null ? null : NEXT.matcher(link);
        return next == null || !next.find() ? null
                : UriComponentsBuilder.fromUriString(next.group(1)).build().getQueryParams().getFirst("after");
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> getMap(String path, Map<String, String> parameters) {
        return (Map<String, Object>) get(path, parameters);
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> getList(String path, Map<String, String> parameters) {
        return (List<Map<String, Object>>) get(path, parameters);
    }

    /** Whether the API has this call at all (a command another version adds, say). */
    boolean handles(RequestMethod method, String path) {
        return find(method, path, false).isPresent();
    }

    /** Whether the command's JSON body has this field (a field another version adds, such as {@code declined}). */
    boolean takesField(String path, String field) {
        return find(RequestMethod.POST, path, false).map(found -> {
            for (MethodParameter p : found.handler().getMethodParameters()) {
                Class<?> type = p.getParameterType();
                if (p.hasParameterAnnotation(RequestBody.class) && type.isRecord()) {
                    for (var component : type.getRecordComponents()) {
                        if (component.getName().equals(field)) {
                            return true;
                        }
                    }
                }
            }
            return false;
        }).orElse(false);
    }

    /** Whether the API takes a CSV file at this path (an import). */
    boolean handlesCsv(String path) {
        return find(RequestMethod.POST, path, true).isPresent();
    }

    /** Whether the API has a handler for this call, e.g. whether an import takes {@code dryRun} yet. */
    boolean acceptsParameter(RequestMethod method, String path, String parameter, boolean csv) {
        return find(method, path, csv).map(found -> {
            for (MethodParameter p : found.handler().getMethodParameters()) {
                RequestParam param = p.getParameterAnnotation(RequestParam.class);
                if (param != null && parameter.equals(name(p, param.name()))) {
                    return true;
                }
            }
            return false;
        }).orElse(false);
    }

    /**
     * Sends a command through the API's handler for {@code POST path}: {@code body} is a JSON-like map (or a CSV
     * file's bytes for an import). A refusal of any kind is thrown as {@link Refused} carrying the API's problem.
     */
    Written post(String path, Map<String, String> parameters, Object body) {
        Bound call = bind(RequestMethod.POST, path, parameters, body, body instanceof byte[]);
        Object answer;
        try {
            answer = invoke(call);
        } catch (RuntimeException failure) {
            throw new Refused(problemTree(commandErrors.problemFor(failure)));
        }
        if (answer instanceof ResponseEntity<?> entity && entity.getStatusCode().isError()) {
            throw new Refused(problemTree(entity.getBody()));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> tree = (Map<String, Object>) tree(unwrap(answer));
        return new Written(tree == null ? Map.of() : tree, position());
    }

    /** The newest stored event's position: a read after it sees every write made so far. */
    long position() {
        return jdbc.sql("SELECT coalesce(max(globalindex), 0) FROM domainevententry").query(Long.class).single();
    }

    private record Found(HandlerMethod handler, Map<String, String> variables) {
    }

    private record Bound(HandlerMethod handler, Object[] arguments) {
    }

    private Optional<Found> find(RequestMethod method, String path, boolean csv) {
        PathContainer container = PathContainer.parsePath(path);
        for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : mappings.getHandlerMethods().entrySet()) {
            RequestMappingInfo info = entry.getKey();
            if (!info.getMethodsCondition().getMethods().contains(method) || info.getPathPatternsCondition() == null) {
                continue;
            }
            boolean consumesCsv = info.getConsumesCondition().getConsumableMediaTypes().stream()
                    .anyMatch(type -> type.isCompatibleWith(MediaType.parseMediaType("text/csv")));
            if (method == RequestMethod.POST && consumesCsv != csv) {
                continue;
            }
            for (PathPattern pattern : info.getPathPatternsCondition().getPatterns()) {
                PathPattern.PathMatchInfo match = pattern.matchAndExtract(container);
                if (match != null) {
                    return Optional.of(new Found(entry.getValue(), match.getUriVariables()));
                }
            }
        }
        return Optional.empty();
    }

    private Bound bind(RequestMethod method, String path, Map<String, String> parameters, Object body, boolean csv) {
        return bind(method, path, parameters, body, csv, null);
    }

    private Bound bind(RequestMethod method, String path, Map<String, String> parameters, Object body, boolean csv,
                       HttpServletResponse response) {
        Found found = find(method, path, csv)
                .orElseThrow(() -> new IllegalStateException("No API handler for " + method + " " + path));
        MethodParameter[] declared = found.handler().getMethodParameters();
        Object[] arguments = new Object[declared.length];
        for (int i = 0; i < declared.length; i++) {
            MethodParameter parameter = declared[i];
            PathVariable variable = parameter.getParameterAnnotation(PathVariable.class);
            RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
            if (variable != null) {
                arguments[i] = convert(found.variables().get(name(parameter, variable.name())), parameter);
            } else if (param != null) {
                String value = parameters.get(name(parameter, param.name()));
                if ((value == null || value.isBlank()) && !ValueConstants.DEFAULT_NONE.equals(param.defaultValue())) {
                    value = param.defaultValue();
                }
                arguments[i] = value == null || value.isBlank() ? null : convert(value, parameter);
            } else if (parameter.hasParameterAnnotation(RequestBody.class)) {
                arguments[i] = body(body, parameter);
            } else if (parameter.getParameterType() == HttpServletResponse.class) {
                // A streamed export writes to the response it is given (a null one failed every page's download).
                arguments[i] = response;
            }
        }
        return new Bound(found.handler(), arguments);
    }

    private Object convert(String value, MethodParameter parameter) {
        try {
            return conversion.convert(value, TypeDescriptor.valueOf(String.class), new TypeDescriptor(parameter));
        } catch (RuntimeException e) {
            String name = parameter.getParameterName();
            throw new Refused(invalid(name, "is not a valid value"));
        }
    }

    /**
     * The command read from a form's fields and checked as the API checks it, every refused field reported at once: a
     * field whose value is of the wrong form (a date that does not exist) is left out and the rest read again, so it
     * does not hide the other fields' errors (a missing title, say).
     */
    @SuppressWarnings("unchecked")
    private Object body(Object body, MethodParameter parameter) {
        if (parameter.getParameterType() == byte[].class && body instanceof byte[]) {
            return body;
        }
        Map<String, Object> rest = body instanceof Map<?, ?> fields ? new LinkedHashMap<>((Map<String, Object>) fields)
                : null;
        List<Map<String, Object>> errors = new ArrayList<>();
        Set<String> leftOut = new HashSet<>();
        Object request = null;
        while (true) {
            try {
                request = json.convertValue(rest != null ? rest : body, parameter.getParameterType());
                break;
            } catch (JacksonException e) {
                String field = e instanceof DatabindException databind ? databind.getPath().stream()
                        .map(ref -> ref.getPropertyName() != null ? ref.getPropertyName() : String.valueOf(ref.getIndex()))
                        .collect(Collectors.joining(".")) : "";
                // The API's words for the field ("must not contain control characters (found U+0001 …)").
                errors.add(fieldError(field, e instanceof DatabindException databind ? FieldMessages.of(databind)
                        : "is not a valid value"));
                String top = topField(field);
                if (rest == null || rest.remove(top) == null) {
                    break; // nothing to leave out: refused with what was found
                }
                leftOut.add(top);
            }
        }
        if (request != null) {
            for (ConstraintViolation<Object> violation : validator.validate(request)) {
                String field = violation.getPropertyPath().toString();
                if (!leftOut.contains(topField(field))) { // missing because left out: its own error says why
                    errors.add(fieldError(field, violation.getMessage()));
                }
            }
        }
        if (errors.isEmpty()) {
            return request;
        }
        if (errors.size() == 1 && (request == null || !leftOut.isEmpty())) { // one value of the wrong form, as before
            throw new Refused(invalid(String.valueOf(errors.get(0).get("field")),
                    String.valueOf(errors.get(0).get("message"))));
        }
        throw new Refused(problem("The request has invalid fields", errors));
    }

    /** {@code decidedOn} of {@code decidedOn}, {@code positions} of {@code positions[1].position}: the form's field. */
    private static String topField(String path) {
        return path.split("[.\\[]")[0];
    }

    private static Object invoke(Bound call) {
        HandlerMethod handler = call.handler().createWithResolvedBean();
        Method method = handler.getMethod();
        method.setAccessible(true); // the API's handlers are package-private, as controllers should be
        try {
            return method.invoke(handler.getBean(), call.arguments());
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object unwrap(Object answer) {
        return answer instanceof ResponseEntity<?> entity ? entity.getBody() : answer;
    }

    private Object tree(Object value) {
        if (value instanceof byte[] written) {
            // An answer the API keeps as the JSON it sends (AnswerCache).
            return lenient(ANSWERS.readValue(written, Object.class));
        }
        if (value instanceof AnswerCache.WithField sent) {
            return lenient(ANSWERS.readValue(sent.toBytes(), Object.class));
        }
        // Written as the API writes it, read back as plain JSON.
        return value == null ? null : lenient(ANSWERS.readValue(json.writeValueAsBytes(value), Object.class));
    }

    /**
     * An answer's objects for templates: a field the API leaves out (JSON's NON_NULL, or one a newer API adds) reads
     * as null in an expression instead of failing it, as a missing JSON field reads in a client.
     */
    static final class JsonObject extends LinkedHashMap<String, Object> {
        @Override
        public boolean containsKey(Object key) {
            return true;
        }
    }

    @SuppressWarnings("unchecked")
    private static Object lenient(Object node) {
        if (node instanceof Map<?, ?> map) {
            JsonObject object = new JsonObject();
            ((Map<String, Object>) map).forEach((k, v) -> object.put(k, lenient(v)));
            return object;
        }
        if (node instanceof List<?> list) {
            return list.stream().map(InProcessApi::lenient).collect(Collectors.toCollection(ArrayList::new));
        }
        return node;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> problemTree(Object problem) {
        if (problem instanceof ProblemDetail detail) {
            Map<String, Object> tree = new LinkedHashMap<>();
            tree.put("type", String.valueOf(detail.getType()));
            tree.put("status", detail.getStatus());
            tree.put("title", detail.getTitle());
            tree.put("detail", detail.getDetail());
            if (detail.getProperties() != null) {
                tree.putAll((Map<String, Object>) tree(detail.getProperties()));
            }
            return tree;
        }
        return problem == null ? invalid("", "was refused") : (Map<String, Object>) tree(problem);
    }

    private static String name(MethodParameter parameter, String declared) {
        if (declared != null && !declared.isEmpty()) {
            return declared;
        }
        parameter.initParameterNameDiscovery(NAMES);
        return parameter.getParameterName();
    }

    private static Map<String, Object> invalid(String field, String message) {
        return problem("The field '" + field + "' " + message, List.of(fieldError(field, message)));
    }

    private static Map<String, Object> problem(String detail, List<Map<String, Object>> errors) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("status", HttpStatus.BAD_REQUEST.value());
        problem.put("title", "Invalid request");
        problem.put("detail", detail);
        problem.put("errors", errors);
        return problem;
    }

    private static Map<String, Object> fieldError(String field, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("field", field);
        error.put("message", message);
        return error;
    }
}
