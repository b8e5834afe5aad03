# SecureCart node bootstrap (EC2 user data, Amazon Linux 2023 arm64).
# The CDK prepends a shebang and the SECURECART_* parameters below as exports (see NodeScript).
# Every path is rooted at ${SECURECART_ROOT:-} and every command is called by name, so that a test
# can run this script with stub commands first on PATH and the root in a temp directory.
set -euo pipefail

root="${SECURECART_ROOT:-}"
: "${SECURECART_ROLES:?}" "${SECURECART_BUNDLE_URL:?}" "${SECURECART_DB_SECRET_ARN:?}"
: "${SECURECART_DB_HOST:?}" "${SECURECART_DB_READER_HOST:?}" "${SECURECART_ADMIN_SECRET_ARN:?}"
: "${SECURECART_ADMIN_EMAIL:?}" "${SECURECART_AWS_REGION:?}" "${SECURECART_TRUSTED_PROXIES:?}"
: "${SECURECART_STATE_MACHINE_ARN:?}" "${SECURECART_NOTIFICATION_QUEUE_URL:?}"
: "${SECURECART_ENV:?}" "${SECURECART_PAYMENTS:?}"

app_dir=/opt/securecart
env_file=/etc/securecart/securecart.env
unit_file=/etc/systemd/system/securecart.service
agent_config=/opt/aws/amazon-cloudwatch-agent/etc/amazon-cloudwatch-agent.json
ready_script=/opt/securecart/bin/securecart-ready
ready_unit=/etc/systemd/system/securecart-ready.service

# Corretto from Amazon Linux's own repositories; jq reads the secrets' JSON.
dnf install -y java-25-amazon-corretto-headless amazon-cloudwatch-agent unzip jq

if ! id -u securecart >/dev/null 2>&1; then
  useradd --system --home-dir "$app_dir" --shell /sbin/nologin securecart
fi

# The server bundle (securecart.jar with libs/ beside it), a CDK asset in the bootstrap bucket.
mkdir -p "$root$app_dir/bin" "$root/etc/securecart" "$root/etc/systemd/system" \
  "$root$(dirname "$agent_config")"
aws s3 cp --region "$SECURECART_AWS_REGION" "$SECURECART_BUNDLE_URL" "$root$app_dir/bundle.zip"
unzip -o -q "$root$app_dir/bundle.zip" -d "$root$app_dir"
rm -f "$root$app_dir/bundle.zip"

secret() {
  aws secretsmanager get-secret-value --region "$SECURECART_AWS_REGION" \
    --secret-id "$1" --query SecretString --output text
}
admin_secret="$(secret "$SECURECART_ADMIN_SECRET_ARN")"
admin_email="$SECURECART_ADMIN_EMAIL"
admin_password="$admin_secret"
admin_totp=""
# The bootstrap secret is a bare generated password unless someone stored {"email","password"}.
if [[ "$admin_secret" == "{"* ]]; then
  admin_email="$(jq -r '.email // empty' <<<"$admin_secret")"
  admin_password="$(jq -r '.password' <<<"$admin_secret")"
  admin_email="${admin_email:-$SECURECART_ADMIN_EMAIL}"
  # Staff sign in with TOTP; a deployment may provision the first owner's secret here (base32).
  admin_totp="$(jq -r '.totpSecret // empty' <<<"$admin_secret")"
fi

# systemd's EnvironmentFile: KEY="value" with backslashes and double quotes escaped.
line() {
  local value="${2//\\/\\\\}"
  printf '%s="%s"\n' "$1" "${value//\"/\\\"}"
}
db="postgresql://$SECURECART_DB_HOST:5432/securecart?sslmode=verify-full"
reader="postgresql://$SECURECART_DB_READER_HOST:5432/securecart?sslmode=verify-full"
# Secrets on disk for root only: created empty with mode 0600, then filled.
(umask 077 && : >"$root$env_file")
chmod 0600 "$root$env_file"
{
  line SECURECART_ROLES "$SECURECART_ROLES"
  line SECURECART_PORT 8080
  line SECURECART_DATA_DIR /var/lib/securecart
  line SECURECART_DB_URL "jdbc:$db"
  line SECURECART_BATCH_READ_DB_URL "jdbc:$reader"
  # The certificate is checked against Amazon RDS's authorities (in the jar) and the endpoint's name.
  line SECURECART_DB_SSLMODE verify-full
  line SECURECART_DB_SSLROOTCERT aws-rds
  # The login is read from the secret at connect time, so a rotation needs no restart.
  line SECURECART_DB_SECRET_ARN "$SECURECART_DB_SECRET_ARN"
  line SECURECART_ADMIN_EMAIL "$admin_email"
  line SECURECART_ADMIN_PASSWORD "$admin_password"
  if [[ -n "$admin_totp" ]]; then line SECURECART_ADMIN_TOTP_SECRET "$admin_totp"; fi
  # Staff paths only on the admin host name, which the listener rule and the WAF allow-list guard.
  if [[ -n "${SECURECART_ADMIN_HOST:-}" ]]; then line SECURECART_ADMIN_HOST "$SECURECART_ADMIN_HOST"; fi
  line SECURECART_AWS_REGION "$SECURECART_AWS_REGION"
  line SECURECART_TRUSTED_PROXIES "$SECURECART_TRUSTED_PROXIES"
  # Real payments: the server reads the Stripe keys from their secret at start (never this file).
  line SECURECART_ENV "$SECURECART_ENV"
  line SECURECART_PAYMENTS "$SECURECART_PAYMENTS"
  if [[ -n "${SECURECART_STRIPE_SECRET_ARN:-}" ]]; then
    line SECURECART_STRIPE_SECRET_ARN "$SECURECART_STRIPE_SECRET_ARN"
  fi
  # A staging shop's sandbox in production must be allowed explicitly (Settings.payments).
  if [[ -n "${SECURECART_ALLOW_SANDBOX_PAYMENTS:-}" ]]; then
    line SECURECART_ALLOW_SANDBOX_PAYMENTS "$SECURECART_ALLOW_SANDBOX_PAYMENTS"
  fi
  # The recommendations service on EKS, behind its internal ALB (the server falls back to popularity).
  if [[ -n "${SECURECART_RECOMMENDATIONS_URL:-}" ]]; then
    line SECURECART_RECOMMENDATIONS_URL "$SECURECART_RECOMMENDATIONS_URL"
  fi
  # The order steps run on Lambda under Step Functions; the outbox relay hands them over.
  line SECURECART_PIPELINE stepfunctions
  line SECURECART_STATE_MACHINE_ARN "$SECURECART_STATE_MACHINE_ARN"
  line SECURECART_NOTIFICATION_QUEUE_URL "$SECURECART_NOTIFICATION_QUEUE_URL"
  # Spans go over OTLP/HTTP to the CloudWatch agent on this host, which sends them to X-Ray.
  line SECURECART_OTLP_ENDPOINT "http://127.0.0.1:4318/v1/traces"
} >"$root$env_file"

