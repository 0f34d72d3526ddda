package io.vigil.parse;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The CrowdSec hub's functional tests in {@code crowdsec-hub-tests/.tests}: one folder per test
 * with its log, a {@code config.yaml} naming the log type and the parsers, and the assertions.
 * The log type says which log a test's lines come from ({@code nginx}, {@code apache2},
 * {@code syslog}...), so it decides which Vigil type reads them.
 */
final class CrowdsecHub {
    private CrowdsecHub() {}

    private static final Pattern LOG_TYPE = Pattern.compile("(?m)^\\s*log_type:\\s*(\\S+)");

    /** The logs of the tests whose log type is {@code logType}, sorted. */
    static List<Path> logs(Path root, String logType) {
        return logs(root, logType, "");
    }

    /** The logs of the tests whose log type is {@code logType} and whose parsers include {@code parser}. */
    static List<Path> logs(Path root, String logType, String parser) {
        List<Path> logs = new ArrayList<>();
        for (Path config : SharedCorpora.files(root.resolve("crowdsec-hub-tests/.tests"), n -> n.equals("config.yaml"))) {
            String text = SharedCorpora.read(config);
            Matcher m = LOG_TYPE.matcher(text);
            if (m.find() && m.group(1).equals(logType) && text.contains(parser)) {
                logs.addAll(SharedCorpora.files(config.getParent(), n -> n.endsWith(".log")));
            }
        }
        return logs;
    }
}
