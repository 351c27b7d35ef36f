package org.passerelle.scheduling.hl7;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the items that callers on several threads hand in at about the same time in one transaction (a group
 * commit): a caller that finds fewer than {@code maxCommitters} groups being committed commits the items waiting,
 * its own included, while the others wait for their answer; when a group is done, a caller still waiting commits
 * what has come in since. Several groups commit at once (PostgreSQL overlaps their commits' flushes), so senders
 * never wait in single file behind one transaction.
 * Alone (one MLLP connection) a caller commits its own item at once: no hand-off to another thread.
 *
 * <ul>
 *   <li>{@code submit} returns only once the group's transaction committed (or failed): the answer is
 *       durable when it is returned;
 *   <li>items sharing a key (the same appointment, the same sending facility and control id) never go in the
 *       same group: a later one waits for the next group, so changes to one appointment are applied in the order
 *       they were handed in;
 *   <li>a group that fails is rolled back whole and each of its callers gets {@link Optional#empty()}: it then
 *       applies its item alone, so one item's failure (a resend's duplicate control id, bad data the checks did
 *       not see) fails no other.
 * </ul>
 *
 * @param <I> an item
 * @param <R> its answer
 */
final class GroupCommit<I, R> {

    private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);

    private final int maxGroup;
    private final Function<I, Set<Object>> keys;
    private final Function<List<I>, List<R>> commit;
    private final Object monitor = new Object();
    private final ArrayDeque<Waiting<I, R>> queue = new ArrayDeque<>();
    /** Groups being committed at this moment, each by its own caller's thread, on its own connection. */
    private int committing;
    private final int maxCommitters;
    /** Keys of the items in the groups being committed: an item sharing one waits for that group to end. */
    private final Set<Object> inFlight = new HashSet<>();

    /**
     * @param maxCommitters groups committed at once (each a transaction on its own connection): one would make
     *                      every sender wait for every other's commit
     * @param keys   what an item touches; two items with a key in common are committed in different groups
     * @param commit applies a group in one transaction and commits it, returning the i-th item's answer i-th;
     *               throws to roll the whole group back
     */
    GroupCommit(int maxGroup, int maxCommitters, Function<I, Set<Object>> keys, Function<List<I>, List<R>> commit) {
        this.maxGroup = maxGroup;
        this.maxCommitters = maxCommitters;
        this.keys = keys;
        this.commit = commit;
    }

    private static final class Waiting<I, R> {
        final I item;
        boolean done;
        Optional<R> answer = Optional.empty();

        Waiting(I item) {
            this.item = item;
        }
    }

    /** The item's answer once committed with its group, or empty when the group failed: apply it alone then. */
    Optional<R> submit(I item) {
        Waiting<I, R> mine = new Waiting<>(item);
        boolean interrupted = false;
        try {
            synchronized (monitor) {
                queue.add(mine);
                // not interruptible: once handed in, the item may be in a transaction; its caller must learn how
                // that ended (no AR for a message that is then committed). The wait is about one commit long.
                while (committing >= maxCommitters && !mine.done) {
                    try {
                        monitor.wait();
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
                if (mine.done) {
                    return mine.answer;
                }
                committing++;
            }
            try {
                while (true) {
                    List<Waiting<I, R>> group;
                    synchronized (monitor) {
                        group = takeGroup();
                        while (group.isEmpty() && !mine.done) {
                            // what waits shares a key with a group being committed: wait for that one to end
                            try {
                                monitor.wait();
                            } catch (InterruptedException e) {
                                interrupted = true;
                            }
                            group = takeGroup();
                        }
                        if (group.isEmpty()) {
                            return mine.answer;
                        }
                    }
                    try {
                        commitGroup(group);
                    } finally {
                        synchronized (monitor) {
                            group.forEach(w -> {
                                w.done = true; // answered, or empty (apply alone) if anything failed
                                inFlight.removeAll(keys.apply(w.item));
                            });
                            monitor.notifyAll();
                        }
                    }
                    synchronized (monitor) {
                        if (mine.done) {
                            return mine.answer;
                        }
                    }
                }
            } finally {
                synchronized (monitor) {
                    committing--; // a caller still waiting (its item not yet in a group) commits next
                    monitor.notifyAll();
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Items handed in and not yet taken into a group (for tests). */
    int waiting() {
        synchronized (monitor) {
            return queue.size();
        }
    }

    /** The waiting items in order, skipping (for the next group) any that shares a key with one taken. */
    private List<Waiting<I, R>> takeGroup() {
        List<Waiting<I, R>> group = new ArrayList<>();
        Set<Object> taken = new HashSet<>();
        Set<Object> skipped = new HashSet<>();
        Iterator<Waiting<I, R>> it = queue.iterator();
        while (it.hasNext() && group.size() < maxGroup) {
            Waiting<I, R> w = it.next();
            Set<Object> k = keys.apply(w.item);
            // an item behind a skipped one with the same key stays behind it; one whose key is being committed
            // in another group waits for that group
            if (k.stream().anyMatch(taken::contains) || k.stream().anyMatch(skipped::contains)
                    || k.stream().anyMatch(inFlight::contains)) {
                skipped.addAll(k);
                continue;
            }
            taken.addAll(k);
            group.add(w);
            it.remove();
        }
        inFlight.addAll(taken);
        return group;
    }

    private void commitGroup(List<Waiting<I, R>> group) {
        try {
            List<R> answers = commit.apply(group.stream().map(w -> w.item).toList());
            for (int i = 0; i < group.size(); i++) {
                group.get(i).answer = Optional.of(answers.get(i));
            }
        } catch (RuntimeException | Error e) {
            // rolled back: each caller applies its own item alone. The exception's class only: its message may
            // quote a value (a duplicate key's detail).
            log.info("group of {} HL7 message(s) rolled back ({}): each applied alone", group.size(), e.getClass().getName());
            group.forEach(w -> w.answer = Optional.empty());
        }
    }
}
