package io.vigil.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * ECS {@code event.category} and {@code event.type} for a CloudTrail {@code eventName}. AWS names
 * every API call verb-first ({@code CreateUser}, {@code DeleteTrail}, {@code BatchGetSecretValue}),
 * so the leading verb decides the type. Sign-ins and credential calls are {@code authentication},
 * Session Manager sessions {@code session}, calls to identity services {@code iam}, and everything
 * else {@code configuration}. Types are limited to those ECS allows for the chosen category.
 * Stateless.
 */
final class CloudTrailActions {
    private CloudTrailActions() {}

    /** ECS categorisation of one call. */
    record Classification(List<String> category, List<String> type) {}

    /** Services whose calls manage identities and permissions. */
    private static final Set<String> IAM_SOURCES = Set.of(
            "iam.amazonaws.com", "sts.amazonaws.com", "sso.amazonaws.com", "identitystore.amazonaws.com",
            "sso-directory.amazonaws.com", "access-analyzer.amazonaws.com");

    /** Calls that hand out credentials or sessions, whatever service logs them. */
    private static final Set<String> AUTHENTICATION = Set.of(
            "ConsoleLogin", "SwitchRole", "AssumeRole", "AssumeRoleWithSAML", "AssumeRoleWithWebIdentity",
            "AssumeRoot", "GetSessionToken", "GetFederationToken", "GetSigninToken", "CheckMfa",
            "ExternalIdPDirectoryLogin", "UserAuthentication", "CredentialChallenge", "CredentialVerification",
            "Federate", "GetRoleCredentials", "CreateToken", "ConsoleLogout", "Logout");

    /** Interactive sessions (Systems Manager Session Manager). */
    private static final Set<String> SESSION = Set.of("StartSession", "ResumeSession", "TerminateSession");

    private static final Set<String> CREATION = Set.of("Create", "Run", "Register", "Allocate", "Import", "Copy",
            "Issue", "Request", "Publish");
    private static final Set<String> DELETION = Set.of("Delete", "Terminate", "Deregister", "Release", "Purge");
    private static final Set<String> CHANGE = Set.of("Put", "Attach", "Detach", "Update", "Modify", "Set", "Add",
            "Remove", "Associate", "Disassociate", "Enable", "Disable", "Start", "Stop", "Reboot", "Reset",
            "Change", "Authorize", "Revoke", "Replace", "Restore", "Tag", "Untag", "Upload", "Apply", "Leave",
            "Accept", "Reject", "Cancel", "Send", "Rotate", "Restart", "Upgrade", "Activate", "Deactivate",
            "Assign", "Unassign", "Grant", "Retire", "Invite", "Share", "Unshare", "Resync", "Invoke", "Execute");
    private static final Set<String> ACCESS = Set.of("Get", "List", "Describe", "Lookup", "Head", "Search",
            "Select", "Query", "Scan", "Decrypt", "Download", "Retrieve", "Check", "Test", "Validate",
            "Simulate", "Verify", "Filter", "Preview", "Batch");

    /** The categorisation of {@code eventName} called on {@code eventSource}; both may be null. */
    static Classification classify(String eventName, String eventSource) {
        String name = eventName == null ? "" : eventName;
        // Set.of(...).contains(null) throws, and both may be missing from a record.
        String source = eventSource == null ? "" : eventSource;
        if (AUTHENTICATION.contains(name) || source.equals("signin.amazonaws.com")) {
            return new Classification(List.of("authentication"), List.of(authenticationType(name)));
        }
        if (SESSION.contains(name)) {
            return new Classification(List.of("session"), List.of(name.equals("TerminateSession") ? "end" : "start"));
        }
        String verb = verb(name);
        if (IAM_SOURCES.contains(source)) {
            return new Classification(List.of("iam"), iamTypes(name, verb));
        }
        return new Classification(List.of("configuration"), List.of(type(name, verb, "access")));
    }

    private static String authenticationType(String name) {
        if (name.equals("ConsoleLogout") || name.equals("Logout")) {
            return "end";
        }
        if (name.equals("ConsoleLogin") || name.equals("SwitchRole") || name.startsWith("Assume")
                || name.equals("Federate")) {
            return "start";
        }
        return "info";
    }

    private static List<String> iamTypes(String name, String verb) {
        List<String> types = new ArrayList<>(2);
        // ECS has no "access" type for iam: reads are "info".
        types.add(type(name, verb, "info"));
        if (name.contains("User") || name.contains("LoginProfile") || name.contains("AccessKey")) {
            types.add("user");
        } else if (name.contains("Group")) {
            types.add("group");
        }
        return List.copyOf(types);
    }

    private static String type(String name, String verb, String read) {
        // ScheduleKeyDeletion and the like delete, whatever their verb.
        if (DELETION.contains(verb) || name.endsWith("Deletion")) {
            return "deletion";
        }
        if (CREATION.contains(verb)) {
            return "creation";
        }
        if (CHANGE.contains(verb)) {
            return "change";
        }
        return ACCESS.contains(verb) ? read : "info";
    }

    /**
     * The leading capitalised word: {@code CreateUser} gives {@code Create}. {@code Batch} is looked
     * through ({@code BatchDeleteImage} is a deletion) unless nothing follows it.
     */
    static String verb(String name) {
        int end = 1;
        while (end < name.length() && !Character.isUpperCase(name.charAt(end))) {
            end++;
        }
        String verb = name.substring(0, Math.min(end, name.length()));
        if (verb.equals("Batch") && end < name.length()) {
            return verb(name.substring(end));
        }
        return verb;
    }
}
