// Small, uniform ways to wrap what the platform offers. Each does nothing when the thing
// is absent (workers have no DOM; browsers differ), so one bundle serves every scope.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Fn = (this: any, ...args: any[]) => any;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Target = Record<PropertyKey, any> | undefined | null;

/** Replaces `target[name]` (a method) with `wrap(original)`, keeping its name and length. */
export function wrapMethod(target: Target, name: string, wrap: (original: Fn) => Fn): void {
  const original = target?.[name];
  if (typeof original !== 'function') return;
  const replacement = wrap(original);
  Object.defineProperty(replacement, 'name', { value: original.name });
  Object.defineProperty(replacement, 'length', { value: original.length });
  Object.defineProperty(target, name, { value: replacement, writable: true, configurable: true, enumerable: false });
}

/** Argument positions to map; `all` for variadic calls (`importScripts(a, b, c)`). */
type Indexes = readonly number[] | 'all';

function mapEach(args: unknown[], indexes: Indexes, map: (value: unknown) => unknown): void {
  if (indexes === 'all') for (let i = 0; i < args.length; i++) args[i] = map(args[i]);
  else for (const i of indexes) if (i < args.length) args[i] = map(args[i]);
}

/** Wraps the method so that the arguments at `indexes` go through `map` (the others, and their count, are kept). */
export function mapArguments(target: Target, name: string, indexes: Indexes, map: (value: unknown) => unknown): void {
  wrapMethod(target, name, (original) =>
    function (this: unknown, ...args: unknown[]) {
      mapEach(args, indexes, map);
      return original.apply(this, args);
    },
  );
}

/** How a wrapped constructor builds: the original's construct, with the caller's `new.target`. */
type Construct = (args: unknown[], newTarget: Fn) => object;

/**
 * Replaces constructor `target[name]` with a Proxy that builds through `wrap(construct)`:
 * statics, `prototype`, `instanceof` and subclassing stay, and `prototype.constructor`
 * names the replacement, as it named the original.
 */
export function wrapConstructor(target: Target, name: string, wrap: (construct: Construct) => Construct): void {
  const original = target?.[name];
  if (typeof original !== 'function') return;
  const wrapped = wrap((args, newTarget) => Reflect.construct(original, args, newTarget));
  const proxy: Fn = new Proxy(original, {
    construct: (_, args: unknown[], newTarget: Fn): object => wrapped(args, newTarget === proxy ? original : newTarget),
  });
  Object.defineProperty(target, name, { value: proxy, writable: true, configurable: true, enumerable: false });
  const ctor = original.prototype ? Object.getOwnPropertyDescriptor(original.prototype, 'constructor') : undefined;
  if (ctor && ctor.value === original && ctor.configurable) Object.defineProperty(original.prototype, 'constructor', { ...ctor, value: proxy });
}

/** Same for a constructor's arguments (`new WebSocket(url)`). */
export function mapConstructorArguments(target: Target, name: string, indexes: Indexes, map: (value: unknown) => unknown): void {
  wrapConstructor(target, name, (construct) => (args, newTarget) => {
    mapEach(args, indexes, map);
    return construct(args, newTarget);
  });
}

/** Replaces the setter of accessor `name` on `proto` with `wrap(original setter)`. */
export function wrapSetter(proto: Target, name: string, wrap: (set: (this: unknown, value: unknown) => void) => (this: unknown, value: unknown) => void): void {
  const d = proto ? Object.getOwnPropertyDescriptor(proto, name) : undefined;
  if (!d || !d.set || !d.configurable) return;
  Object.defineProperty(proto, name, { ...d, set: wrap(d.set) });
}

/** Wraps the setter of accessor `name` on `proto` so the assigned value goes through `map`. */
export function mapSetter(proto: Target, name: string, map: (value: unknown) => unknown): void {
  wrapSetter(proto, name, (set) =>
    function (this: unknown, value: unknown) {
      set.call(this, map(value));
    },
  );
}
