package org.passerelle.console;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.passerelle.api.ClientProblem;
import org.passerelle.api.ProblemTypes;
import org.passerelle.channel.AuditAction;
import org.passerelle.channel.AuditPage;
import org.passerelle.channel.AuditQuery;
import org.passerelle.channel.ChannelId;
import org.passerelle.channel.IncidentHistory;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/** The audit trail (filterable, newest first, paginated) and the incident reports, as pages and downloads. */
@Hidden
@Controller
class HistoryPages {

    static final int PAGE_SIZE = 25;

    private final IncidentHistory history;
    private final IncidentReports reports;
    private final ConsoleText text;

    HistoryPages(IncidentHistory history, IncidentReports reports, ConsoleText text) {
        this.history = history;
        this.reports = reports;
        this.text = text;
    }

    @GetMapping("/ops/audit")
    String audit(@RequestParam(required = false) String channel,
                 @RequestParam(required = false) String actor,
                 @RequestParam(required = false) String action,
                 @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) LocalDateTime from,
                 @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) LocalDateTime to,
                 @RequestParam(defaultValue = "0") int page, Model model) {
        ChannelId channelId = blank(channel) ? null : ChannelId.fromId(channel);
        AuditAction auditAction = blank(action) ? null : parseAction(action);
        String who = blank(actor) ? null : actor.strip();
        int p = Math.max(0, Math.min(page, 100_000));
        AuditPage result = history.audit(new AuditQuery(channelId, who, auditAction, null, at(from), at(to), p, PAGE_SIZE));
        Map<String, String> filters = new LinkedHashMap<>();
        filters.put("channel", channelId == null ? "" : channelId.id());
        filters.put("actor", who == null ? "" : who);
        filters.put("action", auditAction == null ? "" : auditAction.name());
        filters.put("from", from == null ? "" : from.toString());
        filters.put("to", to == null ? "" : to.toString());
        model.addAttribute("filters", filters);
        model.addAttribute("entries", result.items());
        model.addAttribute("page", p);
        model.addAttribute("hasNext", (long) (p + 1) * PAGE_SIZE < result.totalItems());
        model.addAttribute("total", result.totalItems());
        model.addAttribute("channels", ConsolePages.channelIds());
        model.addAttribute("actions", Arrays.stream(AuditAction.values()).map(Enum::name).toList());
        model.addAttribute("zone", text.zone());
        return "console/audit";
    }

    @GetMapping("/ops/incidents")
    String incidents(Model model) {
        model.addAttribute("incidents", reports.recent());
        model.addAttribute("zone", text.zone());
        return "console/incidents";
    }

    @GetMapping("/ops/incidents/{id}")
    String incident(@PathVariable long id, Model model) {
        model.addAttribute("report", reports.report(id).orElseThrow(() -> new NoSuchIncident(id)));
        model.addAttribute("zone", text.zone());
        return "console/incident";
    }

    @GetMapping(value = "/ops/incidents/{id}/report.json", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    ResponseEntity<IncidentReport> json(@PathVariable long id) {
        IncidentReport report = reports.report(id).orElseThrow(() -> new NoSuchIncident(id));
        return ResponseEntity.ok().header(HttpHeaders.CONTENT_DISPOSITION, attachment(id, "json")).body(report);
    }

    @GetMapping(value = "/ops/incidents/{id}/report.csv", produces = "text/csv")
    @ResponseBody
    ResponseEntity<byte[]> csv(@PathVariable long id) {
        IncidentReport report = reports.report(id).orElseThrow(() -> new NoSuchIncident(id));
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, attachment(id, "csv"))
                .body(IncidentReportCsv.of(report).getBytes(StandardCharsets.UTF_8));
    }

    private static String attachment(long id, String extension) {
        return ContentDisposition.attachment().filename("passerelle-incident-" + id + "." + extension).build().toString();
    }

    private OffsetDateTime at(LocalDateTime local) {
        return local == null ? null : local.atZone(text.zone()).toOffsetDateTime();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static AuditAction parseAction(String action) {
        try {
            return AuditAction.valueOf(action.strip());
        } catch (IllegalArgumentException e) {
            throw new BadFilter("unknown action " + action + "; one of " + Arrays.toString(AuditAction.values()));
        }
    }

    static final class NoSuchIncident extends ClientProblem {
        NoSuchIncident(long id) {
            super(HttpStatus.NOT_FOUND, ProblemTypes.NOT_FOUND, "No such incident", "There is no incident " + id);
        }
    }

    static final class BadFilter extends ClientProblem {
        BadFilter(String detail) {
            super(HttpStatus.BAD_REQUEST, ProblemTypes.VALIDATION, "Invalid filter", detail);
        }
    }
}
