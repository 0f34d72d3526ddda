// Counts work in flight (requests, chart drawing, page renders) so that a person sees a settled
// page and a browser test knows when it may look: window.vigilBusy is 0 when the page is idle.
window.vigilBusy = 0;

/** Runs an async function while counting it as work in flight. */
export async function busy(fn) {
  window.vigilBusy += 1;
  try {
    return await fn();
  } finally {
    window.vigilBusy -= 1;
  }
}
