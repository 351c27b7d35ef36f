package org.passerelle.scheduling;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code passerelle.sites.<code>}: the hospital's sites as patients must read them in a reminder.
 * Only what a patient needs to come: label, address, a number to call, and optionally the site's own
 * template. Nothing about departments or specialities, on purpose.
 *
 * @param sites the sites by code (1-32 letters, digits, _ or -), in configuration order
 */
@Validated
@ConfigurationProperties("passerelle")
public record SiteProperties(
        @Valid Map<@Pattern(regexp = "[A-Za-z0-9_-]{1,32}",
                message = "passerelle.sites.<code>: site codes are 1-32 letters, digits, _ or -") String, Site> sites) {

    public SiteProperties {
        sites = sites == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(sites));
    }

    /**
     * One site.
     *
     * @param label the name patients know, at most 60 characters
     * @param address where to come, at most 100 characters
     * @param callbackPhone the number to call, at most 20 characters
     * @param template the site's own French template; empty means {@code passerelle.sms.default-template}
     */
    public record Site(
            @NotBlank(message = "passerelle.sites.<code>.label is required")
            @Size(max = 60, message = "passerelle.sites.<code>.label must be at most 60 characters") String label,
            @NotBlank(message = "passerelle.sites.<code>.address is required")
            @Size(max = 100, message = "passerelle.sites.<code>.address must be at most 100 characters") String address,
            @NotBlank(message = "passerelle.sites.<code>.callback-phone is required")
            @Size(max = 20, message = "passerelle.sites.<code>.callback-phone must be at most 20 characters") String callbackPhone,
            @Size(max = 600, message = "passerelle.sites.<code>.template must be at most 600 characters") String template) {
    }
}
