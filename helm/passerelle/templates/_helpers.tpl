{{/* Names and labels shared by every resource of the chart. */}}
{{- define "passerelle.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "passerelle.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{- define "passerelle.selectorLabels" -}}
app.kubernetes.io/name: {{ include "passerelle.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "passerelle.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{ include "passerelle.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}

{{- define "passerelle.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "passerelle.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{- define "passerelle.image" -}}
{{- if .Values.image.digest -}}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest -}}
{{- else -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) -}}
{{- end -}}
{{- end -}}

{{/* One NetworkPolicy peer from {namespace, podLabels} or {cidr}. */}}
{{- define "passerelle.peer" -}}
{{- if .cidr -}}
- ipBlock:
    cidr: {{ .cidr | quote }}
{{- else -}}
- namespaceSelector:
    matchLabels:
      kubernetes.io/metadata.name: {{ .namespace | quote }}
  {{- if .podLabels }}
  podSelector:
    matchLabels:
      {{- toYaml .podLabels | nindent 6 }}
  {{- end }}
{{- end }}
{{- end -}}

{{/* Consistency rules the schema cannot express; a failure names the value to fix. */}}
{{- define "passerelle.checks" -}}
{{- $minGrace := add .Values.shutdown.preStopSleepSeconds .Values.payments.shutdownGraceSeconds 10 -}}
{{- if lt (int .Values.shutdown.terminationGracePeriodSeconds) (int $minGrace) -}}
{{- fail (printf "shutdown.terminationGracePeriodSeconds must be at least %d (preStopSleepSeconds + payments.shutdownGraceSeconds + 10)" (int $minGrace)) -}}
{{- end -}}
{{- if not (has .Values.privacy.currentEncryptionKey .Values.privacy.encryptionKeyIds) -}}
{{- fail "privacy.currentEncryptionKey must be one of privacy.encryptionKeyIds" -}}
{{- end -}}
{{- if not (has .Values.privacy.currentHashKey .Values.privacy.hashKeyIds) -}}
{{- fail "privacy.currentHashKey must be one of privacy.hashKeyIds" -}}
{{- end -}}
{{- if regexMatch "(?i)(password|passwd|secret|api-?key|token|phone-(encryption|hash)-keys?)\\s*:" (toYaml .Values.config) -}}
{{- fail "config must not hold a password or a key: give it through the Secrets the chart names (README.md, Secrets)" -}}
{{- end -}}
{{- if and .Values.podDisruptionBudget.enabled (not .Values.autoscaling.enabled) (ge (int .Values.podDisruptionBudget.minAvailable) (int .Values.replicaCount)) -}}
{{- fail "podDisruptionBudget.minAvailable must be below replicaCount, or no node could ever be drained" -}}
{{- end -}}
{{- if and .Values.autoscaling.enabled (lt (int .Values.autoscaling.maxReplicas) (int .Values.autoscaling.minReplicas)) -}}
{{- fail "autoscaling.maxReplicas must be at least autoscaling.minReplicas" -}}
{{- end -}}
{{- end -}}
