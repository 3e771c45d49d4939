import type { RuntimeContext } from './context.js';
import { mapArguments, mapConstructorArguments, wrapMethod } from './patch.js';

/** Requests a script makes itself: fetch, XHR, WebSocket, EventSource, beacons, worklets. Windows and workers alike. */
export function hookNetwork(rt: RuntimeContext): void {
  const { scope, mapped } = rt;
  const RequestCtor = scope.Request;
  wrapMethod(scope, 'fetch', (original) =>
    function (this: unknown, ...args: unknown[]) {
      const input = args[0];
      if (RequestCtor && input instanceof RequestCtor) {
        const twin = mapped(input.url);
        // A Request with another URL and everything else the same (method, headers, body, mode…).
        if (twin !== input.url) args[0] = new RequestCtor(twin, input);
      } else if (args.length > 0) {
        args[0] = mapped(input);
      }
      return original.apply(this, args);
    },
  );
  mapConstructorArguments(scope, 'Request', [0], (v) => (RequestCtor && v instanceof RequestCtor ? v : mapped(v)));
  mapArguments(scope.XMLHttpRequest?.prototype, 'open', [1], mapped);
  mapConstructorArguments(scope, 'WebSocket', [0], mapped);
  mapConstructorArguments(scope, 'EventSource', [0], mapped);
  mapArguments(scope.Navigator?.prototype, 'sendBeacon', [0], mapped);
  mapArguments(scope.Worklet?.prototype, 'addModule', [0], mapped);
}
