#!/usr/bin/env bash
# Checks the deployment files with the tools that run without a Docker engine:
# yamllint, shellcheck, docker-compose config, helm lint and template, the rendered
# manifests against the Kubernetes schemas, and actionlint. Installs what is missing
# (Debian packages when root, Go tools into .cache/bin).
set -euo pipefail
cd "$(dirname "$0")/.."

BIN_DIR="$PWD/.cache/bin"
HELM_VERSION=v3.22.0
ACTIONLINT_VERSION=v1.7.12
mkdir -p "$BIN_DIR"
export PATH="$BIN_DIR:$PATH"

need_apt=()
for tool in yamllint shellcheck docker-compose; do
  command -v "$tool" >/dev/null 2>&1 || need_apt+=("$tool")
done
if [ "${#need_apt[@]}" -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "missing ${need_apt[*]}: install them (Debian packages) or run as root" >&2
    exit 1
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi
command -v helm >/dev/null 2>&1 || GOBIN="$BIN_DIR" go install "helm.sh/helm/v3/cmd/helm@${HELM_VERSION}"
command -v actionlint >/dev/null 2>&1 || GOBIN="$BIN_DIR" go install "github.com/rhysd/actionlint/cmd/actionlint@${ACTIONLINT_VERSION}"

echo "-- yamllint"
yamllint -s -c .yamllint.yaml docker/compose.yaml .github/workflows helm/careguide-chat/Chart.yaml helm/careguide-chat/values.yaml

echo "-- shellcheck"
shellcheck .ci/run scripts/*.sh

echo "-- docker-compose config"
JWT_SECRET=check-only-secret-with-32-characters docker-compose -f docker/compose.yaml config -q

echo "-- helm lint and template"
helm lint --strict helm/careguide-chat
rendered="$(mktemp)"
trap 'rm -f "$rendered"' EXIT
helm template careguide helm/careguide-chat >"$rendered"
helm template careguide helm/careguide-chat --set autoscaling.enabled=false --set podDisruptionBudget.enabled=false >>"$rendered"
if helm template careguide helm/careguide-chat --set config.AUTH_MODE=dev >/dev/null 2>&1; then
  echo "the values schema let AUTH_MODE=dev through" >&2
  exit 1
fi
if helm template careguide helm/careguide-chat --set metrics.port=3000 >/dev/null 2>&1; then
  echo "the values schema let the metrics port be the API port" >&2
  exit 1
fi
for expected in 'METRICS_PORT: "9464"' 'DOCS_ENABLED: "false"' 'containerPort: 9464' 'name: METRICS_TOKEN'; do
  grep -qF "$expected" "$rendered" || { echo "rendered chart lacks: $expected" >&2; exit 1; }
done

echo "-- Kubernetes schemas"
npx ts-node --transpile-only scripts/validate-manifests.ts "$rendered"

echo "-- actionlint"
actionlint .github/workflows/*.yml

echo "deployment files: all checks passed"
