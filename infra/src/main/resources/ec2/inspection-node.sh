# SecureCart inspection appliance (EC2 user data, Amazon Linux 2023 arm64): Suricata in IDS mode
# on the traffic that the Gateway Load Balancer sends over GENEVE (UDP 6081), which the appliance
# returns to the load balancer unchanged; an HTTP health answer on port 80 for the target group.
set -euo pipefail

root="${SECURECART_ROOT:-}"

# Suricata comes from EPEL (Amazon Linux 2023 can use EPEL 9's packages); httpd answers the checks.
dnf install -y "https://dl.fedoraproject.org/pub/epel/epel-release-latest-9.noarch.rpm" || true
dnf install -y suricata httpd iptables-nft

mkdir -p "$root/var/www/html"
echo ok >"$root/var/www/html/index.html"

# Return GENEVE packets to the load balancer (AWS's GWLB appliance pattern): packets from the
# load balancer's address in this zone are sent back to it, the inner packet untouched.
sysctl -w net.ipv4.ip_forward=1
token="$(curl -sS -X PUT http://169.254.169.254/latest/api/token \
  -H 'X-aws-ec2-metadata-token-ttl-seconds: 300')"
meta() { curl -sS -H "X-aws-ec2-metadata-token: $token" "http://169.254.169.254/latest/meta-data/$1"; }
address="$(meta local-ipv4)"
zone="$(meta placement/availability-zone)"
: "${SECURECART_GWLB_NAME:?}" "${SECURECART_AWS_REGION:?}"
gwlb="$(aws ec2 describe-network-interfaces --region "$SECURECART_AWS_REGION" \
  --filters "Name=description,Values=ELB gwy/$SECURECART_GWLB_NAME/*" \
  "Name=availability-zone,Values=$zone" \
  --query 'NetworkInterfaces[0].PrivateIpAddress' --output text)"
iptables -t nat -A PREROUTING -p udp -s "$gwlb" -d "$address" --dport 6081 \
  -j DNAT --to-destination "$gwlb:6081"
iptables -t nat -A POSTROUTING -p udp --dport 6081 -s "$gwlb" -d "$gwlb" -j MASQUERADE

# IDS mode (alerts only, never drops) listening to the instance's interface, GENEVE decoded.
interface="$(ip -o route get 1.1.1.1 | sed -n 's/.* dev \([^ ]*\).*/\1/p')"
mkdir -p "$root/etc/sysconfig"
printf 'OPTIONS="-i %s --set decoder.geneve.enabled=true"\n' "$interface" \
  >"$root/etc/sysconfig/suricata"
suricata-update || true
systemctl enable --now httpd suricata
