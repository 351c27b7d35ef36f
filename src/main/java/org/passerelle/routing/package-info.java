/**
 * What every route file relies on: {@code TypedSettings}, the Camel properties function
 * {@code {{setting:passerelle.…}}} through which routes read typed, validated settings from the
 * {@code @ConfigurationProperties} record that owns them (the longest matching prefix wins, defaults included;
 * durations in milliseconds, as Camel's endpoint options expect; an unknown name stops the route), registered
 * by {@code RoutingConfiguration}. Offers the {@code setting:} function to routes, no Java types. Depends on no
 * Passerelle package.
 */
package org.passerelle.routing;
