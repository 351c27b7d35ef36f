package org.passerelle.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.DispatcherType;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * Two chains, and which role may call what decided here, in one place, so the role matrix test can hold it.
 * The screens ({@code /ops/**}, {@code /cashier/**}, the login page) use a form login with a session, CSRF
 * protection and a page for a refused role; everything else, {@code /api/**} for machine clients above all,
 * stays HTTP Basic, stateless and CSRF-free (no cookie is ever set there), over every endpoint but the probes.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    private static final String OPS = Role.OPS.name();
    private static final String AUDITOR = Role.AUDITOR.name();
    private static final String CASHIER = Role.CASHIER.name();

    /** The paths of the screens' chain; static assets of the screens live under {@code /web/}. */
    static final String[] SCREENS = {"/ops", "/ops/**", "/cashier", "/cashier/**", "/login", "/logout", "/home",
            "/denied", "/web/**"};

    @Bean
    @Order(1)
    SecurityFilterChain screens(HttpSecurity http, LoginThrottle throttle, LoginAudit audit) throws Exception {
        http
            .securityMatcher(SCREENS)
            .addFilterBefore(new FormLoginThrottleFilter(throttle, audit), UsernamePasswordAuthenticationFilter.class)
            .authorizeHttpRequests(a -> a
                .requestMatchers("/login", "/denied", "/web/**").permitAll()
                .requestMatchers(HttpMethod.GET, "/ops", "/ops/**").hasAnyRole(OPS, AUDITOR)
                .requestMatchers("/ops", "/ops/**").hasRole(OPS)
                .requestMatchers("/cashier", "/cashier/**").hasRole(CASHIER)
                .anyRequest().authenticated())
            .formLogin(f -> f.loginPage("/login").defaultSuccessUrl("/home", false).failureUrl("/login?error"))
            .logout(l -> l.logoutUrl("/logout").logoutSuccessUrl("/login?logout"))
            // a new session id at login (no fixation); one session per browser, kept on the server
            .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.IF_REQUIRED)
                    .sessionFixation(f -> f.changeSessionId()))
            // CSRF stays on (the default, a token per session): forms carry _csrf, the pages' JSON calls the header
            .exceptionHandling(e -> e.accessDeniedHandler(new ScreenAccessDenied("/denied")))
            .headers(h -> h
                .contentSecurityPolicy(c -> c.policyDirectives(
                        "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'; base-uri 'none'"))
                .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain api(HttpSecurity http, ObjectMapper json, LoginThrottle throttle, LoginAudit audit) throws Exception {
        ProblemAuthenticationHandlers problems = new ProblemAuthenticationHandlers(json);
        http
            .addFilterBefore(new LoginThrottleFilter(throttle, audit), BasicAuthenticationFilter.class)
            .authorizeHttpRequests(a -> a
                // the second pass of an async request (a long poll answered later): the request was authorized on
                // its first pass, and is not authenticated again
                .dispatcherTypeMatchers(DispatcherType.ASYNC).permitAll()
                .requestMatchers(HttpMethod.GET, "/actuator/health/liveness", "/actuator/health/readiness").permitAll()
                .requestMatchers("/error").permitAll()
                .requestMatchers("/actuator/**").hasAnyRole(OPS, AUDITOR)
                .requestMatchers(HttpMethod.GET, "/api/channels", "/api/channels/**", "/api/audit").hasAnyRole(OPS, AUDITOR)
                .requestMatchers("/api/channels/**", "/api/incident/**").hasRole(OPS)
                .requestMatchers("/api/appointments/**").hasRole(Role.SCHEDULER.name())
                .requestMatchers(HttpMethod.GET, "/api/payments/reconciliation").hasAnyRole(CASHIER, AUDITOR)
                .requestMatchers("/api/payments", "/api/payments/**").hasRole(CASHIER)
                .requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**").authenticated()
                .anyRequest().authenticated())
            .httpBasic(b -> b.authenticationEntryPoint(problems.entryPoint()))
            .exceptionHandling(e -> e.authenticationEntryPoint(problems.entryPoint()).accessDeniedHandler(problems.accessDenied()))
            .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
            // stateless API with credentials on every request: no cookie, so no CSRF exposure
            .csrf(c -> c.disable());
        return http.build();
    }

    /**
     * No Micrometer observation around each security filter, authentication and authorization: with an
     * ObservationRegistry present, Spring Security wraps every filter of the chain in one, which was the largest
     * CPU cost per API request in the profile (docs/benchmarks.md), and the {@code spring_security_*} timers it
     * produced are read by no alert or dashboard. {@code http_server_requests_seconds} is Spring MVC's own
     * observation and stays.
     */
    @Bean
    SecurityObservationSettings securityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    RequestRejectedHandler firewallProblems() {
        return new FirewallProblems();
    }

    @Bean
    LoginThrottle loginThrottle(SecurityProperties properties) {
        return new LoginThrottle(properties.login(), System::nanoTime);
    }

    @Bean
    LoginAudit loginAudit(LoginThrottle throttle, SecurityProperties properties) {
        return new LoginAudit(throttle, properties.login());
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return new RecentlyVerifiedPasswords(PasswordEncoderFactories.createDelegatingPasswordEncoder(), Duration.ofMinutes(5));
    }

    /**
     * The configured accounts, read-only. Exposed as a plain {@link UserDetailsService} on purpose: were the
     * bean the {@link InMemoryUserDetailsManager} itself (a {@code UserDetailsPasswordService}), Spring
     * Security would re-hash, on first login, every password configured below its default bcrypt cost (10)
     * and check it at that cost on every request from then on, ignoring the cost that was configured.
     */
    @Bean
    UserDetailsService users(SecurityProperties properties) {
        InMemoryUserDetailsManager manager = new InMemoryUserDetailsManager();
        for (ConfiguredUser u : properties.users()) {
            manager.createUser(User.withUsername(u.username())
                    .password(u.password())
                    .roles(u.roles().stream().map(Enum::name).toArray(String[]::new))
                    .build());
        }
        return manager::loadUserByUsername;
    }
}
