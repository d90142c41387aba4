using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Ihub;

/// <summary>The live-hub scenario against the generated .NET SDK. Input: a JSON file (args[0]); output: one JSON line.</summary>
public static class Scenario
{
    public static int Main(string[] args)
    {
        Console.WriteLine(Json.Write(RunAsync(args[0]).GetAwaiter().GetResult()));
        return 0;
    }

    private static string Text(object json, string name)
    {
        return (string)Json.Field(json, name);
    }

    private static async Task<Dictionary<string, object>> RunAsync(string inputFile)
    {
        var given = Json.Parse(File.ReadAllText(inputFile));
        var withKey = new IhubClient(new ClientOptions { BaseUrl = Text(given, "baseUrl"), ApiKey = Text(given, "apiKey"), Timeout = TimeSpan.FromSeconds(30) });
        var withOAuth = new IhubClient(new ClientOptions { BaseUrl = Text(given, "baseUrl"), ClientId = Text(given, "clientId"), ClientSecret = Text(given, "clientSecret"), Timeout = TimeSpan.FromSeconds(30) });
        var name = Text(given, "integrationName");
        var flowId = Text(given, "flowId");

        var tenant = await withKey.Tenants.GetCurrentTenantAsync();
        var request = new Ihub.Models.CreateIntegrationRequest { Name = name, Connector = "csv", Settings = new Dictionary<string, object> { { "folder", Text(given, "csvFolder") }, { "file", name + ".csv" } } };
        var created = await withKey.Integrations.CreateIntegrationAsync(request);
        var started = await withOAuth.Flows.StartFlowRunAsync(flowId, new Ihub.Models.StartFlowRunRequest());
        // Runs finish in the background; the next scenario's run must not find this one still going.
        var run = await withOAuth.Runs.GetRunAsync(started.RunId);
        for (var deadline = DateTime.UtcNow.AddSeconds(60); (string)run.Status.Value == "running" && DateTime.UtcNow < deadline; run = await withOAuth.Runs.GetRunAsync(started.RunId)) await Task.Delay(200);
        var runs = 0;
        foreach (var r in withOAuth.Flows.ListFlowRunsIter(flowId, limit: 1)) runs++;
        var records = 0;
        foreach (var r in withOAuth.Records.ListRecordsIter(limit: 2)) records++;
        Dictionary<string, object> notFound = null;
        try
        {
            await withKey.Runs.GetRunAsync(Guid.NewGuid().ToString());
        }
        catch (NotFoundException e)
        {
            notFound = new Dictionary<string, object> { { "status", e.Status }, { "code", e.Code }, { "hasHeaders", e.Headers.ContainsKey("content-type") } };
        }

        var hook = Json.Field(given, "webhook");
        var verifier = new Webhook(Text(hook, "secret"));
        var headers = new Dictionary<string, string> { { "webhook-id", Text(hook, "id") }, { "webhook-timestamp", Text(hook, "timestamp") }, { "webhook-signature", Text(hook, "signature") } };
        var payload = verifier.Verify(Text(hook, "body"), headers);
        var tampered = "accepted";
        try
        {
            verifier.Verify(Text(hook, "body") + " ", headers);
        }
        catch (WebhookVerificationException)
        {
            tampered = "rejected";
        }

        return new Dictionary<string, object>
        {
            { "tenant", tenant.Code },
            { "integrationId", created.Id },
            { "runId", started.RunId },
            { "runStatus", run.Status.Value },
            { "runs", runs },
            { "records", records },
            { "notFound", notFound },
            { "webhook", new Dictionary<string, object> { { "type", Json.Field(payload, "type") }, { "tampered", tampered } } },
        };
    }
}
