// Least privilege of the order pipeline's roles, checked offline with @cloud-copilot/iam-simulate.
//
// usage: node simulate.mjs <SecureCart-Pipeline.template.json>
//   (NODE_PATH or a node_modules beside it must hold @cloud-copilot/iam-simulate; PipelineIamIT
//   passes the install prefix in SECURECART_IAM_SIMULATE)
//
// Reads the synthesized template, finds the state machine's and the functions' roles and the
// inline policies (AWS::IAM::Policy) attached to each, resolves the CloudFormation intrinsics to
// example ARNs in account 123456789012, us-east-1 (Fn::GetStackOutput through the sibling
// templates), and evaluates requests that must be allowed and requests that must be denied.
// AWS managed policies (AWSLambdaBasicExecutionRole, AWSLambdaVPCAccessExecutionRole) are not in
// the template and are not evaluated; they grant log writing and network interfaces only.
// Prints {"package": version, "results": [...]} and exits 0; the caller asserts each "ok".
import { readFileSync, existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { createRequire } from 'node:module'
import { pathToFileURL } from 'node:url'

const ACCOUNT = '123456789012'
const REGION = 'us-east-1'
const PARTITION = 'aws'

const templatePath = process.argv[2]
if (!templatePath) {
  console.error('usage: node simulate.mjs <SecureCart-Pipeline.template.json>')
  process.exit(2)
}
const prefix = process.env.SECURECART_IAM_SIMULATE
const req = createRequire(prefix ? join(prefix, 'node_modules', 'x.js') : import.meta.url)
const entry = req.resolve('@cloud-copilot/iam-simulate')
const { runSimulation } = await import(pathToFileURL(entry).href)
const pkgVersion = JSON.parse(
  readFileSync(join(dirname(entry), '..', '..', 'package.json'), 'utf8')
).version

const dir = dirname(templatePath)
const templates = {}
function template(stackName, path) {
  if (!templates[stackName]) {
    const file = path ?? join(dir, stackName + '.template.json')
    if (!existsSync(file)) throw new Error('no template for ' + stackName + ' at ' + file)
    templates[stackName] = JSON.parse(readFileSync(file, 'utf8'))
  }
  return templates[stackName]
}
const PIPELINE = 'SecureCart-Pipeline'
const main = template(PIPELINE, templatePath)

// The example ARN (or name) a resource's Ref and Fn::GetAtt give.
function refOf(stack, id) {
  const pseudo = {
    'AWS::Region': REGION,
    'AWS::AccountId': ACCOUNT,
    'AWS::Partition': PARTITION,
    'AWS::URLSuffix': 'amazonaws.com',
    'AWS::StackName': stack
  }
  if (id in pseudo) return pseudo[id]
  const t = template(stack)
  const r = t.Resources?.[id]
  if (!r) {
    const p = t.Parameters?.[id]
    if (p) return p.Default ?? 'parameter-' + id
    throw new Error(stack + ': unknown Ref ' + id)
  }
  const props = r.Properties ?? {}
  const name = (key) => (props[key] ? resolve(stack, props[key]) : id)
  switch (r.Type) {
    case 'AWS::Lambda::Function':
      return name('FunctionName')
    case 'AWS::Lambda::Alias':
      return lambdaArn(resolve(stack, props.FunctionName)) + ':' + resolve(stack, props.Name)
    case 'AWS::Lambda::Version':
      return lambdaArn(resolve(stack, props.FunctionName)) + ':1'
    case 'AWS::SQS::Queue':
      return `https://sqs.${REGION}.amazonaws.com/${ACCOUNT}/${name('QueueName')}`
    case 'AWS::SecretsManager::Secret':
      return `arn:${PARTITION}:secretsmanager:${REGION}:${ACCOUNT}:secret:${name('Name')}-AbCdEf`
    case 'AWS::SecretsManager::SecretTargetAttachment':
      return resolve(stack, props.SecretId)
    case 'AWS::StepFunctions::StateMachine':
      return `arn:${PARTITION}:states:${REGION}:${ACCOUNT}:stateMachine:${name('StateMachineName')}`
    case 'AWS::IAM::Role':
      return name('RoleName')
    case 'AWS::KMS::Key':
      return id.toLowerCase()
    case 'AWS::Logs::LogGroup':
      return name('LogGroupName')
    default:
      return id
  }
}

function lambdaArn(fn) {
  return fn.startsWith('arn:') ? fn : `arn:${PARTITION}:lambda:${REGION}:${ACCOUNT}:function:${fn}`
}

function getAtt(stack, id, attr) {
  const r = template(stack).Resources?.[id]
  if (!r) throw new Error(stack + ': unknown GetAtt ' + id)
  const ref = refOf(stack, id)
  if (attr !== 'Arn') {
    if (r.Type === 'AWS::Lambda::Version' && attr === 'Version') return '1'
    return `${id}.${attr}`
  }
  switch (r.Type) {
    case 'AWS::SQS::Queue':
      return `arn:${PARTITION}:sqs:${REGION}:${ACCOUNT}:${ref.split('/').pop()}`
    case 'AWS::Lambda::Function':
      return lambdaArn(ref)
    case 'AWS::IAM::Role':
      return `arn:${PARTITION}:iam::${ACCOUNT}:role/${ref}`
    case 'AWS::KMS::Key':
      return `arn:${PARTITION}:kms:${REGION}:${ACCOUNT}:key/${ref}`
    case 'AWS::Logs::LogGroup':
      return `arn:${PARTITION}:logs:${REGION}:${ACCOUNT}:log-group:${ref}:*`
    case 'AWS::SNS::Topic':
      return `arn:${PARTITION}:sns:${REGION}:${ACCOUNT}:${id}`
    default:
      return ref
  }
}

function resolve(stack, v) {
  if (Array.isArray(v)) return v.map((x) => resolve(stack, x))
  if (v === null || typeof v !== 'object') return v
  const keys = Object.keys(v)
  if (keys.length === 1) {
    const [k] = keys
    const a = v[k]
    switch (k) {
      case 'Ref':
        return refOf(stack, a)
      case 'Fn::GetAtt': {
        const [id, attr] = Array.isArray(a) ? a : a.split('.')
        return getAtt(stack, id, attr)
      }
      case 'Fn::Join':
        return resolve(stack, a[1]).join(a[0])
      case 'Fn::Select':
        return resolve(stack, a[1])[Number(resolve(stack, a[0]))]
      case 'Fn::Split':
        return resolve(stack, a[1]).split(a[0])
      case 'Fn::Sub': {
        const [text, vars] = Array.isArray(a) ? a : [a, {}]
        return text.replace(/\$\{([^}]+)\}/g, (_, name) =>
          vars[name] !== undefined
            ? resolve(stack, vars[name])
            : name.includes('.')
              ? getAtt(stack, ...name.split('.'))
              : refOf(stack, name)
        )
      }
      case 'Fn::ImportValue': {
        // An export of a sibling stack: "<Stack>:ExportsOutput...", found in its Outputs.
        const name = resolve(stack, a)
        const other = name.split(':')[0]
        const out = Object.values(template(other).Outputs ?? {}).find((o) => o.Export?.Name === name)
        if (!out) throw new Error(other + ': no export ' + name)
        return resolve(other, out.Value)
      }
      case 'Fn::GetStackOutput': {
        const other = resolve(stack, a.StackName)
        const out = template(other).Outputs?.[a.OutputName]
        if (!out) throw new Error(other + ': no output ' + a.OutputName)
        return resolve(other, out.Value)
      }
    }
  }
  return Object.fromEntries(keys.map((k) => [k, resolve(stack, v[k])]))
}

