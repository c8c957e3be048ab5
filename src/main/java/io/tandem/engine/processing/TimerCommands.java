package io.tandem.engine.processing;

import io.tandem.engine.store.TimerStore;
import io.tandem.engine.store.TimerStore.TimerRow;

/** Fires a due timer under its instance's lock; a timer removed meanwhile is skipped. */
public final class TimerCommands {

  private final InstanceTransactions transactions;
  private final TimerStore timers;
  private final EventSubscriptions subscriptions;

  public TimerCommands(InstanceTransactions transactions, TimerStore timers, EventSubscriptions subscriptions) {
    this.transactions = transactions;
    this.timers = timers;
    this.subscriptions = subscriptions;
  }

  public boolean trigger(TimerRow due) {
    return transactions.inTransaction(() -> transactions.onLockedInstance(due.processInstanceKey(), ctx ->
        timers.find(due.key()).map(timer -> {
          subscriptions.trigger(ctx, timer);
          return true;
        }).orElse(false)).orElse(false));
  }
}
