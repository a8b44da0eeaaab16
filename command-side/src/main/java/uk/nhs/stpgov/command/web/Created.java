package uk.nhs.stpgov.command.web;

import org.springframework.http.ResponseEntity;

import java.net.URI;

/** The answer to a command: {@code {"id": …}}, with 201 and Location when something new was created. */
public record Created(String id) {

    public static ResponseEntity<Created> at(String location, String id) {
        return ResponseEntity.created(URI.create(location)).body(new Created(id));
    }

    public static ResponseEntity<Created> ok(String id) {
        return ResponseEntity.ok(new Created(id));
    }
}
