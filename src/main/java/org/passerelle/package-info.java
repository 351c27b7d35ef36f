/**
 * Passerelle, a patient communication gateway: the application class ({@link org.passerelle.PasserelleApplication},
 * which also publishes the {@code Clock} every feature uses) and the start-up failure report for a start without a
 * database ({@code NoDatabaseFailureAnalyzer}, naming the {@code local} and {@code postgres} profiles). Features live
 * in the sub-packages, one per feature; docs/architecture.md describes each one's door.
 */
package org.passerelle;
