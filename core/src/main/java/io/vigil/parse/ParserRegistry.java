package io.vigil.parse;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one list of parser types, by their stable snake_case name ({@code nginx}, {@code json}).
 * Built-in types are registered in {@link #builtIn()}; user-defined types are added at run time.
 * Thread-safe.
 */
public final class ParserRegistry {
    private final Map<String, Parser> parsers = new ConcurrentHashMap<>();

    /** The registry holding every built-in type. */
    public static ParserRegistry builtIn() {
        ParserRegistry registry = new ParserRegistry();
        registry.register("nginx", new NginxAccessParser("nginx.access"));
        registry.register("apache", new NginxAccessParser("apache.access"));
        registry.register("json", new JsonParser("json"));
        registry.register("syslog", SyslogParser.standard());
        registry.register("sshd", SyslogParser.sshd());
        registry.register("nginx_error", new NginxErrorParser());
        registry.register("apache_error", new ApacheErrorParser());
        registry.register("haproxy", new HaproxyParser());
        registry.register("iptables", new IptablesParser());
        registry.register("vpcflow", new VpcFlowParser());
        registry.register("cloudtrail", new CloudTrailParser("aws.cloudtrail"));
        registry.register("k8s_audit", new KubernetesAuditParser("kubernetes.audit"));
        registry.register("wazuh", new WazuhAlertParser("wazuh.alerts"));
        registry.register("mysql", new MysqlLogParser("mysql.error"));
        registry.register("postgresql", new PostgresqlLogParser("postgresql.log"));
        registry.register("auto", new AutoParser(Map.copyOf(registry.parsers)));
        return registry;
    }

    /** Adds or replaces a type. */
    public void register(String type, Parser parser) {
        if (!type.matches("[a-z0-9_]+")) {
            throw new IllegalArgumentException("parser type must be snake_case: " + type);
        }
        parsers.put(type, parser);
    }

    public void unregister(String type) {
        parsers.remove(type);
    }

    public Optional<Parser> find(String type) {
        return Optional.ofNullable(type == null ? null : parsers.get(type));
    }

    /** Every known type, sorted. */
    public Set<String> types() {
        return Collections.unmodifiableSet(new TreeMap<>(parsers).keySet());
    }
}
