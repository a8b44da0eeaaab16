package uk.nhs.stpgov.deploy.support;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.LocalDate;
import java.util.UUID;

/** Realistic set-up through the REST API, and reads of the query side after it (read-your-writes, see {@link Api}). */
public final class Scenario {
    private final Api api;
    public final String pid;

    public Scenario(Api api, String prefix) {
        this.api = api;
        this.pid = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        api.ok("/api/partnerships", """
                {"id":"%s","name":"West Yorkshire and Harrogate Health & Care Partnership","region":"North East and Yorkshire"}"""
                .formatted(pid));
    }

    public Api api() {
        return api;
    }

    public Scenario member(String ods, String name, String sector, String joinedOn) {
        api.ok("/api/partnerships/" + pid + "/members", """
                {"odsCode":"%s","name":"%s","sector":"%s","joinedOn":"%s"}""".formatted(ods, name, sector, joinedOn));
        return this;
    }

    /** Leeds Teaching Hospitals, Leeds CCG, Leeds City Council and a GP confederation. */
    public Scenario leedsMembers() {
        return member("RR8", "Leeds Teaching Hospitals NHS Trust", "NHS_TRUST", "2016-04-01")
                .member("15F", "NHS Leeds CCG", "CCG", "2016-04-01")
                .member("E08000035", "Leeds City Council", "LOCAL_AUTHORITY", "2016-04-01")
                .member("Y05986", "Leeds GP Confederation, \\\"Primary Care\\\" Ltd", "GP_FEDERATION", "2016-04-01");
    }

    public String forum(String name, String kind, String members, String themes) {
        return api.id("/api/partnerships/" + pid + "/forums", """
                {"name":"%s","kind":"%s","memberOdsCodes":%s,"themes":%s}""".formatted(name, kind, members, themes));
    }

    public String delegate(String forumId, String from, String themes, String effectiveFrom) {
        return api.id("/api/partnerships/" + pid + "/forums/" + forumId + "/delegations", """
                {"fromOdsCode":"%s","themes":%s,"effectiveFrom":"%s"}""".formatted(from, themes, effectiveFrom));
    }

    public String accountable(String subjectType, String ref, String role, String ods, String post,
                              LocalDate effectiveFrom, LocalDate reviewBy, boolean joint) {
        return api.id("/api/partnerships/" + pid + "/accountabilities", """
                {"subject":{"type":"%s","ref":"%s"},"role":"%s","odsCode":"%s","post":"%s","effectiveFrom":"%s"%s%s}"""
                .formatted(subjectType, ref, role, ods, post, effectiveFrom,
                        reviewBy == null ? "" : ",\"reviewBy\":\"" + reviewBy + "\"", joint ? ",\"joint\":true" : ""));
    }

    public String decision(String title, String theme, String forumId, String deciding, LocalDate decidedOn,
                           String supersedes) {
        return api.id("/api/partnerships/" + pid + "/decisions", """
                {"title":"%s","theme":"%s"%s,"decidingOdsCodes":%s,"outcome":"APPROVED","rationale":"Agreed at board",
                 "decidedOn":"%s"%s}""".formatted(title, theme, forumId == null ? "" : ",\"forumId\":\"" + forumId + "\"",
                deciding, decidedOn, supersedes == null ? "" : ",\"supersedes\":\"" + supersedes + "\""));
    }

    public String serviceChange(String title, String kind, String lead) {
        return api.id("/api/partnerships/" + pid + "/service-changes", """
                {"title":"%s","kind":"%s","themes":["ENGAGEMENT","FINANCE"],"leadOdsCode":"%s","description":"d"}"""
                .formatted(title, kind, lead));
    }

    public void post(String path, String body) {
        api.ok(path, body);
    }

    /**
     * One read after the commands so far: the {@link Api} passes their position as {@code minPosition}, so the answer
     * shows them in every projection. Insists on 200.
     */
    public JsonNode read(String path) {
        return readOk(api, path);
    }

    public static JsonNode readOk(Api api, String path) {
        Api.Answer answer = api.get(path);
        if (answer.status() != 200) {
            throw new AssertionError("GET " + path + " answered " + answer.status() + ": " + answer.body());
        }
        return answer.json();
    }

    /** The partnership's gaps after the commands so far. */
    public JsonNode gaps() {
        return read("/api/partnerships/" + pid + "/gaps");
    }

    public static boolean hasGap(JsonNode gaps, String kind, String ref) {
        for (JsonNode gap : gaps) {
            if (gap.get("kind").asText().equals(kind) && gap.get("subject").get("ref").asText().equals(ref)) {
                return true;
            }
        }
        return false;
    }
}
