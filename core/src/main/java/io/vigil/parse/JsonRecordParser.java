package io.vigil.parse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * A parser of a JSON format that can also take the record already read, so that {@code auto},
 * which tries several JSON formats on one record, reads it once. The node is not modified.
 */
interface JsonRecordParser extends Parser {

    /** Reads the record as JSON (text that is not JSON is {@link JsonNodes#invalid}) and parses it. */
    @Override
    default ParseResult parse(RawEvent raw) {
        JsonNode node;
        try {
            node = JsonNodes.read(raw.text());
        } catch (JsonProcessingException e) {
            return JsonNodes.invalid(raw, e);
        }
        return parse(raw, node);
    }

    /** The same answer as {@link #parse(RawEvent)} for the record {@code node} read from {@code raw}. */
    ParseResult parse(RawEvent raw, JsonNode node);
}
