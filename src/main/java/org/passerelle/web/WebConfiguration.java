package org.passerelle.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.support.RequestContextUtils;

/** Language of the screens: {@code ?lang=fr|en} on any screen switches it and keeps it in a cookie. */
@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

    @Bean
    LocaleResolver localeResolver() {
        return new ScreenLocale();
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new HandlerInterceptor() {
            @Override
            public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
                String lang = request.getParameter("lang");
                Locale wanted = lang == null ? null : ScreenLocale.supported(lang);
                if (wanted != null) {
                    RequestContextUtils.getLocaleResolver(request).setLocale(request, response, wanted);
                }
                return true;
            }
        }).addPathPatterns("/login", "/home", "/denied", "/ops", "/ops/**", "/cashier", "/cashier/**");
    }
}
