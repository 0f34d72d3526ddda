package io.vigil.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.event.Ecs;
import io.vigil.event.Event;
import java.util.List;
import org.junit.jupiter.api.Test;

class CloudTrailParserTest extends ParserContract {
    private final CloudTrailParser parser = new CloudTrailParser("aws.cloudtrail");

    @Override
    Parser parser() {
        return parser;
    }

    @Override
    String type() {
        return "cloudtrail";
    }

    @Override
    String dataset() {
        return "aws.cloudtrail";
    }

    @Test
    void keepsASingleRecordsRawTextAsItsMessage() {
        String raw = "{ \"eventName\" : \"ListBuckets\", \"eventSource\": \"s3.amazonaws.com\" }";
        assertThat(single(parser.parse(RawEvent.of(raw))).get(Ecs.MESSAGE)).isEqualTo(raw);
    }

    @Test
    void givesOneEventPerRecordOfALogFile() {
        String file = "{\"Records\":[{\"eventName\":\"A\",\"eventTime\":\"2024-01-01T00:00:00Z\"},"
                + "{\"eventName\":\"B\",\"eventTime\":\"2024-01-01T00:00:01Z\"}]}";
        ParseResult result = parser.parse(RawEvent.of(file));
        assertThat(result).isInstanceOf(ParseResult.Parsed.class);
        List<Event> events = ((ParseResult.Parsed) result).events();
        assertThat(events).extracting(e -> e.get(Ecs.EVENT_ACTION)).containsExactly("A", "B");
        assertThat(events).extracting(e -> e.get(Ecs.MESSAGE))
                .containsExactly("{\"eventName\":\"A\",\"eventTime\":\"2024-01-01T00:00:00Z\"}",
                        "{\"eventName\":\"B\",\"eventTime\":\"2024-01-01T00:00:01Z\"}");
    }

    @Test
    void leavesTheTimeUnsetWhenEventTimeIsUnreadable() {
        Event e = single(parser.parse(RawEvent.of("{\"eventName\":\"A\",\"eventTime\":\"yesterday\"}")));
        assertThat(e.timestamp()).isNull();
        assertThat(e.get(Ecs.EVENT_ACTION)).isEqualTo("A");
    }

    @Test
    void namesTheUserAfterTheIdentityOrItsArn() {
        assertThat(CloudTrailParser.userName("alice", "arn:aws:iam::1:user/alice", null)).isEqualTo("alice");
        assertThat(CloudTrailParser.userName(null, "arn:aws:sts::1:assumed-role/Admin/i-0abc", "Admin"))
                .isEqualTo("i-0abc");
        assertThat(CloudTrailParser.userName(null, "arn:aws:iam::1:root", null)).isEqualTo("root");
        assertThat(CloudTrailParser.userName(null, "arn:aws:sts::1:federated-user/Bob", null)).isEqualTo("Bob");
        assertThat(CloudTrailParser.userName(null, "arn:aws:sts::1:assumed-role/Admin/", "Admin")).isEqualTo("Admin");
        assertThat(CloudTrailParser.userName(null, null, null)).isNull();
    }

    @Test
    void readsTheVerbOfAnEventName() {
        assertThat(CloudTrailActions.verb("CreateUser")).isEqualTo("Create");
        assertThat(CloudTrailActions.verb("BatchGetSecretValue")).isEqualTo("Get");
        assertThat(CloudTrailActions.verb("Batch")).isEqualTo("Batch");
        assertThat(CloudTrailActions.verb("")).isEmpty();
        assertThat(CloudTrailActions.classify("BatchGetSecretValue", "secretsmanager.amazonaws.com").type())
                .containsExactly("access");
        assertThat(CloudTrailActions.classify("DeleteLoginProfile", "iam.amazonaws.com").type())
                .containsExactly("deletion", "user");
        assertThat(CloudTrailActions.classify("AddUserToGroup", "iam.amazonaws.com").type())
                .containsExactly("change", "user");
        assertThat(CloudTrailActions.classify(null, null).category()).containsExactly("configuration");
    }

    @Test
    void readsRecordsWithRawControlCharactersInStrings() {
        String raw = "{\"eventName\":\"CreateRole\",\"requestParameters\":{\"doc\":\"a\tb\"}}";
        assertThat(single(parser.parse(RawEvent.of(raw))).get("aws.cloudtrail.request_parameters"))
                .isEqualTo("{\"doc\":\"a\\tb\"}");
    }

    @Test
    void readsRecordsWithLowercasedNamesAsSqlExportsWriteThem() {
        String raw = "{\"eventname\":\"ConsoleLogin\",\"eventsource\":\"signin.amazonaws.com\","
                + "\"eventtime\":\"2023-01-10 21:04:02\",\"useridentity\":{\"type\":\"IAMUser\",\"username\":\"alice\"},"
                + "\"responseelements\":{\"consolelogin\":\"Failure\"},\"requestparameters\":{\"somekey\":1}}";
        Event e = single(parser.parse(RawEvent.of(raw)));
        assertThat(e.get(Ecs.EVENT_ACTION)).isEqualTo("ConsoleLogin");
        assertThat(e.get(Ecs.USER_NAME)).isEqualTo("alice");
        assertThat(e.get(Ecs.EVENT_OUTCOME)).isEqualTo("failure");
        assertThat(e.get("aws.cloudtrail.request_parameters")).isEqualTo("{\"somekey\":1}");
        assertThat(e.get(Ecs.MESSAGE)).isEqualTo(raw);
    }
}
