/**
 * What every REST feature shares: every error rendered as RFC 9457 problem+json with a stable type (also for
 * errors that never reach a controller), the {@link org.passerelle.api.ClientProblem} base class features extend, and
 * the stable problem type URIs; the HTTP listener's limits ({@code passerelle.http.*}: body size) and Tomcat's own
 * error page as problem+json with the security headers; JSON read strictly (no coercion of scalars, ISO dates only).
 * Offers {@code ClientProblem} and {@code ProblemTypes} to {@code channel}, {@code scheduling}, {@code payment} and
 * {@code security}, and {@code ProblemHandling} and {@code ProblemResponses} to {@code security}. Depends on no
 * feature.
 */
package org.passerelle.api;
