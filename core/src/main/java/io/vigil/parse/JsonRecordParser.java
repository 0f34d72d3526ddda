package io.vigil.parse;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A parser of a JSON format that can also take the record already read, so that {@code auto},
 * which tries several JSON formats on one record, reads it once. The node is not modified.
 */
interface JsonRecordParser extends Parser {

    /** The same answer as {@link #parse(RawEvent)} for the record {@code node} read from {@code raw}. */
    ParseResult parse(RawEvent raw, JsonNode node);
}
