#!/usr/bin/env bash
# Sends one HL7 v2 SIU^S12 over MLLP to Passerelle and prints the ACK.
# Usage: docs/samples/send-siu.sh [host] [port] [appointment-id] [mobile] [hours-from-now]
# Needs only bash (uses /dev/tcp). The appointment starts N hours from now (default 4: reminder due at once).
set -euo pipefail
host=${1:-127.0.0.1}
port=${2:-2575}
id=${3:-HL7-DEMO-$RANDOM}
mobile=${4:-0612345678}
hours=${5:-4}
start=$(TZ=Europe/Paris date -d "+${hours} hours" +%Y%m%d%H%M)
now=$(date +%Y%m%d%H%M%S)
control="DEMO$(date +%s%N | tail -c 10)"
segments=(
  "MSH|^~\\&|DXCARE|CHU-RENNES|PASSERELLE|CHU-RENNES-SMS|${now}||SIU^S12^SIU_S12|${control}|P|2.5"
  "SCH|${id}^DXCARE|F-${id}^DXCARE|||||||||^^^${start}||||||||||||||Booked"
  "PID|1||123456^^^CHU^PI||DEMO^Patient||19800101|F|||||^PRN^CP^^^^^^^^^${mobile}"
  "RGS|1"
  "AIS|1||CONSULT^Consultation|${start}"
  "AIL|1||PONTCHAILLOU^^^CHU|||${start}"
)
message=$(printf '%s\r' "${segments[@]}")
exec 3<>"/dev/tcp/${host}/${port}"
printf '\x0b%s\x1c\x0d' "$message" >&3
IFS= read -r -d $'\x1c' ack <&3 || true
exec 3>&-
printf '%s\n' "${ack#$'\x0b'}" | tr '\r' '\n'
echo "appointment id: ${id}"
