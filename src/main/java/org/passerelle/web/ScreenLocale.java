package org.passerelle.web;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;

/**
 * The screens' language: the one chosen with the switch (a cookie), else the first supported one the browser
 * asks for, else French, the staff's language. Only French and English exist; anything else falls back.
 */
final class ScreenLocale extends CookieLocaleResolver {

    static final List<Locale> SUPPORTED = List.of(Locale.FRENCH, Locale.ENGLISH);

    ScreenLocale() {
        super("passerelle-lang");
        setCookieMaxAge(Duration.ofDays(365));
        setCookieHttpOnly(true);
        setCookieSameSite("Lax");
        setDefaultLocaleFunction(ScreenLocale::fromBrowser);
    }

    static Locale fromBrowser(HttpServletRequest request) {
        if (request.getHeader("Accept-Language") == null) {
            return Locale.FRENCH;
        }
        for (var languages = request.getLocales(); languages.hasMoreElements(); ) {
            Locale supported = supported(languages.nextElement().getLanguage());
            if (supported != null) {
                return supported;
            }
        }
        return Locale.FRENCH;
    }

    static Locale supported(String language) {
        return SUPPORTED.stream().filter(l -> l.getLanguage().equalsIgnoreCase(language)).findFirst().orElse(null);
    }

    @Override
    public void setLocale(HttpServletRequest request, jakarta.servlet.http.HttpServletResponse response, Locale locale) {
        super.setLocale(request, response, locale == null ? null : supported(locale.getLanguage()));
    }
}
