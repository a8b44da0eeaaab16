package uk.nhs.stpgov.command.web;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import uk.nhs.stpgov.command.common.UnknownEntity;

import java.util.Map;

/**
 * {@code GET /api/imports/{kind}/template.csv}: the header row and one example row of each CSV import, so a programme
 * office can start from a file the import accepts. Lists in a cell are separated by spaces or semicolons.
 */
@RestController
class ImportTemplateController {
    private static final Map<String, String> TEMPLATES = Map.of(
            "members", """
                    odsCode,name,sector,statutory,joinedOn
                    01H,NHS North Cumbria CCG,CCG,true,2016-03-01
                    """,
            "forums", """
                    id,name,kind,memberOdsCodes,themes,establishedOn
                    ,North Cumbria Joint Committee,JOINT_COMMITTEE,RNL RNN 01H,DECISIONS FINANCE RISK,2016-05-05
                    """,
            "decisions", """
                    id,reference,title,theme,forumId,serviceChangeId,decidingOdsCodes,positions,outcome,rationale,decidedOn,supersedes
                    ,JC/2017/007,Agree the system control total for 2017/18,FINANCE,,,RNL RNN 01H,RNL:SUPPORTS 01H:ABSTAINS,APPROVED,Within the financial envelope,2017-03-30,
                    """,
            "ratifications", """
                    decisionId,decisionReference,odsCode,ratifiedOn,declined,reason
                    ,JC/2017/007,01H,2017-04-12,false,
                    """,
            "accountabilities", """
                    id,subjectType,subjectRef,role,odsCode,post,personName,effectiveFrom,reviewBy,joint
                    ,THEME,FINANCE,ACCOUNTABLE,RNL,Director of Finance,Siobhan O'Neill,2017-04-01,2018-03-31,false
                    """);

    @GetMapping("/api/imports/{kind}/template.csv")
    ResponseEntity<String> template(@PathVariable String kind) {
        String template = TEMPLATES.get(kind);
        if (template == null) {
            throw new UnknownEntity("import kind (one of " + new java.util.TreeSet<>(TEMPLATES.keySet()) + ")", kind);
        }
        return ResponseEntity.ok().contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                .header("Content-Disposition", "attachment; filename=\"" + kind + "-template.csv\"")
                .body(template);
    }
}
