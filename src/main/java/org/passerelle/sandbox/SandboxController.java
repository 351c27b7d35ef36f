package org.passerelle.sandbox;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.context.annotation.Profile;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Sandbox", description = "Local default only: what the simulators received")
@Profile("local")
@RestController
class SandboxController {

    private final SandboxSmsc smsc;
    private final SandboxTerminal terminal;

    SandboxController(SandboxSmsc smsc, SandboxTerminal terminal) {
        this.smsc = smsc;
        this.terminal = terminal;
    }

    @Operation(summary = "Requests received by the sandbox terminal backend, newest first, with the rule applied")
    @GetMapping("/sandbox/terminal")
    List<SandboxTerminal.Seen> terminal() {
        return terminal.newestFirst();
    }

    @Operation(summary = "What the sandbox terminal does, by the last two digits of the amount in cents")
    @GetMapping("/sandbox/terminal/rules")
    java.util.Map<String, String> rules() {
        java.util.Map<String, String> rules = new java.util.LinkedHashMap<>();
        rules.put("00, 11-99", SandboxTerminalRule.APPROVE.description());
        for (int cents = 1; cents <= 10; cents++) {
            rules.put(String.format("%02d", cents), SandboxTerminalRule.forAmount(cents).description());
        }
        return rules;
    }

    @Operation(summary = "SMS received by the sandbox SMSC, newest first")
    @GetMapping("/sandbox/sms")
    List<SandboxSmsc.SandboxSms> sms() {
        return SandboxSmsc.newestFirst(smsc.received());
    }
}
