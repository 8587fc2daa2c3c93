/**
 * A signal for an outgoing request that aborts after `ms` (as a TimeoutError, like
 * AbortSignal.timeout) or as soon as `parent` does, and `done()` to let go of its timer.
 *
 * Not AbortSignal.any([AbortSignal.timeout(ms), parent]): on Node 20 the timeout signal inside such
 * a composite may be garbage-collected before it fires (nodejs/node#57736), and the request then
 * waits for as long as a slow receiver takes. Here the timer holds the controller itself.
 */
export function deadline(ms: number, parent?: AbortSignal): { signal: AbortSignal; done(): void } {
  const controller = new AbortController();
  const onParent = () => controller.abort(parent?.reason);
  const timer = setTimeout(() => controller.abort(new DOMException(`no answer within ${ms} ms`, 'TimeoutError')), ms);
  if (parent?.aborted) onParent();
  else parent?.addEventListener('abort', onParent, { once: true });
  return {
    signal: controller.signal,
    done() {
      clearTimeout(timer);
      parent?.removeEventListener('abort', onParent);
    },
  };
}
