// Copy-paste shipper configurations with this server's address filled in.

/** [{id, title, note, text}] for nginx + rsyslog, syslog-ng, Filebeat, Fluent Bit, Vector, Logstash. */
export function shippingConfigs(origin) {
  const url = new URL(origin);
  const host = url.hostname;
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  const tls = url.protocol === 'https:';
  const ingest = `${origin}/api/v1/ingest`;
  return [
    { id: 'curl', title: 'Any file, with curl', text:
`gzip -c /var/log/nginx/access.log | curl -s -H "Authorization: Bearer $VIGIL_INGEST_TOKEN" \\
  -H 'Content-Type: text/plain' -H 'Content-Encoding: gzip' --data-binary @- \\
  '${ingest}?type=nginx'` },
    { id: 'rsyslog', title: 'nginx + rsyslog', note: 'nginx logs to the local syslog; rsyslog POSTs batches to Vigil\'s Elasticsearch-compatible _bulk API (package rsyslog-elasticsearch).', text:
`# /etc/nginx/conf.d/vigil.conf
access_log syslog:server=unix:/dev/log,tag=nginx_access,nohostname combined;

# /etc/rsyslog.d/60-vigil.conf
module(load="omelasticsearch")
template(name="vigil-json" type="list" option.jsonf="on") {
  property(outname="@timestamp" name="timereported" dateFormat="rfc3339" format="jsonf")
  property(outname="host.hostname" name="hostname" format="jsonf")
  property(outname="message" name="msg" format="jsonf")
}
if $programname == 'nginx_access' then {
  action(type="omelasticsearch" server="${host}" serverport="${port}" usehttps="${tls ? 'on' : 'off'}"
         searchIndex="nginx" template="vigil-json" bulkmode="on" esVersion.major="8"
         uid="vigil" pwd="$VIGIL_INGEST_TOKEN"
         queue.type="linkedlist" action.resumeRetryCount="-1")
  stop
}` },
    { id: 'syslog-ng', title: 'syslog-ng', note: 'Uses the elasticsearch-http() destination (package syslog-ng-mod-http).', text:
`destination d_vigil {
  elasticsearch-http(
    url("${origin}/_bulk")
    index("nginx") type("")
    user("vigil") password("$VIGIL_INGEST_TOKEN")
    template("$(format-json --scope rfc5424 --key ISODATE @timestamp=\${ISODATE} message=\${MESSAGE})")
  );
};
log { source(s_src); destination(d_vigil); };` },
    { id: 'filebeat', title: 'Filebeat', text:
`filebeat.inputs:
  - type: filestream
    id: nginx-access
    paths: [/var/log/nginx/access.log]
output.elasticsearch:
  hosts: ["${origin}"]
  index: "nginx"
  api_key: "vigil:$VIGIL_INGEST_TOKEN"
setup.ilm.enabled: false
setup.template.enabled: false` },
    { id: 'fluent-bit', title: 'Fluent Bit', text:
`[INPUT]
    Name  tail
    Path  /var/log/nginx/access.log
    Tag   nginx
[OUTPUT]
    Name         http
    Match        nginx
    Host         ${host}
    Port         ${port}
    tls          ${tls ? 'On' : 'Off'}
    URI          /api/v1/ingest?type=nginx
    Format       json_lines
    Header       Authorization Bearer \${VIGIL_INGEST_TOKEN}` },
    { id: 'vector', title: 'Vector', text:
`[sources.nginx]
type = "file"
include = ["/var/log/nginx/access.log"]

[sinks.vigil]
type = "http"
inputs = ["nginx"]
uri = "${ingest}?type=nginx"
encoding.codec = "text"
framing.method = "newline_delimited"
request.headers.Authorization = "Bearer \${VIGIL_INGEST_TOKEN}"` },
    { id: 'logstash', title: 'Logstash', text:
`input { file { path => "/var/log/nginx/access.log" } }
output {
  http {
    url => "${ingest}?type=nginx"
    http_method => "post"
    format => "message"
    message => "%{message}"
    content_type => "text/plain"
    headers => { "Authorization" => "Bearer \${VIGIL_INGEST_TOKEN}" }
  }
}` },
  ];
}
