package uk.nhs.stpgov.deploy.pages;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A form's fields as they were typed ({@code MultiValueMap<String, String>}), control characters included. The
 * firewall refuses such a value when it is read (SecurityConfiguration), which on a page gave a 500 and lost the form;
 * a form's fields are read past it instead, because every one goes on to the API's JSON binding, which refuses text
 * it cannot store with the field's name ("title must not contain control characters"), so the form is shown again
 * with the error next to that field and what was typed kept. Nothing else reads past the firewall.
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@interface AsTyped {
}
