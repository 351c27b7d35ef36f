package org.passerelle.channel;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.OffsetDateTime;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Audit", description = "Append-only record of every control change")
@Validated
@RestController
@RequestMapping("/api/audit")
class AuditController {

    private final AuditLog audit;

    public AuditController(AuditLog audit) {
        this.audit = audit;
    }

    @Operation(summary = "Control changes, newest first, filtered by channel, actor, action and time [from, to)")
    @GetMapping
    public AuditPage find(
            @RequestParam(required = false) String channel,
            @Parameter(description = "user name of whoever made the change")
            @RequestParam(required = false) @jakarta.validation.constraints.Size(max = 100) String actor,
            @Parameter(description = "one of SUSPEND, RESUME, ISOLATE, RESTORE, BREAKER_FORCE_OPEN, BREAKER_FORCE_CLOSED, BREAKER_RESET, REOPEN_REQUESTED")
            @RequestParam(required = false) AuditAction action,
            @Parameter(description = "ISO-8601 date-time with offset, inclusive")
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime from,
            @Parameter(description = "ISO-8601 date-time with offset, exclusive")
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime to,
            @RequestParam(defaultValue = "0") @Min(0) @Max(1_000_000) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        ChannelId id = channel == null ? null : ChannelId.fromId(channel);
        return audit.find(new AuditQuery(id, actor, action, null, from, to, page, size));
    }
}
