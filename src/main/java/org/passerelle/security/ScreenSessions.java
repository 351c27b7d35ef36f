package org.passerelle.security;

import org.springframework.beans.factory.BeanClassLoaderAware;
import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.boot.web.server.Cookie;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.ConversionService;
import org.springframework.session.web.http.DefaultCookieSerializer;

/**
 * The screens' sessions (ops console, cashier) live in the database through Spring Session JDBC, so that every
 * replica behind the Service serves every screen request of a logged-in user (no sticky sessions needed), and a
 * rolling restart logs nobody out. The API stays stateless. What is stored: {@link HashedSessionIds} (no usable
 * cookie in the table) and {@link SessionAttributeCodec} (no arbitrary class read back).
 */
@Configuration(proxyBeanMethods = false)
class ScreenSessions implements BeanClassLoaderAware {

    private ClassLoader classLoader = ScreenSessions.class.getClassLoader();

    @Override
    public void setBeanClassLoader(ClassLoader classLoader) {
        this.classLoader = classLoader;
    }

    @Bean
    HashedSessionIds hashedSessionIds(ServerProperties server) {
        Cookie cookie = server.getServlet().getSession().getCookie();
        DefaultCookieSerializer cookies = new DefaultCookieSerializer();
        if (cookie.getName() != null) {
            cookies.setCookieName(cookie.getName());
        }
        if (cookie.getHttpOnly() != null) {
            cookies.setUseHttpOnlyCookie(cookie.getHttpOnly());
        }
        if (cookie.getSecure() != null) {
            cookies.setUseSecureCookie(cookie.getSecure());
        }
        if (cookie.getSameSite() != null) {
            cookies.setSameSite(cookie.getSameSite().attributeValue());
        }
        if (cookie.getPath() != null) {
            cookies.setCookiePath(cookie.getPath());
        }
        // the cookie holds the token itself, not Spring Session's default base64 of the id
        cookies.setUseBase64Encoding(false);
        return new HashedSessionIds(cookies);
    }

    @Bean("springSessionConversionService")
    ConversionService springSessionConversionService() {
        return SessionAttributeCodec.conversions(classLoader);
    }
}
