// SecureCart's own rules over one rendered overlay (a list of objects). Each returns messages.

const GPU = "nvidia.com/gpu";

/** The pod template of a workload, or null for an object that runs no pods. */
export function podTemplate(object) {
  switch (object.kind) {
    case "Deployment":
    case "Job":
      return object.spec?.template;
    case "CronJob":
      return object.spec?.jobTemplate?.spec?.template;
    default:
      return null;
  }
}

const key = (o) => `${o.metadata?.namespace ?? ""}/${o.metadata?.name}`;
const named = (objects, kind) => new Set(objects.filter((o) => o.kind === kind).map(key));
const subset = (labels, of) => Object.entries(labels).every(([k, v]) => of?.[k] === v);

/** Problems of one pod-running object, given every object of the render. */
export function workloadProblems(object, objects) {
  const template = podTemplate(object);
  const pod = template?.spec ?? {};
  const ns = object.metadata?.namespace ?? "";
  const problems = [];
  const containers = [...(pod.initContainers ?? []), ...(pod.containers ?? [])];
  const gpu = containers.some((c) => c.resources?.limits?.[GPU] || c.resources?.requests?.[GPU]);
  for (const c of containers) {
    const where = `container ${c.name}`;
    if (object.kind === "Deployment" && (!c.readinessProbe || !c.livenessProbe)) {
      problems.push(`${where}: needs a readinessProbe and a livenessProbe`);
    }
    for (const kind of ["requests", "limits"]) {
      for (const resource of ["cpu", "memory"]) {
        if (!c.resources?.[kind]?.[resource]) {
          problems.push(`${where}: no ${resource} in resources.${kind}`);
        }
      }
    }
    problems.push(...imageProblems(where, c.image));
    problems.push(...securityProblems(where, pod.securityContext ?? {}, c.securityContext ?? {}));
  }
  if (gpu) {
    if (!(pod.tolerations ?? []).some((t) => t.key === GPU)) {
      problems.push(`asks for ${GPU} but does not tolerate the GPU pool's taint`);
    }
  } else if (!arm64(pod)) {
    problems.push("no arm64 nodeSelector or node affinity (only GPU jobs may run elsewhere)");
  }
  const account = pod.serviceAccountName;
  if (!account) {
    problems.push("names no serviceAccountName (the namespace's default account is shared)");
  } else if (!named(objects, "ServiceAccount").has(`${ns}/${account}`)) {
    problems.push(`ServiceAccount ${account} is not in the render`);
  }
  const pool = pod.nodeSelector?.["karpenter.sh/nodepool"];
  if (pool && !named(objects, "NodePool").has(`/${pool}`)) {
    problems.push(`NodePool ${pool} is not in the render`);
  }
  if (object.kind === "Deployment") {
    const labels = template?.metadata?.labels ?? {};
    const pdb = objects.find(
      (o) =>
        o.kind === "PodDisruptionBudget" &&
        (o.metadata?.namespace ?? "") === ns &&
        Object.keys(o.spec?.selector?.matchLabels ?? {}).length > 0 &&
        subset(o.spec.selector.matchLabels, labels),
    );
    if (!pdb) {
      problems.push("no PodDisruptionBudget selects its pods");
    }
  }
  return problems;
}

function imageProblems(where, image) {
  if (!image) {
    return [`${where}: no image`];
  }
  if (image.includes("@sha256:")) {
    return [];
  }
  const tag = image.slice(image.lastIndexOf("/") + 1).split(":")[1];
  if (!tag) {
    return [`${where}: image ${image} has no tag`];
  }
  return tag === "latest" ? [`${where}: image ${image} uses the latest tag`] : [];
}

function securityProblems(where, podContext, context) {
  const effective = (field) => context[field] ?? podContext[field];
  const problems = [];
  if (effective("runAsNonRoot") !== true || effective("runAsUser") === 0) {
    problems.push(`${where}: must run as non-root (runAsNonRoot true, runAsUser not 0)`);
  }
  if (context.readOnlyRootFilesystem !== true) {
    problems.push(`${where}: readOnlyRootFilesystem must be true`);
  }
  if (context.allowPrivilegeEscalation !== false) {
    problems.push(`${where}: allowPrivilegeEscalation must be false`);
  }
  if (!(context.capabilities?.drop ?? []).includes("ALL")) {
    problems.push(`${where}: capabilities must drop ALL`);
  }
  if (effective("seccompProfile")?.type !== "RuntimeDefault") {
    problems.push(`${where}: seccompProfile must be RuntimeDefault`);
  }
  return problems;
}

function arm64(pod) {
  if (pod.nodeSelector?.["kubernetes.io/arch"] === "arm64") {
    return true;
  }
  const affinity = pod.affinity?.nodeAffinity ?? {};
  const onlyArm = (terms) =>
    (terms ?? []).some((e) =>
      (e.matchExpressions ?? []).some(
        (m) =>
          m.key === "kubernetes.io/arch" &&
          m.operator === "In" &&
          m.values?.length === 1 &&
          m.values[0] === "arm64",
      ),
    );
  const required = affinity.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  const preferred = (affinity.preferredDuringSchedulingIgnoredDuringExecution ?? []).map(
    (p) => p.preference,
  );
  return onlyArm(required) || onlyArm(preferred);
}

/** Autoscalers point at Deployments that exist, one autoscaler each; references resolve. */
export function referenceProblems(objects) {
  const problems = [];
  const deployments = named(objects, "Deployment");
  const scaled = new Map();
  for (const o of objects) {
    const ns = o.metadata?.namespace ?? "";
    const target =
      o.kind === "HorizontalPodAutoscaler" || o.kind === "ScaledObject"
        ? o.spec?.scaleTargetRef?.name
        : null;
    if (target) {
      if (!deployments.has(`${ns}/${target}`)) {
        problems.push([o, `scales Deployment ${target}, which is not in the render`]);
      } else if (scaled.has(`${ns}/${target}`)) {
        problems.push([o, `Deployment ${target} already has an autoscaler (${scaled.get(`${ns}/${target}`)})`]);
      }
      scaled.set(`${ns}/${target}`, `${o.kind}/${o.metadata.name}`);
    }
    for (const trigger of o.kind === "ScaledObject" ? o.spec?.triggers ?? [] : []) {
      const auth = trigger.authenticationRef?.name;
      if (auth && !named(objects, "TriggerAuthentication").has(`${ns}/${auth}`)) {
        problems.push([o, `TriggerAuthentication ${auth} is not in the render`]);
      }
    }
    if (o.kind === "NodePool") {
      const nodeClass = o.spec?.template?.spec?.nodeClassRef?.name;
      if (!named(objects, "EC2NodeClass").has(`/${nodeClass}`)) {
        problems.push([o, `EC2NodeClass ${nodeClass} is not in the render`]);
      }
    }
  }
  for (const d of objects.filter((o) => o.kind === "Deployment")) {
    if (!scaled.has(key(d))) {
      problems.push([d, "no HorizontalPodAutoscaler or ScaledObject scales it"]);
    }
  }
  return problems;
}
