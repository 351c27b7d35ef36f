package org.passerelle.scheduling.hl7;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Which items go in one transaction, and what a caller gets when its group fails. */
class GroupCommitTest {

    /** An item: its name and the keys it touches. */
    private record Item(String name, Set<Object> keys) {
        static Item of(String name, Object... keys) {
            return new Item(name, Set.of(keys));
        }
    }

    private final List<List<String>> committed = new CopyOnWriteArrayList<>();
    private final CountDownLatch firstGroupMayFinish = new CountDownLatch(1);

    /** Records each group; the first one waits until the test has queued the others behind it. */
    private GroupCommit<Item, String> groupCommit(Function<List<Item>, List<String>> andThen) {
        return new GroupCommit<>(64, 1, Item::keys, group -> {
            if (committed.isEmpty()) {
                await(firstGroupMayFinish);
            }
            committed.add(group.stream().map(Item::name).toList());
            return andThen.apply(group);
        });
    }

    private static List<String> answerEach(List<Item> group) {
        return group.stream().map(i -> "done " + i.name()).toList();
    }

    @Test
    void aloneACallerCommitsItsOwnItemAtOnce() {
        GroupCommit<Item, String> commit = new GroupCommit<>(64, 1, Item::keys, GroupCommitTest::answerEach);

        assertThat(commit.submit(Item.of("a", "A"))).contains("done a");
        assertThat(commit.submit(Item.of("b", "B"))).contains("done b");
    }

    @Test
    void itemsHandedInWhileAGroupCommitsGoTogetherInTheNextTransaction() throws Exception {
        GroupCommit<Item, String> commit = groupCommit(GroupCommitTest::answerEach);
        CompletableFuture<Optional<String>> first = submitAsync(commit, Item.of("1", "A"));
        awaitCommitting();
        CompletableFuture<Optional<String>> second = submitAsync(commit, Item.of("2", "B"));
        CompletableFuture<Optional<String>> third = submitAsync(commit, Item.of("3", "C"));
        awaitWaiting(commit, 2);

        firstGroupMayFinish.countDown();

        assertThat(first.get(10, TimeUnit.SECONDS)).contains("done 1");
        assertThat(second.get(10, TimeUnit.SECONDS)).contains("done 2");
        assertThat(third.get(10, TimeUnit.SECONDS)).contains("done 3");
        assertThat(committed).hasSize(2);
        assertThat(committed.get(1)).containsExactlyInAnyOrder("2", "3");
    }

    @Test
    void twoItemsWithAKeyInCommonAreNeverInOneGroupAndKeepTheirOrder() throws Exception {
        GroupCommit<Item, String> commit = groupCommit(GroupCommitTest::answerEach);
        CompletableFuture<Optional<String>> first = submitAsync(commit, Item.of("1", "A"));
        awaitCommitting();
        CompletableFuture<Optional<String>> earlier = submitAsync(commit, Item.of("2", "B"));
        awaitWaiting(commit, 1);
        CompletableFuture<Optional<String>> later = submitAsync(commit, Item.of("3", "B"));
        awaitWaiting(commit, 2);
        CompletableFuture<Optional<String>> other = submitAsync(commit, Item.of("4", "C"));
        awaitWaiting(commit, 3);

        firstGroupMayFinish.countDown();

        for (CompletableFuture<Optional<String>> f : List.of(first, earlier, later, other)) {
            assertThat(f.get(10, TimeUnit.SECONDS)).isPresent();
        }
        assertThat(committed).containsExactly(List.of("1"), List.of("2", "4"), List.of("3"));
    }

    @Test
    void whenAGroupFailsEachOfItsCallersIsToldToApplyItsItemAlone() throws Exception {
        GroupCommit<Item, String> commit = groupCommit(group -> {
            if (group.stream().anyMatch(i -> i.name().equals("bad"))) {
                throw new IllegalStateException("duplicate key");
            }
            return answerEach(group);
        });
        CompletableFuture<Optional<String>> first = submitAsync(commit, Item.of("1", "A"));
        awaitCommitting();
        CompletableFuture<Optional<String>> good = submitAsync(commit, Item.of("good", "B"));
        CompletableFuture<Optional<String>> bad = submitAsync(commit, Item.of("bad", "C"));
        awaitWaiting(commit, 2);

        firstGroupMayFinish.countDown();

        assertThat(first.get(10, TimeUnit.SECONDS)).contains("done 1");
        assertThat(good.get(10, TimeUnit.SECONDS)).isEmpty();
        assertThat(bad.get(10, TimeUnit.SECONDS)).isEmpty();
        assertThat(commit.submit(Item.of("after", "D"))).contains("done after");
    }

    private static CompletableFuture<Optional<String>> submitAsync(GroupCommit<Item, String> commit, Item item) {
        return CompletableFuture.supplyAsync(() -> commit.submit(item), r -> new Thread(r).start());
    }

    /** Set by the first group's commit, which then waits for {@link #firstGroupMayFinish}. */
    private volatile boolean firstIsCommitting;

    private void awaitCommitting() throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < until && !firstIsCommitting) {
            Thread.sleep(5);
        }
        assertThat(firstIsCommitting).isTrue();
    }

    private static void awaitWaiting(GroupCommit<Item, String> commit, int n) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < until && commit.waiting() < n) {
            Thread.sleep(5);
        }
        assertThat(commit.waiting()).isEqualTo(n);
    }

    private void await(CountDownLatch latch) {
        firstIsCommitting = true;
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
