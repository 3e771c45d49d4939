import type { RuntimeContext } from './context.js';
import { mapArguments, mapConstructorArguments, wrapMethod } from './patch.js';

/**
 * Scripts that start workers or load into one (Worker, SharedWorker, importScripts,
 * service worker registration), and what a service worker sends elsewhere: windows it
 * opens or navigates, redirects it makes up, URLs it caches.
 */
export function hookWorkers(rt: RuntimeContext): void {
  const { scope, mapped } = rt;
  mapConstructorArguments(scope, 'Worker', [0], mapped);
  mapConstructorArguments(scope, 'SharedWorker', [0], mapped);
  mapArguments(scope, 'importScripts', 'all', mapped);
  mapArguments(scope.Clients?.prototype, 'openWindow', [0], mapped);
  mapArguments(scope.WindowClient?.prototype, 'navigate', [0], mapped);
  mapArguments(scope.Response, 'redirect', [0], mapped);
  mapArguments(scope.Cache?.prototype, 'add', [0], mapped);
  mapArguments(scope.Cache?.prototype, 'addAll', [0], (list) => (Array.isArray(list) ? list.map(mapped) : list));
  // The scope must stay under the script's (now proxied) origin, so it is mapped the same way.
  wrapMethod(scope.ServiceWorkerContainer?.prototype, 'register', (original) =>
    function (this: unknown, ...args: unknown[]) {
      if (args.length > 0) args[0] = mapped(args[0]);
      const options = args[1] as RegistrationOptions | undefined;
      if (options && typeof options === 'object' && options.scope !== undefined) {
        args[1] = { scope: mapped(options.scope), type: options.type, updateViaCache: options.updateViaCache };
      }
      return original.apply(this, args);
    },
  );
}