cat >"$root$unit_file" <<UNIT
[Unit]
Description=SecureCart ($SECURECART_ROLES)
Wants=network-online.target
After=network-online.target

[Service]
User=securecart
# /var/lib/securecart, owned by the service's user: the server's data directory.
StateDirectory=securecart
EnvironmentFile=$env_file
WorkingDirectory=$app_dir
ExecStart=/usr/bin/java -XX:MaxRAMPercentage=75 -jar $app_dir/securecart.jar
Restart=always
RestartSec=5

[Install]
WantedBy=multi-user.target
UNIT

# Memory as mem_used_percent (Compute Optimizer reads it per instance; the alarms per group), and
# the server's spans: an OTLP receiver on loopback only (nothing off the host can send to it) whose
# traces the agent forwards to X-Ray with the instance role.
cat >"$root$agent_config" <<'AGENT'
{
  "agent": {"metrics_collection_interval": 60},
  "metrics": {
    "namespace": "CWAgent",
    "append_dimensions": {"AutoScalingGroupName": "${aws:AutoScalingGroupName}", "InstanceId": "${aws:InstanceId}"},
    "aggregation_dimensions": [["AutoScalingGroupName"], ["InstanceId"]],
    "metrics_collected": {
      "mem": {"measurement": ["mem_used_percent"]},
      "disk": {"measurement": ["used_percent"], "resources": ["/"]}
    }
  },
  "traces": {
    "traces_collected": {
      "otlp": {"http_endpoint": "127.0.0.1:4318", "grpc_endpoint": "127.0.0.1:4317"}
    }
  }
}
AGENT
amazon-cloudwatch-agent-ctl -a fetch-config -m ec2 -s -c "file:$agent_config"

# Auto Scaling's launch hook (securecart-launch) holds the instance out of its group, or out of the
# warm pool, until the server answers /health/ready: CONTINUE then, ABANDON (a fresh instance) if it
# never does. At every boot, because an instance leaving the warm pool starts again without running
# this user data.
cat >"$root$ready_script" <<'READY'
#!/usr/bin/env bash
set -uo pipefail
deadline=$((SECONDS + ${SECURECART_READY_SECONDS:-600}))
result=ABANDON
while :; do
  if curl -fsS -o /dev/null http://127.0.0.1:8080/health/ready; then result=CONTINUE; break; fi
  [ "$SECONDS" -lt "$deadline" ] || break
  sleep 5
done
imds=http://169.254.169.254/latest
token=$(curl -fsS -X PUT -H 'X-aws-ec2-metadata-token-ttl-seconds: 60' "$imds/api/token")
instance=$(curl -fsS -H "X-aws-ec2-metadata-token: $token" "$imds/meta-data/instance-id")
group=$(aws autoscaling describe-auto-scaling-instances --region "$SECURECART_AWS_REGION" \
  --instance-ids "$instance" --query 'AutoScalingInstances[0].AutoScalingGroupName' --output text)
# No pending hook (a plain reboot) is not an error.
aws autoscaling complete-lifecycle-action --region "$SECURECART_AWS_REGION" \
  --auto-scaling-group-name "$group" --lifecycle-hook-name securecart-launch \
  --instance-id "$instance" --lifecycle-action-result "$result" || true
echo "securecart-ready: $result"
READY
chmod 0755 "$root$ready_script"

cat >"$root$ready_unit" <<UNIT
[Unit]
Description=SecureCart: tell Auto Scaling when the server is ready
After=securecart.service
Wants=securecart.service

[Service]
Type=oneshot
EnvironmentFile=$env_file
ExecStart=$ready_script

[Install]
WantedBy=multi-user.target
UNIT

systemctl daemon-reload
systemctl enable --now securecart.service
systemctl enable --now --no-block securecart-ready.service
