// Schema checks for one object: the model package's own validator (kubernetes-models and the KEDA
// and Karpenter packages), run over a proxy that records which properties the validator reads.
// Those packages accept unknown fields (their schemas do not forbid additional properties), but
// their compiled validators read every property the schema declares, and enumerate the keys of a
// map: a key that the validator neither read nor enumerated is not in the schema.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const PACKAGES = ["kubernetes-models", "@kubernetes-models/keda", "@kubernetes-models/karpenter"];

/** The model class for apiVersion/kind, or null when no package declares it. */
export async function modelFor(modules, apiVersion, kind) {
  // Core kinds live under v1/, the others under <group>/<version>/.
  for (const pkg of PACKAGES) {
    const path = join(modules, pkg, ...apiVersion.split("/"), `${kind}.js`);
    if (existsSync(path)) {
      const module = await import(pathToFileURL(path).href);
      if (module[kind]?.apiVersion === apiVersion) {
        return module[kind];
      }
    }
  }
  return null;
}

/** Schema errors and unknown fields of one object, as messages. */
export function check(model, object) {
  const seen = new Map();
  const proxy = watch(object, seen);
  const problems = [];
  try {
    model.prototype.validate.call(proxy);
  } catch (e) {
    problems.push(`schema: ${e.message}`);
  }
  walk(object, "", seen, problems);
  return problems;
}

function watch(value, seen) {
  if (value === null || typeof value !== "object") {
    return value;
  }
  if (!seen.has(value)) {
    seen.set(value, { read: new Set(), enumerated: false, proxy: null });
  }
  const record = seen.get(value);
  if (!record.proxy) {
    record.proxy = new Proxy(value, {
      get(target, key, receiver) {
        if (typeof key === "string") {
          record.read.add(key);
        }
        return watch(Reflect.get(target, key, receiver), seen);
      },
      has(target, key) {
        if (typeof key === "string") {
          record.read.add(key);
        }
        return Reflect.has(target, key);
      },
      ownKeys(target) {
        record.enumerated = true;
        return Reflect.ownKeys(target);
      },
    });
  }
  return record.proxy;
}

function walk(value, path, seen, problems) {
  if (value === null || typeof value !== "object") {
    return;
  }
  const record = seen.get(value);
  if (!record) {
    return; // the validator never reached this value: its parent key is reported instead
  }
  for (const key of Object.keys(value)) {
    const child = `${path}/${key}`;
    if (!Array.isArray(value) && !record.enumerated && !record.read.has(key)) {
      problems.push(`unknown field ${child}`);
      continue;
    }
    walk(value[key], child, seen, problems);
  }
}
