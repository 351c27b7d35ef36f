/**
 * What every screen shares: the login, home and refusal pages, the language (French by default, English on
 * request: the switch, kept in a cookie, then the browser's Accept-Language), the message bundle
 * ({@code messages.properties}, {@code messages_en.properties}) and the layout fragments
 * ({@code templates/web/layout.html}) with {@code static/web/screens.css} and {@code screens.js}. The screens
 * themselves live in their feature packages ({@code console}, …). Offers no types to other packages; depends on
 * no feature.
 */
package org.passerelle.web;
