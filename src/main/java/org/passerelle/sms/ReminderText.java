package org.passerelle.sms;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.passerelle.scheduling.ReminderToSend;
import org.passerelle.scheduling.SiteProperties;
import org.passerelle.sms.text.ReminderTemplate;
import org.springframework.stereotype.Component;

/** Writes a reminder from its site's template; only the template's six fields can reach the SMS. */
@Component
class ReminderText {

    private final SiteProperties sites;
    private final SmsProperties properties;
    private final Map<String, ReminderTemplate> templates = new ConcurrentHashMap<>();

    public ReminderText(SiteProperties sites, SmsProperties properties) {
        this.sites = sites;
        this.properties = properties;
        sites.sites().forEach((code, site) -> templates.put(code, template(site)));
    }

    private ReminderTemplate template(SiteProperties.Site site) {
        String text = site.template() == null || site.template().isBlank() ? properties.defaultTemplate() : site.template();
        return new ReminderTemplate(text); // invalid templates stop the start-up with the reason
    }

    public String render(ReminderToSend r) {
        SiteProperties.Site site = sites.sites().get(r.siteCode());
        if (site == null) {
            throw new IllegalStateException("Site " + r.siteCode() + " is no longer configured");
        }
        return templates.get(r.siteCode()).render(ReminderTemplate.fields(r.start(), site.label(), site.address(),
                site.callbackPhone(), r.appointmentId()));
    }
}
