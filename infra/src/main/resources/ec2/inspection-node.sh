# SecureCart inspection appliance (EC2 user data, Amazon Linux 2023 arm64).
# The Gateway Load Balancer sends traffic over GENEVE (UDP 6081); the appliance returns every packet
# to the load balancer interface it came from, unchanged (AWS's GWLB appliance pattern), and
# answers the target group's HTTP health check. Cross-zone load balancing is on, so packets come
# from the load balancer's interface in every zone, not only this appliance's.
#
# Order matters: every public subnet's default route passes the inspection endpoints, so an
# appliance that is healthy but not forwarding drops traffic, and one that never becomes healthy
# takes internet ingress with it. Hence: 1. forwarding, needing only Amazon Linux's repository
# (through the S3 gateway endpoint) and the EC2 API (through its interface endpoint; the NAT path
# passes this very appliance); 2. the health answer, only once forwarding works; 3. the IDS,
# best-effort: no Suricata package for Amazon Linux 2023 is verified, and its failure is logged and
# published as a metric instead of failing the bootstrap.
#
# The CDK prepends a shebang and the SECURECART_* parameters as exports (see NodeScript). Every path
# is rooted at ${SECURECART_ROOT:-} and every command is called by name, so that a test can run this
# script with stub commands first on PATH and the root in a temp directory.
set -euo pipefail

root="${SECURECART_ROOT:-}"
: "${SECURECART_GWLB_NAME:?}" "${SECURECART_GWLB_INTERFACES:?}" "${SECURECART_AWS_REGION:?}"
: "${SECURECART_HEALTH_PORT:?}"

log_file=/var/log/securecart-inspection.log
health_dir=/var/lib/securecart-health
health_unit=/etc/systemd/system/securecart-health.service
mkdir -p "$root$(dirname "$log_file")" "$root$health_dir" "$root$(dirname "$health_unit")" \
  "$root/etc/sysconfig"
log() { printf '%s securecart-inspection: %s\n' "$(date -u +%FT%TZ)" "$*" | tee -a "$root$log_file"; }

# 1. Forwarding. iptables comes from Amazon Linux's own repository.
log "forwarding: installing iptables"
dnf install -y iptables-nft
sysctl -w net.ipv4.ip_forward=1

token="$(curl -sSf -X PUT http://169.254.169.254/latest/api/token \
  -H 'X-aws-ec2-metadata-token-ttl-seconds: 300')"
meta() { curl -sSf -H "X-aws-ec2-metadata-token: $token" "http://169.254.169.254/latest/meta-data/$1"; }
address="$(meta local-ipv4)"

# Every interface of the load balancer (one per zone); the stack has just created them, so wait a
# little for all of them rather than return only some zones' packets.
interfaces() {
  aws ec2 describe-network-interfaces --region "$SECURECART_AWS_REGION" \
    --filters "Name=description,Values=ELB gwy/$SECURECART_GWLB_NAME/*" \
    --query 'NetworkInterfaces[].PrivateIpAddress' --output text
}
gwlb=()
for _ in $(seq 1 30); do
  read -r -a gwlb <<<"$(interfaces || true)"
  if ((${#gwlb[@]} >= SECURECART_GWLB_INTERFACES)); then
    break
  fi
  log "forwarding: ${#gwlb[@]} of $SECURECART_GWLB_INTERFACES load balancer interfaces found; retrying"
  sleep 10
done
if ((${#gwlb[@]} < SECURECART_GWLB_INTERFACES)); then
  log "forwarding: FAILED, only ${#gwlb[@]} of $SECURECART_GWLB_INTERFACES interfaces; no health answer"
  exit 1
fi
# A packet from a load balancer interface to this appliance goes back to that interface, the inner
# packet untouched: destination rewritten to the interface, source to this appliance.
for interface_address in "${gwlb[@]}"; do
  iptables -t nat -A PREROUTING -p udp -s "$interface_address" -d "$address" --dport 6081 \
    -j DNAT --to-destination "$interface_address:6081"
  iptables -t nat -A POSTROUTING -p udp --dport 6081 -s "$interface_address" \
    -d "$interface_address" -j MASQUERADE
done
log "forwarding: GENEVE returned to ${gwlb[*]}"

# 2. The health answer: Python's HTTP server (in the AMI; nothing to install) as an unprivileged
# dynamic user. The unit has no [Install] section on purpose: after a reboot the iptables rules
# and ip_forward are gone, so the appliance must stay unhealthy and be replaced, not be healthy
# while it drops traffic.
echo ok >"$root$health_dir/index.html"
cat >"$root$health_unit" <<UNIT
[Unit]
Description=SecureCart inspection: health answer for the Gateway Load Balancer
After=network-online.target

[Service]
ExecStart=/usr/bin/python3 -m http.server $SECURECART_HEALTH_PORT --bind 0.0.0.0 --directory $health_dir
DynamicUser=yes
AmbientCapabilities=CAP_NET_BIND_SERVICE
Restart=always
UNIT
systemctl daemon-reload
systemctl start securecart-health.service
log "health: answering on port $SECURECART_HEALTH_PORT"

# 3. The IDS, best-effort: Suricata if the image has it (a baked AMI) or a configured repository
# offers it. EPEL is not supported on Amazon Linux 2023, so none is added here.
ids() {
  if ! command -v suricata >/dev/null 2>&1; then
    dnf install -y suricata || return 1
  fi
  # IDS mode (alerts only, never drops) on the instance's interface, GENEVE decoded.
  local device
  device="$(ip -o route get 1.1.1.1 | sed -n 's/.* dev \([^ ]*\).*/\1/p')" || return 1
  printf 'OPTIONS="-i %s --set decoder.geneve.enabled=true"\n' "$device" \
    >"$root/etc/sysconfig/suricata" || return 1
  suricata-update || log "ids: suricata-update failed; running with the packaged rules"
  systemctl enable --now suricata || return 1
}
if ids; then
  running=1
  log "ids: suricata running"
else
  running=0
  log "ids: NOT RUNNING (suricata could not be installed or started); traffic is forwarded uninspected"
fi
# One data point per appliance launch: an alarm on its minimum finds appliances without the IDS.
aws cloudwatch put-metric-data --region "$SECURECART_AWS_REGION" --namespace SecureCart/Inspection \
  --metric-name IdsRunning --value "$running" ||
  log "ids: could not publish the IdsRunning metric"
