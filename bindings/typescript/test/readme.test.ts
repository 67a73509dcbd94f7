// The README's TypeScript blocks (of the installed package) compile against its types, run,
// and print exactly the text block that follows each of them.
import assert from "node:assert/strict";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

import ts from "typescript";

import { runNode, sharedRelay } from "./harness.js";

const installed = dirname(dirname(fileURLToPath(import.meta.resolve("zerok-sync"))));
const readme = readFileSync(join(installed, "README.md"), "utf8");
const examples = [...readme.matchAll(/```ts\n([\s\S]*?)```\n\nprints\n\n```text\n([\s\S]*?)```/g)].map(
  (m) => ({ code: m[1]!, output: m[2]! }),
);

test("the README has examples", () => {
  assert.ok(examples.length >= 3, `found ${examples.length}`);
});

/** Compiles the blocks inside the test project (so `zerok-sync` is the installed package). */
function compile(): string[] {
  const dir = join(process.cwd(), "readme-examples");
  mkdirSync(dir, { recursive: true });
  const sources = examples.map((example, i) => {
    const file = join(dir, `example${i}.ts`);
    writeFileSync(file, example.code);
    return file;
  });
  const program = ts.createProgram(sources, {
    target: ts.ScriptTarget.ES2022,
    lib: ["lib.es2022.d.ts", "lib.esnext.disposable.d.ts"],
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    types: ["node"],
    strict: true,
    outDir: dir,
  });
  const emitted = program.emit();
  const diagnostics = ts.getPreEmitDiagnostics(program).concat(emitted.diagnostics);
  assert.deepEqual(
    diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n")),
    [],
    "the README's code type-checks",
  );
  return sources.map((file) => file.replace(/\.ts$/, ".js"));
}

const compiled = examples.length > 0 ? compile() : [];

/**
 * `text` with each pairing verifier ("ddd ddd", new digits every run) replaced by its number
 * of first appearance: the README's digits stand for any, yet where the README shows the
 * same digits twice the run must show the same digits twice.
 */
function verifiersNumbered(text: string): string {
  const seen: string[] = [];
  return text.replace(/\b\d{3} \d{3}\b/g, (digits) => {
    if (!seen.includes(digits)) seen.push(digits);
    return `<verifier ${seen.indexOf(digits) + 1}>`;
  });
}

examples.forEach((example, i) => {
  test(`README example ${i + 1} prints what the README says`, async () => {
    const relay = await sharedRelay();
    const code = readFileSync(compiled[i]!, "utf8");
    const run = await runNode(code, [], { ZEROK_RELAY: relay.addr });
    assert.equal(run.status, 0, run.stderr);
    assert.equal(verifiersNumbered(run.stdout), verifiersNumbered(example.output));
  });
});
