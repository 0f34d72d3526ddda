package io.vigil.event;

/**
 * Field names for syslog headers, processes and host authentication, beside {@link Ecs}. ECS names
 * where ECS has one; {@code system.auth.*} follows Filebeat's system module so that dashboards and
 * rules written for it read Vigil's events; {@code syslog.message} is Vigil's own.
 */
public final class EcsSyslog {
    private EcsSyslog() {}

    public static final String HOST_HOSTNAME = "host.hostname";

    public static final String PROCESS_NAME = "process.name";
    public static final String PROCESS_PID = "process.pid";
    public static final String PROCESS_COMMAND_LINE = "process.command_line";

    public static final String LOG_SYSLOG_PRIORITY = "log.syslog.priority";
    public static final String LOG_SYSLOG_FACILITY_CODE = "log.syslog.facility.code";
    public static final String LOG_SYSLOG_FACILITY_NAME = "log.syslog.facility.name";
    public static final String LOG_SYSLOG_SEVERITY_CODE = "log.syslog.severity.code";
    public static final String LOG_SYSLOG_SEVERITY_NAME = "log.syslog.severity.name";
    public static final String LOG_SYSLOG_APPNAME = "log.syslog.appname";
    public static final String LOG_SYSLOG_PROCID = "log.syslog.procid";
    public static final String LOG_SYSLOG_MSGID = "log.syslog.msgid";
    public static final String LOG_SYSLOG_VERSION = "log.syslog.version";
    /** Prefix: each parameter is {@code log.syslog.structured_data.<SD-ID>.<PARAM-NAME>}. */
    public static final String LOG_SYSLOG_STRUCTURED_DATA = "log.syslog.structured_data";

    /** The program's own text: the syslog body after the header (the raw line stays in message). */
    public static final String SYSLOG_MESSAGE = "syslog.message";

    public static final String SOURCE_DOMAIN = "source.domain";
    public static final String USER_ID = "user.id";
    public static final String USER_EFFECTIVE_NAME = "user.effective.name";
    public static final String USER_EFFECTIVE_ID = "user.effective.id";
    public static final String USER_EFFECTIVE_GROUP_NAME = "user.effective.group.name";

    /** {@code Accepted}, {@code Failed}, {@code Postponed} or {@code Partial}, as sshd wrote it. */
    public static final String SSH_EVENT = "system.auth.ssh.event";
    public static final String SSH_METHOD = "system.auth.ssh.method";
    public static final String SSH_SIGNATURE = "system.auth.ssh.signature";

    public static final String SUDO_COMMAND = "system.auth.sudo.command";
    public static final String SUDO_PWD = "system.auth.sudo.pwd";
    public static final String SUDO_TTY = "system.auth.sudo.tty";
    /** Why sudo refused, e.g. {@code user NOT in sudoers}. */
    public static final String SUDO_ERROR = "system.auth.sudo.error";

    public static final String SU_TTY = "system.auth.su.tty";
}
