package org.passerelle.channel;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.security.Principal;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Channels", description = "Kill switches and circuit breakers of the outside channels")
@RestController
@RequestMapping("/api/channels")
class ChannelController {

    private final ChannelControl control;
    private final ChannelStatusView status;
    private final ReopenApprovals approvals;

    public ChannelController(ChannelControl control, ChannelStatusView status, ReopenApprovals approvals) {
        this.control = control;
        this.status = status;
        this.approvals = approvals;
    }

    @Operation(summary = "Status of every channel on this replica")
    @GetMapping
    public List<ChannelStatus> list() {
        return status.all();
    }

    @Operation(summary = "Status of one channel")
    @GetMapping("/{id}")
    public ChannelStatus get(@PathVariable String id) {
        return status.of(ChannelId.fromId(id));
    }

    @Operation(summary = "Suspend a channel: returns once this replica starts no new outbound call on it")
    @PostMapping("/{id}/suspend")
    public ChangeResponse suspend(@PathVariable String id, @Valid @RequestBody ReasonRequest body, Principal user) {
        ChannelId channel = ChannelId.fromId(id);
        return response(control.suspend(channel, user.getName(), body.reason()));
    }

    @Operation(summary = "Resume a suspended channel. A channel suspended out of an isolation, with "
            + "passerelle.channels.four-eyes-restore on: 202, a request another ops user must approve")
    @PostMapping("/{id}/resume")
    public ResponseEntity<ChangeResponse> resume(@PathVariable String id, @Valid @RequestBody ReasonRequest body, Principal user) {
        ChannelId channel = ChannelId.fromId(id);
        ReopenApprovals.Outcome outcome = approvals.resume(channel, user.getName(), body.reason());
        if (outcome.pending() != null) {
            return ResponseEntity.accepted().body(new ChangeResponse(List.of(status.of(channel)), 0, null, outcome.pending()));
        }
        return ResponseEntity.ok(response(outcome.result()));
    }

    @Operation(summary = "Force the channel's circuit breaker open or closed, or reset it to automatic")
    @PostMapping("/{id}/breaker")
    public ChangeResponse breaker(@PathVariable String id, @Valid @RequestBody BreakerRequest body, Principal user) {
        ChannelId channel = ChannelId.fromId(id);
        return response(control.breaker(channel, body.action(), user.getName(), body.reason()));
    }

    private ChangeResponse response(ChannelControl.ChangeResult result) {
        return new ChangeResponse(result.channels().stream().map(status::of).toList(), result.callsStillInFlight(), null);
    }
}
