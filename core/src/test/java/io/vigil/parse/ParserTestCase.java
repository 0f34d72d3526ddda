package io.vigil.parse;

import java.util.List;

/**
 * The base of the syslog-family parser tests ({@code syslog}, {@code sshd}): the hostile input of
 * {@link HostileInputContract}, every event keeping the raw line in {@code message}. Subclasses
 * name the parser and give valid sample lines, the seeds of mutation.
 */
abstract class ParserTestCase implements HostileInputContract {
    protected abstract Parser parser();

    /** Valid lines of the parser's type: the seeds of mutation. */
    protected abstract List<String> samples();

    @Override
    public Parser parserUnderTest() {
        return parser();
    }

    @Override
    public List<String> validSamples() {
        return samples();
    }

    @Override
    public boolean keepsTheRecordAsMessage() {
        return true;
    }
}
