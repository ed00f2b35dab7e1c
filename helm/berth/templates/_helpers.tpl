{{/* Release-scoped name prefix, e.g. "myrel-berth" (or "berth" for a release named berth). */}}
{{- define "berth.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 40 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 40 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{/* Selector labels of one component. Call with (dict "root" $ "component" "gateway"). */}}
{{- define "berth.selectorLabels" -}}
app.kubernetes.io/name: {{ .root.Chart.Name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{/* All labels of one component. Call with (dict "root" $ "component" "gateway"). */}}
{{- define "berth.labels" -}}
{{ include "berth.selectorLabels" . }}
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version }}
{{- end -}}

{{/* Image reference. Call with (dict "root" $ "image" .Values.gateway.image). */}}
{{- define "berth.image" -}}
{{- printf "%s:%s" .image.repository (default .root.Chart.AppVersion .image.tag) -}}
{{- end -}}

{{/* Pod annotations: Prometheus scrape of /actuator/prometheus. Call with (dict "root" $ "port" 8100). */}}
{{- define "berth.podAnnotations" -}}
{{- if .root.Values.prometheus.scrape -}}
annotations:
  prometheus.io/scrape: "true"
  prometheus.io/port: {{ .port | quote }}
  prometheus.io/path: /actuator/prometheus
{{- end }}
{{- end -}}

{{/*
Env every service needs: listen on all interfaces inside the pod (the jars default to
127.0.0.1) and expose the liveness/readiness health groups used by the probes.
*/}}
{{- define "berth.commonEnv" -}}
- name: SERVER_ADDRESS
  value: "0.0.0.0"
- name: SPRING_GRPC_SERVER_HOST
  value: "0.0.0.0"
- name: MANAGEMENT_ENDPOINT_HEALTH_PROBES_ENABLED
  value: "true"
{{- end -}}

{{/* Liveness and readiness probes on the actuator port. Call with the port number. */}}
{{- define "berth.probes" -}}
startupProbe:
  httpGet:
    path: /actuator/health/liveness
    port: {{ . }}
  periodSeconds: 5
  failureThreshold: 60
livenessProbe:
  httpGet:
    path: /actuator/health/liveness
    port: {{ . }}
  periodSeconds: 10
  failureThreshold: 3
readinessProbe:
  httpGet:
    path: /actuator/health/readiness
    port: {{ . }}
  periodSeconds: 5
  failureThreshold: 3
{{- end -}}

{{/* host:port of a component's Service. Call with (dict "root" $ "component" "image-service" "port" 9101). */}}
{{- define "berth.address" -}}
{{- printf "%s-%s:%v" (include "berth.fullname" .root) .component .port -}}
{{- end -}}
