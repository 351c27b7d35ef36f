/**
 * Who may call what: HTTP Basic on every endpoint but the liveness and readiness probes, each endpoint's
 * roles in one place ({@code SCHEDULER}, {@code CASHIER}, {@code OPS}, {@code AUDITOR}), configured users with
 * hashed passwords only, a short-lived cache of correctly verified passwords, 401/403 and the firewall's refusals as
 * problem+json, and brute-force protection per user name and client address (429 without a password check). Offers
 * no types to other packages. Depends on {@code api} and {@code privacy} ({@code Digests}, for the keyed cache).
 */
package org.passerelle.security;