// The roles: the state machine's and each function's, named after what assumes them.
const resources = main.Resources
const roles = {}
for (const [id, r] of Object.entries(resources)) {
  const roleId = r.Properties?.RoleArn?.['Fn::GetAtt']?.[0] ?? r.Properties?.Role?.['Fn::GetAtt']?.[0]
  if (r.Type === 'AWS::StepFunctions::StateMachine') roles[roleId] = 'state-machine'
  if (r.Type === 'AWS::Lambda::Function' && r.Properties.FunctionName)
    roles[roleId] = r.Properties.FunctionName
}
const policies = {}
for (const [id, r] of Object.entries(resources)) {
  if (r.Type !== 'AWS::IAM::Policy') continue
  for (const role of r.Properties.Roles ?? []) {
    const name = roles[role.Ref]
    if (!name) continue
    ;(policies[name] ??= []).push({
      name: id,
      policy: resolve(PIPELINE, r.Properties.PolicyDocument)
    })
  }
}

const find = (type, pred) => {
  const hit = Object.entries(resources).find(([id, r]) => r.Type === type && pred(r, id))
  if (!hit) throw new Error('no ' + type + ' found')
  return hit[0]
}
const queueArn = getAtt(PIPELINE, find('AWS::SQS::Queue', (r) => r.Properties.QueueName === 'securecart-notifications'), 'Arn')
const dlqArn = getAtt(PIPELINE, find('AWS::SQS::Queue', (r) => r.Properties.QueueName === 'securecart-notifications-dlq'), 'Arn')
const smtpSecret = refOf(PIPELINE, find('AWS::SecretsManager::Secret', (r) => r.Properties.Name === 'securecart/ses-smtp'))
const notifyEnv = resources[find('AWS::Lambda::Function', (r) => r.Properties.FunctionName === 'securecart-notifications')].Properties.Environment.Variables
const dbSecret = resolve(PIPELINE, notifyEnv.SECURECART_DB_SECRET_ARN)
const stripeSecret = resolve(PIPELINE, notifyEnv.SECURECART_STRIPE_SECRET_ARN)
const aliases = Object.entries(resources)
  .filter(([, r]) => r.Type === 'AWS::Lambda::Alias')
  .map(([id]) => refOf(PIPELINE, id))
