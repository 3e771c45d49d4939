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

/** Wraps the method so that the arguments at `indexes` go through `map` (the others, and their count, are kept). */
export function mapArguments(target: Target, name: string, indexes: readonly number[], map: (value: unknown) => unknown): void {
  wrapMethod(target, name, (original) =>
    function (this: unknown, ...args: unknown[]) {
      for (const i of indexes) if (i < args.length) args[i] = map(args[i]);
      return original.apply(this, args);
    },
  );
}

/** Same for a constructor (`new WebSocket(url)`): a Proxy, so statics, prototype and `instanceof` stay. */
export function mapConstructorArguments(target: Target, name: string, indexes: readonly number[], map: (value: unknown) => unknown): void {
  const original = target?.[name];
  if (typeof original !== 'function') return;
  const proxy: Fn = new Proxy(original, {
    construct(ctor, args: unknown[], newTarget): object {
      for (const i of indexes) if (i < args.length) args[i] = map(args[i]);
      return Reflect.construct(ctor, args, newTarget === proxy ? ctor : newTarget);
    },
  });
  Object.defineProperty(target, name, { value: proxy, writable: true, configurable: true, enumerable: false });
}

/** Wraps the setter of accessor `name` on `proto` so the assigned value goes through `map`. */
export function mapSetter(proto: Target, name: string, map: (value: unknown) => unknown): void {
  const d = proto ? Object.getOwnPropertyDescriptor(proto, name) : undefined;
  if (!d || !d.set || !d.configurable) return;
  const set = d.set;
  Object.defineProperty(proto, name, {
    ...d,
    set(this: unknown, value: unknown) {
      set.call(this, map(value));
    },
  });
}
