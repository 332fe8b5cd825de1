package io.vmconsole.api.admission;

/**
 * Admission of a write to the API: defaulting, then validation. The embedded API server calls it
 * for every create and update of our kinds, and the console's services call it before they write,
 * so a refused write carries the same message in the UI and in kubectl.
 */
public interface Admission {

  /** Reviews one write and answers the object to store (defaults applied) or the broken rules. */
  AdmissionResult review(AdmissionRequest request);

  /** Admits everything unchanged. */
  Admission ALLOW_ALL = request -> AdmissionResult.allowed(request.object());
}
