/**
 * `await using` (TypeScript ≥ 5.2, downlevelled) looks up `Symbol.asyncDispose` at run time;
 * Node before 20.4 lacks it. Imported before any class that implements it.
 */
const symbols = Symbol as { asyncDispose?: symbol; dispose?: symbol };
symbols.asyncDispose ??= Symbol.for("Symbol.asyncDispose");
symbols.dispose ??= Symbol.for("Symbol.dispose");
