package org.passerelle.console;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.validation.Valid;
import java.security.Principal;
import java.util.EnumSet;
import org.passerelle.api.ClientProblem;
import org.passerelle.api.ProblemTypes;
import org.passerelle.channel.ChannelControl;
import org.passerelle.channel.ChannelId;
import org.passerelle.channel.ReopenApprovals;
import org.passerelle.channel.ReopenRequest;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The console page's JSON calls (session and CSRF token, not HTTP Basic): the state it polls, the consequence
 * of an action before it is confirmed, and the confirmed action. The rules (four-eyes included) are the control
 * plane's; a refusal comes back as problem+json with its reason.
 */
@Hidden
@RestController
class ConsoleApi {

    private final ConsoleState state;
    private final Consequences consequences;
    private final ChannelControl control;
    private final ReopenApprovals approvals;
    private final ConsoleText text;

    ConsoleApi(ConsoleState state, Consequences consequences, ChannelControl control, ReopenApprovals approvals, ConsoleText text) {
        this.state = state;
        this.consequences = consequences;
        this.control = control;
        this.approvals = approvals;
        this.text = text;
    }

    @GetMapping("/ops/state")
    ResponseEntity<ConsoleState.View> state() {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(state.build());
    }

    @GetMapping("/ops/preview")
    Consequences.Preview preview(@RequestParam ConsoleAction action, @RequestParam(required = false) String channel,
                                 @RequestParam(required = false) Long request) {
        return consequences.of(action, channel == null ? null : ChannelId.fromId(channel), request);
    }

    /** What happened, in words for the page's status line; {@code pending}: it now waits for a second ops user. */
    record Done(String message, boolean pending) {
    }

    @PostMapping("/ops/actions")
    Done act(@Valid @RequestBody ActionRequest body, Principal user) {
        String me = user.getName();
        String reason = body.reason().strip();
        ChannelId channel = body.channel() == null ? null : ChannelId.fromId(body.channel());
        String name = channel == null ? "" : text.channel(channel);
        switch (body.action()) {
            case SUSPEND -> control.suspend(required(channel), me, reason);
            case RESUME -> {
                ReopenApprovals.Outcome outcome = approvals.resume(required(channel), me, reason);
                if (outcome.pending() != null) {
                    return pending(outcome.pending());
                }
            }
            case FORCE_OPEN -> control.breaker(required(channel), ChannelControl.BreakerCommand.FORCE_OPEN, me, reason);
            case FORCE_CLOSED -> control.breaker(required(channel), ChannelControl.BreakerCommand.FORCE_CLOSED, me, reason);
            case RESET -> control.breaker(required(channel), ChannelControl.BreakerCommand.RESET, me, reason);
            case ISOLATE -> control.isolate(me, reason);
            case RESTORE -> {
                ReopenApprovals.Outcome outcome = approvals.restore(EnumSet.of(required(channel)), me, reason);
                if (outcome.pending() != null) {
                    return pending(outcome.pending());
                }
            }
            case APPROVE -> {
                approvals.approve(requiredRequest(body), me, reason);
                return new Done(text.get("done.APPROVE", body.request()), false);
            }
            case WITHDRAW -> {
                approvals.withdraw(requiredRequest(body), me, reason);
                return new Done(text.get("done.WITHDRAW", body.request()), false);
            }
        }
        return new Done(text.get("done." + body.action().name(), name), false);
    }

    private Done pending(ReopenRequest request) {
        return new Done(text.get("done.pending", request.id(),
                String.join(", ", request.channels().stream().map(text::channel).toList())), true);
    }

    private static ChannelId required(ChannelId channel) {
        if (channel == null) {
            throw new MissingChoice("name the channel (sms, payments, scheduling)", "missing-channel");
        }
        return channel;
    }

    private static long requiredRequest(ActionRequest body) {
        if (body.request() == null) {
            throw new MissingChoice("name the reopening request to decide on", "missing-request");
        }
        return body.request();
    }

    /** An action sent without what it acts on. */
    static final class MissingChoice extends ClientProblem {
        MissingChoice(String detail, String screenKey) {
            super(HttpStatus.BAD_REQUEST, ProblemTypes.VALIDATION, "Incomplete action", detail);
            screenText(screenKey);
        }
    }
}
