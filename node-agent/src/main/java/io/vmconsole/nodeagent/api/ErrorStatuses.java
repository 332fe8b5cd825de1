package io.vmconsole.nodeagent.api;

import io.vmconsole.nodeagent.spec.BadRequestException;
import io.vmconsole.nodeagent.vm.ConflictException;
import io.vmconsole.nodeagent.vm.NotFoundException;
import io.vmconsole.nodeagent.vm.VmSupervisor;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/** Maps the agent's exceptions to the contract's statuses; anything else stays a 500. */
public final class ErrorStatuses {
  private ErrorStatuses() {}

  public static Reply toReply(Throwable t) {
    Throwable c = unwrap(t);
    if (c instanceof BadRequestException b) {
      return Reply.badField(b.field(), b.getMessage());
    }
    if (c instanceof NotFoundException) {
      return Reply.error(404, c.getMessage());
    }
    if (c instanceof ConflictException) {
      return Reply.error(409, c.getMessage());
    }
    if (c instanceof VmSupervisor.StartFailedException) {
      return Reply.error(500, "start failed: " + c.getMessage());
    }
    if (c instanceof TimeoutException) {
      return Reply.error(504, "timed out");
    }
    return null;
  }

  static Throwable unwrap(Throwable t) {
    Throwable c = t;
    while ((c instanceof CompletionException || c instanceof ExecutionException)
        && c.getCause() != null) {
      c = c.getCause();
    }
    if (c instanceof IllegalStateException
        && c.getCause() != null
        && toReply(c.getCause()) != null) {
      return c.getCause();
    }
    return c;
  }

  /** For {@code exceptionally}: known failures become their reply, others are rethrown (500). */
  public static Function<Throwable, Reply> mapped() {
    return t -> {
      Reply r = toReply(t);
      if (r == null) {
        throw t instanceof CompletionException ce ? ce : new CompletionException(t);
      }
      return r;
    };
  }
}
