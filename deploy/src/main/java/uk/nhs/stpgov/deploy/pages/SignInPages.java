package uk.nhs.stpgov.deploy.pages;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;

/** The sign-in form (Spring Security handles its POST) and the page shown when access is refused. */
@Controller
class SignInPages extends Pages {
    SignInPages(InProcessApi api) {
        super(api);
    }

    @GetMapping("/login")
    String login() {
        return "login";
    }

    /** Spring Security forwards here with status 403 already set, keeping the request's method. */
    @RequestMapping("/forbidden")
    String forbiddenPage() {
        return "forbidden";
    }
}
