// The README's TypeScript blocks (of the installed package) type-check against its types,
// run in this page-like process (ipc.ts: the plugin's methods), and print exactly the text
// block that follows each of them.
import assert from "node:assert/strict";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { test } from "node:test";
import { fileURLToPath, pathToFileURL } from "node:url";

import ts from "typescript";

import "./ipc.js";
import { startRelay } from "./relay.js";

const installed = dirname(fileURLToPath(import.meta.resolve("tauri-plugin-zerok-sync-api/package.json")));
const readme = readFileSync(join(installed, "README.md"), "utf8");
const examples = [...readme.matchAll(/```ts\n([\s\S]*?)```\n\nprints\n\n```text\n([\s\S]*?)```/g)].map((m) => ({
  code: m[1]!,
  output: m[2]!,
}));

// Before the first test: node:test runs the file's `after` hooks (which stop the daemon and
// the relay) once the tests registered so far are done.
const relay = await startRelay();
Object.assign(globalThis, { location: new URL(`tauri://localhost/?relay=${encodeURIComponent(relay)}`) });

test("the README has examples", () => {
  assert.ok(examples.length >= 2, `found ${examples.length}`);
});

const dir = join(process.cwd(), "readme-examples");
mkdirSync(dir, { recursive: true });
const sources = examples.map((example, i) => {
  const file = join(dir, `example${i}.ts`);
  writeFileSync(file, example.code);
  return file;
});
const program = ts.createProgram(sources, {
  target: ts.ScriptTarget.ES2022,
  lib: ["lib.es2022.d.ts", "lib.dom.d.ts", "lib.esnext.disposable.d.ts"],
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  types: [],
  strict: true,
  outDir: dir,
});
const emitted = program.emit();

test("the README's code type-checks", () => {
  const diagnostics = ts.getPreEmitDiagnostics(program).concat(emitted.diagnostics);
  assert.deepEqual(
    diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n")),
    [],
  );
});

examples.forEach((example, i) => {
  test(`README example ${i + 1} prints what the README says`, async () => {
    const printed: string[] = [];
    const log = console.log;
    console.log = (...args: unknown[]) => printed.push(args.join(" "));
    try {
      await import(pathToFileURL(sources[i]!.replace(/\.ts$/, ".js")).href);
    } finally {
      console.log = log;
    }
    assert.equal(printed.map((line) => `${line}\n`).join(""), example.output);
  });
});
