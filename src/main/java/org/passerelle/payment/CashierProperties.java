package org.passerelle.payment;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code passerelle.cashier.*}: what the cashier screen offers.
 *
 * @param terminals the terminals a cashier may choose from, in the order shown; empty: the screen asks for a
 *                  terminal id instead
 */
@Validated
@ConfigurationProperties("passerelle.cashier")
record CashierProperties(@Valid @NotNull @DefaultValue List<Terminal> terminals) {

    CashierProperties {
        terminals = terminals == null ? null : List.copyOf(terminals);
    }

    /**
     * One terminal of the screen's list.
     *
     * @param id    the terminal's nexo POIID, as the terminal backend knows it
     * @param label what the cashier reads, e.g. the desk's name; the id when absent
     */
    record Terminal(
            @NotNull(message = "passerelle.cashier.terminals[].id is required")
            @Pattern(regexp = "[A-Za-z0-9._-]{1,40}", message = "passerelle.cashier.terminals[].id: 1-40 letters, digits or . _ -")
            String id,
            @Pattern(regexp = "[\\p{L}\\p{N} ._'()-]{1,64}", message = "passerelle.cashier.terminals[].label: 1-64 letters, digits, spaces or . _ ' ( ) -")
            String label) {

        String shown() {
            return label == null ? id : label + " (" + id + ")";
        }
    }
}
