package io.tandem.engine.processing;

import io.tandem.engine.state.InstanceDocument;
import io.tandem.engine.store.JobRow;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A command on one process instance: a new one, an existing one (its key) or the one of a job (the
 * job's key; the work then gets the locked job, else null). {@code notFound} is the rejection when the
 * instance or job does not exist; a new instance has none, as it cannot be missing. A new instance's
 * document comes from {@code newDocument}, afresh for each attempt: a command may run again after its
 * batch was rolled back, and its first run changed the document it had.
 */
record InstanceCommand<T>(Supplier<InstanceDocument> newDocument, Long instanceKey, Long jobKey,
    Supplier<RuntimeException> notFound, BiFunction<ProcessingContext, JobRow, T> work) {

  static <T> InstanceCommand<T> onNewInstance(Supplier<InstanceDocument> newDocument,
      Function<ProcessingContext, T> work) {
    return new InstanceCommand<>(newDocument, null, null, null, (ctx, job) -> work.apply(ctx));
  }

  static <T> InstanceCommand<T> onInstance(long key, Supplier<RuntimeException> notFound,
      Function<ProcessingContext, T> work) {
    return new InstanceCommand<>(null, key, null, notFound, (ctx, job) -> work.apply(ctx));
  }

  static <T> InstanceCommand<T> onJob(long jobKey, Supplier<RuntimeException> notFound,
      BiFunction<ProcessingContext, JobRow, T> work) {
    return new InstanceCommand<>(null, null, jobKey, notFound, work);
  }
}
