package org.passerelle.scheduling;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code passerelle.sites.<code>}: the hospital's sites as patients must read them in a reminder.
 * Only what a patient needs to come: label, address, a number to call, and optionally the site's own
 * template. Nothing about departments or specialities, on purpose.
 */
@Validated
@ConfigurationProperties("passerelle")
public class SiteProperties {

    @Valid
    private Map<@Pattern(regexp = "[A-Za-z0-9_-]{1,32}", message = "site codes: 1-32 letters, digits, _ or -") String, Site> sites =
            new LinkedHashMap<>();

    public Map<String, Site> getSites() {
        return sites;
    }

    public void setSites(Map<String, Site> sites) {
        this.sites = sites;
    }

    public static class Site {
        @NotBlank(message = "each site needs a label")
        @Size(max = 60)
        private String label;
        @NotBlank(message = "each site needs an address")
        @Size(max = 100)
        private String address;
        @NotBlank(message = "each site needs a callback phone number")
        @Size(max = 20)
        private String callbackPhone;
        /** French template; empty = passerelle.sms.default-template. */
        @Size(max = 600)
        private String template;

        public String getLabel() {
            return label;
        }

        public void setLabel(String label) {
            this.label = label;
        }

        public String getAddress() {
            return address;
        }

        public void setAddress(String address) {
            this.address = address;
        }

        public String getCallbackPhone() {
            return callbackPhone;
        }

        public void setCallbackPhone(String callbackPhone) {
            this.callbackPhone = callbackPhone;
        }

        public String getTemplate() {
            return template;
        }

        public void setTemplate(String template) {
            this.template = template;
        }
    }
}
