// Validates rendered manifests (kubectl kustomize output): each object against its schema with no
// unknown fields (schema.mjs), then SecureCart's rules (rules.mjs). Prints every problem and exits
// 1 if there is one. Usage: node validate.mjs --modules DIR FILE.yaml...
// DIR is the node_modules holding the pinned packages of package.json (.ci/run installs them
// under ~/.cache/securecart/k8s-validate).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { check, modelFor } from "./schema.mjs";
import { podTemplate, referenceProblems, workloadProblems } from "./rules.mjs";

const args = process.argv.slice(2);
const at = args.indexOf("--modules");
if (at < 0 || !args[at + 1]) {
  console.error("usage: node validate.mjs --modules DIR FILE.yaml...");
  process.exit(2);
}
const modules = args[at + 1];
const files = args.filter((_, i) => i !== at && i !== at + 1);
const { parseAllDocuments } = await import(pathToFileURL(join(modules, "yaml/dist/index.js")).href);

let failed = false;
for (const file of files) {
  const objects = [];
  for (const doc of parseAllDocuments(readFileSync(file, "utf8"))) {
    if (doc.errors.length > 0) {
      throw new Error(`${file}: ${doc.errors[0].message}`);
    }
    if (doc.contents !== null) {
      objects.push(doc.toJS());
    }
  }
  const problems = [];
  for (const o of objects) {
    const model = await modelFor(modules, o.apiVersion, o.kind);
    if (!model) {
      problems.push([o, `no schema for ${o.apiVersion} ${o.kind}`]);
      continue;
    }
    problems.push(...check(model, o).map((p) => [o, p]));
    if (podTemplate(o)) {
      problems.push(...workloadProblems(o, objects).map((p) => [o, p]));
    }
  }
  problems.push(...referenceProblems(objects));
  for (const [o, message] of problems) {
    console.log(`${file}: ${o.kind}/${o.metadata?.name}: ${message}`);
  }
  if (problems.length > 0) {
    failed = true;
  } else if (objects.length === 0) {
    console.log(`${file}: no objects`);
    failed = true;
  } else {
    console.log(`${file}: ${objects.length} objects valid`);
  }
}
process.exit(failed ? 1 : 0);