const stepAliases = aliases.filter((a) => !a.includes('securecart-notifications:'))
const stepFunctions = Object.values(roles).filter((n) => n.startsWith('securecart-') && n !== 'securecart-notifications')

const checks = []
const check = (principal, action, resource, expect, why) =>
  checks.push({ principal, action, resource, expect, why })
for (const alias of stepAliases) check('state-machine', 'lambda:InvokeFunction', alias, 'Allowed', 'the definition invokes this alias')
check('state-machine', 'lambda:InvokeFunction', lambdaArn('securecart-authorize-payment'), 'Denied', 'the unqualified function ($LATEST) has no SnapStart snapshot')
check('state-machine', 'lambda:InvokeFunction', lambdaArn('securecart-other') + ':live', 'Denied', 'a function outside the pipeline')
check('state-machine', 'lambda:InvokeFunction', lambdaArn('securecart-notifications') + ':live', 'Denied', 'the notification function is SQS-driven')
check('state-machine', 'sqs:SendMessage', queueArn, 'Denied', 'the outbox relay sends notifications, not the state machine')
for (const action of ['sqs:ReceiveMessage', 'sqs:DeleteMessage'])
  check('securecart-notifications', action, queueArn, 'Allowed', 'the event source mapping polls with the function role')
check('securecart-notifications', 'sqs:SendMessage', queueArn, 'Denied', 'the consumer never produces')
check('securecart-notifications', 'sqs:ReceiveMessage', dlqArn, 'Denied', 'dead letters are for a person to redrive')
check('securecart-notifications', 'secretsmanager:GetSecretValue', smtpSecret, 'Allowed', 'SES SMTP credentials')
check('securecart-notifications', 'secretsmanager:GetSecretValue', dbSecret, 'Allowed', 'the database credentials')
check('securecart-notifications', 'secretsmanager:GetSecretValue', stripeSecret, 'Allowed', 'every function wires the Stripe adapter')
for (const fn of stepFunctions) {
  check(fn, 'secretsmanager:GetSecretValue', dbSecret, 'Allowed', 'the database credentials')
  check(fn, 'secretsmanager:GetSecretValue', stripeSecret, 'Allowed', 'the Stripe keys (authorize, capture, cancel)')
  check(fn, 'secretsmanager:GetSecretValue', smtpSecret, 'Denied', 'steps send no mail')
  check(fn, 'lambda:InvokeFunction', lambdaArn('securecart-confirm-order') + ':live', 'Denied', 'steps do not call each other')
}
for (const principal of ['state-machine', 'securecart-notifications', ...stepFunctions]) {
  check(principal, 'iam:PassRole', `arn:${PARTITION}:iam::${ACCOUNT}:role/any-role`, 'Denied', 'no role hands on a role')
  check(principal, 's3:GetObject', `arn:${PARTITION}:s3:::any-bucket/any-key`, 'Denied', 'no S3 access')
  check(principal, 's3:PutObject', `arn:${PARTITION}:s3:::any-bucket/any-key`, 'Denied', 'no S3 access')
  check(principal, 's3:DeleteBucket', `arn:${PARTITION}:s3:::any-bucket`, 'Denied', 'no S3 access')
}

const results = []
for (const c of checks) {
  const roleId = Object.keys(roles).find((k) => roles[k] === c.principal)
  const response = await runSimulation(
    {
      request: {
        principal: `arn:${PARTITION}:iam::${ACCOUNT}:role/${roleId}`,
        action: c.action,
        resource: { resource: c.resource, accountId: ACCOUNT },
        contextVariables: {}
      },
      identityPolicies: policies[c.principal] ?? [],
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      resourcePolicy: undefined,
      permissionBoundaryPolicies: undefined
    },
    {}
  )
  const result = response.resultType === 'error' ? 'Error: ' + JSON.stringify(response.errors) : response.overallResult
  const denied = result === 'ImplicitlyDenied' || result === 'ExplicitlyDenied'
  const ok = c.expect === 'Allowed' ? result === 'Allowed' : denied
  results.push({ ...c, result, ok })
}
console.log(JSON.stringify({ package: pkgVersion, roles: Object.values(roles), results }, null, 2))
