import ihub.ClientOptions;
import ihub.IhubClient;
import ihub.Json;
import ihub.NotFoundException;
import ihub.RecordsApi;
import ihub.FlowsApi;
import ihub.Webhook;
import ihub.WebhookVerificationException;
import ihub.models.CreateIntegrationRequest;
import ihub.models.GetRunResponse;
import ihub.models.StartFlowRunRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** The live-hub scenario against the generated Java SDK. Input: a JSON file (args[0]); output: one JSON line. */
public final class Scenario {
    public static void main(String[] args) throws Exception {
        Object given = Json.parse(new String(Files.readAllBytes(Path.of(args[0])), StandardCharsets.UTF_8));
        String baseUrl = (String) Json.field(given, "baseUrl");
        IhubClient withKey = new IhubClient(ClientOptions.builder().baseUrl(baseUrl).apiKey((String) Json.field(given, "apiKey")).timeout(Duration.ofSeconds(30)).build());
        IhubClient withOAuth = new IhubClient(ClientOptions.builder().baseUrl(baseUrl).clientCredentials((String) Json.field(given, "clientId"), (String) Json.field(given, "clientSecret")).timeout(Duration.ofSeconds(30)).build());
        String name = (String) Json.field(given, "integrationName");
        String flowId = (String) Json.field(given, "flowId");

        String tenant = withKey.tenants().getCurrentTenant().getCode();
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("folder", Json.field(given, "csvFolder"));
        settings.put("file", name + ".csv");
        String integrationId = withKey.integrations().createIntegration(new CreateIntegrationRequest().setName(name).setConnector("csv").setSettings(settings)).getId();
        String runId = withOAuth.flows().startFlowRun(flowId, new StartFlowRunRequest()).getRunId();
        // Runs finish in the background; the next scenario's run must not find this one still going.
        GetRunResponse run = withOAuth.runs().getRun(runId);
        for (long deadline = System.currentTimeMillis() + 60_000; run.getStatus().value().equals("running") && System.currentTimeMillis() < deadline; run = withOAuth.runs().getRun(runId)) Thread.sleep(200);
        int runs = 0;
        for (Object r : withOAuth.flows().listFlowRunsIter(flowId, new FlowsApi.ListFlowRunsParams().limit(1L))) runs++;
        int records = 0;
        for (Object r : withOAuth.records().listRecordsIter(new RecordsApi.ListRecordsParams().limit(2L))) records++;
        Map<String, Object> notFound = null;
        try {
            withKey.runs().getRun(UUID.randomUUID().toString());
        } catch (NotFoundException e) {
            notFound = new LinkedHashMap<>();
            notFound.put("status", e.status());
            notFound.put("code", e.code());
            notFound.put("hasHeaders", e.headers().containsKey("content-type"));
        }

        Object hook = Json.field(given, "webhook");
        Webhook verifier = new Webhook((String) Json.field(hook, "secret"));
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("webhook-id", (String) Json.field(hook, "id"));
        headers.put("webhook-timestamp", (String) Json.field(hook, "timestamp"));
        headers.put("webhook-signature", (String) Json.field(hook, "signature"));
        String body = (String) Json.field(hook, "body");
        Object payload = verifier.verify(body, headers);
        String tampered = "accepted";
        try {
            verifier.verify(body + " ", headers);
        } catch (WebhookVerificationException e) {
            tampered = "rejected";
        }

        Map<String, Object> out = new LinkedHashMap<>();
        out.put("tenant", tenant);
        out.put("integrationId", integrationId);
        out.put("runId", runId);
        out.put("runStatus", run.getStatus().value());
        out.put("runs", runs);
        out.put("records", records);
        out.put("notFound", notFound);
        Map<String, Object> webhook = new LinkedHashMap<>();
        webhook.put("type", Json.field(payload, "type"));
        webhook.put("tampered", tampered);
        out.put("webhook", webhook);
        System.out.println(Json.write(out));
    }
}
