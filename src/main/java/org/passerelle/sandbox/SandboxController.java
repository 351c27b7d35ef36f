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

    SandboxController(SandboxSmsc smsc) {
        this.smsc = smsc;
    }

    @Operation(summary = "SMS received by the sandbox SMSC, newest first")
    @GetMapping("/sandbox/sms")
    List<SandboxSmsc.SandboxSms> sms() {
        return SandboxSmsc.newestFirst(smsc.received());
    }
}
